// Contract of the `mediatorDesk` function: a mediator binds their account with a code from the
// organisation, works the cases assigned to them, drafts the agreement and closes cases.
import type { CaseStatus, CloseReasonKind } from '../../miniprogram/core/machines/mediation-case'
import type { ActionContract } from './envelope'
import type { IsoTime, Page, PageRequest } from './common'
import type { AgreementTermsInput, AgreementView } from './signAgreement'

export interface BindMediatorRequest {
  /** The bind code staff issued (letters and digits; spaces and dashes are ignored). */
  readonly code: string
}

export interface BindMediatorResponse {
  readonly mediatorId: string
  readonly organisationId: string
  readonly name: string
}

/** 待受理 / 调解中 / 已结束. */
export type DeskTab = 'pending' | 'active' | 'closed'

export interface ListAssignedRequest extends PageRequest {
  readonly tab: DeskTab
}

export interface AssignedCase {
  readonly caseId: string
  readonly caseNumber: string
  readonly status: CaseStatus
  readonly statusLabel: string
  readonly tab: DeskTab
  readonly disputeType: string | null
  readonly applicantName: string
  readonly respondentName: string
  /** Mediation period end (from acceptance), for active cases. */
  readonly deadline: IsoTime | null
  /** "剩余 3 天 4 小时" / "已到期". */
  readonly deadlineText: string | null
  readonly updatedAt: IsoTime | null
}

export interface DeskCaseRequest {
  readonly caseId: string
}

export interface DeskDeclineRequest {
  readonly caseId: string
  readonly reason: string
}

/** The case's state after a desk action. */
export interface DeskCaseState {
  readonly caseId: string
  readonly status: CaseStatus
  readonly statusLabel: string
  readonly version: number
  readonly mediationDeadline: IsoTime | null
}

export interface AddNoteRequest {
  readonly caseId: string
  readonly text: string
}

export interface NoteResponse {
  readonly noteId: string
  readonly at: IsoTime
  /** Content security asked for a human look (the note is kept and marked). */
  readonly flagged: boolean
}

export interface DraftAgreementRequest {
  readonly caseId: string
  /** 纠纷的主要事实、争议事项. */
  readonly facts: string
  readonly terms: AgreementTermsInput
}

export interface ReviseAgreementRequest extends DraftAgreementRequest {
  /** The version being revised (refused if someone revised it meanwhile). */
  readonly version: number
}

export interface SendForSigningRequest {
  readonly caseId: string
  readonly version: number
}

export interface CloseCaseRequest {
  readonly caseId: string
  /** `failed`: 调解不成功; `terminated`: 调解终结 (e.g. a party cannot be reached). */
  readonly kind: 'failed' | 'terminated'
  readonly reason: string
}

export interface CloseCaseResponse extends DeskCaseState {
  readonly closeReason: CloseReasonKind
  /** The parties may now file the case online (在线立案). */
  readonly filingUnlocked: boolean
}

export type DeskErrorCode =
  | 'BIND_CODE_INVALID'
  | 'BIND_CODE_EXPIRED'
  | 'BIND_CODE_USED'
  | 'ALREADY_BOUND'
  | 'INVALID_TRANSITION'
  | 'NOT_ASSIGNED_MEDIATOR'
  | 'MEDIATOR_NOT_CHOSEN'
  | 'AGREEMENT_EXISTS'
  | 'NO_AGREEMENT'
  | 'STALE_REVISION'
  | 'INCOMPLETE_SIGNERS'
  | 'NOT_AGREEMENT_MEDIATOR'
  | 'CONTENT_RISKY'

export interface MediatorDeskContracts {
  readonly bind: ActionContract<BindMediatorRequest, BindMediatorResponse, DeskErrorCode>
  readonly listAssigned: ActionContract<ListAssignedRequest, Page<AssignedCase>, never>
  readonly accept: ActionContract<DeskCaseRequest, DeskCaseState, DeskErrorCode>
  readonly decline: ActionContract<DeskDeclineRequest, DeskCaseState, DeskErrorCode>
  readonly addNote: ActionContract<AddNoteRequest, NoteResponse, DeskErrorCode>
  readonly draftAgreement: ActionContract<DraftAgreementRequest, AgreementView, DeskErrorCode>
  readonly reviseAgreement: ActionContract<ReviseAgreementRequest, AgreementView, DeskErrorCode>
  readonly sendForSigning: ActionContract<SendForSigningRequest, AgreementView, DeskErrorCode>
  readonly closeCase: ActionContract<CloseCaseRequest, CloseCaseResponse, DeskErrorCode>
}
