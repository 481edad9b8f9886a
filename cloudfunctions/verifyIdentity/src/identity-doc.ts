// The stored shape of an `identities` document and what the caller may see of it.
import {
  IDENTITY_STATUS_LABELS,
  type IdentityEntity,
} from '../../../miniprogram/core/machines/identity'
import type { IdType, PartyType } from '../../../typings/api/common'
import type { IdentityView } from '../../../typings/api/verifyIdentity'

export interface IdentityPhotos {
  readonly front: string
  readonly back: string | null
  readonly handheld: string
}

export interface EnterpriseRecord {
  readonly name: string
  readonly uscc: string
  readonly maskedUscc: string
  readonly licenceFileId: string
  readonly authorisationFileId: string
}

/** The review claim as stored (core `ReviewClaim` with Date times); see `review.ts`. */
export interface StoredClaim {
  readonly reviewerId: string
  readonly reviewerName: string
  readonly claimedAt: Date
  readonly expiresAt: Date
}

/**
 * One per user (`_id` from `identityIdFor(openid)`). The name and number are kept only encrypted
 * (`nameEnc`, `idNumberEnc`) plus their masked forms and the number's blind index.
 */
export interface IdentityDoc extends IdentityEntity, Record<string, unknown> {
  readonly openid: string
  readonly partyType?: PartyType | null
  readonly idType?: IdType | null
  readonly nameEnc?: string | null
  readonly maskedName?: string | null
  readonly idNumberEnc?: string | null
  readonly idNumberHash?: string | null
  readonly maskedIdNumber?: string | null
  readonly enterprise?: EnterpriseRecord | null
  readonly photos?: IdentityPhotos | null
  readonly warnings?: readonly string[]
  readonly reviewDueAt?: Date | null
  readonly reviewedAt?: Date | null
  readonly reviewerStaffId?: string | null
  /** Who is reviewing the pending submission (only they get the photos); cleared by the decision. */
  readonly claim?: StoredClaim | null
  /** ID photos are erased 30 days after review (PIPL: shortest retention). */
  readonly photosDeleteAfter?: Date | null
  readonly auditSeq?: number
  readonly auditHash?: string
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function toView(doc: IdentityDoc | undefined): IdentityView {
  const status = doc?.status ?? 'unverified'
  return {
    status,
    statusLabel: IDENTITY_STATUS_LABELS[status],
    method: doc?.method ?? null,
    partyType: doc?.partyType ?? null,
    idType: doc?.idType ?? null,
    maskedName: doc?.maskedName ?? null,
    maskedIdNumber: doc?.maskedIdNumber ?? null,
    enterprise: doc?.enterprise
      ? { name: doc.enterprise.name, maskedUscc: doc.enterprise.maskedUscc }
      : null,
    rejectReason: doc?.rejectReason ?? null,
    failureReason: doc?.failureReason ?? null,
    submittedAt: iso(doc?.manualSubmittedAt),
    reviewDueAt: status === 'manual_pending' ? iso(doc?.reviewDueAt) : null,
    verifiedAt: iso(doc?.verifiedAt),
  }
}

/** Fields a deletion erases (the document stays, as the head of its audit chain). */
export const ERASED = {
  partyType: null,
  idType: null,
  nameEnc: null,
  maskedName: null,
  idNumberEnc: null,
  idNumberHash: null,
  maskedIdNumber: null,
  enterprise: null,
  photos: null,
  warnings: [],
  reviewDueAt: null,
  photosDeleteAfter: null,
  claim: null,
} as const
