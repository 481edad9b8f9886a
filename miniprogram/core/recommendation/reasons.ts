import type { Availability, RegionMatch, SpecialtyMatch } from './factors'
import { MIN_CASES_FOR_RATE_REASON, MIN_RATINGS_FOR_RATING_REASON } from './weights'

// Reasons are read by parties in China about dates in China, whatever zone the server runs in.
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000

const SPECIALTY_REASON: Readonly<Record<SpecialtyMatch, string | null>> = {
  exact: '擅长该纠纷类型',
  related: '擅长相关纠纷类型',
  keyword: '熟悉相关领域',
  none: null,
}

const REGION_REASON: Readonly<Record<RegionMatch, string | null>> = {
  sameCity: '同城',
  sameProvince: '同省',
  jurisdiction: '所属调解组织受理本地案件',
  none: null,
}

export interface ReasonInput {
  readonly specialty: SpecialtyMatch
  readonly region: RegionMatch
  readonly currentCaseload: number
  readonly casesHandled: number
  readonly casesSettled: number
  readonly rating: number | null
  readonly ratingCount: number
  readonly availability: Availability
}

/** Chinese reasons in the order a party weighs them. Small samples show counts, not rates. */
export function buildReasons(input: ReasonInput): string[] {
  const reasons: string[] = []
  const specialty = SPECIALTY_REASON[input.specialty]
  if (specialty !== null) reasons.push(specialty)
  const region = REGION_REASON[input.region]
  if (region !== null) reasons.push(region)
  reasons.push(`当前在办 ${input.currentCaseload} 件`)
  if (input.casesHandled >= MIN_CASES_FOR_RATE_REASON) {
    const settled = Math.min(input.casesSettled, input.casesHandled)
    reasons.push(`成功率 ${Math.round((settled / input.casesHandled) * 100)}%`)
  } else if (input.casesHandled > 0) {
    reasons.push(`已调结 ${Math.min(input.casesSettled, input.casesHandled)} 件`)
  } else {
    reasons.push('新入驻调解员')
  }
  if (
    input.rating !== null &&
    input.ratingCount >= MIN_RATINGS_FOR_RATING_REASON &&
    input.rating >= 1 &&
    input.rating <= 5
  ) {
    reasons.push(`评分 ${input.rating.toFixed(1)}`)
  }
  if (input.availability.kind === 'leave') {
    const local = new Date(input.availability.until.getTime() + BEIJING_OFFSET_MS)
    reasons.push(`${local.getUTCMonth() + 1}月${local.getUTCDate()}日起可接案`)
  }
  return reasons
}

export const REASON_SEPARATOR = ' · '
