import type { EvidenceItem } from '../../../components/evidence-uploader/logic'
import type { OrganisationOption, FilingPartyView } from '../../../../typings/api/fileCase'
import {
  filingDetail,
  listFilingOrganisations,
  prefillFiling,
  resubmitFiling,
  submitFiling,
} from '../../../services/filings'
import { newIntent, type Intent } from '../../../services/intent'
import { whoAmI } from '../../../services/profile'
import { showError } from '../../../utils/notify'
import { REGION_OPTIONS, regionLabel, regionOf } from '../../../core/catalogues/index'
import {
  EMPTY_FORM,
  NO_ERRORS,
  checkCorrection,
  checkFilingForm,
  fieldOfPath,
  filingRequest,
  filingParties,
  firstError,
  formFromFiling,
  formFromPrefill,
  hasErrors,
  keptOrganisation,
  organisationChoices,
  otherSide,
  resubmitRequest,
  type FilingForm,
  type FilingFormErrors,
  type OrganisationChoice,
} from './logic'

/** One intent per submission attempt, kept while the user retries after a failure. */
let submitIntent: Intent | undefined

interface ApplyData {
  loading: boolean
  busy: boolean
  caseId: string | null
  caseNumber: string
  /** The rejected filing being corrected (resubmit); null for a new filing. */
  filingId: string | null
  rejectReason: string
  organisationName: string
  filerName: string
  verified: boolean
  storagePrefix: string
  form: FilingForm
  errors: FilingFormErrors
  otherParties: FilingPartyView[]
  regionText: string
  regionPickerVisible: boolean
  regionOptions: { label: string; value: string }[]
  organisationsLoading: boolean
  organisationChoices: OrganisationChoice[]
  partyTypeOptions: { label: string; value: string }[]
  /** The user declined the privacy guide: the defendant's ID number is not collected. */
  privacyRefused: boolean
  skeletonRows: unknown[]
}

const INITIAL: ApplyData = {
  loading: true,
  busy: false,
  caseId: null,
  caseNumber: '',
  filingId: null,
  rejectReason: '',
  organisationName: '',
  filerName: '',
  verified: false,
  storagePrefix: '',
  form: EMPTY_FORM,
  errors: NO_ERRORS,
  otherParties: [],
  regionText: '',
  regionPickerVisible: false,
  regionOptions: REGION_OPTIONS.map((r) => ({ label: r.label, value: r.value })),
  organisationsLoading: false,
  organisationChoices: [],
  partyTypeOptions: [
    { label: '企业', value: 'enterprise' },
    { label: '个人', value: 'person' },
  ],
  privacyRefused: false,
  skeletonRows: [{ width: '100%', height: '120rpx' }, 1, 1, 1, 1],
}

type Input = WechatMiniprogram.CustomEvent<
  { value: string },
  Record<string, never>,
  { field?: string }
>

