/** A place, by GB/T 2260 administrative division codes (6 digits). */
export interface RegionCode {
  readonly provinceCode: string
  readonly cityCode: string
}

/** What the conflict-of-interest check knows about one party of the case. */
export interface CaseParty {
  readonly partyType: 'person' | 'enterprise'
  /** Person or enterprise name as recorded on the case. */
  readonly name: string
  /** Unified social credit code (enterprise parties). */
  readonly uscc?: string
  /** Keyed hash of a person's name, computed server-side the same way as declared affiliations. */
  readonly nameHash?: string
  /** The party's openid once they use the mini-program: a mediator never mediates their own case. */
  readonly openid?: string
}

/** The facts of a case that recommendation looks at. */
export interface CaseFacts {
  /** Dispute type code from the catalogue. */
  readonly disputeType: string
  /** Finer subject words (e.g. 民间借贷, 保理) matched against mediators' expertise tags. */
  readonly keywords?: readonly string[]
  /** Where the dispute is handled: the applicant's or the subject matter's region. */
  readonly region: RegionCode
  /** Organisations whose jurisdiction covers `region` (see `organisationsCovering`). */
  readonly coveringOrganisationIds?: readonly string[]
  /**
   * Organisations whose type may take this dispute type (see `organisationsHandling`): 劳动争议
   * goes to labour mediation bodies only. When given, mediators of other organisations are left out.
   */
  readonly eligibleOrganisationIds?: readonly string[]
  readonly parties: readonly CaseParty[]
}

/** An enterprise or a person a mediator has declared a relationship with (回避 declarations). */
export type MediatorAffiliation =
  | {
      readonly kind: 'enterprise'
      readonly name: string
      readonly uscc?: string
      readonly relation?: string
    }
  | { readonly kind: 'person'; readonly nameHash: string; readonly relation?: string }

/** One mediator as fetched by the candidate queries (the document's `_id` becomes `mediatorId`). */
export interface MediatorCandidate {
  readonly mediatorId: string
  readonly organisationId: string
  /** Dispute type codes. */
  readonly specialties: readonly string[]
  /** Free expertise words (e.g. 民间借贷, 融资租赁). */
  readonly expertiseTags?: readonly string[]
  readonly region: RegionCode
  readonly currentCaseload: number
  readonly capacity: number
  readonly casesHandled: number
  readonly casesSettled: number
  /** Average rating 1–5, or null while nobody has rated. */
  readonly rating: number | null
  readonly ratingCount: number
  /** Accepting new cases at all. `false` excludes the mediator. */
  readonly available: boolean
  /** On leave until this moment; the leave ends by itself when the time has passed. */
  readonly unavailableUntil?: Date | null
  readonly affiliations?: readonly MediatorAffiliation[]
  readonly openid?: string | null
}

/** Points each factor contributed (0 … its weight); they add up to `score`. */
export interface ScoreBreakdown {
  readonly specialty: number
  readonly region: number
  readonly caseload: number
  readonly successRate: number
  readonly rating: number
  readonly availability: number
}

export interface RankedMediator {
  readonly rank: number
  readonly mediatorId: string
  readonly organisationId: string
  /** 0–100, one decimal. */
  readonly score: number
  readonly breakdown: ScoreBreakdown
  /** Short Chinese reasons, most important first. */
  readonly reasons: readonly string[]
  /** The reasons joined for one line of UI: 擅长该纠纷类型 · 同城 · 当前在办 2 件 · 成功率 86% */
  readonly summary: string
}

export interface ExclusionCounts {
  /** Declared affiliation with a party, or the mediator is a party. */
  readonly conflictOfInterest: number
  /** Current caseload has reached capacity. */
  readonly atCapacity: number
  /** Not accepting cases, or on leave beyond the horizon. */
  readonly unavailable: number
  /** The mediator's organisation may not take this dispute type. */
  readonly organisationIneligible: number
  /** Documents missing the fields scoring needs (skipped rather than failing the whole list). */
  readonly malformed: number
}

export interface Recommendation {
  readonly ranked: readonly RankedMediator[]
  readonly excluded: ExclusionCounts
  /** Distinct candidates that passed every exclusion (before `limit` was applied). */
  readonly eligibleCount: number
}

export interface ScoreOptions {
  /** How many ranked entries to return (default 20, at most 100). */
  readonly limit?: number
  /**
   * Refuse more candidates than this (default MAX_CANDIDATES). The query plan never fetches more;
   * a benchmark's full-scan baseline raises it on purpose.
   */
  readonly maxCandidates?: number
}

export type RecommendationErrorCode =
  'invalid_case_facts' | 'invalid_now' | 'too_many_candidates' | 'invalid_limit'
