import { describe, expect, it } from 'vitest'
import {
  isClaimLive,
  mayDecideReview,
  readReviewClaim,
  releaseReviewClaim,
  REVIEW_CLAIM_LEASE_MS,
  reviewClaimView,
  takeReviewClaim,
  type ReviewClaim,
} from '../../../../miniprogram/core/identity/review-claim'

// 2026-12-01 10:12 China time.
const NOW = Date.parse('2026-12-01T02:12:00.000Z')
const MIN = 60_000
const LIN = { id: 'staff_fuzhou', name: '林*' }
const XU = { id: 'staff_nanjing', name: '徐*' }

const heldBy = (who: { id: string; name: string }, claimedAt: number): ReviewClaim => ({
  reviewerId: who.id,
  reviewerName: who.name,
  claimedAt,
  expiresAt: claimedAt + REVIEW_CLAIM_LEASE_MS,
})

describe('review claim: taking', () => {
  it('takes a free submission for 30 minutes', () => {
    expect(takeReviewClaim(null, LIN, NOW)).toEqual({
      ok: true,
      value: {
        kind: 'taken',
        claim: {
          reviewerId: LIN.id,
          reviewerName: '林*',
          claimedAt: NOW,
          expiresAt: NOW + 30 * MIN,
        },
      },
    })
  })

  it('renews the holder’s own claim from now, keeping when it was first taken', () => {
    const own = heldBy(LIN, NOW - 20 * MIN)
    const res = takeReviewClaim(own, LIN, NOW)
    expect(res).toEqual({
      ok: true,
      value: { kind: 'renewed', claim: { ...own, expiresAt: NOW + 30 * MIN } },
    })
  })

  it('refuses another reviewer’s live claim, saying until when in China time', () => {
    const other = heldBy(XU, NOW - 5 * MIN)
    expect(takeReviewClaim(other, LIN, NOW)).toEqual({
      ok: false,
      error: { code: 'REVIEW_CLAIMED', message: '该认证正由其他审核员审核，请于 10:37 后再试' },
    })
  })

  it('takes another reviewer’s claim once it lapsed, at its expiry instant exactly', () => {
    const other = heldBy(XU, NOW - 30 * MIN)
    expect(isClaimLive(other, NOW)).toBe(false)
    expect(isClaimLive(other, NOW - 1)).toBe(true)
    const res = takeReviewClaim(other, LIN, NOW)
    expect(res.ok && res.value).toEqual({
      kind: 'taken',
      claim: { reviewerId: LIN.id, reviewerName: '林*', claimedAt: NOW, expiresAt: NOW + 30 * MIN },
    })
  })
})

describe('review claim: releasing', () => {
  it('lets the holder give it back', () => {
    expect(releaseReviewClaim(heldBy(LIN, NOW - MIN), LIN.id, NOW)).toEqual({
      ok: true,
      value: { released: true },
    })
  })

  it('is a no-op with nothing to give back (none, or lapsed)', () => {
    expect(releaseReviewClaim(null, LIN.id, NOW)).toEqual({ ok: true, value: { released: false } })
    expect(releaseReviewClaim(heldBy(XU, NOW - 31 * MIN), LIN.id, NOW)).toEqual({
      ok: true,
      value: { released: false },
    })
  })

  it('refuses to release another reviewer’s live claim', () => {
    const res = releaseReviewClaim(heldBy(XU, NOW - MIN), LIN.id, NOW)
    expect(!res.ok && res.error.code).toBe('REVIEW_CLAIMED')
  })
})

describe('review claim: deciding', () => {
  it('the holder decides on their live claim', () => {
    expect(mayDecideReview(heldBy(LIN, NOW - MIN), LIN.id, NOW)).toEqual({
      ok: true,
      value: 'held',
    })
  })

  it('a free or lapsed submission is taken by the decision itself', () => {
    expect(mayDecideReview(null, LIN.id, NOW)).toEqual({ ok: true, value: 'taken' })
    expect(mayDecideReview(heldBy(XU, NOW - 40 * MIN), LIN.id, NOW)).toEqual({
      ok: true,
      value: 'taken',
    })
  })

  it('another reviewer’s live claim refuses the decision', () => {
    const res = mayDecideReview(heldBy(XU, NOW - MIN), LIN.id, NOW)
    expect(res).toEqual({
      ok: false,
      error: { code: 'REVIEW_CLAIMED', message: '该认证正由其他审核员审核，请于 10:41 后再试' },
    })
  })
})

describe('review claim: what reviewers are told, and stored claims', () => {
  it('tells the holder it is theirs and others who holds it; nothing once lapsed', () => {
    const claim = heldBy(XU, NOW - MIN)
    expect(reviewClaimView(claim, XU.id, NOW)).toEqual({
      mine: true,
      reviewerName: '徐*',
      expiresAt: claim.expiresAt,
    })
    expect(reviewClaimView(claim, LIN.id, NOW)).toEqual({
      mine: false,
      reviewerName: '徐*',
      expiresAt: claim.expiresAt,
    })
    expect(reviewClaimView(claim, LIN.id, claim.expiresAt)).toBeNull()
    expect(reviewClaimView(null, LIN.id, NOW)).toBeNull()
  })

  it('reads a stored claim with Date or ISO times', () => {
    const stored = {
      reviewerId: 'staff_nanjing',
      reviewerName: '徐*',
      claimedAt: new Date(NOW),
      expiresAt: new Date(NOW + 30 * MIN).toISOString(),
    }
    expect(readReviewClaim(stored)).toEqual(heldBy(XU, NOW))
  })

  it('counts a malformed stored claim as none, so it can never lock a submission', () => {
    expect(readReviewClaim(null)).toBeNull()
    expect(readReviewClaim('staff_nanjing')).toBeNull()
    expect(readReviewClaim({ reviewerId: '', claimedAt: NOW, expiresAt: NOW })).toBeNull()
    expect(readReviewClaim({ reviewerId: 'x', claimedAt: NOW, expiresAt: 'soon' })).toBeNull()
    expect(readReviewClaim({ reviewerId: 'x', claimedAt: NOW, expiresAt: NOW + MIN })).toEqual({
      reviewerId: 'x',
      reviewerName: '其他审核员',
      claimedAt: NOW,
      expiresAt: NOW + MIN,
    })
  })
})
