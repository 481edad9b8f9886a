import {
  type IdType,
  type PartyType,
  REGION_OPTIONS,
  regionLabel,
} from '../../../core/catalogues/index'
import { MAX_DESCRIPTION_LENGTH, MAX_CLAIMS } from '../../../core/limits'
import { caseDetail, listMyCases, saveDraft, submitCase } from '../../../services/cases'
import { identityStatus } from '../../../services/identity'
import { newIntent, type Intent } from '../../../services/intent'
import { subscribe, whoAmI } from '../../../services/profile'
import type { IdentityView } from '../../../../typings/api/verifyIdentity'
import type { NoticeKind } from '../../../../typings/api/common'
import type { EvidenceInput } from '../../../../typings/api/mediationCase'
import { showError, showSuccess } from '../../../utils/notify'
import { clearDraft, loadDraft, storeDraft } from './draft-store'
import {
  DISPUTE_OPTIONS,
  EMPTY_FORM,
  LAST_STEP,
  NO_ERRORS,
  PERSON_ID_TYPE_OPTIONS,
  STEP_TITLES,
  disputeTypeLabel,
  fieldOfServerError,
  firstInvalidStep,
  formFromDraft,
  hasErrors,
  idTypeLabel,
  restoreForm,
  restoredDraftNotice,
  reviewRows,
  stepErrors,
  stepOfField,
  textLength,
  toDraftRequest,
  toSubmitRequest,
  type ApplyForm,
  type FormErrors,
  type ReviewRow,
  type StepIndex,
} from './logic'

/** Held outside `data`: the submit intent survives retries of the same tap. */
let submitIntent: Intent | undefined
/** Serialises draft saves so a second save never creates a second draft before the first answers. */
let draftChain: Promise<unknown> = Promise.resolve()

interface ApplyPageData {
  loading: boolean
  verified: boolean
  identity: IdentityView | null
  applicantIdTypeText: string
  storagePrefix: string
  templates: Readonly<Partial<Record<NoticeKind, string>>>
  step: StepIndex
  stepTitles: readonly string[]
  form: ApplyForm
  errors: FormErrors
  caseId: string
  busy: boolean
  saving: boolean
  disputeTypeText: string
  regionText: string
  idTypeText: string
  descriptionCount: number
  maxDescription: number
  canAddClaim: boolean
  reviewRows: readonly ReviewRow[]
  disputeOptions: typeof DISPUTE_OPTIONS
  regionOptions: { label: string; value: string }[]
  idTypeOptions: typeof PERSON_ID_TYPE_OPTIONS
  disputePickerVisible: boolean
  regionPickerVisible: boolean
  idTypePickerVisible: boolean
  /** The user declined the privacy guide: the respondent's ID fields stay off. */
  privacyRefused: boolean
  skeletonRows: unknown[]
  /** After a server draft came back: what to redo, shown under the steps (a toast would hide them). */
  restoredNotice: string
}

const INITIAL: ApplyPageData = {
  loading: true,
  verified: false,
  identity: null,
  applicantIdTypeText: '',
  storagePrefix: '',
  templates: {},
  step: 0,
  stepTitles: STEP_TITLES,
  form: EMPTY_FORM,
  errors: NO_ERRORS,
  caseId: '',
  busy: false,
  saving: false,
  disputeTypeText: '',
  regionText: '',
  idTypeText: idTypeLabel('resident_id'),
  descriptionCount: 0,
  maxDescription: MAX_DESCRIPTION_LENGTH,
  canAddClaim: true,
  reviewRows: [],
  disputeOptions: DISPUTE_OPTIONS,
  regionOptions: REGION_OPTIONS.map((r) => ({ label: r.label, value: r.value })),
  idTypeOptions: PERSON_ID_TYPE_OPTIONS,
  disputePickerVisible: false,
  regionPickerVisible: false,
  idTypePickerVisible: false,
  privacyRefused: false,
  skeletonRows: [{ width: '100%', height: '96rpx' }, 1, 1, 1, 1],
  restoredNotice: '',
}