Page({
  data: INITIAL,

  onLoad(query: Record<string, string | undefined>) {
    submitIntent = undefined
    const filingId = query['filingId'] ? decodeURIComponent(query['filingId']) : null
    if (filingId) {
      this.setData({ filingId })
      void this.loadCorrection(filingId)
      return
    }
    const caseId = query['caseId'] ? decodeURIComponent(query['caseId']) : null
    this.setData({ caseId })
    void this.load(caseId)
  },

  /** A rejected filing opened for correction: its own data, parties and organisation locked. */
  async loadCorrection(filingId: string) {
    const [who, detail] = await Promise.all([whoAmI(), filingDetail(filingId)])
    const patch: Partial<ApplyData> = { loading: false }
    if (who.ok) {
      patch.verified = who.data.identity.status === 'verified'
      patch.storagePrefix = who.data.storagePrefix
    }
    if (detail.ok) {
      const parties = filingParties(detail.data)
      patch.form = formFromFiling(detail.data)
      patch.filerName = parties.filerName
      patch.otherParties = parties.others
      patch.rejectReason = detail.data.rejectReason ?? ''
      patch.organisationName = detail.data.organisationName
      patch.caseNumber = detail.data.caseNumber ?? ''
    }
    this.setData(patch)
    if (!who.ok) showError(this, who.error.message)
    else if (!detail.ok) showError(this, detail.error.message)
  },

  async load(caseId: string | null) {
    const [who, prefill] = await Promise.all([
      whoAmI(),
      caseId === null ? Promise.resolve(null) : prefillFiling(caseId),
    ])
    const patch: Partial<ApplyData> = { loading: false }
    if (who.ok) {
      patch.filerName = who.data.identity.maskedName ?? ''
      patch.verified = who.data.identity.status === 'verified'
      patch.storagePrefix = who.data.storagePrefix
    }
    if (prefill && prefill.ok) {
      const form = formFromPrefill(prefill.data)
      patch.form = form
      patch.caseNumber = prefill.data.caseNumber
      patch.otherParties = otherSide(prefill.data.parties)
      patch.regionText = regionLabel(form.region?.cityCode)
      patch.organisationChoices = organisationChoices(prefill.data.organisations)
    }
    this.setData(patch)
    if (!who.ok) showError(this, who.error.message)
    else if (prefill && !prefill.ok) showError(this, prefill.error.message)
  },

  onFieldChange(e: Input) {
    const field = e.currentTarget.dataset.field
    if (!field) return
    this.setData({ [`form.${field}`]: e.detail.value })
  },

  onPrivacyAgree() {
    this.setData({ privacyRefused: false })
  },

  onPrivacyDisagree() {
    this.setData({ privacyRefused: true, 'form.defendant.idNumber': '' })
  },

  onPartyTypeChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({
      'form.defendant.partyType': e.detail.value === 'person' ? 'person' : 'enterprise',
    })
  },

  onEvidenceChange(e: WechatMiniprogram.CustomEvent<{ files: EvidenceItem[] }>) {
    this.setData({ 'form.evidence': e.detail.files })
  },

  onEvidenceError(e: WechatMiniprogram.CustomEvent<{ message: string }>) {
    showError(this, e.detail.message)
  },

  onRegionTap() {
    if (this.data.busy) return
    this.setData({ regionPickerVisible: true })
  },

  onRegionCancel() {
    this.setData({ regionPickerVisible: false })
  },

  async onRegionConfirm(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    const region = regionOf(e.detail.value[0])
    this.setData({ regionPickerVisible: false })
    if (!region) return
    this.setData({
      'form.region': region,
      regionText: regionLabel(region.cityCode),
      'errors.region': '',
      organisationsLoading: true,
    })
    const res = await listFilingOrganisations(region)
    if (!res.ok) {
      this.setData({ organisationsLoading: false })
      showError(this, res.error.message)
      return
    }
    this.applyOrganisations(res.data)
  },

  applyOrganisations(orgs: readonly OrganisationOption[]) {
    const kept = keptOrganisation(this.data.form.organisationId, orgs)
    this.setData({
      organisationsLoading: false,
      organisationChoices: organisationChoices(orgs),
      'form.organisationId': kept.organisationId,
    })
  },

  onOrganisationChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.organisationId': e.detail.value, 'errors.organisationId': '' })
  },

  onIdentityTap() {
    void wx.navigateTo({ url: '/pages/identity/index' })
  },

  async onSubmitTap() {
    if (this.data.busy) return
    const { form, caseId, filingId } = this.data
    const errors = filingId ? checkCorrection(form) : checkFilingForm(form, caseId !== null)
    this.setData({ errors })
    if (hasErrors(errors)) {
      showError(this, firstError(errors))
      return
    }
    submitIntent ??= newIntent()
    this.setData({ busy: true })
    const res = filingId
      ? await resubmitFiling(resubmitRequest(form, filingId), submitIntent)
      : await submitFiling(filingRequest(form, caseId), submitIntent)
    this.setData({ busy: false })
    if (!res.ok) {
      const field = fieldOfPath(res.error.field)
      if (field) this.setData({ [`errors.${field}`]: res.error.message })
      showError(this, res.error.message)
      return
    }
    submitIntent = undefined
    void wx.redirectTo({
      url: `/pages/filing/detail/index?filingId=${encodeURIComponent(res.data.filingId)}&${filingId ? 'resubmitted' : 'submitted'}=1`,
    })
  },
})
