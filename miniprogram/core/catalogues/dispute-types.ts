import { type Outcome, failure, success } from '../result'

/** Dispute types offered for 商会调解, aligned with the 民事案件案由规定 headings. */
export type DisputeTypeCode =
  | 'sale_contract'
  | 'loan_contract'
  | 'construction_project'
  | 'lease'
  | 'work_and_service'
  | 'transport_logistics'
  | 'equity_and_company'
  | 'partnership'
  | 'intellectual_property'
  | 'labour'
  | 'finance'
  | 'unpaid_accounts'
  | 'other_commercial'

/**
 * Whether a court will confirm an agreement of this type: `not_for_property_or_ip_ownership` warns
 * that agreements confirming ownership of property (物权) or IP (知识产权) — typical in IP, equity
 * and partnership disputes — are refused (民诉法解释 第357条).
 */
export type CourtConfirmable = 'yes' | 'not_for_property_or_ip_ownership'

/** One dispute type of the catalogue. */
export interface DisputeType {
  readonly code: DisputeTypeCode
  readonly label: string
  /** Words in a description that suggest this type (mediator recommendation, type suggestion). */
  readonly keywords: readonly string[]
  readonly courtConfirmable: CourtConfirmable
  /** Only a labour dispute mediation organisation may take it (劳动争议调解仲裁法 第10条). */
  readonly labourBodyOnly: boolean
}

const entry = (
  code: DisputeTypeCode,
  label: string,
  keywords: readonly string[],
  courtConfirmable: CourtConfirmable = 'yes',
  labourBodyOnly = false,
): DisputeType => ({ code, label, keywords, courtConfirmable, labourBodyOnly })

/** The dispute types, in display order. */
export const DISPUTE_TYPES: readonly DisputeType[] = [
  entry('sale_contract', '买卖合同纠纷', [
    '买卖',
    '采购',
    '供货',
    '销售',
    '质量',
    '交货',
    '退货',
    '订单',
  ]),
  entry('loan_contract', '借款合同纠纷', [
    '借款',
    '借贷',
    '民间借贷',
    '利息',
    '借条',
    '欠条',
    '还款',
    '贷款',
  ]),
  entry('construction_project', '建设工程合同纠纷', [
    '工程',
    '施工',
    '工程款',
    '装修',
    '分包',
    '验收',
    '结算',
    '监理',
  ]),
  entry('lease', '租赁合同纠纷', [
    '租赁',
    '租金',
    '房租',
    '押金',
    '出租',
    '承租',
    '厂房',
    '设备租赁',
  ]),
  entry('work_and_service', '承揽、加工及服务合同纠纷', [
    '承揽',
    '加工',
    '定作',
    '服务',
    '委托',
    '技术服务',
    '咨询',
    '外包',
  ]),
  entry('transport_logistics', '运输、物流合同纠纷', [
    '运输',
    '物流',
    '货运',
    '快递',
    '仓储',
    '运费',
    '货损',
    '提单',
  ]),
  entry(
    'equity_and_company',
    '股权及公司纠纷',
    ['股权', '股东', '出资', '股权转让', '公司决议', '分红', '增资', '章程'],
    'not_for_property_or_ip_ownership',
  ),
  entry(
    'partnership',
    '合伙纠纷',
    ['合伙', '合伙人', '入伙', '退伙', '合伙协议', '利润分配', '合作经营'],
    'not_for_property_or_ip_ownership',
  ),
  entry(
    'intellectual_property',
    '知识产权纠纷',
    ['知识产权', '著作权', '版权', '商标', '专利', '不正当竞争', '商业秘密', '侵权'],
    'not_for_property_or_ip_ownership',
  ),
  entry(
    'labour',
    '劳动争议',
    ['劳动', '工资', '欠薪', '社保', '工伤', '解除劳动合同', '加班', '经济补偿'],
    'yes',
    true,
  ),
  entry('finance', '金融纠纷（保理、融资租赁、票据、保险）', [
    '保理',
    '融资租赁',
    '票据',
    '汇票',
    '保险',
    '理赔',
    '担保',
    '应收账款',
  ]),
  entry('unpaid_accounts', '拖欠账款、货款纠纷', [
    '欠款',
    '拖欠',
    '货款',
    '账款',
    '催收',
    '对账',
    '逾期付款',
    '尾款',
  ]),
  entry('other_commercial', '其他商事纠纷', ['商事', '合作', '违约', '赔偿', '纠纷']),
]

/** Whether `value` is a known dispute type code. */
export function isDisputeTypeCode(value: unknown): value is DisputeTypeCode {
  return DISPUTE_TYPES.some((type) => type.code === value)
}

/** The catalogue entry for a dispute type code. */
export function getDisputeType(code: unknown): Outcome<DisputeType, 'DISPUTE_TYPE_UNKNOWN'> {
  const found = DISPUTE_TYPES.find((type) => type.code === code)
  return found === undefined
    ? failure('DISPUTE_TYPE_UNKNOWN', '纠纷类型无效，请重新选择', 'disputeType')
    : success(found)
}
