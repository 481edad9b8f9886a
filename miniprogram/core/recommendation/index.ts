export { hasConflictOfInterest, partyKeys, type PartyKeys } from './conflict'
export {
  organisationsCovering,
  organisationsHandling,
  type OrganisationJurisdiction,
  type OrganisationKind,
} from './jurisdiction'
export { normaliseEntityName, normaliseUscc } from './normalise'
export {
  CANDIDATE_QUERY_LIMIT,
  candidateQueryPlan,
  MAX_JURISDICTION_IDS,
  MAX_QUERY_CANDIDATES,
  unionCandidates,
  type CandidateQuery,
  type CandidateQueryId,
  type CandidateQueryPlan,
  type QueryCondition,
  type QueryOrder,
} from './query-plan'
export { REASON_SEPARATOR } from './reasons'
export { relatedDisputeTypes } from './related-types'
export { scoreMediators } from './score'
export {
  MAX_KEYWORD_LENGTH,
  MAX_NAME_LENGTH,
  MAX_PREFIX_LENGTH,
  mediatorSearchKeys,
  mediatorSearchPrefixes,
  normaliseSearchKeyword,
  normaliseSyllable,
  type SearchKeyErrorCode,
  type SearchKeyword,
} from './search-keys'
export type * from './types'
export * from './weights'
