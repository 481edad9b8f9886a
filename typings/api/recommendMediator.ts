// Contract of the `recommendMediator` function: ranked recommendations for a case, search by
// name / pinyin / initials with filters, a mediator's public profile, and the applicant's choice.
import type { ActionContract } from './envelope'
import type { Page } from './common'
import type { CaseStatus } from '../../miniprogram/core/machines/mediation-case'
import type { ExclusionCounts, ScoreBreakdown } from '../../miniprogram/core/recommendation/types'

export type { ExclusionCounts, ScoreBreakdown }

/** What anyone may see of a mediator: never the openid, never the declared affiliations. */
export interface MediatorPublicCard {
  readonly mediatorId: string
  readonly name: string
  readonly title: string | null
  readonly organisationId: string
  readonly organisationName: string | null
  readonly cityName: string | null
  readonly specialties: readonly { readonly code: string; readonly label: string }[]
  readonly expertiseTags: readonly string[]
  /** Average 1–5 (one decimal), null until rated. */
  readonly rating: number | null
  readonly ratingCount: number
  readonly casesHandled: number
  readonly avatarText: string
  readonly avatarColor: string
  /** Accepting new cases now (available, not on leave, below capacity). */
  readonly acceptingCases: boolean
}

export interface MediatorProfile extends MediatorPublicCard {
  readonly bio: string | null
  readonly yearsOfPractice: number | null
  /** Settled / handled in percent, shown only from 10 closed cases on; else null. */
  readonly successRatePercent: number | null
  readonly currentCaseload: number
  readonly capacity: number
  readonly unavailableUntil: string | null
}

export interface RecommendRequest {
  readonly caseId: string
  /** How many to return (default 10, at most 50). */
  readonly limit?: number
}

export interface RecommendedMediator {
  readonly rank: number
  readonly score: number
  readonly breakdown: ScoreBreakdown
  readonly reasons: readonly string[]
  /** 擅长该纠纷类型 · 同城 · 当前在办 2 件 · 成功率 86% */
  readonly summary: string
  readonly mediator: MediatorPublicCard
}

export interface RecommendResponse {
  readonly caseId: string
  readonly items: readonly RecommendedMediator[]
  readonly excluded: ExclusionCounts
  readonly eligibleCount: number
  /** How many candidates the indexed queries fetched (never the whole collection). */
  readonly candidateCount: number
}

export interface SearchFilters {
  /** Dispute type code from the catalogue. */
  readonly specialty?: string
  readonly organisationId?: string
  /** GB/T 2260 city code. */
  readonly city?: string
}

export interface SearchRequest {
  /** Name, full pinyin or initials (prefix): 张, 张伟, zhang, zhangw, zw. */
  readonly keyword?: string
  readonly filters?: SearchFilters
  readonly page?: number
  readonly pageSize?: number
}

export interface ProfileRequest {
  readonly mediatorId: string
}

export interface ChooseRequest {
  readonly caseId: string
  readonly mediatorId: string
}

export interface ChooseResponse {
  readonly caseId: string
  readonly status: CaseStatus
  readonly statusLabel: string
  readonly mediatorId: string
  readonly version: number
}

export type RecommendMediatorContracts = {
  readonly recommend: ActionContract<RecommendRequest, RecommendResponse, 'INVALID_TRANSITION'>
  readonly search: ActionContract<
    SearchRequest,
    Page<MediatorPublicCard>,
    'SEARCH_CRITERIA_REQUIRED'
  >
  readonly profile: ActionContract<ProfileRequest, MediatorProfile, never>
  readonly choose: ActionContract<
    ChooseRequest,
    ChooseResponse,
    | 'INVALID_TRANSITION'
    | 'MEDIATOR_UNAVAILABLE'
    | 'MEDIATOR_AT_CAPACITY'
    | 'MEDIATOR_DECLINED'
    | 'CONFLICT_OF_INTEREST'
  >
}
