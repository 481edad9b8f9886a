// The review claim (领取审核) on a manual identity submission: ID photos go only to the one
// reviewer who holds the claim, and only that reviewer decides, so two reviewers never look at or
// decide the same submission at once. A claim is a lease: it lapses by itself after 30 minutes
// (a reviewer who walks away does not block the queue), and the holder renews it by claiming
// again. The rule knows reviewers only by an opaque id; `now` always comes from the caller.
import { MINUTE_MS, toMs } from '../deadlines'
import { failure, success, type Outcome } from '../result'
import { chinaClock } from '../china-time'

/** How long a claim lasts from its last take or renewal. */
export const REVIEW_CLAIM_LEASE_MS = 30 * MINUTE_MS

export interface ReviewClaim {
  /** Opaque id of the reviewer (the function uses the staff member's document id). */
  readonly reviewerId: string
  /** Masked display name other reviewers see ("林*"), never the full name. */
  readonly reviewerName: string
  /** Epoch ms of the first take by this reviewer (a renewal keeps it). */
  readonly claimedAt: number
  /** Epoch ms after which the claim no longer counts. */
  readonly expiresAt: number
}

export interface Reviewer {
  readonly id: string
  readonly name: string
}

export type ReviewClaimErrorCode = 'REVIEW_CLAIMED'

/** What another reviewer sees of a live claim. */
export interface ReviewClaimView {
  readonly mine: boolean
  readonly reviewerName: string
  readonly expiresAt: number
}

/** The refusal while another reviewer holds the claim; it says until when. */
export function reviewClaimedByOther(claim: ReviewClaim): {
  readonly ok: false
  readonly error: { readonly code: ReviewClaimErrorCode; readonly message: string }
} {
  return failure(
    'REVIEW_CLAIMED',
    `该认证正由其他审核员审核，请于 ${chinaClock(claim.expiresAt)} 后再试`,
  )
}

/**
 * A stored claim as the rule reads it: anything malformed (a half-written or hand-edited field)
 * counts as no claim, so it can never lock a submission forever.
 */
export function readReviewClaim(stored: unknown): ReviewClaim | null {
  if (typeof stored !== 'object' || stored === null) return null
  const s = stored as Record<string, unknown>
  const at = (v: unknown) => toMs(typeof v === 'string' ? new Date(v) : v)
  const claimedAt = at(s['claimedAt'])
  const expiresAt = at(s['expiresAt'])
  const reviewerId = s['reviewerId']
  if (typeof reviewerId !== 'string' || !reviewerId) return null
  if (claimedAt === undefined || expiresAt === undefined) return null
  const name = s['reviewerName']
  return {
    reviewerId,
    reviewerName: typeof name === 'string' && name ? name : '其他审核员',
    claimedAt,
    expiresAt,
  }
}

/** Whether the claim still counts at `now` (it lapses at `expiresAt` exactly). */
export function isClaimLive(claim: ReviewClaim | null, now: number): claim is ReviewClaim {
  return claim !== null && now < claim.expiresAt
}

export interface ClaimTaken {
  readonly claim: ReviewClaim
  /** `taken`: free, lapsed or someone else's lapsed claim; `renewed`: the holder again. */
  readonly kind: 'taken' | 'renewed'
}

/** Takes a free or lapsed claim, or renews the caller's own; another live claim refuses. */
export function takeReviewClaim(
  current: ReviewClaim | null,
  reviewer: Reviewer,
  now: number,
): Outcome<ClaimTaken, ReviewClaimErrorCode> {
  const expiresAt = now + REVIEW_CLAIM_LEASE_MS
  if (isClaimLive(current, now)) {
    if (current.reviewerId !== reviewer.id) return reviewClaimedByOther(current)
    return success({
      claim: { ...current, reviewerName: reviewer.name, expiresAt },
      kind: 'renewed',
    })
  }
  return success({
    claim: { reviewerId: reviewer.id, reviewerName: reviewer.name, claimedAt: now, expiresAt },
    kind: 'taken',
  })
}

/**
 * Gives the claim back. Only the holder may; with no live claim there is nothing to give back,
 * which is still a success (a page leaving twice, or after the lease lapsed).
 */
export function releaseReviewClaim(
  current: ReviewClaim | null,
  reviewerId: string,
  now: number,
): Outcome<{ readonly released: boolean }, ReviewClaimErrorCode> {
  if (!isClaimLive(current, now)) return success({ released: false })
  if (current.reviewerId !== reviewerId) return reviewClaimedByOther(current)
  return success({ released: true })
}

/**
 * Whether the reviewer may decide now. Deciding needs the claim: the holder decides; on a free
 * or lapsed claim the decision takes it in the same write (`taken`), so a reviewer who decides
 * without opening the photos still leaves one decider; another live claim refuses.
 */
export function mayDecideReview(
  current: ReviewClaim | null,
  reviewerId: string,
  now: number,
): Outcome<'held' | 'taken', ReviewClaimErrorCode> {
  if (!isClaimLive(current, now)) return success('taken')
  if (current.reviewerId !== reviewerId) return reviewClaimedByOther(current)
  return success('held')
}

/** The claim as a reviewer is told about it; null when nobody holds a live one. */
export function reviewClaimView(
  current: ReviewClaim | null,
  reviewerId: string,
  now: number,
): ReviewClaimView | null {
  if (!isClaimLive(current, now)) return null
  return {
    mine: current.reviewerId === reviewerId,
    reviewerName: current.reviewerName,
    expiresAt: current.expiresAt,
  }
}
