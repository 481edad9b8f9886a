// Staff review of manual submissions under the review claim (领取审核): the queue shows masked
// facts and who is reviewing; photos are handed only with the claim; deciding needs the claim.
// Every claim write is a versioned update of the identity document (with its audit event), so
// two reviewers racing for one submission serialise on its version and exactly one holds it.
import {
  mayDecideReview,
  readReviewClaim,
  releaseReviewClaim,
  reviewClaimView,
  takeReviewClaim,
  type ReviewClaim,
  type Reviewer,
} from '../../../miniprogram/core/identity/review-claim'
import { maskName } from '../../../miniprogram/core/masking'
import type {
  ClaimedReview,
  PendingClaim,
  PendingReview,
  ReleaseReviewResponse,
} from '../../../typings/api/verifyIdentity'
import {
  appendAudit,
  COLLECTIONS,
  fail,
  findById,
  identityFileIds,
  retryOnConflict,
  tempUrls,
  type Caller,
  type HandlerContext,
  type Tx,
} from '../../_shared'
import { type IdentityDoc, type StoredClaim } from './identity-doc'

/** How long the photo URLs of a claim work (the reviewer claims again for fresh ones). */
const PHOTO_URL_SECONDS = 600
/** Attempts when a concurrent write moved the version under us (the retry then sees it). */
const ATTEMPTS = 3

const iso = (ms: number) => new Date(ms).toISOString()

function stored(claim: ReviewClaim): StoredClaim {
  return {
    reviewerId: claim.reviewerId,
    reviewerName: claim.reviewerName,
    claimedAt: new Date(claim.claimedAt),
    expiresAt: new Date(claim.expiresAt),
  }
}

function pendingClaim(doc: IdentityDoc, staffId: string, now: Date): PendingClaim | null {
  const view = reviewClaimView(readReviewClaim(doc.claim), staffId, now.getTime())
  return view && { ...view, expiresAt: iso(view.expiresAt) }
}

function facts(r: IdentityDoc & { _id: string }, now: Date) {
  const due = r.reviewDueAt ? new Date(r.reviewDueAt) : now
  return {
    identityId: r._id,
    partyType: r.partyType ?? 'person',
    idType: r.idType ?? 'resident_id',
    maskedName: r.maskedName ?? '',
    maskedIdNumber: r.maskedIdNumber ?? '',
    submittedAt: new Date(r.manualSubmittedAt ?? now).toISOString(),
    reviewDueAt: due.toISOString(),
    overdue: due.getTime() < now.getTime(),
    warnings: r.warnings ?? [],
  }
}

/** One queue entry: no photo, no URL, no fileID — only who is reviewing it. */
export function pendingItem(
  r: IdentityDoc & { _id: string },
  staffId: string,
  now: Date,
): PendingReview {
  return {
    ...facts(r, now),
    enterprise: r.enterprise
      ? { name: r.enterprise.name, maskedUscc: r.enterprise.maskedUscc }
      : null,
    claim: pendingClaim(r, staffId, now),
  }
}

function staffOf(caller: Caller): { id: string } {
  const staff = caller.staff
  if (!staff) return fail('FORBIDDEN', '仅机构工作人员可审核')
  return staff
}

/** The reviewer as others see them: the staff member's masked name. */
async function reviewerOf(staffId: string): Promise<Reviewer> {
  const member = await findById<{ name?: unknown }>(COLLECTIONS.staffMembers, staffId)
  const name = typeof member?.name === 'string' ? maskName(member.name) : ''
  return { id: staffId, name: name || '审核员' }
}

/** The pending submission inside `tx`, refused when it cannot be reviewed by this caller. */
async function reviewable(
  tx: Tx,
  identityId: string,
  caller: Caller,
): Promise<IdentityDoc & { _id: string }> {
  const current = await tx.get<IdentityDoc>(COLLECTIONS.identities, identityId)
  if (!current) return fail('NOT_FOUND', '认证申请不存在')
  if (current.openid === caller.openid) return fail('FORBIDDEN', '不能审核本人的认证申请')
  if (current.status !== 'manual_pending') {
    return fail('INVALID_TRANSITION', '该认证申请已审核完毕，请返回待办查看其他事项')
  }
  return current
}

