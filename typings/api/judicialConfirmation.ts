// Contract of the `judicialConfirmation` function: after a settlement, the parties jointly apply
// for judicial confirmation (司法确认). The ACFIC organisation relays the application to the
// court; only the court rules, and staff record its ruling.
import type {
  ConfirmationCommand,
  ConfirmationStatus,
} from '../../miniprogram/core/machines/judicial-confirmation'
import type { ActionContract } from './envelope'
import type { IsoTime } from './common'

/** Statutory bases for the court (民诉法 第205条): where a party lives, the subject lies, the mediator sits. */
export type CourtBasis = 'party_domicile' | 'subject_location' | 'organisation_seat'

export interface CourtOption {
  readonly courtName: string
  readonly level: 'basic' | 'intermediate'
  /** Every basis under which this court is competent. */
  readonly bases: readonly CourtBasis[]
  readonly basisLabels: readonly string[]
}

export interface ApplicationPartyView {
  readonly role: 'applicant' | 'respondent'
  readonly roleLabel: string
  readonly maskedName: string
  readonly maskedIdNumber: string
}

/** The system-generated application (申请书) as the app shows it: personal data masked. */
export interface ConfirmationPreview {
  readonly caseId: string
  readonly caseNumber: string
  readonly organisationName: string
  readonly parties: readonly ApplicationPartyView[]
  readonly agreement: {
    readonly agreementId: string
    readonly hash: string
    readonly effectiveAt: IsoTime | null
  }
  /** 申请事项 and 事实与理由, as the application states them. */
  readonly request: string
  readonly courtOptions: readonly CourtOption[]
  /** End of the 30-day window (民诉法 第205条). */
  readonly deadline: IsoTime | null
  readonly eligible: boolean
  /** Why an application is not possible (window closed, dispute type), when `eligible` is false. */
  readonly ineligibleReason: string | null
}

export interface ConfirmationView {
  readonly confirmationId: string
  readonly caseId: string
  readonly caseNumber: string
  readonly status: ConfirmationStatus
  readonly statusLabel: string
  /** What the parties are told about where the application is ("已提交至××工商联，待转交人民法院"). */
  readonly progressText: string
  readonly courtBasis: CourtBasis
  readonly courtBasisLabel: string
  readonly courtName: string
  readonly initiatedByMe: boolean
  /** Commands the caller may issue now (core `allowedCommands`). */
  readonly allowedActions: readonly ConfirmationCommand[]
  readonly consentedAt: IsoTime | null
  readonly refusalReason: string | null
  readonly submittedAt: IsoTime | null
  readonly forwardedAt: IsoTime | null
  readonly rulingNumber: string | null
  readonly rulingFileId: string | null
  readonly dismissReason: string | null
  readonly decidedAt: IsoTime | null
  readonly deadline: IsoTime | null
}

export interface CaseRef {
  readonly caseId: string
}

export interface InitiateConfirmationRequest {
  readonly caseId: string
  readonly courtBasis: CourtBasis
  readonly courtName: string
}

export interface RefuseConsentRequest {
  readonly caseId: string
  readonly reason?: string
}

export interface ForwardRequest {
  readonly caseId: string
  readonly courtName: string
}

export interface RecordOutcomeRequest {
  readonly caseId: string
  readonly outcome: 'confirmed' | 'dismissed'
  /** The court's ruling (裁定书) as uploaded by staff. */
  readonly rulingFileId: string
  /** 裁定书编号, required when confirmed. */
  readonly rulingNumber?: string
  /** The court's reason, required when dismissed. */
  readonly reason?: string
}

export type ConfirmationErrorCodes =
  | 'NOT_SETTLED'
  | 'NO_AGREEMENT'
  | 'NOT_COURT_CONFIRMABLE'
  | 'CONFIRMATION_NOT_EFFECTIVE'
  | 'CONFIRMATION_WINDOW_CLOSED'
  | 'ALREADY_APPLIED'
  | 'NO_CONFIRMATION'
  | 'COURT_NOT_AVAILABLE'
  | 'NOT_INITIATOR'
  | 'CONSENT_BY_INITIATOR'
  | 'INVALID_TRANSITION'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'CONTENT_RISKY'
  /** recordOutcome: the ruling file is not one the staff member uploaded. */
  | 'FILE_NOT_OWNED'

export interface JudicialConfirmationContracts {
  readonly preview: ActionContract<CaseRef, ConfirmationPreview, ConfirmationErrorCodes>
  readonly initiate: ActionContract<
    InitiateConfirmationRequest,
    ConfirmationView,
    ConfirmationErrorCodes
  >
  readonly consent: ActionContract<CaseRef, ConfirmationView, ConfirmationErrorCodes>
  readonly refuse: ActionContract<RefuseConsentRequest, ConfirmationView, ConfirmationErrorCodes>
  readonly cancel: ActionContract<CaseRef, ConfirmationView, ConfirmationErrorCodes>
  readonly status: ActionContract<CaseRef, ConfirmationView | null, ConfirmationErrorCodes>
  readonly forward: ActionContract<ForwardRequest, ConfirmationView, ConfirmationErrorCodes>
  readonly recordOutcome: ActionContract<
    RecordOutcomeRequest,
    ConfirmationView,
    ConfirmationErrorCodes
  >
}