Page({
  data: INITIAL,

  onLoad() {
    const stored = loadDraft()
    const form = stored ? restoreForm(stored.form) : undefined
    if (form) this.showForm(form, stored?.caseId ?? '')
    void this.loadCaller()
    if (!form) void this.restoreServerDraft()
  },

  /** Picks up a draft saved on another device (the newest one). */
  async restoreServerDraft() {
    const list = await listMyCases('applicant', { status: 'draft', page: 1, pageSize: 1 })
    const draft = list.ok ? list.data.items[0] : undefined
    if (!draft) return
    const detail = await caseDetail(draft.caseId)
    // The user may have started typing meanwhile; their input wins.
    const untouched = JSON.stringify(this.data.form) === JSON.stringify(EMPTY_FORM)
    if (!detail.ok || this.data.caseId || !untouched) return
    const form = formFromDraft(detail.data)
    this.showForm(form, draft.caseId)
    this.setData({ restoredNotice: restoredDraftNotice(form) })
  },

  onShow() {
    // Back from 实名认证: the applicant may be verified now.
    if (!this.data.loading && !this.data.verified) void this.loadCaller()
  },

  async loadCaller() {
    const [me, identity] = await Promise.all([whoAmI(), identityStatus()])
    if (!me.ok || !identity.ok) {
      this.setData({ loading: false })
      showError(this, !me.ok ? me.error.message : !identity.ok ? identity.error.message : '')
      return
    }
    this.setData({
      loading: false,
      identity: identity.data,
      verified: identity.data.status === 'verified',
      applicantIdTypeText: identity.data.idType ? idTypeLabel(identity.data.idType) : '',
      storagePrefix: me.data.storagePrefix,
      templates: me.data.subscribeTemplates,
    })
  },

  showForm(form: ApplyForm, caseId: string) {
    this.setData({
      form,
      caseId,
      disputeTypeText: disputeTypeLabel(form.disputeType),
      regionText: regionLabel(form.cityCode),
      idTypeText: idTypeLabel(form.respondent.idType),
      descriptionCount: textLength(form.description),
      canAddClaim: form.claims.length < MAX_CLAIMS,
    })
  },

  /** Re-checks the current step once the user has tried to leave it. */
  revalidate() {
    if (hasErrors(this.data.errors))
      this.setData({ errors: stepErrors(this.data.step, this.data.form, new Date()) })
  },

  onVerifyTap() {
    void wx.navigateTo({ url: '/pages/identity/index' })
  },

  onFieldChange(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { field: string }>) {
    const field = e.currentTarget.dataset.field
    const patch: Record<string, unknown> = { [`form.${field}`]: e.detail.value }
    if (field === 'description') patch['descriptionCount'] = textLength(e.detail.value)
    this.setData(patch)
    this.revalidate()
  },

  onClaimChange(e: WechatMiniprogram.CustomEvent<{ value: string }, object, { index: number }>) {
    this.setData({ [`form.claims[${Number(e.currentTarget.dataset.index)}]`]: e.detail.value })
    this.revalidate()
  },

  onAddClaim() {
    const count = this.data.form.claims.length
    if (count >= MAX_CLAIMS) return
    this.setData({ [`form.claims[${count}]`]: '', canAddClaim: count + 1 < MAX_CLAIMS })
  },

  onRemoveClaim(e: WechatMiniprogram.TouchEvent<object, object, { index: number }>) {
    const index = Number(e.currentTarget.dataset.index)
    const claims = this.data.form.claims.filter((_, i) => i !== index)
    this.setData({ 'form.claims': claims.length ? claims : [''], canAddClaim: true })
  },

  onDisputeTap() {
    this.setData({ disputePickerVisible: true })
  },
  onRegionTap() {
    this.setData({ regionPickerVisible: true })
  },
  onIdTypeTap() {
    if (this.data.privacyRefused) return
    this.setData({ idTypePickerVisible: true })
  },
  onPrivacyAgree() {
    this.setData({ privacyRefused: false })
  },
  onPrivacyDisagree() {
    // Nothing typed into the ID fields before the refusal is kept or sent.
    this.setData({
      privacyRefused: true,
      'form.respondent.idNumber': '',
      'form.respondent.uscc': '',
    })
  },
  onPickerCancel() {
    this.setData({
      disputePickerVisible: false,
      regionPickerVisible: false,
      idTypePickerVisible: false,
    })
  },

  onDisputeChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    const code = e.detail.value[0] ?? ''
    this.setData({
      disputePickerVisible: false,
      'form.disputeType': code,
      disputeTypeText: disputeTypeLabel(code),
    })
    this.revalidate()
  },

  onRegionChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    const code = e.detail.value[0] ?? ''
    this.setData({
      regionPickerVisible: false,
      'form.cityCode': code,
      regionText: regionLabel(code),
    })
    this.revalidate()
  },

  onIdTypeChange(e: WechatMiniprogram.CustomEvent<{ value: IdType[] }>) {
    const idType = e.detail.value[0] ?? 'resident_id'
    this.setData({
      idTypePickerVisible: false,
      'form.respondent.idType': idType,
      idTypeText: idTypeLabel(idType),
    })
    this.revalidate()
  },

  onPartyTypeChange(e: WechatMiniprogram.CustomEvent<{ value: PartyType }>) {
    this.setData({
      'form.respondent.partyType': e.detail.value,
      'errors.respondentName': '',
      'errors.respondentIdNumber': '',
      'errors.respondentUscc': '',
    })
    this.revalidate()
  },

  onEvidenceChange(e: WechatMiniprogram.CustomEvent<{ files: EvidenceInput[] }>) {
    this.setData({ 'form.evidence': e.detail.files })
    storeDraft(this.data.form, this.data.caseId || undefined)
  },

  onEvidenceError(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    showError(this, e.detail.message)
  },

  goTo(step: StepIndex) {
    const patch: Record<string, unknown> = { step, errors: NO_ERRORS }
    if (step === LAST_STEP) patch['reviewRows'] = reviewRows(this.data.form)
    this.setData(patch)
    void wx.pageScrollTo({ scrollTop: 0, duration: 0 })
  },

  onPrev() {
    if (this.data.step > 0) this.goTo((this.data.step - 1) as StepIndex)
  },

  onNext() {
    const errors = stepErrors(this.data.step, this.data.form, new Date())
    if (hasErrors(errors)) {
      this.setData({ errors })
      return
    }
    void this.persistDraft(false)
    if (this.data.step < LAST_STEP) this.goTo((this.data.step + 1) as StepIndex)
  },

  onStepChange(e: WechatMiniprogram.CustomEvent<{ current: number }>) {
    // Going back is free; going forward passes through 下一步 and its checks.
    const target = Number(e.detail.current)
    if (target < this.data.step) this.goTo(target as StepIndex)
  },

  onSaveDraftTap() {
    void this.persistDraft(true)
  },

  /** Saves locally at once and on the server after any save already under way. */
  persistDraft(explicit: boolean): Promise<unknown> {
    storeDraft(this.data.form, this.data.caseId || undefined)
    if (explicit) this.setData({ saving: true })
    draftChain = draftChain.then(async () => {
      const caseId = this.data.caseId || undefined
      const res = await saveDraft(toDraftRequest(this.data.form, caseId), newIntent())
      if (explicit) this.setData({ saving: false })
      if (!res.ok) {
        const key = fieldOfServerError(res.error.field)
        if (key) this.setData({ [`errors.${key}`]: res.error.message })
        else if (explicit) showError(this, res.error.message)
        return
      }
      this.setData({ caseId: res.data.caseId })
      storeDraft(this.data.form, res.data.caseId)
      if (explicit) showSuccess(this, '草稿已保存')
    })
    return draftChain
  },

  async onSubmitTap() {
    if (this.data.busy) return
    const now = new Date()
    const invalid = firstInvalidStep(this.data.form, now)
    if (invalid !== undefined) {
      this.setData({ step: invalid, errors: stepErrors(invalid, this.data.form, now) })
      return
    }
    const request = toSubmitRequest(this.data.form, this.data.caseId || undefined, now)
    if (!request) return
    submitIntent = submitIntent ?? newIntent()
    const intent = submitIntent
    this.setData({ busy: true })
    // WeChat shows the subscribe prompt only inside a tap, so it is asked before anything waits.
    await subscribe(
      this.data.templates,
      ['case_progress', 'video_invitation', 'sign_request'],
      intent,
    )
    await draftChain
    const res = await submitCase(request, intent)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.code !== 'NETWORK') submitIntent = undefined
      const key = fieldOfServerError(res.error.field)
      if (key) {
        this.setData({ step: stepOfField(key), [`errors.${key}`]: res.error.message })
      }
      showError(this, res.error.message)
      return
    }
    submitIntent = undefined
    clearDraft()
    void wx.redirectTo({
      url: `/pages/mediation/mediators/index?caseId=${encodeURIComponent(res.data.caseId)}&submitted=1`,
    })
  },
})
