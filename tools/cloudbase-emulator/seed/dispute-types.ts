import type { DisputeTypeCode } from '../../../miniprogram/core/catalogues'

// Dispute type codes as the seed uses them, with the labels bios are written from. They follow
// the dispute-type catalogue in miniprogram/core/catalogues/ (checked at compile time and by a test).
export const SEED_DISPUTE_TYPES = {
  sale_contract: '买卖合同',
  loan_contract: '借款合同',
  construction_project: '建设工程',
  lease: '租赁合同',
  work_and_service: '承揽服务',
  transport_logistics: '运输物流',
  equity_and_company: '股权与公司',
  partnership: '合伙',
  intellectual_property: '知识产权',
  labour: '劳动争议',
  finance: '金融',
  unpaid_accounts: '拖欠账款',
  other_commercial: '其他商事',
} as const satisfies Record<DisputeTypeCode, string>

export type SeedDisputeType = keyof typeof SEED_DISPUTE_TYPES

export const COMMERCIAL_DISPUTE_TYPES: readonly SeedDisputeType[] = [
  'sale_contract',
  'loan_contract',
  'construction_project',
  'lease',
  'work_and_service',
  'transport_logistics',
  'equity_and_company',
  'partnership',
  'intellectual_property',
  'finance',
  'unpaid_accounts',
  'other_commercial',
]

// How often each type is a mediator's specialty: contract and payment disputes dominate chamber
// caseloads; IP and equity need rarer expertise.
export const SPECIALTY_WEIGHTS: Readonly<Record<SeedDisputeType, number>> = {
  sale_contract: 18,
  loan_contract: 12,
  construction_project: 10,
  lease: 8,
  work_and_service: 8,
  transport_logistics: 5,
  equity_and_company: 6,
  partnership: 5,
  intellectual_property: 5,
  labour: 0,
  finance: 6,
  unpaid_accounts: 14,
  other_commercial: 3,
}

/** Finer expertise words per type; mediators carry some as `expertiseTags`. */
export const EXPERTISE_TAGS: Readonly<Record<SeedDisputeType, readonly string[]>> = {
  sale_contract: ['货物买卖', '质量异议', '国际贸易'],
  loan_contract: ['民间借贷', '企业借贷', '担保'],
  construction_project: ['工程款结算', '工程质量', '分包'],
  lease: ['厂房租赁', '商铺租赁', '设备租赁'],
  work_and_service: ['加工承揽', '技术服务', '委托合同'],
  transport_logistics: ['货运代理', '仓储', '快递物流'],
  equity_and_company: ['股权转让', '股东出资', '公司决议'],
  partnership: ['合伙协议', '退伙结算'],
  intellectual_property: ['商标', '著作权', '专利', '不正当竞争'],
  labour: ['劳动报酬', '社会保险', '工伤', '经济补偿'],
  finance: ['保理', '融资租赁', '票据', '保险'],
  unpaid_accounts: ['货款追索', '应收账款', '对账'],
  other_commercial: ['特许经营', '供应链'],
}