/** Writes the claim change and its audit event (no personal data: role, pseudonym, action). */
async function writeClaim(
  tx: Tx,
  doc: IdentityDoc & { _id: string },
  caller: Caller,
  action: 'review_claimed' | 'review_claim_renewed' | 'review_released',
  claim: StoredClaim | null,
  now: Date,
): Promise<void> {
  const head = await appendAudit(
    tx,
    { auditSeq: doc.auditSeq, auditHash: doc.auditHash },
    {
      entity: COLLECTIONS.identities,
      entityId: doc._id,
      actorRole: 'staff',
      actorHash: caller.hash,
      action,
      from: doc.status,
      to: doc.status,
      at: now,
    },
  )
  await tx.updateVersioned(COLLECTIONS.identities, doc._id, doc.version, {
    claim,
    ...head,
    updatedAt: now,
  })
}

export async function claim(identityId: string, ctx: HandlerContext): Promise<ClaimedReview> {
  const staff = staffOf(ctx.caller)
  const reviewer = await reviewerOf(staff.id)
  const { doc, held } = await retryOnConflict(ATTEMPTS, () =>
    ctx.transact(async (tx) => {
      const current = await reviewable(tx, identityId, ctx.caller)
      const taken = takeReviewClaim(readReviewClaim(current.claim), reviewer, ctx.now.getTime())
      if (!taken.ok) return fail(taken.error.code, taken.error.message)
      const action = taken.value.kind === 'taken' ? 'review_claimed' : 'review_claim_renewed'
      await writeClaim(tx, current, ctx.caller, action, stored(taken.value.claim), ctx.now)
      return { doc: current, held: taken.value.claim }
    }),
  )
  // URLs only after the claim is committed: a reviewer who lost the race never gets one.
  const urls = await tempUrls(identityFileIds(doc), PHOTO_URL_SECONDS)
  const url = (f: string | null | undefined) => (f ? (urls[f] ?? null) : null)
  return {
    ...facts(doc, ctx.now),
    photoUrls: {
      front: url(doc.photos?.front),
      back: url(doc.photos?.back),
      handheld: url(doc.photos?.handheld),
    },
    photoUrlsExpireAt: iso(ctx.now.getTime() + PHOTO_URL_SECONDS * 1000),
    enterprise: doc.enterprise
      ? {
          name: doc.enterprise.name,
          maskedUscc: doc.enterprise.maskedUscc,
          licenceUrl: url(doc.enterprise.licenceFileId),
          authorisationUrl: url(doc.enterprise.authorisationFileId),
        }
      : null,
    claim: { mine: true, reviewerName: held.reviewerName, expiresAt: iso(held.expiresAt) },
  }
}

export async function release(
  identityId: string,
  ctx: HandlerContext,
): Promise<ReleaseReviewResponse> {
  const staff = staffOf(ctx.caller)
  return retryOnConflict(ATTEMPTS, () =>
    ctx.transact(async (tx) => {
      const current = await tx.get<IdentityDoc>(COLLECTIONS.identities, identityId)
      if (!current) return fail('NOT_FOUND', '认证申请不存在')
      const res = releaseReviewClaim(readReviewClaim(current.claim), staff.id, ctx.now.getTime())
      if (!res.ok) return fail(res.error.code, res.error.message)
      if (res.value.released) {
        await writeClaim(tx, current, ctx.caller, 'review_released', null, ctx.now)
      }
      return { identityId, released: res.value.released }
    }),
  )
}

/** Refuses a decision while another reviewer holds a live claim (checked again inside the write). */
export function assertMayDecide(doc: IdentityDoc, staffId: string, now: Date): void {
  const res = mayDecideReview(readReviewClaim(doc.claim), staffId, now.getTime())
  if (!res.ok) fail(res.error.code, res.error.message)
}
