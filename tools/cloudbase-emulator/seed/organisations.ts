import { REGIONS, type RegionKey, type SeedRegion } from './regions'

export type SeedOrganisationType =
  'people_mediation_committee' | 'commercial_mediation_org' | 'labour_mediation_org'

export interface SeedCourt {
  readonly name: string
  readonly level: 'basic' | 'intermediate'
  readonly region: SeedRegion
}

export interface SeedOrganisation {
  readonly _id: string
  /** Short ascii name: staff openids and ids derive from it. */
  readonly slug: string
  readonly name: string
  readonly shortName: string
  readonly type: SeedOrganisationType
  readonly region: SeedRegion
  /** Region codes (city or province) it accepts filings from. */
  readonly jurisdiction: readonly string[]
  /** Seat of the organisation: one statutory basis for choosing the confirming court. */
  readonly address: string
  readonly contact: { readonly phone: string; readonly hours: string }
  readonly mediationPeriodDays: 30 | 45
  readonly courts: readonly SeedCourt[]
  /** Fee-charging is allowed for 商事调解组织 only (商事调解条例 第16条). */
  readonly chargesFees: boolean
  readonly introduction: string
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

interface OrganisationSpec {
  readonly slug: string
  readonly name: string
  readonly shortName: string
  readonly type: SeedOrganisationType
  readonly region: RegionKey
  /** Extra regions beyond its own city. */
  readonly alsoCovers?: readonly string[]
  readonly address: string
  readonly phone: string
  readonly period?: 45
  /** The federation that guides it, when not the city's. */
  readonly guidedBy?: string
  readonly courts: readonly (readonly [string, 'basic' | 'intermediate'])[]
}

// Fictional demo organisations modelled on the ACFIC bodies that run chamber mediation. Phone
// numbers and street numbers are made up; court names follow the usual naming of local courts.
const SPECS: readonly OrganisationSpec[] = [
  {
    slug: 'beijing',
    name: '北京市工商联商会调解中心',
    shortName: '北京商会调解中心',
    type: 'commercial_mediation_org',
    region: 'beijing',
    address: '北京市西城区复兴门内大街 101 号 5 层',
    phone: '010-6601 0001',
    courts: [
      ['北京市西城区人民法院', 'basic'],
      ['北京市第二中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'shanghai',
    name: '上海市工商联人民调解委员会',
    shortName: '上海工商联人调委',
    type: 'people_mediation_committee',
    region: 'shanghai',
    address: '上海市黄浦区延安东路 128 号 12 层',
    phone: '021-6302 0002',
    courts: [
      ['上海市黄浦区人民法院', 'basic'],
      ['上海市第二中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'guangzhou',
    name: '广州市工商联商会调解中心',
    shortName: '广州商会调解中心',
    type: 'commercial_mediation_org',
    region: 'guangzhou',
    alsoCovers: ['440600', '441900'],
    address: '广州市越秀区东风中路 305 号 8 层',
    phone: '020-8310 0003',
    courts: [
      ['广州市越秀区人民法院', 'basic'],
      ['广州市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'shenzhen',
    name: '深圳市工商联商事调解中心',
    shortName: '深圳商事调解中心',
    type: 'commercial_mediation_org',
    region: 'shenzhen',
    address: '深圳市福田区深南大道 6008 号 20 层',
    phone: '0755-8210 0004',
    period: 45,
    courts: [
      ['深圳市福田区人民法院', 'basic'],
      ['深圳市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'shenzhen_labour',
    name: '深圳市工商联劳动争议调解中心',
    shortName: '深圳工商联劳动争议调解中心',
    type: 'labour_mediation_org',
    region: 'shenzhen',
    address: '深圳市福田区深南大道 6008 号 21 层',
    phone: '0755-8210 0014',
    courts: [
      ['深圳市福田区人民法院', 'basic'],
      ['深圳市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'hangzhou',
    name: '杭州市工商联商会人民调解委员会',
    shortName: '杭州工商联人调委',
    type: 'people_mediation_committee',
    region: 'hangzhou',
    address: '杭州市上城区解放东路 18 号 6 层',
    phone: '0571-8705 0005',
    courts: [
      ['杭州市上城区人民法院', 'basic'],
      ['杭州市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'zhejiang',
    name: '浙江省工商联商会调解中心',
    shortName: '浙江商会调解中心',
    type: 'commercial_mediation_org',
    region: 'hangzhou',
    alsoCovers: ['330000'],
    guidedBy: '浙江省工商业联合会',
    address: '杭州市西湖区省府路 8 号 3 层',
    phone: '0571-8705 0015',
    period: 45,
    courts: [
      ['杭州市西湖区人民法院', 'basic'],
      ['杭州市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'chengdu',
    name: '成都市工商联商会调解中心',
    shortName: '成都商会调解中心',
    type: 'commercial_mediation_org',
    region: 'chengdu',
    address: '成都市青羊区人民中路 66 号 9 层',
    phone: '028-8601 0006',
    courts: [
      ['成都市青羊区人民法院', 'basic'],
      ['成都市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'wuhan',
    name: '武汉市工商联商会人民调解委员会',
    shortName: '武汉工商联人调委',
    type: 'people_mediation_committee',
    region: 'wuhan',
    address: '武汉市江岸区沿江大道 188 号 7 层',
    phone: '027-8277 0007',
    courts: [
      ['武汉市江岸区人民法院', 'basic'],
      ['武汉市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'xian',
    name: '西安市工商联商会调解中心',
    shortName: '西安商会调解中心',
    type: 'commercial_mediation_org',
    region: 'xian',
    address: '西安市莲湖区北大街 99 号 10 层',
    phone: '029-8721 0008',
    period: 45,
    courts: [
      ['西安市莲湖区人民法院', 'basic'],
      ['西安市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'fuzhou',
    name: '福州市工商联商会调解中心',
    shortName: '福州商会调解中心',
    type: 'commercial_mediation_org',
    region: 'fuzhou',
    alsoCovers: ['350000'],
    address: '福州市鼓楼区五四路 158 号 11 层',
    phone: '0591-8753 0009',
    courts: [
      ['福州市鼓楼区人民法院', 'basic'],
      ['福州市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'nanjing',
    name: '南京市工商联商会人民调解委员会',
    shortName: '南京工商联人调委',
    type: 'people_mediation_committee',
    region: 'nanjing',
    address: '南京市玄武区北京东路 41 号 4 层',
    phone: '025-8451 0010',
    courts: [
      ['南京市玄武区人民法院', 'basic'],
      ['南京市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'suzhou',
    name: '苏州市工商联商会调解中心',
    shortName: '苏州商会调解中心',
    type: 'commercial_mediation_org',
    region: 'suzhou',
    alsoCovers: ['320200'],
    address: '苏州市姑苏区人民路 1088 号 6 层',
    phone: '0512-6522 0011',
    courts: [
      ['苏州市姑苏区人民法院', 'basic'],
      ['苏州市中级人民法院', 'intermediate'],
    ],
  },
  {
    slug: 'wuhan_labour',
    name: '武汉市工商联劳动争议调解委员会',
    shortName: '武汉工商联劳动争议调委会',
    type: 'labour_mediation_org',
    region: 'wuhan',
    address: '武汉市江岸区沿江大道 188 号 8 层',
    phone: '027-8277 0017',
    courts: [
      ['武汉市江岸区人民法院', 'basic'],
      ['武汉市中级人民法院', 'intermediate'],
    ],
  },
]

const TYPE_INTRO: Readonly<Record<SeedOrganisationType, string>> = {
  people_mediation_committee: '依照《人民调解法》设立，调解不收取任何费用。',
  commercial_mediation_org: '依照《商事调解条例》开展商事调解，收费标准向社会公开。',
  labour_mediation_org: '专门调解企业与劳动者之间的劳动争议，调解不收费。',
}

const DAY_MS = 24 * 60 * 60 * 1000

export function buildOrganisations(referenceDate: Date): SeedOrganisation[] {
  return SPECS.map((spec, index) => {
    const region = REGIONS[spec.region]
    const createdAt = new Date(referenceDate.getTime() - (720 - index * 11) * DAY_MS)
    return {
      _id: `org_${spec.slug}`,
      slug: spec.slug,
      name: spec.name,
      shortName: spec.shortName,
      type: spec.type,
      region,
      jurisdiction: [region.cityCode, ...(spec.alsoCovers ?? [])],
      address: spec.address,
      contact: { phone: spec.phone, hours: '工作日 9:00–17:30' },
      mediationPeriodDays: spec.period ?? 30,
      courts: spec.courts.map(([name, level]) => ({ name, level, region })),
      chargesFees: spec.type === 'commercial_mediation_org',
      introduction: `${spec.name}由${spec.guidedBy ?? `${region.cityName}工商业联合会`}指导，${TYPE_INTRO[spec.type]}`,
      version: 1,
      createdAt,
      updatedAt: createdAt,
    }
  })
}
