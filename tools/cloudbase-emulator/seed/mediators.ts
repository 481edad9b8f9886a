import type { SeedAffiliation } from './demo-mediators'
import {
  COMMERCIAL_DISPUTE_TYPES,
  EXPERTISE_TAGS,
  SEED_DISPUTE_TYPES,
  SPECIALTY_WEIGHTS,
  type SeedDisputeType,
} from './dispute-types'
import { DEMO_MEDIATORS, demoMediatorOpenid, type DemoMediatorSpec } from './demo-mediators'
import { enterprise } from './enterprises'
import { personName } from './names'
import { buildOrganisations, type SeedOrganisation } from './organisations'
import { createRng, type Rng } from './prng'
import { DEFAULT_SEED, REFERENCE_DATE } from './reference-date'
import { sameProvinceCities, type SeedRegion } from './regions'
import { searchKeysFor } from './search-keys'

const DAY_MS = 24 * 60 * 60 * 1000

export interface SeedMediator {
  readonly _id: string
  readonly name: string
  readonly organisationId: string
  readonly specialties: readonly SeedDisputeType[]
  readonly expertiseTags: readonly string[]
  readonly region: SeedRegion
  /** Average 1–5 with one decimal; null until someone rated. */
  readonly rating: number | null
  readonly ratingCount: number
  readonly casesHandled: number
  readonly casesSettled: number
  readonly currentCaseload: number
  readonly capacity: number
  readonly available: boolean
  readonly unavailableUntil: Date | null
  readonly title: string
  readonly bio: string
  readonly yearsOfPractice: number
  readonly affiliations: readonly SeedAffiliation[]
  /** Name, full pinyin, initials (see `mediatorSearchKeys`). */
  readonly searchKeys: readonly string[]
  /** Every prefix of the search keys: search is `where({ searchPrefixes: keyword })`. */
  readonly searchPrefixes: readonly string[]
  /** Text avatar: the surname on a colour, so no image is fetched from anywhere. */
  readonly avatarText: string
  readonly avatarColor: string
  /** Bound WeChat account, or null until the mediator redeems a bind code. */
  readonly openid: string | null
  readonly bindCodeHash: string | null
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

export interface GenerateMediatorsOptions {
  readonly referenceDate?: Date
  readonly organisations?: readonly SeedOrganisation[]
}

// TDesign brand and functional colours, readable with white text.
const AVATAR_COLORS = ['#0052D9', '#2BA471', '#E37318', '#D54941', '#029CD4', '#7E2CD2', '#C9353F']

const BACKGROUNDS = [
  '执业律师',
  '企业法务负责人',
  '退休法官',
  '商会秘书长',
  '注册会计师',
  '行业协会专家',
  '仲裁员',
  '高校法学教师',
]

const RELATIONS = ['曾任法律顾问', '持有股份', '近亲属任高管', '曾在该企业任职']

// Busier chambers get more mediators; labour bodies are small.
function organisationWeight(org: SeedOrganisation): number {
  if (org.type === 'labour_mediation_org') return 2
  if (['org_beijing', 'org_shanghai', 'org_shenzhen', 'org_guangzhou'].includes(org._id)) return 6
  return 4
}

export function mediatorId(index: number): string {
  return `med_${String(index + 1).padStart(6, '0')}`
}

function specialtiesFor(rng: Rng, org: SeedOrganisation): SeedDisputeType[] {
  // 劳动争议 belongs to labour mediation bodies only, and they take nothing else.
  if (org.type === 'labour_mediation_org') return ['labour']
  const count = rng.weighted([1, 2, 3, 4], [30, 40, 22, 8])
  const chosen: SeedDisputeType[] = []
  while (chosen.length < count) {
    const rest = COMMERCIAL_DISPUTE_TYPES.filter((t) => !chosen.includes(t))
    chosen.push(
      rng.weighted(
        rest,
        rest.map((t) => SPECIALTY_WEIGHTS[t]),
      ),
    )
  }
  return chosen
}

/** Cities an organisation's mediators may live in besides its own: those it has jurisdiction over. */
function awayCities(org: SeedOrganisation): SeedRegion[] {
  return sameProvinceCities(org.region).filter(
    (r) => org.jurisdiction.includes(r.cityCode) || org.jurisdiction.includes(r.provinceCode),
  )
}

function regionFor(rng: Rng, org: SeedOrganisation, others: readonly SeedRegion[]): SeedRegion {
  const provincial = org.jurisdiction.includes(org.region.provinceCode)
  const away = provincial ? 0.5 : 0.12
  return others.length > 0 && rng.chance(away) ? rng.pick(others) : org.region
}

function titleFor(rng: Rng, years: number): string {
  if (rng.chance(0.1)) return '特邀调解员'
  if (years >= 15) return rng.chance(0.35) ? '首席调解员' : '高级调解员'
  if (years >= 6) return rng.chance(0.45) ? '高级调解员' : '调解员'
  return '调解员'
}

function bioFor(
  background: string,
  specialties: readonly SeedDisputeType[],
  years: number,
): string {
  const labels = specialties.map((t) => SEED_DISPUTE_TYPES[t]).join('、')
  return `${background}，从事商事调解 ${years} 年，擅长${labels}纠纷。`
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function demoMediator(
  index: number,
  spec: DemoMediatorSpec,
  org: SeedOrganisation,
  ref: Date,
): SeedMediator {
  const createdAt = new Date(ref.getTime() - (400 + index * 30) * DAY_MS)
  return {
    _id: mediatorId(index),
    name: spec.name,
    organisationId: org._id,
    specialties: spec.specialties,
    expertiseTags: spec.expertiseTags,
    region: org.region,
    rating: spec.rating,
    ratingCount: spec.ratingCount,
    casesHandled: spec.handled,
    casesSettled: spec.settled,
    currentCaseload: spec.caseload,
    capacity: spec.capacity,
    available: true,
    unavailableUntil: null,
    title: spec.title,
    bio: bioFor(spec.background, spec.specialties, spec.years),
    yearsOfPractice: spec.years,
    affiliations: spec.affiliations,
    ...searchKeysFor(spec.name),
    avatarText: spec.name.charAt(0),
    avatarColor: AVATAR_COLORS[index % AVATAR_COLORS.length] ?? '#0052D9',
    openid: demoMediatorOpenid(index),
    bindCodeHash: null,
    version: 1,
    createdAt,
    updatedAt: createdAt,
  }
}

function generatedMediator(
  rng: Rng,
  index: number,
  orgs: readonly SeedOrganisation[],
  weights: readonly number[],
  away: ReadonlyMap<string, readonly SeedRegion[]>,
  ref: Date,
): SeedMediator {
  const org = rng.weighted(orgs, weights)
  const region = regionFor(rng, org, away.get(org._id) ?? [])
  const { name, surname } = personName(rng)
  const specialties = specialtiesFor(rng, org)
  const tagPool = specialties.flatMap((t) => EXPERTISE_TAGS[t])
  const expertiseTags = rng.sample(tagPool, rng.int(0, Math.min(3, tagPool.length)))
  const newcomer = rng.chance(0.05)
  const years = newcomer ? 1 : rng.weighted([2, 4, 7, 10, 14, 20, 25], [8, 18, 24, 20, 14, 10, 6])
  const handled = newcomer ? rng.int(0, 3) : years * rng.int(3, 14)
  const settled = Math.round(handled * (0.35 + rng.next() * 0.55))
  const ratingCount = Math.round(handled * (0.3 + rng.next() * 0.5))
  const rating = ratingCount === 0 ? null : Math.min(5, round1(3.6 + rng.next() * 1.4))
  const capacity = rng.int(5, 15)
  const currentCaseload = rng.chance(0.08) ? capacity : rng.int(0, capacity - 1)
  const available = rng.chance(0.94)
  const onLeave = available && rng.chance(0.05)
  const unavailableUntil = onLeave ? new Date(ref.getTime() + rng.int(1, 20) * DAY_MS) : null
  const affiliations: SeedAffiliation[] = rng.chance(0.15)
    ? Array.from({ length: rng.int(1, 2) }, () => ({
        kind: 'enterprise' as const,
        ...enterprise(rng, region),
        relation: rng.pick(RELATIONS),
      }))
    : []
  const background = rng.pick(BACKGROUNDS)
  const createdAt = new Date(ref.getTime() - rng.int(30, 1500) * DAY_MS)
  const updatedAt = new Date(
    Math.min(ref.getTime(), createdAt.getTime() + rng.int(0, 200) * DAY_MS),
  )
  return {
    _id: mediatorId(index),
    name,
    organisationId: org._id,
    specialties,
    expertiseTags,
    region,
    rating,
    ratingCount,
    casesHandled: handled,
    casesSettled: settled,
    currentCaseload,
    capacity,
    available,
    unavailableUntil,
    title: titleFor(rng, years),
    bio: bioFor(background, specialties, years),
    yearsOfPractice: years,
    affiliations,
    ...searchKeysFor(name),
    avatarText: surname.charAt(0),
    avatarColor: rng.pick(AVATAR_COLORS),
    openid: null,
    bindCodeHash: null,
    version: 1,
    createdAt,
    updatedAt,
  }
}

/**
 * `n` mediators: the five bound demo mediators first, then generated ones. One random stream per
 * seed, drawn in order, so the first k of `generateMediators(n)` equal `generateMediators(k)`.
 */
export function generateMediators(
  n: number,
  seed: string = DEFAULT_SEED,
  options: GenerateMediatorsOptions = {},
): SeedMediator[] {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError('mediator count must be a whole number ≥ 0')
  const ref = options.referenceDate ?? REFERENCE_DATE
  const orgs = options.organisations ?? buildOrganisations(ref)
  const byId = new Map(orgs.map((o) => [o._id, o]))
  const weights = orgs.map(organisationWeight)
  const away = new Map(orgs.map((o) => [o._id, awayCities(o)]))
  const rng = createRng(`${seed}:mediators`)
  const out: SeedMediator[] = []
  for (let i = 0; i < n; i += 1) {
    const spec = DEMO_MEDIATORS[i]
    const org = spec === undefined ? undefined : byId.get(spec.organisationId)
    out.push(
      spec !== undefined && org !== undefined
        ? demoMediator(i, spec, org, ref)
        : generatedMediator(rng, i, orgs, weights, away, ref),
    )
  }
  return out
}
