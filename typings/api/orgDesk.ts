// Contract of the `orgDesk` function: the organisation staff's desk — one queue of everything
// waiting for staff, mediator management (including bind codes) and statistics.
import type { DisputeTypeCode } from '../../miniprogram/core/catalogues/dispute-types'
import type { ActionContract } from './envelope'
import type { IsoTime, Page, PageRequest } from './common'
import type { PendingClaim } from './verifyIdentity'

export type QueueKind =
  'identity_review' | 'filing' | 'judicial_confirmation' | 'document_request' | 'withdrawal_request'

export interface QueueRequest extends PageRequest {
  readonly kind?: QueueKind
}

export interface QueueItem {
  readonly kind: QueueKind
  readonly kindLabel: string
  /** Id of the document in its own collection (identities, filings, …). */
  readonly id: string
  readonly caseNumber: string | null
  /** The case the item belongs to (confirmations and document requests are addressed by it). */
  readonly caseId: string | null
  /** The filing of a filing or a withdrawal request (the desk decides both on the filing). */
  readonly filingId: string | null
  readonly waitingSince: IsoTime
  /** When the organisation's service level says it should be done. */
  readonly dueAt: IsoTime
  readonly overdue: boolean
  /** "剩余 3 小时 12 分钟" / "已到期". */
  readonly dueText: string
  /** Who is reviewing an identity review (领取审核, see verifyIdentity); null otherwise. */
  readonly claim: PendingClaim | null
}

export interface QueueResponse extends Page<QueueItem> {
  readonly overdueCount: number
}

export interface MediatorItem {
  readonly mediatorId: string
  readonly name: string
  readonly title: string | null
  readonly specialties: readonly DisputeTypeCode[]
  readonly capacity: number
  readonly currentCaseload: number
  readonly available: boolean
  readonly bio: string | null
  /** Whether a WeChat account is bound to this mediator. */
  readonly bound: boolean
  /** `138****5678`; the full number is kept encrypted and never answered. */
  readonly maskedPhone: string | null
  /** City codes (GB/T 2260) the mediator serves, from the region catalogue; the first is home. */
  readonly regions: readonly string[]
  readonly version: number
}

export interface MediatorFields {
  readonly name: string
  readonly title?: string
  readonly specialties: readonly DisputeTypeCode[]
  readonly capacity: number
  readonly available: boolean
  readonly bio?: string
  /** Mainland mobile number, checked by the core validator; stored encrypted and masked. */
  readonly phone?: string
  /** City codes from the region catalogue (`REGION_OPTIONS`); the first is the home city. */
  readonly regions?: readonly string[]
}

export interface UpdateMediatorRequest extends Partial<MediatorFields> {
  readonly mediatorId: string
  readonly version: number
}

export interface IssueBindCodeRequest {
  readonly mediatorId: string
}

export interface IssueBindCodeResponse {
  /** Shown once; only its keyed hash is stored. */
  readonly code: string
  readonly expiresAt: IsoTime
}

export interface StatisticsRequest {
  /** First month counted, `YYYY-MM` (China time); default: 5 months before `toMonth`. */
  readonly fromMonth?: string
  /** Last month counted, `YYYY-MM` (China time); default: the current month. At most 24 months. */
  readonly toMonth?: string
}

export interface StatisticsResponse {
  /** The range counted (cases submitted in it); the overdue counts are of now, whatever the range. */
  readonly fromMonth: string
  readonly toMonth: string
  readonly totalCases: number
  readonly byDisputeType: readonly { disputeType: string | null; count: number }[]
  readonly byStatus: readonly { status: string; count: number }[]
  /** settled / (settled + closed without agreement); null before any case ended. */
  readonly settlementRate: number | null
  /** Average days from acceptance to the end of mediation, over ended cases. */
  readonly averageDurationDays: number | null
  readonly overdue: { readonly identityReviews: number; readonly queueItems: number }
  /** Every month of the range, months without cases included. */
  readonly byMonth: readonly { month: string; submitted: number; settled: number }[]
  readonly byMediator: readonly {
    mediatorId: string
    name: string
    cases: number
    settled: number
  }[]
}

export type OrgDeskErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'INVALID_NAME'

export interface OrgDeskContracts {
  readonly queue: ActionContract<QueueRequest, QueueResponse, never>
  readonly listMediators: ActionContract<PageRequest, Page<MediatorItem>, never>
  readonly createMediator: ActionContract<MediatorFields, MediatorItem, 'INVALID_NAME'>
  readonly updateMediator: ActionContract<UpdateMediatorRequest, MediatorItem, OrgDeskErrorCode>
  readonly issueBindCode: ActionContract<
    IssueBindCodeRequest,
    IssueBindCodeResponse,
    'NOT_FOUND' | 'ALREADY_BOUND'
  >
  readonly statistics: ActionContract<StatisticsRequest, StatisticsResponse, never>
}
