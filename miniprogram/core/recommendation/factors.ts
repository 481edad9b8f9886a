import { relatedDisputeTypes } from './related-types'
import type { CaseFacts, MediatorCandidate } from './types'
import {
  LEAVE_HORIZON_DAYS,
  RATING_PRIOR_COUNT,
  RATING_PRIOR_MEAN,
  type REGION_MATCH,
  type SPECIALTY_MATCH,
  SUCCESS_PRIOR_FAILED,
  SUCCESS_PRIOR_SETTLED,
} from './weights'

const DAY_MS = 24 * 60 * 60 * 1000

export type SpecialtyMatch = keyof typeof SPECIALTY_MATCH
export type RegionMatch = keyof typeof REGION_MATCH

/** A count as stored can be anything a document holds; scoring treats junk as zero. */
export function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0
}

export function specialtyMatch(facts: CaseFacts, candidate: MediatorCandidate): SpecialtyMatch {
  const specialties = candidate.specialties
  if (specialties.includes(facts.disputeType)) return 'exact'
  if (relatedDisputeTypes(facts.disputeType).some((code) => specialties.includes(code))) {
    return 'related'
  }
  const keywords = facts.keywords ?? []
  const tags = candidate.expertiseTags ?? []
  const tagged = keywords.some(
    (word) => word !== '' && tags.some((tag) => tag.includes(word) || word.includes(tag)),
  )
  return tagged ? 'keyword' : 'none'
}

export function regionMatch(facts: CaseFacts, candidate: MediatorCandidate): RegionMatch {
  if (candidate.region.cityCode === facts.region.cityCode) return 'sameCity'
  if (candidate.region.provinceCode === facts.region.provinceCode) return 'sameProvince'
  if ((facts.coveringOrganisationIds ?? []).includes(candidate.organisationId)) {
    return 'jurisdiction'
  }
  return 'none'
}

/** Share of capacity still free, 0–1. */
export function caseloadFactor(currentCaseload: number, capacity: number): number {
  if (capacity <= 0) return 0
  return Math.max(0, 1 - currentCaseload / capacity)
}

/** Posterior mean of the settlement rate under the Beta prior. */
export function smoothedSuccessRate(settled: number, handled: number): number {
  const s = Math.min(settled, handled)
  return (s + SUCCESS_PRIOR_SETTLED) / (handled + SUCCESS_PRIOR_SETTLED + SUCCESS_PRIOR_FAILED)
}

/** Rating pulled towards the prior mean, mapped from 1–5 to 0–1. */
export function ratingFactor(rating: number | null, ratingCount: number): number {
  const valid = rating !== null && Number.isFinite(rating) && rating >= 1 && rating <= 5
  const n = valid ? ratingCount : 0
  const mean =
    ((valid ? rating : 0) * n + RATING_PRIOR_MEAN * RATING_PRIOR_COUNT) / (n + RATING_PRIOR_COUNT)
  return (mean - 1) / 4
}

export type Availability =
  | { readonly kind: 'now' }
  | { readonly kind: 'leave'; readonly until: Date; readonly factor: number }
  | { readonly kind: 'excluded' }

export function availability(candidate: MediatorCandidate, now: Date): Availability {
  if (candidate.available !== true) return { kind: 'excluded' }
  const until = candidate.unavailableUntil
  if (until == null || !(until instanceof Date) || Number.isNaN(until.getTime())) {
    return { kind: 'now' }
  }
  const days = (until.getTime() - now.getTime()) / DAY_MS
  if (days <= 0) return { kind: 'now' }
  if (days >= LEAVE_HORIZON_DAYS) return { kind: 'excluded' }
  return { kind: 'leave', until, factor: 1 - days / LEAVE_HORIZON_DAYS }
}
