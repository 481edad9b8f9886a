import type { FilingView } from '../../../../typings/api/fileCase'
import { filingDetail, withdrawFiling, withdrawalStatus } from '../../../services/filings'
import { newIntent, type Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import {
  canResubmit,
  canWithdraw,
  checkWithdrawReason,
  filingTimeline,
  headline,
  moreActions,
  rejectNotice,
  resubmitUrl,
  withdrawConfirmText,
  withdrawalOutcome,
  withdrawalState,
  type TagTheme,
  type TimelineEntry,
} from './logic'

/** One intent per 撤诉 attempt, reused when the same request is retried. */
let withdrawIntent: Intent | undefined

interface DetailData {
  loading: boolean
  busy: boolean
  filingId: string
  filing: FilingView | null
  headlineText: string
  headlineTheme: TagTheme
  withdrawalText: string
  withdrawalTheme: TagTheme
  timeline: TimelineEntry[]
  canWithdraw: boolean
  canResubmit: boolean
  rejectText: string
  actions: { label: string; value: string }[]
  sheetVisible: boolean
  reasonVisible: boolean
  reason: string
  reasonError: string
  confirmVisible: boolean
  confirmText: string
  skeletonRows: unknown[]
}

const INITIAL: DetailData = {
  loading: true,
  busy: false,
  filingId: '',
  filing: null,
  headlineText: '',
  headlineTheme: 'default',
  withdrawalText: '',
  withdrawalTheme: 'default',
  timeline: [],
  canWithdraw: false,
  canResubmit: false,
  rejectText: '',
  actions: [],
  sheetVisible: false,
  reasonVisible: false,
  reason: '',
  reasonError: '',
  confirmVisible: false,
  confirmText: '',
  skeletonRows: [{ width: '60%', height: '48rpx' }, 1, 1, 1],
}

Page({
  data: INITIAL,

  onLoad(query: Record<string, string | undefined>) {
    withdrawIntent = undefined
    this.setData({ filingId: decodeURIComponent(query['filingId'] ?? '') })
    if (query['submitted'] === '1') showSuccess(this, '立案申请已提交')
    else if (query['resubmitted'] === '1') showSuccess(this, '已修改并重新提交，请等待工商联审核')
  },

  onShow() {
    void this.load()
  },

  async onPullDownRefresh() {
    await this.load()
    void wx.stopPullDownRefresh()
  },

  async load() {
    const res = await filingDetail(this.data.filingId)
    if (!res.ok) {
      this.setData({ loading: false })
      showError(this, res.error.message)
      return
    }
    const filing = res.data
    const pending =
      filing.status === 'withdrawal_requested' ? await withdrawalStatus(filing.filingId) : null
    const head = headline(filing.status)
    const state = withdrawalState(filing)
    this.setData({
      loading: false,
      filing,
      headlineText: head.text,
      headlineTheme: head.theme,
      withdrawalText: state?.title ?? '',
      withdrawalTheme: state?.theme ?? 'default',
      timeline: filingTimeline(filing, pending && pending.ok ? pending.data : null),
      canWithdraw: canWithdraw(filing),
      canResubmit: canResubmit(filing),
      rejectText: rejectNotice(filing),
      actions: moreActions(filing),
    })
  },

  onMoreTap() {
    if (this.data.busy) return
    this.setData({ sheetVisible: true })
  },

  onSheetClose() {
    this.setData({ sheetVisible: false })
  },

  onSheetSelect(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
    const action = this.data.actions[e.detail.index]
    this.setData({ sheetVisible: false })
    if (!action) return
    if (action.value === 'resubmit') {
      this.onResubmitTap()
    } else if (action.value === 'withdraw') {
      this.setData({ reasonVisible: true, reasonError: '' })
    } else if (action.value === 'case' && this.data.filing?.caseId) {
      void wx.navigateTo({
        url: `/pages/case/detail/index?caseId=${encodeURIComponent(this.data.filing.caseId)}`,
      })
    }
  },

  onResubmitTap() {
    if (this.data.busy) return
    void wx.navigateTo({ url: resubmitUrl(this.data.filingId) })
  },

  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reason: e.detail.value })
  },

  onReasonClose() {
    if (this.data.busy) return
    this.setData({ reasonVisible: false })
  },

  onReasonNext() {
    const reasonError = checkWithdrawReason(this.data.reason)
    this.setData({ reasonError })
    if (reasonError) {
      showError(this, reasonError)
      return
    }
    const status = this.data.filing?.status ?? 'submitted'
    this.setData({ confirmVisible: true, confirmText: withdrawConfirmText(status) })
  },

  onConfirmCancel() {
    this.setData({ confirmVisible: false })
  },

  async onConfirmWithdraw() {
    if (this.data.busy) return
    withdrawIntent ??= newIntent()
    this.setData({ confirmVisible: false, busy: true })
    const res = await withdrawFiling(this.data.filingId, this.data.reason.trim(), withdrawIntent)
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    withdrawIntent = undefined
    this.setData({ reasonVisible: false, reason: '' })
    showSuccess(this, withdrawalOutcome(res.data))
    await this.load()
  },
})
