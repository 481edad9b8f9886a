// Contract of the `verifyIdentity` function: real-name verification by face (resident ID only)
// or by manual review (any ID type, enterprises too), staff review, and deletion.
import type { ActionContract } from './envelope'
import type { IdentityStatus, IdType, IsoTime, Page, PageRequest, PartyType } from './common'

/** The caller's identity as the pages show it: masked values only, never the full number. */
export interface IdentityView {
  readonly status: IdentityStatus
  readonly statusLabel: string
  readonly method: 'face' | 'manual' | null
  readonly partyType: PartyType | null
  readonly idType: IdType | null
  readonly maskedName: string | null
  readonly maskedIdNumber: string | null
  readonly enterprise: { readonly name: string; readonly maskedUscc: string } | null
  readonly rejectReason: string | null
  readonly failureReason: string | null
  readonly submittedAt: IsoTime | null
  /** When a manual review is due (4 h after submission); the UI says 2–4 小时. */
  readonly reviewDueAt: IsoTime | null
  readonly verifiedAt: IsoTime | null
}

export interface StartFaceRequest {
  readonly name: string
  /** 18-digit resident ID (face verification supports only the mainland resident ID). */
  readonly idNumber: string
}

export interface StartFaceResponse {
  /** Pass to `wx.requestFacialVerify({ verifyId })`. */
  readonly verifyId: string
  readonly expiresAt: IsoTime
}

export interface ConfirmFaceRequest {
  readonly verifyId: string
}

export interface ConfirmFaceResponse {
  readonly outcome: 'verified' | 'failed' | 'cancelled'
  readonly identity: IdentityView
}

export interface ManualPhotos {
  /** Photo of the document's front (fileID under the caller's `storagePrefix`). */
  readonly front: string
  /** Back of the document; optional for passports. */
  readonly back?: string
  /** The person holding the document. */
  readonly handheld: string
}

export interface EnterpriseProof {
  readonly name: string
  /** Unified social credit code (统一社会信用代码). */
  readonly uscc: string
  readonly licenceFileId: string
  /** 授权委托书 or 法定代表人证明书. */
  readonly authorisationFileId: string
}

export interface SubmitManualRequest {
  readonly partyType: PartyType
  readonly idType: IdType
  readonly name: string
  readonly idNumber: string
  readonly photos: ManualPhotos
  /** Required when `partyType` is `enterprise`. */
  readonly enterprise?: EnterpriseProof
}

export interface PendingReview {
  readonly identityId: string
  readonly partyType: PartyType
  readonly idType: IdType
  readonly maskedName: string
  readonly maskedIdNumber: string
  readonly submittedAt: IsoTime
  readonly reviewDueAt: IsoTime
  readonly overdue: boolean
  /** Short-lived (10 min) URLs of the uploaded photos. */
  readonly photoUrls: Readonly<Record<'front' | 'back' | 'handheld', string | null>>
  readonly enterprise: {
    readonly name: string
    readonly maskedUscc: string
    readonly licenceUrl: string | null
    readonly authorisationUrl: string | null
  } | null
  /** Validator warnings to look at (e.g. unknown area code, USCC check character). */
  readonly warnings: readonly string[]
}

export interface ListPendingRequest extends PageRequest {
  /** Only this submission (the review page of one identity); an empty page once it is decided. */
  readonly identityId?: string
}

export interface ReviewRequest {
  readonly identityId: string
}

export interface RejectRequest extends ReviewRequest {
  readonly reason: string
}

export interface ReviewResponse {
  readonly identityId: string
  readonly status: IdentityStatus
}

export interface BlockedCase {
  readonly collection: 'mediation_cases' | 'filings'
  readonly id: string
  readonly caseNumber: string | null
}

export interface DeleteIdentityResponse {
  readonly identity: IdentityView
  /** Cases that keep their party snapshot and are read-only until the same identity verifies again. */
  readonly blockedCases: readonly BlockedCase[]
}

export type IdentityErrorCode =
  'ALREADY_VERIFIED' | 'ID_ALREADY_BOUND' | 'INVALID_TRANSITION' | 'UPSTREAM_UNAVAILABLE'

export interface VerifyIdentityContracts {
  readonly status: ActionContract<Record<string, never>, IdentityView, never>
  readonly startFace: ActionContract<
    StartFaceRequest,
    StartFaceResponse,
    IdentityErrorCode | 'FACE_UNAVAILABLE'
  >
  readonly confirmFace: ActionContract<
    ConfirmFaceRequest,
    ConfirmFaceResponse,
    | 'FACE_SESSION_NOT_FOUND'
    | 'FACE_SESSION_EXPIRED'
    | 'FACE_NOT_FINISHED'
    | 'INVALID_TRANSITION'
    | 'UPSTREAM_UNAVAILABLE'
  >
  readonly submitManual: ActionContract<
    SubmitManualRequest,
    IdentityView,
    IdentityErrorCode | 'FILE_NOT_OWNED'
  >
  readonly listPending: ActionContract<ListPendingRequest, Page<PendingReview>, never>
  readonly approve: ActionContract<
    ReviewRequest,
    ReviewResponse,
    'INVALID_TRANSITION' | 'ID_ALREADY_BOUND'
  >
  readonly reject: ActionContract<RejectRequest, ReviewResponse, 'INVALID_TRANSITION'>
  readonly delete: ActionContract<
    Record<string, never>,
    DeleteIdentityResponse,
    'INVALID_TRANSITION'
  >
}
