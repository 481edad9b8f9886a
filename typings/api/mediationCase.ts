// Contract of the `mediationCase` function: a party's mediation application from draft to close —
// submit, invite the respondent, the respondent's join/respond, withdraw, end, extensions, lists,
// detail with the timeline, and the satisfaction rating.
import type { ActionContract } from './envelope'
import type { IdType, IsoTime, Page, PageRequest, PartyType } from './common'
import type { CaseStatus } from '../../miniprogram/core/machines/mediation-case'

export type { CaseStatus }

/** API actions a caller may take on a case now (what the pages render as buttons). */
export type CaseAction =
  | 'saveDraft'
  | 'submit'
  | 'invite'
  | 'respond'
  | 'chooseMediator'
  | 'withdraw'
  | 'end'
  | 'requestExtension'
  | 'consentExtension'
  | 'rate'
  // Next steps another function owns (core caseFollowUps); that function checks them again.
  | 'fileCase'
  | 'applyConfirmation'
  | 'applyDocument'

/** Which side of a case the caller is (or the case's mediator / organisation staff). */
export type CaseRole = 'applicant' | 'respondent' | 'mediator' | 'staff'

export interface RegionInput {
  /** GB/T 2260 province code, e.g. 330000. */
  readonly provinceCode: string
  /** GB/T 2260 city code within that province, e.g. 330100. */
  readonly cityCode: string
}

export interface RespondentInput {
  readonly partyType: PartyType
  /** Person name or registered enterprise name. */
  readonly name: string
  /** Mainland mobile number: the invitation SMS goes here. */
  readonly phone: string
  /** A person's ID type and number (optional; matched against the respondent's verification). */
  readonly idType?: IdType
  readonly idNumber?: string
  /** An enterprise's unified social credit code (optional). */
  readonly uscc?: string
  readonly address: string
}

export interface EvidenceInput {
  /** Under the caller's `storagePrefix` (`private/<key>/evidence/…`) or `cases/<caseId>/`. */
  readonly fileId: string
  readonly name: string
  readonly kind: 'image' | 'document'
}

export interface CaseFields {
  readonly disputeType: string
  readonly description: string
  /** Amount in dispute, integer fen (0 for non-monetary claims). */
  readonly amountFen: number
  readonly claims: readonly string[]
  readonly evidence: readonly EvidenceInput[]
  readonly respondent: RespondentInput
  /** Where the dispute is handled (recommendation and jurisdiction use it). */
  readonly region: RegionInput
}

export interface SaveDraftRequest extends Partial<Omit<CaseFields, 'respondent'>> {
  /** Omit to start a new draft. */
  readonly caseId?: string
  /** A draft may hold a half-filled respondent; it is validated in full on submit. */
  readonly respondent?: Partial<RespondentInput>
}

export interface SubmitRequest extends CaseFields {
  /** The draft being submitted (omit to submit directly). */
  readonly caseId?: string
}

export interface CaseRef {
  readonly caseId: string
}

export interface ReasonRequest extends CaseRef {
  readonly reason: string
}

export interface RespondRequest extends CaseRef {
  readonly agree: boolean
  /** Required when declining. */
  readonly reason?: string
}

export interface JoinRequest {
  readonly token: string
  /** The respondent's phone, checked when the applicant entered no ID number / USCC. */
  readonly phone?: string
}

export interface ExtensionRequestBody extends CaseRef {
  readonly days: number
}

export interface ConsentExtensionRequest extends CaseRef {
  readonly agree: boolean
}

export interface RateRequest extends CaseRef {
  /** 1–5. */
  readonly score: number
  readonly comment?: string
}

export interface ListMineRequest extends PageRequest {
  /** `any`: cases where the caller is applicant or respondent (首页), newest first. */
  readonly role: 'applicant' | 'respondent' | 'any'
  readonly status?: CaseStatus
}

/** A party as anyone on the case sees it: masked values only. */
export interface PartyView {
  readonly partyType: PartyType
  readonly maskedName: string
  readonly idType: IdType | null
  readonly maskedIdNumber: string | null
  readonly maskedUscc: string | null
  readonly maskedPhone: string | null
  /** Whether this party has joined the case in the mini-program. */
  readonly joined: boolean
}

export interface DeadlineFacts {
  /** The mediation period's end; null before a mediator accepted. */
  readonly deadline: IsoTime | null
  readonly expired: boolean
  readonly daysLeft: number | null
  readonly text: string | null
  readonly mediationDays: number | null
  readonly extendedDays: number
  readonly pendingExtension: {
    readonly days: number
    readonly requestedBy: string
    readonly consents: readonly ('applicant' | 'respondent')[]
  } | null
}

export interface CaseSummary {
  readonly caseId: string
  readonly caseNumber: string | null
  readonly status: CaseStatus
  readonly statusLabel: string
  readonly role: CaseRole
  readonly disputeType: string | null
  readonly disputeTypeLabel: string | null
  readonly amountFen: number | null
  readonly applicant: PartyView | null
  readonly respondent: PartyView | null
  readonly countdown: DeadlineFacts
  readonly allowedActions: readonly CaseAction[]
  readonly updatedAt: IsoTime
}

export interface TimelineEntry {
  readonly type: string
  readonly label: string
  readonly actorLabel: string
  readonly from: string | null
  readonly to: string | null
  readonly at: IsoTime
  readonly note: string | null
}

