import { failure, type Outcome, success } from '../result'
import { hasConflictOfInterest, partyKeys } from './conflict'
import {
  type Availability,
  availability,
  caseloadFactor,
  count,
  ratingFactor,
  regionMatch,
  smoothedSuccessRate,
  specialtyMatch,
} from './factors'
import { buildReasons, REASON_SEPARATOR, type ReasonInput } from './reasons'
import type {
  CaseFacts,
  MediatorCandidate,
  Recommendation,
  RecommendationErrorCode,
  RankedMediator,
  ScoreBreakdown,
  ScoreOptions,
} from './types'
import { validateCaseFacts, validateNow } from './validate'
import {
  DEFAULT_LIMIT,
  MAX_CANDIDATES,
  MAX_LIMIT,
  RECOMMENDATION_WEIGHTS as W,
  REGION_MATCH,
  SPECIALTY_MATCH,
} from './weights'

interface Scored {
  readonly entry: Omit<RankedMediator, 'rank' | 'reasons' | 'summary'>
  readonly reasonInput: ReasonInput
  // Sort keys copied flat so the comparator reads no nested objects (it runs n·log n times).
  readonly score: number
  readonly specialty: number
  readonly region: number
  /** Unrounded smoothed success rate, a tie-breaker that rewards track record. */
  readonly success: number
  readonly id: string
}

type ActiveAvailability = Exclude<Availability, { readonly kind: 'excluded' }>

function round1(value: number): number {
  return Math.round(value * 10) / 10
}

function isCandidate(value: unknown): value is MediatorCandidate {
  if (typeof value !== 'object' || value === null) return false
  const c = value as Record<string, unknown>
  const region = c.region as Record<string, unknown> | null | undefined
  return (
    typeof c.mediatorId === 'string' &&
    c.mediatorId !== '' &&
    typeof c.organisationId === 'string' &&
    Array.isArray(c.specialties) &&
    typeof region === 'object' &&
    region !== null &&
    typeof region.cityCode === 'string' &&
    typeof region.provinceCode === 'string' &&
    (c.affiliations === undefined || Array.isArray(c.affiliations)) &&
    (c.expertiseTags === undefined || Array.isArray(c.expertiseTags))
  )
}

function scoreOne(facts: CaseFacts, c: MediatorCandidate, avail: ActiveAvailability): Scored {
  const availabilityFactor = avail.kind === 'now' ? 1 : avail.factor
  const caseload = count(c.currentCaseload)
  const handled = count(c.casesHandled)
  const settled = Math.min(count(c.casesSettled), handled)
  const ratingCount = count(c.ratingCount)
  const specialty = specialtyMatch(facts, c)
  const region = regionMatch(facts, c)
  const success = smoothedSuccessRate(settled, handled)
  const breakdown: ScoreBreakdown = {
    specialty: round1(W.specialty * SPECIALTY_MATCH[specialty]),
    region: round1(W.region * REGION_MATCH[region]),
    caseload: round1(W.caseload * caseloadFactor(caseload, count(c.capacity))),
    successRate: round1(W.successRate * success),
    rating: round1(W.rating * ratingFactor(c.rating, ratingCount)),
    availability: round1(W.availability * availabilityFactor),
  }
  const score = round1(
    breakdown.specialty +
      breakdown.region +
      breakdown.caseload +
      breakdown.successRate +
      breakdown.rating +
      breakdown.availability,
  )
  return {
    entry: { mediatorId: c.mediatorId, organisationId: c.organisationId, score, breakdown },
    reasonInput: {
      specialty,
      region,
      currentCaseload: caseload,
      casesHandled: handled,
      casesSettled: settled,
      rating: typeof c.rating === 'number' ? c.rating : null,
      ratingCount,
      availability: avail,
    },
    score,
    specialty: breakdown.specialty,
    region: breakdown.region,
    success,
    id: c.mediatorId,
  }
}

// Plain code-unit comparison: localeCompare depends on the runtime's ICU data.
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function compareScored(a: Scored, b: Scored): number {
  return (
    b.score - a.score ||
    b.specialty - a.specialty ||
    b.region - a.region ||
    b.success - a.success ||
    compareIds(a.id, b.id)
  )
}

/**
 * Ranks candidate mediators for a case. Mediators with a conflict of interest, a full caseload or
 * no availability are left out and counted. Duplicates (the candidate queries overlap) count once.
 * Same input, same output: ties are broken by factor points and finally by mediator id.
 */
export function scoreMediators(
  caseFacts: CaseFacts,
  candidates: readonly MediatorCandidate[],
  now: Date,
  options: ScoreOptions = {},
): Outcome<Recommendation, RecommendationErrorCode> {
  const facts = validateCaseFacts(caseFacts)
  if (!facts.ok) return facts
  const clock = validateNow(now)
  if (!clock.ok) return clock
  if (!Array.isArray(candidates)) {
    return failure('invalid_case_facts', '候选调解员列表无效', 'candidates')
  }
  const maxCandidates = options.maxCandidates ?? MAX_CANDIDATES
  if (!Number.isInteger(maxCandidates) || maxCandidates < 1) {
    return failure('invalid_limit', '候选数量上限无效', 'maxCandidates')
  }
  if (candidates.length > maxCandidates) {
    return failure(
      'too_many_candidates',
      `候选调解员过多（最多 ${maxCandidates} 名）`,
      'candidates',
    )
  }
  const limit = options.limit ?? DEFAULT_LIMIT
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    return failure('invalid_limit', `推荐数量应为 1–${MAX_LIMIT}`, 'limit')
  }

  const keys = partyKeys(facts.value.parties)
  const seen = new Set<string>()
  const scored: Scored[] = []
  let conflictOfInterest = 0
  let atCapacity = 0
  let unavailable = 0
  let malformed = 0
  let organisationIneligible = 0
  const eligible =
    facts.value.eligibleOrganisationIds === undefined
      ? undefined
      : new Set(facts.value.eligibleOrganisationIds)

  for (const candidate of candidates as readonly unknown[]) {
    if (!isCandidate(candidate)) {
      malformed += 1
      continue
    }
    if (seen.has(candidate.mediatorId)) continue
    seen.add(candidate.mediatorId)
    if (eligible !== undefined && !eligible.has(candidate.organisationId)) {
      organisationIneligible += 1
      continue
    }
    if (hasConflictOfInterest(candidate, keys)) {
      conflictOfInterest += 1
      continue
    }
    const capacity = count(candidate.capacity)
    const caseload = count(candidate.currentCaseload)
    if (capacity === 0 || caseload >= capacity) {
      atCapacity += 1
      continue
    }
    const avail = availability(candidate, clock.value)
    if (avail.kind === 'excluded') {
      unavailable += 1
      continue
    }
    scored.push(scoreOne(facts.value, candidate, avail))
  }

  scored.sort(compareScored)
  const ranked: RankedMediator[] = scored.slice(0, limit).map((s, index) => {
    const reasons = buildReasons(s.reasonInput)
    return { ...s.entry, rank: index + 1, reasons, summary: reasons.join(REASON_SEPARATOR) }
  })
  return success({
    ranked,
    excluded: { conflictOfInterest, atCapacity, unavailable, organisationIneligible, malformed },
    eligibleCount: scored.length,
  })
}
