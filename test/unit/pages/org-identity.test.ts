import { describe, expect, it } from 'vitest'
import { chinaTime, optionOf, reasonError } from '../../../miniprogram/pages/org/common'
import {
  canReclaim,
  claimedElsewhere,
  factsView,
  rejectReasonError,
  reviewView,
} from '../../../miniprogram/pages/org/identity/logic'
import type { ClaimedReview, PendingReview } from '../../../typings/api/verifyIdentity'

function review(overrides: Partial<ClaimedReview> = {}): ClaimedReview {
  return {
    identityId: 'idt_1',
    partyType: 'person',
    idType: 'hk_mo_travel_permit',
    maskedName: '陈**',
    maskedIdNumber: 'H1******8',
    submittedAt: '2026-12-01T01:00:00.000Z',
    reviewDueAt: '2026-12-01T05:00:00.000Z',
    overdue: false,
    photoUrls: { front: 'https://t/front', back: null, handheld: 'https://t/hand' },
    photoUrlsExpireAt: '2026-12-01T02:22:00.000Z',
    enterprise: null,
    warnings: [],
    claim: { mine: true, reviewerName: '林*', expiresAt: '2026-12-01T02:42:00.000Z' },
    ...overrides,
  }
}

function pending(overrides: Partial<PendingReview> = {}): PendingReview {
  const { photoUrls: _p, photoUrlsExpireAt: _e, enterprise: _n, claim: _c, ...facts } = review()
  return {
    ...facts,
    enterprise: null,
    claim: { mine: false, reviewerName: '林*', expiresAt: '2026-12-01T02:42:00.000Z' },
    ...overrides,
  }
}

describe('org desk common helpers', () => {
  it('writes times in China time and nothing for missing ones', () => {
    expect(chinaTime('2026-12-31T16:05:00.000Z')).toBe('2027-01-01 00:05')
    expect(chinaTime(null)).toBe('')
    expect(chinaTime('not a time')).toBe('')
  })

  it('requires a reason within the limit, naming what is missing', () => {
    expect(reasonError('   ', '驳回理由')).toBe('请填写驳回理由')
    expect(reasonError('x'.repeat(501), '驳回理由')).toBe('驳回理由不能超过 500 字')
    expect(reasonError('  照片模糊 ', '驳回理由')).toBe('')
  })

  it('reads decoded, trimmed page options', () => {
    expect(optionOf({ id: 'c%201 ' }, 'id')).toBe('c 1')
    expect(optionOf({}, 'id')).toBe('')
  })
})

describe('org identity review logic', () => {
  it('shows masked values, labels and the photos that have URLs', () => {
    const view = reviewView(review())
    expect(view).toMatchObject({
      partyTypeLabel: '自然人',
      idTypeLabel: '港澳居民来往内地通行证',
      maskedName: '陈**',
      maskedIdNumber: 'H1******8',
      submittedText: '2026-12-01 09:00',
      dueText: '2026-12-01 13:00 前',
      claimText: '您已领取本审核，10:42 前仅您可查看照片和作出决定',
    })
    expect(view.photos.map((p) => [p.label, p.url])).toEqual([
      ['证件正面', 'https://t/front'],
      ['手持证件照', 'https://t/hand'],
    ])
    // The back is optional (passports), so its absence is not reported.
    expect(view.missingPhotos).toEqual([])
  })

  it('reports a required photo whose URL could not be issued, and overdue reviews', () => {
    const view = reviewView(
      review({
        overdue: true,
        photoUrls: { front: null, back: null, handheld: 'https://t/hand' },
      }),
    )
    expect(view.missingPhotos).toEqual(['证件正面'])
    expect(view.dueText).toBe('已超时（应于 2026-12-01 13:00 前完成）')
  })

  it('adds the enterprise proof for an enterprise submission', () => {
    const view = reviewView(
      review({
        partyType: 'enterprise',
        enterprise: {
          name: '杭州云启科技有限公司',
          maskedUscc: '9133**********123X',
          licenceUrl: 'https://t/licence',
          authorisationUrl: null,
        },
      }),
    )
    expect(view.partyTypeLabel).toBe('企业')
    expect(view.enterpriseName).toBe('杭州云启科技有限公司')
    expect(view.photos.map((p) => p.key)).toEqual(['front', 'handheld', 'licence'])
    expect(view.missingPhotos).toEqual(['授权委托书 / 法定代表人证明书'])
  })

  it('refuses a rejection without a reason', () => {
    expect(rejectReasonError('')).toBe('请填写驳回理由')
    expect(rejectReasonError('证件照片不清晰')).toBe('')
  })
})

describe("org identity review under another reviewer's claim", () => {
  it('shows who is reviewing and until when, with the masked facts and no photos', () => {
    const item = pending()
    const other = claimedElsewhere(item.claim)
    expect(other).toEqual({
      notice: '审核中：林*（至 10:42）',
      reclaimAt: Date.parse('2026-12-01T02:42:00.000Z'),
    })
    const facts = factsView(item)
    expect(facts).toMatchObject({ maskedName: '陈**', idTypeLabel: '港澳居民来往内地通行证' })
    expect(facts).not.toHaveProperty('photos')
  })

  it('offers 重新领取 only once the claim has lapsed', () => {
    const { reclaimAt } = claimedElsewhere(pending().claim)
    expect(canReclaim(reclaimAt, reclaimAt - 1)).toBe(false)
    expect(canReclaim(reclaimAt, reclaimAt)).toBe(true)
  })

  it('a claim that lapsed meanwhile can be taken at once', () => {
    expect(claimedElsewhere(null)).toEqual({
      notice: '上一位审核员的领取已结束，可重新领取',
      reclaimAt: 0,
    })
  })
})