/** Content check of an evidence image (WeChat mediaCheckAsync, verdict pushed later). */
export type EvidenceCheck = 'pending' | 'not_applicable' | 'pass' | 'review' | 'risky'

export interface EvidenceView {
  readonly name: string
  readonly kind: 'image' | 'document'
  /** Short-lived download URL (10 minutes); null when storage could not sign it. */
  readonly url: string | null
  /**
   * Content check of images: pending until WeChat's asynchronous verdict arrives. Parties see a
   * `review` verdict as `pending` (审核中); `risky` images reach only their owner and staff.
   */
  readonly check: EvidenceCheck
  /** Why the image is flagged (mediator/staff: review) or hidden (its owner: risky). */
  readonly checkNote?: string | null
}

export interface MediatorCard {
  readonly mediatorId: string
  readonly name: string
  readonly title: string | null
  readonly organisationName: string | null
  readonly avatarText: string
  readonly avatarColor: string
  /** True once the mediator accepted the case. */
  readonly accepted: boolean
}

export interface CaseDetail extends CaseSummary {
  readonly description: string | null
  /** `review` when content security asked for a human look (the mediator sees the flag). */
  readonly descriptionCheck: 'pass' | 'review' | null
  readonly claims: readonly string[]
  readonly evidence: readonly EvidenceView[]
  readonly region: RegionInput | null
  readonly respondentAddress: string | null
  /**
   * A draft's half-filled respondent as its applicant typed it (only the applicant of a draft gets
   * it), so a draft saved on one device restores whole on another.
   */
  readonly draftRespondent?: Partial<RespondentInput> | null
  readonly mediator: MediatorCard | null
  readonly closeReason: {
    readonly kind: string
    readonly label: string
    readonly note: string | null
  } | null
  readonly agreement: {
    readonly agreementId: string
    readonly status: string
    readonly version: number
  } | null
  readonly calls: readonly {
    readonly callId: string
    readonly startedAt: IsoTime
    readonly durationSec: number | null
  }[]
  readonly timeline: readonly TimelineEntry[]
  readonly myRating: { readonly score: number; readonly comment: string | null } | null
}

export interface InviteResponse {
  readonly caseId: string
  /** Page path with the one-time token, for `onShareAppMessage`. */
  readonly sharePath: string
  /** Mini-program code (PNG) in cloud storage. */
  readonly qrFileId: string
  /** A temporary URL of that PNG (1 hour): the storage rule keeps function-made files from clients. */
  readonly qrUrl: string
  readonly expiresAt: IsoTime
  readonly sms: { readonly status: 'sent' | 'not_configured' | 'failed'; readonly message: string }
}

export interface JoinResponse {
  readonly caseId: string
  readonly caseNumber: string | null
  readonly status: CaseStatus
}

export interface CaseChange {
  readonly caseId: string
  readonly status: CaseStatus
  readonly statusLabel: string
  readonly version: number
}

export type MediationCaseContracts = {
  readonly saveDraft: ActionContract<
    SaveDraftRequest,
    CaseChange,
    'INVALID_TRANSITION' | 'CONTENT_RISKY' | 'FILE_NOT_OWNED' | 'DISPUTE_TYPE_UNKNOWN'
  >
  readonly submit: ActionContract<
    SubmitRequest,
    CaseChange & { readonly caseNumber: string },
    | 'IDENTITY_REQUIRED'
    | 'INVALID_TRANSITION'
    | 'CONTENT_RISKY'
    | 'FILE_NOT_OWNED'
    | 'DISPUTE_TYPE_UNKNOWN'
  >
  readonly invite: ActionContract<
    CaseRef,
    InviteResponse,
    'INVALID_TRANSITION' | 'UPSTREAM_UNAVAILABLE'
  >
  readonly join: ActionContract<
    JoinRequest,
    JoinResponse,
    | 'IDENTITY_REQUIRED'
    | 'INVITATION_INVALID'
    | 'INVITATION_EXPIRED'
    | 'IDENTITY_MISMATCH'
    | 'PHONE_REQUIRED'
  >
  readonly respond: ActionContract<
    RespondRequest,
    CaseChange,
    'INVALID_TRANSITION' | 'CONTENT_RISKY'
  >
  readonly withdraw: ActionContract<
    ReasonRequest,
    CaseChange,
    'INVALID_TRANSITION' | 'CONTENT_RISKY'
  >
  readonly end: ActionContract<ReasonRequest, CaseChange, 'INVALID_TRANSITION' | 'CONTENT_RISKY'>
  readonly requestExtension: ActionContract<
    ExtensionRequestBody,
    CaseChange,
    'INVALID_TRANSITION' | 'EXTENSION_PENDING' | 'EXTENSION_LIMIT' | 'MEDIATION_EXPIRED'
  >
  readonly consentExtension: ActionContract<
    ConsentExtensionRequest,
    CaseChange,
    'INVALID_TRANSITION' | 'NO_EXTENSION_REQUEST' | 'ALREADY_CONSENTED' | 'MEDIATION_EXPIRED'
  >
  readonly listMine: ActionContract<ListMineRequest, Page<CaseSummary>, never>
  readonly detail: ActionContract<CaseRef, CaseDetail, never>
  readonly rate: ActionContract<
    RateRequest,
    { readonly caseId: string; readonly score: number },
    'INVALID_TRANSITION' | 'ALREADY_RATED' | 'CONTENT_RISKY'
  >
}
