import { type Outcome, success } from '../result'
import { relatedDisputeTypes } from './related-types'
import type { CaseFacts, RecommendationErrorCode } from './types'
import { validateCaseFacts } from './validate'

/**
 * One condition of a CloudBase `where`. `arrayContains` is plain equality on an array field
 * (`{ specialties: 'lease' }`); `in` is `_.in(values)`, which on an array field matches when any
 * element is listed.
 */
export type QueryCondition =
  | { readonly field: string; readonly op: 'eq'; readonly value: string | boolean }
  | { readonly field: string; readonly op: 'arrayContains'; readonly value: string }
  | { readonly field: string; readonly op: 'in'; readonly value: readonly string[] }

export interface QueryOrder {
  readonly field: string
  readonly direction: 'asc' | 'desc'
}

export type CandidateQueryId =
  | 'specialty_city'
  | 'related_city'
  | 'specialty_jurisdiction'
  | 'specialty_province'
  | 'city_any'
  | 'specialty_any'

export interface CandidateQuery {
  readonly id: CandidateQueryId
  /** All conditions hold (AND). */
  readonly where: readonly QueryCondition[]
  readonly orderBy: readonly QueryOrder[]
  readonly limit: number
  /**
   * The compound equality index that serves this query, as declared in database/indexes.json;
   * the order is applied to its hits.
   */
  readonly index: readonly string[]
}

export interface CandidateQueryPlan {
  readonly collection: 'mediators'
  /** Run in order; union the results by `_id` (first seen wins) and stop at `maxCandidates`. */
  readonly queries: readonly CandidateQuery[]
  readonly maxCandidates: number
}

// 100 is CloudBase's default page for a server-side get: one round trip per query.
export const CANDIDATE_QUERY_LIMIT = 100
// Six queries of 100 overlap a lot; 400 distinct candidates is ample for a top-20 list and keeps
// scoring well under a millisecond per candidate budget.
export const MAX_QUERY_CANDIDATES = 400
/** `_.in` lists above this size are split by CloudBase anyway; more organisations add nothing. */
export const MAX_JURISDICTION_IDS = 50

// Most settled cases first: when a query matches thousands of mediators, the page we keep should
// be the experienced ones. `_id` makes the order total, so every run fetches the same page.
const ORDER: readonly QueryOrder[] = [
  { field: 'casesSettled', direction: 'desc' },
  { field: '_id', direction: 'asc' },
]

const AVAILABLE: QueryCondition = { field: 'available', op: 'eq', value: true }

function query(
  id: CandidateQueryId,
  where: readonly QueryCondition[],
  index: readonly string[],
): CandidateQuery {
  return { id, where: [...where, AVAILABLE], orderBy: ORDER, limit: CANDIDATE_QUERY_LIMIT, index }
}

/**
 * The indexed queries that fetch recommendation candidates for a case, best-matching first, so
 * the server never scans the whole mediators collection. The union is then ranked by
 * `scoreMediators`.
 */
export function candidateQueryPlan(
  caseFacts: CaseFacts,
): Outcome<CandidateQueryPlan, RecommendationErrorCode> {
  const checked = validateCaseFacts(caseFacts)
  if (!checked.ok) return checked
  const facts = checked.value
  const type = facts.disputeType
  const { cityCode, provinceCode } = facts.region
  const bySpecialty: QueryCondition = { field: 'specialties', op: 'arrayContains', value: type }
  const queries: CandidateQuery[] = [
    query(
      'specialty_city',
      [bySpecialty, { field: 'region.cityCode', op: 'eq', value: cityCode }],
      ['specialties', 'region.cityCode', 'available'],
    ),
  ]
  const related = relatedDisputeTypes(type)
  if (related.length > 0) {
    queries.push(
      query(
        'related_city',
        [
          { field: 'specialties', op: 'in', value: related },
          { field: 'region.cityCode', op: 'eq', value: cityCode },
        ],
        ['specialties', 'region.cityCode', 'available'],
      ),
    )
  }
  const covering = [...new Set(facts.coveringOrganisationIds ?? [])]
    .sort()
    .slice(0, MAX_JURISDICTION_IDS)
  if (covering.length > 0) {
    queries.push(
      query(
        'specialty_jurisdiction',
        [bySpecialty, { field: 'organisationId', op: 'in', value: covering }],
        ['specialties', 'organisationId', 'available'],
      ),
    )
  }
  queries.push(
    query(
      'specialty_province',
      [bySpecialty, { field: 'region.provinceCode', op: 'eq', value: provinceCode }],
      ['specialties', 'region.provinceCode', 'available'],
    ),
    query(
      'city_any',
      [{ field: 'region.cityCode', op: 'eq', value: cityCode }],
      ['region.cityCode', 'available'],
    ),
    query('specialty_any', [bySpecialty], ['specialties', 'available']),
  )
  return success({ collection: 'mediators', queries, maxCandidates: MAX_QUERY_CANDIDATES })
}

/** Union of query results by id, first occurrence kept, in query order, at most `cap` items. */
export function unionCandidates<T>(
  batches: readonly (readonly T[])[],
  idOf: (item: T) => string,
  cap: number = MAX_QUERY_CANDIDATES,
): T[] {
  const seen = new Set<string>()
  const out: T[] = []
  for (const batch of batches) {
    for (const item of batch) {
      if (out.length >= cap) return out
      const id = idOf(item)
      if (seen.has(id)) continue
      seen.add(id)
      out.push(item)
    }
  }
  return out
}
