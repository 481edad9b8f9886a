// Contract of the `orgDesk` function: the organisation staff's desk — one queue of everything
// waiting for staff, mediator management (including bind codes) and statistics.
import type { DisputeTypeCode } from '../../miniprogram/core/catalogues/dispute-types'
import type { ActionContract } from './envelope'
import type { IsoTime, Page, PageRequest } from './common'

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
  readonly version: number
}

export interface MediatorFields {
  readonly name: string
  readonly title?: string
  readonly specialties: readonly DisputeTypeCode[]
  readonly capacity: number
  readonly available: boolean
  readonly bio?: string
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
  /** First month counted, `YYYY-MM` (China time); default: 12 months back. */
  readonly fromMonth?: string
}

export interface StatisticsResponse {
  readonly totalCases: number
  readonly byDisputeType: readonly { disputeType: string | null; count: number }[]
  readonly byStatus: readonly { status: string; count: number }[]
  /** settled / (settled + closed without agreement); null before any case ended. */
  readonly settlementRate: number | null
  /** Average days from acceptance to the end of mediation, over ended cases. */
  readonly averageDurationDays: number | null
  readonly overdue: { readonly identityReviews: number; readonly queueItems: number }
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
