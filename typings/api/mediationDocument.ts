// Contract of the `mediationDocument` function: a party of a settled case asks the organisation
// for a mediation document (调解书); staff process it and issue the document or refuse with a reason.
import type {
  DocumentRequestCommand,
  DocumentRequestStatus,
} from '../../miniprogram/core/machines/document-request'
import type { ActionContract } from './envelope'
import type { IsoTime } from './common'

export interface DocumentRequestView {
  readonly requestId: string
  readonly caseId: string
  readonly caseNumber: string
  readonly status: DocumentRequestStatus
  readonly statusLabel: string
  readonly appliedByMe: boolean
  readonly allowedActions: readonly DocumentRequestCommand[]
  readonly appliedAt: IsoTime
  readonly processingAt: IsoTime | null
  /** 调解书编号 (WS…), once issued. */
  readonly documentNumber: string | null
  readonly documentFileId: string | null
  readonly issuedAt: IsoTime | null
  readonly rejectReason: string | null
}

export interface DocumentCaseRef {
  readonly caseId: string
}

/** Either a file staff uploaded, or `generate: true` to render it from the agreement. */
export type IssueDocumentRequest =
  | { readonly caseId: string; readonly documentFileId: string }
  | { readonly caseId: string; readonly generate: true }

export interface RejectDocumentRequest {
  readonly caseId: string
  readonly reason: string
}

export type MediationDocumentErrorCodes =
  | 'NOT_SETTLED'
  | 'NO_AGREEMENT'
  | 'ALREADY_APPLIED'
  | 'NO_DOCUMENT_REQUEST'
  | 'INVALID_TRANSITION'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'FILE_NOT_OWNED'
  | 'CONTENT_RISKY'

export interface MediationDocumentContracts {
  readonly apply: ActionContract<DocumentCaseRef, DocumentRequestView, MediationDocumentErrorCodes>
  readonly withdraw: ActionContract<
    DocumentCaseRef,
    DocumentRequestView,
    MediationDocumentErrorCodes
  >
  readonly status: ActionContract<
    DocumentCaseRef,
    DocumentRequestView | null,
    MediationDocumentErrorCodes
  >
  readonly process: ActionContract<
    DocumentCaseRef,
    DocumentRequestView,
    MediationDocumentErrorCodes
  >
  readonly issue: ActionContract<
    IssueDocumentRequest,
    DocumentRequestView,
    MediationDocumentErrorCodes
  >
  readonly reject: ActionContract<
    RejectDocumentRequest,
    DocumentRequestView,
    MediationDocumentErrorCodes
  >
}
