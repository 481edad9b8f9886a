import { newIntent, type Intent } from '../../../services/intent'
import { approveIdentity, rejectIdentity } from '../../../services/identity'
import { claimReview, pendingIdentity, releaseReview } from '../../../services/org-review'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { optionOf } from '../common'
import {
  canReclaim,
  claimedElsewhere,
  factsView,
  rejectReasonError,
  reviewView,
  type FactsView,
  type ReviewView,
} from './logic'

/** One intent per decision, reused while the same decision is retried. */
let intent: Intent | undefined
let identityId = ''
/** Turns 重新领取 on when the other reviewer's claim lapses. */
let reclaimTimer: ReturnType<typeof setTimeout> | undefined

function clearReclaimTimer() {
  if (reclaimTimer !== undefined) clearTimeout(reclaimTimer)
  reclaimTimer = undefined
}

Page({
  data: {
    // loading | gone | review (the caller holds the claim) | claimed (another reviewer does) | decided
    state: 'loading',
    review: null as ReviewView | null,
    facts: null as FactsView | null,
    claimNotice: '',
    reclaimable: false,
    claiming: false,
    busy: false,
    reason: '',
    reasonError: '',
    decidedText: '',
  },
  async onLoad(options: Record<string, string | undefined>) {
    identityId = optionOf(options, 'id')
    intent = undefined
    if (!(await requireRole('staff'))) return
    await this.load()
  },
  onUnload() {
    clearReclaimTimer()
    // Leaving undecided gives the claim back at once (best effort: it lapses by itself anyway).
    if (this.data.state === 'review' && identityId) void releaseReview(identityId, newIntent())
  },
  /** Claims the review on open (and on 重新领取 / 刷新照片): the only way to the photos. */
  async load() {
    if (!identityId) {
      this.setData({ state: 'gone' })
      return
    }
    clearReclaimTimer()
    const res = await claimReview(identityId)
    if (res.ok) {
      const review = reviewView(res.data)
      this.setData({ state: 'review', review, facts: review })
      return
    }
    if (res.error.code === 'REVIEW_CLAIMED') {
      await this.showClaimedElsewhere(res.error.message)
      return
    }
    if (res.error.code !== 'INVALID_TRANSITION' && res.error.code !== 'NOT_FOUND')
      showError(this, res.error.message)
    this.setData({ state: 'gone' })
  },
  /** Masked facts and who is reviewing, without photos; 重新领取 once their claim lapses. */
  async showClaimedElsewhere(refusal: string) {
    const res = await pendingIdentity(identityId)
    if (!res.ok) {
      showError(this, res.error.message)
      this.setData({ state: 'gone' })
      return
    }
    const item = res.data.items[0]
    if (!item) {
      this.setData({ state: 'gone' })
      return
    }
    const other = claimedElsewhere(item.claim?.mine ? null : item.claim)
    const reclaimable = canReclaim(other.reclaimAt, Date.now())
    if (this.data.state === 'claimed') showError(this, refusal)
    this.setData({
      state: 'claimed',
      review: null,
      facts: factsView(item),
      claimNotice: other.notice,
      reclaimable,
    })
    if (!reclaimable) {
      reclaimTimer = setTimeout(
        () => this.setData({ reclaimable: true }),
        other.reclaimAt - Date.now() + 1000,
      )
    }
  },
  async onReclaimTap() {
    if (this.data.claiming) return
    this.setData({ claiming: true })
    await this.load()
    this.setData({ claiming: false })
  },
  onPhotoTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: unknown }>) {
    const current = e.currentTarget.dataset.url
    const urls = (this.data.review?.photos ?? []).map((p) => p.url)
    if (typeof current === 'string') void wx.previewImage({ current, urls })
  },
  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reason: e.detail.value, reasonError: '' })
    intent = undefined
  },
  async onApproveTap() {
    if (this.data.busy) return
    intent = intent ?? newIntent()
    this.setData({ busy: true })
    const res = await approveIdentity(identityId, intent)
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      // The claim lapsed and another reviewer took it: show theirs, without the photos.
      if (res.error.code === 'REVIEW_CLAIMED') await this.showClaimedElsewhere(res.error.message)
      return
    }
    intent = undefined
    showSuccess(this, '已通过审核')
    this.setData({ state: 'decided', decidedText: '已通过审核，当事人已完成实名认证' })
  },
  async onRejectTap() {
    if (this.data.busy) return
    const error = rejectReasonError(this.data.reason)
    if (error) {
      this.setData({ reasonError: error })
      showError(this, error)
      return
    }
    intent = intent ?? newIntent()
    this.setData({ busy: true })
    const res = await rejectIdentity(identityId, this.data.reason.trim(), intent)
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      // The claim lapsed and another reviewer took it: show theirs, without the photos.
      if (res.error.code === 'REVIEW_CLAIMED') await this.showClaimedElsewhere(res.error.message)
      return
    }
    intent = undefined
    showSuccess(this, '已驳回')
    this.setData({ state: 'decided', decidedText: '已驳回，当事人将收到驳回理由并可重新提交' })
  },
  onBackTap() {
    void wx.navigateBack()
  },
})
