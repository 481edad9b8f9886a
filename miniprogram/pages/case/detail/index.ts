import type { MediatorCard } from '../../../../typings/api/mediationCase'
import {
  answerExtension,
  caseDetail,
  endMediation,
  rateCase,
  requestExtension,
  withdrawCase,
} from '../../../services/cases'
import { newIntent, type Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import {
  checkExtensionDays,
  checkRating,
  checkReason,
  detailView,
  type DetailView,
  type SheetAction,
} from './logic'

type Busy = '' | 'withdraw' | 'end' | 'extension' | 'consent' | 'rate'

/** One intent per kind of action, kept while the user retries it after a network failure. */
const intents = new Map<Busy, Intent>()

function intentFor(key: Busy): Intent {
  const existing = intents.get(key)
  if (existing) return existing
  const created = newIntent()
  intents.set(key, created)
  return created
}

/** A refused request will not pass by retrying: the next tap is a new intent. */
function settle(key: Busy, code: string | null): void {
  if (code !== 'NETWORK') intents.delete(key)
}

interface DetailData {
  caseId: string
  loading: boolean
  failed: string
  view: DetailView | null
  mediator: MediatorCard | null
  busy: Busy
  sheetVisible: boolean
  sheetLabels: { label: string }[]
  reasonDialog: '' | 'withdraw' | 'end'
  reasonText: string
  extensionDialog: boolean
  extensionDays: number
  formError: string
  rateScore: number
  rateComment: string
}

const initialData: DetailData = {
  caseId: '',
  loading: true,
  failed: '',
  view: null,
  mediator: null,
  busy: '',
  sheetVisible: false,
  sheetLabels: [],
  reasonDialog: '',
  reasonText: '',
  extensionDialog: false,
  extensionDays: 7,
  formError: '',
  rateScore: 0,
  rateComment: '',
}

Page({
  data: initialData,
  /** What each 更多 item does (kept out of setData: only the labels render). */
  sheetActions: [] as SheetAction[],
  onLoad(query: Record<string, string | undefined>) {
    const caseId = typeof query['caseId'] === 'string' ? decodeURIComponent(query['caseId']) : ''
    this.setData({ caseId })
  },
  onShow() {
    // Back from 选择调解员, 邀请 or 签署: the case may have moved on.
    void this.load()
  },
  async onPullDownRefresh() {
    await this.load()
    void wx.stopPullDownRefresh()
  },
  onRetry() {
    void this.load()
  },
  async load() {
    if (!this.data.caseId) {
      this.setData({ loading: false, failed: '缺少案件编号，请从首页重新进入' })
      return
    }
    this.setData({ loading: true })
    const res = await caseDetail(this.data.caseId)
    if (!res.ok) {
      this.setData({ loading: false, failed: res.error.message })
      showError(this, res.error.message)
      return
    }
    const view = detailView(res.data, Date.now())
    this.sheetActions = view.sheet.map((i) => i.action)
    this.setData({
      loading: false,
      failed: '',
      view,
      mediator: res.data.mediator,
      sheetLabels: view.sheet.map((i) => ({ label: i.label })),
    })
  },
  onMoreTap() {
    if (this.sheetActions.length > 0) this.setData({ sheetVisible: true })
  },
  onSheetClose() {
    this.setData({ sheetVisible: false })
  },
  onSheetSelected(e: WechatMiniprogram.CustomEvent<{ index: number }>) {
    const action = this.sheetActions[e.detail.index]
    this.setData({ sheetVisible: false, formError: '' })
    if (!action) return
    switch (action.kind) {
      case 'navigate':
        void wx.navigateTo({ url: action.url })
        return
      case 'reason':
        this.setData({ reasonDialog: action.action, reasonText: '' })
        return
      case 'extension':
        this.setData({
          extensionDialog: true,
          extensionDays: Math.min(7, this.data.view?.extensionMax ?? 7),
        })
        return
      case 'consent':
        void this.answerExtension(action.agree)
        return
    }
  },
  onDialogCancel() {
    if (this.data.busy) return
    this.setData({ reasonDialog: '', extensionDialog: false, formError: '' })
  },
  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ reasonText: e.detail.value, formError: '' })
  },
  async onReasonConfirm() {
    const kind = this.data.reasonDialog
    if (kind === '' || this.data.busy) return
    const reason = checkReason(this.data.reasonText)
    if (!reason.ok) {
      this.setData({ formError: reason.message })
      return
    }
    this.setData({ busy: kind })
    const run = kind === 'withdraw' ? withdrawCase : endMediation
    const res = await run(this.data.caseId, reason.value, intentFor(kind))
    settle(kind, res.ok ? null : res.error.code)
    this.setData({ busy: '' })
    if (!res.ok) {
      this.setData({ formError: res.error.message })
      return
    }
    this.setData({ reasonDialog: '' })
    showSuccess(this, kind === 'withdraw' ? '已撤回申请' : '已结束调解')
    await this.load()
  },
  onExtensionDaysChange(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
    this.setData({ extensionDays: Number(e.detail.value), formError: '' })
  },
  async onExtensionConfirm() {
    if (this.data.busy) return
    const days = checkExtensionDays(this.data.extensionDays, this.data.view?.extensionMax ?? 0)
    if (!days.ok) {
      this.setData({ formError: days.message })
      return
    }
    this.setData({ busy: 'extension' })
    const res = await requestExtension(this.data.caseId, days.value, intentFor('extension'))
    settle('extension', res.ok ? null : res.error.code)
    this.setData({ busy: '' })
    if (!res.ok) {
      this.setData({ formError: res.error.message })
      return
    }
    this.setData({ extensionDialog: false })
    showSuccess(this, '延期申请已提交，待对方同意')
    await this.load()
  },
  async answerExtension(agree: boolean) {
    if (this.data.busy) return
    this.setData({ busy: 'consent' })
    const res = await answerExtension(this.data.caseId, agree, intentFor('consent'))
    settle('consent', res.ok ? null : res.error.code)
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    showSuccess(this, agree ? '已同意延期' : '已拒绝延期')
    await this.load()
  },
  onRateChange(e: WechatMiniprogram.CustomEvent<{ value: number }>) {
    this.setData({ rateScore: Number(e.detail.value) })
  },
  onRateCommentChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ rateComment: e.detail.value })
  },
  async onRateSubmit() {
    if (this.data.busy) return
    const rating = checkRating(this.data.rateScore, this.data.rateComment)
    if (!rating.ok) {
      showError(this, rating.message)
      return
    }
    this.setData({ busy: 'rate' })
    const res = await rateCase(
      this.data.caseId,
      rating.score,
      intentFor('rate'),
      rating.comment || undefined,
    )
    settle('rate', res.ok ? null : res.error.code)
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    showSuccess(this, '感谢您的评价')
    await this.load()
  },
  onEvidenceTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: number }>) {
    const item = this.data.view?.evidence[Number(e.currentTarget.dataset.index)]
    if (!item?.url) return
    if (item.kind === 'image') {
      const urls = (this.data.view?.evidence ?? [])
        .filter((x) => x.kind === 'image' && x.url)
        .map((x) => x.url)
      void wx.previewImage({ urls, current: item.url })
      return
    }
    void wx.showLoading({ title: '正在打开' })
    wx.downloadFile({
      url: item.url,
      success: (res) => {
        void wx.hideLoading()
        void wx.openDocument({ filePath: res.tempFilePath, fileType: 'pdf', showMenu: true })
      },
      fail: () => {
        void wx.hideLoading()
        showError(this, '文件下载失败，请检查网络后重试')
      },
    })
  },
  onAgreementTap() {
    const url = this.data.view?.agreementUrl
    if (url) void wx.navigateTo({ url })
  },
})
