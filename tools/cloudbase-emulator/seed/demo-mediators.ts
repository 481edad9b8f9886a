import type { MediatorAffiliation } from '../../../miniprogram/core/recommendation'
import type { SeedDisputeType } from './dispute-types'

export type SeedAffiliation = MediatorAffiliation & { readonly relation: string }

/** The bound demo account of the i-th demo mediator (0-based): o_mediator_0001 … */
export function demoMediatorOpenid(index: number): string {
  return `o_mediator_${String(index + 1).padStart(4, '0')}`
}

export interface DemoMediatorSpec {
  readonly name: string
  readonly organisationId: string
  readonly specialties: readonly SeedDisputeType[]
  readonly expertiseTags: readonly string[]
  readonly title: string
  readonly background: string
  readonly years: number
  readonly handled: number
  readonly settled: number
  readonly rating: number
  readonly ratingCount: number
  readonly caseload: number
  readonly capacity: number
  readonly affiliations: readonly SeedAffiliation[]
}

/**
 * The five mediators bound to demo accounts (`o_mediator_0001`…), hand-written so the demo
 * journeys are predictable: 林志强 of the Zhejiang centre suits the demo sales-contract case in
 * Hangzhou, and 刘洋 declared the demo enterprise, so recommendation must exclude him for it.
 */
export const DEMO_MEDIATORS: readonly DemoMediatorSpec[] = [
  {
    name: '王建国',
    organisationId: 'org_beijing',
    specialties: ['sale_contract', 'unpaid_accounts', 'loan_contract'],
    expertiseTags: ['货款追索', '民间借贷'],
    title: '首席调解员',
    background: '退休法官',
    years: 22,
    handled: 410,
    settled: 312,
    rating: 4.8,
    ratingCount: 186,
    caseload: 3,
    capacity: 12,
    affiliations: [],
  },
  {
    name: '陈静',
    organisationId: 'org_shanghai',
    specialties: ['construction_project', 'lease', 'work_and_service'],
    expertiseTags: ['工程款结算', '商铺租赁'],
    title: '高级调解员',
    background: '执业律师',
    years: 12,
    handled: 168,
    settled: 121,
    rating: 4.7,
    ratingCount: 90,
    caseload: 5,
    capacity: 10,
    affiliations: [],
  },
  {
    name: '刘洋',
    organisationId: 'org_hangzhou',
    specialties: ['intellectual_property', 'equity_and_company', 'sale_contract'],
    expertiseTags: ['商标', '股权转让'],
    title: '高级调解员',
    background: '企业法务负责人',
    years: 9,
    handled: 96,
    settled: 70,
    rating: 4.6,
    ratingCount: 51,
    caseload: 2,
    capacity: 8,
    affiliations: [
      {
        kind: 'enterprise',
        name: '杭州云启科技有限公司',
        uscc: '91330106MA2H8K3Q1F',
        relation: '曾任法律顾问',
      },
    ],
  },
  {
    name: '周敏',
    organisationId: 'org_shenzhen_labour',
    specialties: ['labour'],
    expertiseTags: ['劳动报酬', '经济补偿'],
    title: '调解员',
    background: '人力资源管理师',
    years: 6,
    handled: 74,
    settled: 49,
    rating: 4.5,
    ratingCount: 33,
    caseload: 4,
    capacity: 10,
    affiliations: [],
  },
  {
    name: '林志强',
    organisationId: 'org_zhejiang',
    specialties: ['sale_contract', 'finance', 'unpaid_accounts'],
    expertiseTags: ['国际贸易', '保理', '应收账款'],
    title: '首席调解员',
    background: '注册会计师',
    years: 18,
    handled: 265,
    settled: 205,
    rating: 4.9,
    ratingCount: 140,
    caseload: 2,
    capacity: 12,
    affiliations: [],
  },
]
