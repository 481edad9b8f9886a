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

/** Who holds the review claim (领取审核) on a pending submission, as a reviewer is told. */
export interface PendingClaim {
  /** Whether the caller holds it (then `claimReview` renews it and hands the photos). */
  readonly mine: boolean
  /** Masked display name of the holder ("林*"), or 其他审核员. */
  readonly reviewerName: string
  /** When the claim lapses unless its holder renews it (30 minutes from the last claim). */
  readonly expiresAt: IsoTime
}

interface ReviewFacts {
  readonly identityId: string
  readonly partyType: PartyType
  readonly idType: IdType
  readonly maskedName: string
  readonly maskedIdNumber: string
  readonly submittedAt: IsoTime
  readonly reviewDueAt: IsoTime
  readonly overdue: boolean
  /** Validator warnings to look at (e.g. unknown area code, USCC check character). */
  readonly warnings: readonly string[]
}

/**
 * One submission in the shared review queue: masked facts and who is reviewing it, never a photo
 * or its URL (those come only with the claim, `claimReview`).
 */
export interface PendingReview extends ReviewFacts {
  readonly enterprise: { readonly name: string; readonly maskedUscc: string } | null
  /** The live claim on it; null when nobody is reviewing it. */
  readonly claim: PendingClaim | null
}

/** A submission the caller now holds the claim on, with its photos behind short-lived URLs. */
export interface ClaimedReview extends ReviewFacts {
  /** Short-lived (10 min) URLs of the uploaded photos; null where one could not be issued. */
  readonly photoUrls: Readonly<Record<'front' | 'back' | 'handheld', string | null>>
  /** When the photo URLs stop working (claim again for fresh ones). */
  readonly photoUrlsExpireAt: IsoTime
  readonly enterprise: {
    readonly name: string
    readonly maskedUscc: string
    readonly licenceUrl: string | null
    readonly authorisationUrl: string | null
  } | null
  /** Always the caller's own claim (`mine: true`). */
  readonly claim: PendingClaim
}

export interface ListPendingRequest extends PageRequest {
  /** Only this submission (the review page of one identity); an empty page once it is decided. */
  readonly identityId?: string
}

export interface ReviewRequest {
  readonly identityId: string
}

export interface ReleaseReviewResponse {
  readonly identityId: string
  /** False when there was no live claim to give back (already released or lapsed). */
  readonly released: boolean
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
  /** Takes or renews the review claim; another reviewer's live claim → `REVIEW_CLAIMED`. */
  readonly claimReview: ActionContract<
    ReviewRequest,
    ClaimedReview,
    'REVIEW_CLAIMED' | 'INVALID_TRANSITION'
  >
  /** Gives the caller's claim back (idempotent); another reviewer's → `REVIEW_CLAIMED`. */
  readonly releaseReview: ActionContract<ReviewRequest, ReleaseReviewResponse, 'REVIEW_CLAIMED'>
  /** Needs the caller's live claim, or takes a free one in the same write. */
  readonly approve: ActionContract<
    ReviewRequest,
    ReviewResponse,
    'INVALID_TRANSITION' | 'ID_ALREADY_BOUND' | 'REVIEW_CLAIMED'
  >
  readonly reject: ActionContract<
    RejectRequest,
    ReviewResponse,
    'INVALID_TRANSITION' | 'REVIEW_CLAIMED'
  >
  readonly delete: ActionContract<
    Record<string, never>,
    DeleteIdentityResponse,
    'INVALID_TRANSITION'
  >
}
