import type { ApiResult } from '../../../../typings/api/envelope'
import type { ConfirmationCommand } from '../../../core/machines/judicial-confirmation'
import type {
  ConfirmationPreview,
  ConfirmationView,
} from '../../../../typings/api/judicialConfirmation'
import {
  cancelConfirmation,
  confirmationStatus,
  consentToConfirmation,
  initiateConfirmation,
  previewConfirmation,
  refuseConfirmation,
} from '../../../services/confirmations'
import type { Intent } from '../../../services/intent'
import { showError, showSuccess } from '../../../utils/notify'
import { CasePage } from '../case-page'
import {
  confirmationScreen,
  courtChoices,
  partyRows,
  pickedCourt,
  type ConfirmationScreen,
  type CourtChoice,
} from './logic'

interface ConfirmationPageData {
  loading: boolean
  busy: boolean
  pending: string
  downloading: boolean
  missing: string
  preview: ConfirmationPreview | null
  parties: { title: string; note: string }[]
  courts: CourtChoice[]
  courtValue: string
  screen: ConfirmationScreen | null
  refuseVisible: boolean
  refuseReason: string
  skeletonRows: unknown[]
}

const opened = new CasePage()
let preview: ConfirmationPreview | undefined

const SUCCESS_TEXT: Partial<Record<ConfirmationCommand | 'initiate', string>> = {
  initiate: '已发起申请，待对方当事人同意',
  consent: '已同意共同申请，申请已提交至工商联',
  refuse_consent: '已告知对方您不同意申请',
  cancel: '已撤销司法确认申请',
}

const INITIAL_DATA: ConfirmationPageData = {
  loading: true,
  busy: false,
  pending: '',
  downloading: false,
  missing: '',
  preview: null,
  parties: [],
  courts: [],
  courtValue: '',
  screen: null,
  refuseVisible: false,
  refuseReason: '',
  skeletonRows: [{ width: '100%', height: '160rpx' }, 1, 1, 1, 1],
}

Page({
  data: INITIAL_DATA,

  onLoad(query: Record<string, string | undefined>) {
    preview = undefined
    if (opened.open(this, query)) void this.load()
  },

  onShow() {
    // The other party answers on their own phone: returning here shows where the application is.
    if (preview && !this.data.busy) void this.load()
  },

  async onPullDownRefresh() {
    await opened.refresh(() => this.load())
  },

  async load() {
    const caseId = opened.caseId
    const [p, s] = await Promise.all([previewConfirmation(caseId), confirmationStatus(caseId)])
    if (!p.ok) {
      this.setData({ loading: false, missing: p.error.message })
      return
    }
    if (!s.ok) showError(this, s.error.message)
    const first = preview === undefined
    preview = p.data
    if (first) {
      this.setData({
        preview: p.data,
        parties: partyRows(p.data),
        courts: courtChoices(p.data.courtOptions),
      })
    }
    this.showStatus(s.ok ? s.data : null)
  },

  showStatus(view: ConfirmationView | null) {
    if (!preview) return
    this.setData({
      loading: false,
      missing: '',
      screen: confirmationScreen(preview, view, Date.now()),
    })
  },

  onCourtChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ courtValue: e.detail.value })
  },

  async onInitiateTap() {
    if (this.data.busy) return
    const court = pickedCourt(this.data.courts, this.data.courtValue)
    if (!court.ok) {
      showError(this, court.message)
      return
    }
    await this.run('initiate', (i) =>
      initiateConfirmation(opened.caseId, court.courtBasis, court.courtName, i),
    )
  },

  async onActionTap(e: WechatMiniprogram.TouchEvent<object, object, { command: string }>) {
    const command = e.currentTarget.dataset.command as ConfirmationCommand
    if (this.data.busy) return
    const caseId = opened.caseId
    if (command === 'consent') await this.run('consent', (i) => consentToConfirmation(caseId, i))
    else if (command === 'cancel') await this.run('cancel', (i) => cancelConfirmation(caseId, i))
    else if (command === 'refuse_consent') this.setData({ refuseVisible: true })
  },

  onRefuseReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ refuseReason: e.detail.value })
  },

  onRefuseCancel() {
    this.setData({ refuseVisible: false })
  },

  async onRefuseConfirm() {
    const reason = this.data.refuseReason.trim()
    this.setData({ refuseVisible: false })
    await this.run('refuse_consent', (i) =>
      refuseConfirmation(opened.caseId, i, reason === '' ? undefined : reason),
    )
  },

  async run(
    step: ConfirmationCommand | 'initiate',
    send: (i: Intent) => Promise<ApiResult<ConfirmationView>>,
  ) {
    const res = await opened.send(this, send, step)
    if (!res.ok) return
    showSuccess(this, SUCCESS_TEXT[step] ?? '操作成功')
    this.showStatus(res.data)
  },

  async onDownloadTap() {
    await opened.download(this, 'confirmation_application')
  },
})
