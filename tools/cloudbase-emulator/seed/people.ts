import { DEMO_MEDIATORS, demoMediatorOpenid } from './demo-mediators'
import { buildOrganisations, type SeedOrganisation } from './organisations'
import { REFERENCE_DATE } from './reference-date'

export type SeedUserRole =
  'applicant' | 'respondent' | 'enterprise_representative' | 'stranger' | 'mediator' | 'staff'

/** One switchable demo identity: the web simulator's "who am I" menu and the e2e harness. */
export interface SeedUser {
  readonly openid: string
  /** Chinese, e.g. 申请人 张伟. */
  readonly label: string
  readonly role: SeedUserRole
}

export interface SeedStaffMember {
  readonly _id: string
  readonly openid: string
  readonly organisationId: string
  readonly name: string
  readonly role: 'reviewer'
  readonly active: boolean
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

/** A `users` document: display data only. Identity comes from verification, never from here. */
export interface SeedUserDoc {
  readonly _id: string
  readonly openid: string
  /** Set like a client write would, so client security rules (`doc._openid == auth.openid`) apply. */
  readonly _openid: string
  readonly displayName: string
  readonly avatarColor: string
  /** The enterprise a representative acts for (display only; verified separately). */
  readonly enterpriseName: string | null
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

interface DemoParty {
  readonly openid: string
  readonly name: string
  readonly role: SeedUserRole
  readonly label: string
  readonly enterpriseName: string | null
  readonly avatarColor: string
}

/** The demo enterprise: a party in the enterprise journeys; demo mediator 刘洋 declared it. */
export const DEMO_ENTERPRISE_NAME = '杭州云启科技有限公司'

const DEMO_PARTIES: readonly DemoParty[] = [
  {
    openid: 'o_party_applicant',
    name: '张伟',
    role: 'applicant',
    label: '申请人 张伟',
    enterpriseName: null,
    avatarColor: '#0052D9',
  },
  {
    openid: 'o_party_respondent',
    name: '王芳',
    role: 'respondent',
    label: '被申请人 王芳',
    enterpriseName: null,
    avatarColor: '#2BA471',
  },
  {
    openid: 'o_party_enterprise',
    name: '李娜',
    role: 'enterprise_representative',
    label: '企业代表 李娜（杭州云启科技）',
    enterpriseName: DEMO_ENTERPRISE_NAME,
    avatarColor: '#E37318',
  },
  {
    openid: 'o_party_stranger',
    name: '赵磊',
    role: 'stranger',
    label: '访客 赵磊',
    enterpriseName: null,
    avatarColor: '#7E2CD2',
  },
]

// One reviewer per organisation, keyed by the organisation's slug.
const STAFF_NAMES: Readonly<Record<string, string>> = {
  beijing: '赵丽华',
  shanghai: '孙文斌',
  guangzhou: '黄嘉欣',
  shenzhen: '郑海涛',
  shenzhen_labour: '吴晓梅',
  hangzhou: '钱思远',
  zhejiang: '沈佳怡',
  chengdu: '杨雪',
  wuhan: '胡振东',
  xian: '马立新',
  fuzhou: '林芳',
  nanjing: '徐晨',
  suzhou: '顾雅婷',
  wuhan_labour: '何永春',
}

export function staffOpenid(org: SeedOrganisation): string {
  return `o_staff_${org.slug}`
}

export function buildStaffMembers(
  organisations: readonly SeedOrganisation[],
  referenceDate: Date,
): SeedStaffMember[] {
  return organisations.map((org) => ({
    _id: `staff_${org.slug}`,
    openid: staffOpenid(org),
    organisationId: org._id,
    name: STAFF_NAMES[org.slug] ?? `${org.shortName}工作人员`,
    role: 'reviewer',
    active: true,
    version: 1,
    createdAt: referenceDate,
    updatedAt: referenceDate,
  }))
}

/** Switchable identities: the four demo parties, the bound mediators, and every organisation's reviewer. */
export function buildSeedUsers(organisations: readonly SeedOrganisation[]): SeedUser[] {
  const parties = DEMO_PARTIES.map(({ openid, label, role }) => ({ openid, label, role }))
  const mediators = DEMO_MEDIATORS.map((m, i) => ({
    openid: demoMediatorOpenid(i),
    label: `调解员 ${m.name}`,
    role: 'mediator' as const,
  }))
  const staff = organisations.map((org) => ({
    openid: staffOpenid(org),
    label: `工作人员 ${STAFF_NAMES[org.slug] ?? ''}（${org.shortName}）`,
    role: 'staff' as const,
  }))
  return [...parties, ...mediators, ...staff]
}

/**
 * Every switchable demo identity. Importing this module does not load pinyin-pro, so the web
 * simulator can use it in a page.
 */
export const SEED_USERS: readonly SeedUser[] = buildSeedUsers(buildOrganisations(REFERENCE_DATE))

export function buildUserDocs(
  staff: readonly SeedStaffMember[],
  referenceDate: Date,
): SeedUserDoc[] {
  const doc = (
    openid: string,
    displayName: string,
    avatarColor: string,
    enterpriseName: string | null,
  ): SeedUserDoc => ({
    _id: openid,
    openid,
    _openid: openid,
    displayName,
    avatarColor,
    enterpriseName,
    version: 1,
    createdAt: referenceDate,
    updatedAt: referenceDate,
  })
  return [
    ...DEMO_PARTIES.map((p) => doc(p.openid, p.name, p.avatarColor, p.enterpriseName)),
    ...DEMO_MEDIATORS.map((m, i) => doc(demoMediatorOpenid(i), m.name, '#0052D9', null)),
    ...staff.map((s) => doc(s.openid, s.name, '#029CD4', null)),
  ]
}
