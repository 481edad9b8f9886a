import {
  PERFORMANCE_METHOD_LABELS,
  formatDate,
  type PerformanceMethod,
} from '../../../core/agreement-text'
import type { AgreementView, SignatureCheckView } from '../../../../typings/api/signAgreement'
import { getAgreement } from '../../../services/agreements'
import { caseDetail } from '../../../services/cases'
import { newIntent, type Intent } from '../../../services/intent'
import { draftAgreement, reviseAgreement, sendForSigning } from '../../../services/mediator-desk'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { agreementPageUrl, caseIdFromQuery, workspaceView, type PartyRow } from '../case/logic'
import {
  METHOD_OPTIONS,
  NO_ERRORS,
  checkAgreementForm,
  checksAfterRevision,
  chinaToday,
  editable,
  formFieldOf,
  formFromAgreement,
  formFromCase,
  signatureCheckRows,
  type AgreementForm,
  type SignatureCheckRow,
} from './logic'

let saveIntent: Intent | undefined
let sendIntent: Intent | undefined
// The server's checks as received, kept to drop the ones a revision makes obsolete.
let checks: readonly SignatureCheckView[] = []

const THREE_YEARS_MS = 3 * 366 * 24 * 3600_000

Page({
  data: {
    caseId: '',
    loading: true,
    failed: '',
    caseNumber: '',
    parties: [] as PartyRow[],
    form: null as AgreementForm | null,
    errors: NO_ERRORS,
    touched: false,
    agreement: null as AgreementView | null,
    canEdit: true,
    signatureChecks: [] as SignatureCheckRow[],
    methodOptions: METHOD_OPTIONS,
    methodLabel: '',
    methodPickerVisible: false,
    datePickerVisible: false,
    deadlineLabel: '',
    dateStart: '',
    dateEnd: '',
    previewVisible: false,
    busy: '',
  },
  async onLoad(query: Record<string, string | undefined>) {
    const caseId = caseIdFromQuery(query['caseId'])
    saveIntent = undefined
    sendIntent = undefined
    checks = []
    const now = Date.now()
    this.setData({ caseId, dateStart: chinaToday(now), dateEnd: chinaToday(now + THREE_YEARS_MS) })
    const who = await requireRole('mediator')
    if (!who) return
    if (!caseId) {
      this.setData({ loading: false, failed: '缺少案件编号，请从案件工作台进入' })
      return
    }
    const [detail, agreement] = await Promise.all([caseDetail(caseId), getAgreement(caseId)])
    if (!detail.ok) {
      this.setData({ loading: false, failed: detail.error.message })
      return
    }
    if (!agreement.ok && agreement.error.code !== 'NO_AGREEMENT') {
      this.setData({ loading: false, failed: agreement.error.message })
      return
    }
    const view = workspaceView(detail.data, now)
    const existing = agreement.ok ? agreement.data : null
    this.setData({ loading: false, caseNumber: view.caseNumber, parties: [...view.parties] })
    this.showForm(existing ? formFromAgreement(existing) : formFromCase(detail.data))
    this.showAgreement(existing)
    this.showChecks(existing ? existing.signatureChecks : [])
  },
  showForm(form: AgreementForm) {
    this.setData({
      form,
      methodLabel: PERFORMANCE_METHOD_LABELS[form.method],
      deadlineLabel: form.performanceDeadline ? formatDate(form.performanceDeadline) : '',
    })
  },
  showAgreement(agreement: AgreementView | null) {
    this.setData({ agreement, canEdit: editable(agreement) })
  },
  showChecks(next: readonly SignatureCheckView[]) {
    if (next.length === 0 && checks.length === 0) return
    checks = next
    this.setData({ signatureChecks: signatureCheckRows(next) })
  },
  validate() {
    const form = this.data.form
    if (!form) return null
    const checked = checkAgreementForm(form, Date.now())
    this.setData({ errors: checked.errors, touched: true })
    return checked.facts !== undefined && checked.terms ? checked : null
  },
  setField(field: keyof AgreementForm, value: unknown) {
    saveIntent = undefined
    this.setData({ [`form.${field}`]: value })
    if (this.data.touched) this.validate()
  },
  onFactsChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setField('facts', e.detail.value)
  },
  onAmountChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setField('amountYuan', e.detail.value)
  },
  onPlaceChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setField('place', e.detail.value)
  },
  onBreachChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setField('breachClause', e.detail.value)
  },
  onOtherTermsChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setField('otherTerms', e.detail.value)
  },
  onConfirmationChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setField('applyForConfirmation', e.detail.value)
  },
  onMethodTap() {
    this.setData({ methodPickerVisible: true })
  },
  onMethodCancel() {
    this.setData({ methodPickerVisible: false })
  },
  onMethodChange(e: WechatMiniprogram.CustomEvent<{ value: PerformanceMethod[] }>) {
    const method = e.detail.value[0] ?? 'bank_transfer'
    this.setData({ methodPickerVisible: false, methodLabel: PERFORMANCE_METHOD_LABELS[method] })
    this.setField('method', method)
  },
  onDeadlineTap() {
    this.setData({ datePickerVisible: true })
  },
  onDeadlineCancel() {
    this.setData({ datePickerVisible: false })
  },
  onDeadlineConfirm(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    const date = String(e.detail.value).slice(0, 10)
    this.setData({ datePickerVisible: false, deadlineLabel: formatDate(date) })
    this.setField('performanceDeadline', date)
  },

  /** Saves the draft (or the revision) and shows the exact text the signers will read. */
  async onSaveTap() {
    if (this.data.busy) return
    const checked = this.validate()
    if (!checked?.terms || checked.facts === undefined) {
      showError(this, '请按提示完善协议内容')
      return
    }
    saveIntent = saveIntent ?? newIntent()
    this.setData({ busy: 'save' })
    const current = this.data.agreement
    const request = { caseId: this.data.caseId, facts: checked.facts, terms: checked.terms }
    const res = current
      ? await reviseAgreement({ ...request, version: current.version }, saveIntent)
      : await draftAgreement(request, saveIntent)
    this.setData({ busy: '' })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') saveIntent = undefined
      const field = formFieldOf(res.error.field)
      if (field) this.setData({ [`errors.${field}`]: res.error.message })
      showError(this, res.error.message)
      return
    }
    saveIntent = undefined
    this.showAgreement(res.data)
    this.showChecks(checksAfterRevision(checks, res.data.version))
    this.setData({ previewVisible: true })
    showSuccess(this, current ? `已保存为第 ${res.data.version} 版` : '协议草稿已保存')
  },
  onPreviewTap() {
    if (this.data.agreement) this.setData({ previewVisible: true })
  },
  onPreviewClose() {
    this.setData({ previewVisible: false })
  },
  onPreviewVisibleChange(e: WechatMiniprogram.CustomEvent<{ visible: boolean }>) {
    this.setData({ previewVisible: e.detail.visible })
  },
  async onSendTap() {
    const agreement = this.data.agreement
    if (!agreement || this.data.busy) return
    sendIntent = sendIntent ?? newIntent()
    this.setData({ busy: 'send' })
    const res = await sendForSigning(this.data.caseId, agreement.version, sendIntent)
    this.setData({ busy: '' })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') sendIntent = undefined
      showError(this, res.error.message)
      return
    }
    sendIntent = undefined
    this.showAgreement(res.data)
    this.setData({ previewVisible: false })
    showSuccess(this, '已发送当事人签署，请您签署')
    this.onSignTap()
  },
  onSignTap() {
    wx.redirectTo({
      url: agreementPageUrl(this.data.caseId),
      fail: () => showError(this, '无法打开协议签署页面，请返回案件工作台重试'),
    })
  },
})
