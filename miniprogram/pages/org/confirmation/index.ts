import { confirmationStatus } from '../../../services/confirmations'
import { newIntent, type Intent } from '../../../services/intent'
import {
  forwardConfirmation,
  recordConfirmationOutcome,
  uploadStaffFile,
} from '../../../services/org-review'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { optionOf } from '../common'
import {
  confirmationPanel,
  outcomeRequest,
  type ConfirmationPanel,
  type OutcomeField,
  type OutcomeForm,
} from './logic'

let caseId = ''
let storagePrefix = ''
const intents: { forward?: Intent; outcome?: Intent } = {}

const NO_ERRORS: Record<OutcomeField, string> = { rulingNumber: '', reason: '', rulingFileId: '' }

interface UploadFile {
  url: string
  name?: string
  status?: string
}

const EMPTY_FORM: OutcomeForm = {
  outcome: 'confirmed',
  rulingNumber: '',
  reason: '',
  rulingFileId: '',
}

Page({
  data: {
    state: 'loading',
    panel: null as ConfirmationPanel | null,
    busy: '',
    form: EMPTY_FORM,
    files: [] as UploadFile[],
    errors: NO_ERRORS,
    outcomeOptions: [
      { value: 'confirmed', label: '裁定确认有效' },
      { value: 'dismissed', label: '裁定驳回申请' },
    ],
  },
  async onLoad(options: Record<string, string | undefined>) {
    caseId = optionOf(options, 'id')
    delete intents.forward
    delete intents.outcome
    const me = await requireRole('staff')
    if (!me) return
    storagePrefix = me.storagePrefix
    await this.load()
  },
  async load() {
    const res = caseId ? await confirmationStatus(caseId) : null
    if (!res || !res.ok || !res.data) {
      if (res && !res.ok) showError(this, res.error.message)
      this.setData({ state: 'gone' })
      return
    }
    this.setData({ state: 'ready', panel: confirmationPanel(res.data) })
  },
  async onForwardTap() {
    const court = this.data.panel?.courtName ?? ''
    if (this.data.busy || !court) return
    intents.forward = intents.forward ?? newIntent()
    this.setData({ busy: 'forward' })
    const res = await forwardConfirmation(caseId, court, intents.forward)
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    delete intents.forward
    showSuccess(this, `已转交${court}`)
    this.setData({ panel: confirmationPanel(res.data) })
  },
  onOutcomeChange(e: WechatMiniprogram.CustomEvent<{ value: OutcomeForm['outcome'] }>) {
    this.setData({ 'form.outcome': e.detail.value, errors: NO_ERRORS })
    delete intents.outcome
  },
  onRulingNumberChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.rulingNumber': e.detail.value, 'errors.rulingNumber': '' })
    delete intents.outcome
  },
  onReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.reason': e.detail.value, 'errors.reason': '' })
    delete intents.outcome
  },
  async onRulingAdd(e: WechatMiniprogram.CustomEvent<{ files: UploadFile[] }>) {
    const file = e.detail.files[0]
    if (!file || this.data.busy) return
    this.setData({ busy: 'upload', files: [{ ...file, status: 'loading' }] })
    const res = await uploadStaffFile(storagePrefix, 'rulings', file.url, file.name)
    this.setData({ busy: '' })
    if (!res.ok) {
      this.setData({ files: [] })
      showError(this, res.error.message)
      return
    }
    delete intents.outcome
    this.setData({
      files: [{ ...file, status: 'done' }],
      'form.rulingFileId': res.data.fileId,
      'errors.rulingFileId': '',
    })
  },
  onRulingRemove() {
    this.setData({ files: [], 'form.rulingFileId': '' })
  },
  async onRecordTap() {
    if (this.data.busy) return
    const request = outcomeRequest(caseId, this.data.form)
    if (!request.ok) {
      this.setData({ errors: { ...NO_ERRORS, [request.error.code]: request.error.message } })
      showError(this, request.error.message)
      return
    }
    intents.outcome = intents.outcome ?? newIntent()
    this.setData({ busy: 'outcome' })
    const res = await recordConfirmationOutcome(request.value, intents.outcome)
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    delete intents.outcome
    showSuccess(this, '已记录法院裁定结果')
    this.setData({ panel: confirmationPanel(res.data) })
  },
})
