import { newIntent, type Intent } from '../../../services/intent'
import { approveIdentity, rejectIdentity } from '../../../services/identity'
import { pendingIdentity } from '../../../services/org-review'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { optionOf } from '../common'
import { rejectReasonError, reviewView, type ReviewView } from './logic'

/** One intent per decision, reused while the same decision is retried. */
let intent: Intent | undefined
let identityId = ''

Page({
  data: {
    state: 'loading',
    review: null as ReviewView | null,
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
  async load() {
    if (!identityId) {
      this.setData({ state: 'gone' })
      return
    }
    const res = await pendingIdentity(identityId)
    if (!res.ok) {
      showError(this, res.error.message)
      this.setData({ state: 'gone' })
      return
    }
    const item = res.data.items[0]
    this.setData(item ? { state: 'review', review: reviewView(item) } : { state: 'gone' })
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
