// Contract of the `signAgreement` function: the parties and the mediator read the agreement of
// their case and sign its current version; the last signature makes it effective.
import type { AgreementStatus } from '../../miniprogram/core/machines/agreement'
import type { PerformanceMethod } from '../../miniprogram/core/agreement-text'
import type { ActionContract } from './envelope'
import type { IsoTime } from './common'

export type SignerRoleView = 'applicant' | 'respondent' | 'mediator'

export interface SignerView {
  readonly role: SignerRoleView
  readonly roleLabel: string
  readonly maskedName: string
  readonly signed: boolean
  readonly signedAt: IsoTime | null
}

export interface AgreementTermsInput {
  /** Integer fen; 0 for a settlement without payment. */
  readonly amountFen: number
  readonly method: PerformanceMethod
  readonly place: string
  /** `YYYY-MM-DD`: performance is due by this date. */
  readonly performanceDeadline: string
  readonly breachClause: string
  readonly applyForConfirmation: boolean
  readonly otherTerms?: readonly string[]
}

/** The agreement of a case as its parties and mediator see it. */
export interface AgreementView {
  readonly agreementId: string
  readonly caseId: string
  readonly caseNumber: string
  readonly status: AgreementStatus
  readonly statusLabel: string
  /** Content version (1 for the first draft); a signature names the version it signs. */
  readonly version: number
  readonly text: string
  /** SHA-256 (hex) of `text`. */
  readonly hash: string
  readonly facts: string
  readonly terms: AgreementTermsInput
  readonly signers: readonly SignerView[]
  /** Whether the caller still has to sign this version. */
  readonly mySignaturePending: boolean
  /** Content security asked for a human look at the text (the mediator and staff see this). */
  readonly contentFlagged: boolean
  readonly sentForSigningAt: IsoTime | null
  readonly effectiveAt: IsoTime | null
  /** End of the 30-day window to apply for judicial confirmation (set once effective). */
  readonly confirmationDeadline: IsoTime | null
}

/** A signature image content security asked a human to look at (mediator and staff only). */
export interface SignatureCheckView {
  readonly role: SignerRoleView
  readonly roleLabel: string
  /** `flag`: doubtful image; `void`: risky, the signature was withdrawn; `escalate`: risky image
   *  on an effective agreement, which stays as it is until staff look at it. */
  readonly outcome: 'flag' | 'void' | 'escalate'
  readonly note: string
  readonly checkedAt: IsoTime | null
  /** The agreement version the image was signed under. */
  readonly version: number
}

/** `get`: the agreement, and for the mediator and staff the signature images needing a look. */
export interface AgreementReadView extends AgreementView {
  /** Empty for the parties. */
  readonly signatureChecks: readonly SignatureCheckView[]
}

export interface GetAgreementRequest {
  readonly caseId: string
}

export interface SignAgreementRequest {
  readonly caseId: string
  /** The version the signer was shown (`AgreementView.version`). */
  readonly version: number
  /** The hash the signer was shown (`AgreementView.hash`). */
  readonly hash: string
  /** Handwritten signature image, uploaded under the caller's `storagePrefix`. */
  readonly signatureImageFileId: string
}

export interface SignAgreementResponse {
  readonly agreement: AgreementView
  /** True when this signature was the last one: the agreement is effective, the case settled. */
  readonly effective: boolean
}

export type SignAgreementErrorCode =
  | 'NO_AGREEMENT'
  | 'NOT_SIGNING'
  | 'STALE_REVISION'
  | 'HASH_MISMATCH'
  | 'NOT_A_SIGNER'
  | 'ALREADY_SIGNED'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'FILE_NOT_OWNED'
  | 'INVALID_TRANSITION'

export interface SignAgreementContracts {
  readonly get: ActionContract<GetAgreementRequest, AgreementReadView, 'NO_AGREEMENT'>
  readonly sign: ActionContract<SignAgreementRequest, SignAgreementResponse, SignAgreementErrorCode>
}
