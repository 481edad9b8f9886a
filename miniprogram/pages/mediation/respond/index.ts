import { validateMobile } from '../../../core/identity/index'
import { MAX_REASON_LENGTH } from '../../../core/limits'
import { caseDetail, joinCase, respondToCase } from '../../../services/cases'
import { identityStatus } from '../../../services/identity'
import { newIntent, type Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import { checkDeclineReason, inviteToken, safeSummary, type SummaryRow } from './logic'

/**
 * verify → (phone check) → summary → agree / decline → done; `invalid` when the link cannot be
 * used (missing, expired, used, someone else's).
 */
type View = 'loading' | 'verify' | 'phone' | 'summary' | 'done' | 'invalid'

const FIRST_VIEW: { view: View } = { view: 'loading' }

let joinIntent: Intent | undefined
let respondIntent: Intent | undefined

Page({
  data: {
    ...FIRST_VIEW,
    token: '',
    caseId: '',
    invalidText: '',
    phone: '',
    phoneError: '',
    rows: [] as readonly SummaryRow[],
    canRespond: false,
    statusLabel: '',
    doneTitle: '',
    doneText: '',
    busy: false,
    declineVisible: false,
    reason: '',
    reasonError: '',
    maxReason: MAX_REASON_LENGTH,
    skeletonRows: [{ width: '100%', height: '160rpx' }, 1, 1, 1],
  },

  onLoad(query: Record<string, string | undefined>) {
    const token = inviteToken(query)
    if (!token) {
      this.setData({
        view: 'invalid',
        invalidText: '邀请链接无效，请向申请人索取新的邀请',
      })
      return
    }
    this.setData({ token })
    void this.start()
  },

  onShow() {
    // Back from 实名认证.
    if (this.data.view === 'verify') void this.start()
  },

  async start() {
    const identity = await identityStatus()
    if (!identity.ok) {
      showError(this, identity.error.message)
      return
    }
    if (identity.data.status !== 'verified') {
      this.setData({ view: 'verify' })
      return
    }
    await this.join()
  },

  async join(phone?: string) {
    joinIntent = joinIntent ?? newIntent()
    this.setData({ busy: true })
    const res = await joinCase(this.data.token, joinIntent, phone)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') joinIntent = undefined
      if (res.error.code === 'PHONE_REQUIRED') {
        this.setData({ view: 'phone' })
        if (phone !== undefined) this.setData({ phoneError: res.error.message })
        return
      }
      if (res.error.code === 'IDENTITY_REQUIRED') {
        this.setData({ view: 'verify' })
        return
      }
      if (res.error.code === 'NETWORK') {
        showError(this, res.error.message)
        return
      }
      this.setData({ view: 'invalid', invalidText: res.error.message })
      return
    }
    joinIntent = undefined
    this.setData({ caseId: res.data.caseId })
    await this.loadSummary()
  },

  async loadSummary() {
    const res = await caseDetail(this.data.caseId)
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.setData({
      view: 'summary',
      rows: safeSummary(res.data),
      canRespond: res.data.allowedActions.includes('respond'),
      statusLabel: res.data.statusLabel,
    })
  },

  onVerifyTap() {
    void wx.navigateTo({ url: '/pages/identity/index' })
  },

  onPhoneChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ phone: e.detail.value, phoneError: '' })
  },

  onPhoneSubmit() {
    if (this.data.busy) return
    const phone = validateMobile(this.data.phone)
    if (!phone.ok) {
      this.setData({ phoneError: phone.error?.message ?? '' })
      return
    }
    void this.join(phone.value)
  },

  onAgreeTap() {
    void this.respond(true)
  },

  onDeclineTap() {
    this.setData({ declineVisible: true, reasonError: '' })
  },

  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reason: e.detail.value, reasonError: '' })
  },

  onDeclineCancel() {
    this.setData({ declineVisible: false })
  },

  onDeclineConfirm() {
    const error = checkDeclineReason(this.data.reason)
    if (error) {
      this.setData({ reasonError: error })
      return
    }
    this.setData({ declineVisible: false })
    void this.respond(false, this.data.reason.trim())
  },

  async respond(agree: boolean, reason?: string) {
    if (this.data.busy) return
    respondIntent = respondIntent ?? newIntent()
    this.setData({ busy: true })
    const res = await respondToCase(this.data.caseId, agree, respondIntent, reason)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') respondIntent = undefined
      showError(this, res.error.message)
      return
    }
    respondIntent = undefined
    showSuccess(this, agree ? '已同意调解' : '已拒绝调解')
    this.setData({
      view: 'done',
      statusLabel: res.data.statusLabel,
      doneTitle: agree ? '您已同意调解' : '您已拒绝调解',
      doneText: agree
        ? '申请人将选择调解员，调解员受理后会与您联系，请留意消息通知。'
        : '本次调解申请已结束，申请人可另行通过诉讼等途径解决纠纷。',
    })
  },

  onCaseTap() {
    void wx.redirectTo({
      url: `/pages/case/detail/index?caseId=${encodeURIComponent(this.data.caseId)}`,
    })
  },

  onHomeTap() {
    void wx.switchTab({ url: '/pages/home/index' })
  },
})
