import type { IdType } from '../../core/identity/index'
import { newIntent, type Intent } from '../../services/intent'
import { deleteIdentity, identityStatus, verifyByFace } from '../../services/identity'
import type { IdentityView } from '../../../typings/api/verifyIdentity'
import { showError, showSuccess } from '../../utils/notify'
import { holdIdentityDraft } from './draft'
import {
  ID_TYPE_OPTIONS,
  canUseFace,
  checkIdentityForm,
  idTypeLabel,
  normalisedIdentity,
  type IdentityFormErrors,
  type IdentityFormValues,
} from './form'

type View = 'form' | 'pending' | 'verified'

function viewOf(identity: IdentityView): View {
  if (identity.status === 'verified') return 'verified'
  if (identity.status === 'manual_pending') return 'pending'
  return 'form'
}

const NO_ERRORS: IdentityFormErrors = { name: '', idNumber: '' }
const EMPTY_FORM: IdentityFormValues = { name: '', idType: 'resident_id', idNumber: '' }

/** Held outside `data`: one intent per user action, reused if that action is retried. */
let faceIntent: Intent | undefined

interface IdentityPageData {
  loading: boolean
  busy: boolean
  view: View
  identity: IdentityView | null
  form: IdentityFormValues
  errors: IdentityFormErrors
  touched: boolean
  idTypeText: string
  idTypeOptions: typeof ID_TYPE_OPTIONS
  idTypePickerVisible: boolean
  deviceSupportsFace: boolean
  faceAvailable: boolean
  faceHint: string
  methodText: string
  reviewDueText: string
  deleteDialogVisible: boolean
  /** The user declined the privacy guide: nothing is collected until they agree. */
  privacyRefused: boolean
  skeletonRows: unknown[]
}

const INITIAL_DATA: IdentityPageData = {
  loading: true,
  busy: false,
  view: 'form',
  identity: null,
  form: EMPTY_FORM,
  errors: NO_ERRORS,
  touched: false,
  idTypeText: idTypeLabel('resident_id'),
  idTypeOptions: ID_TYPE_OPTIONS,
  idTypePickerVisible: false,
  deviceSupportsFace: false,
  faceAvailable: false,
  faceHint: '',
  methodText: '',
  reviewDueText: '',
  deleteDialogVisible: false,
  privacyRefused: false,
  skeletonRows: [{ width: '100%', height: '120rpx' }, 1, 1, 1],
}

Page({
  data: INITIAL_DATA,

  onLoad() {
    this.checkFaceSupport()
    void this.load()
  },

  async load() {
    const res = await identityStatus()
    if (!res.ok) {
      this.setData({ loading: false })
      showError(this, res.error.message)
      return
    }
    this.showIdentity(res.data)
  },

  showIdentity(identity: IdentityView) {
    const idType = identity.idType ?? this.data.form.idType
    this.setData({
      loading: false,
      identity,
      view: viewOf(identity),
      idTypeText: idTypeLabel(idType),
      methodText: identity.method === 'face' ? '已通过人脸识别核验' : '已通过人工审核',
      reviewDueText: identity.reviewDueAt ? formatTime(identity.reviewDueAt) : '2–4 小时内',
    })
    this.refreshFaceAvailability(idType)
  },

  onPrivacyAgree() {
    this.setData({ privacyRefused: false })
  },

  onPrivacyDisagree() {
    this.setData({ privacyRefused: true })
  },

  checkFaceSupport() {
    wx.checkIsSupportFacialRecognition({
      success: () => {
        this.setData({ deviceSupportsFace: true })
        this.refreshFaceAvailability(this.data.form.idType)
      },
      fail: () => {
        this.setData({ deviceSupportsFace: false })
        this.refreshFaceAvailability(this.data.form.idType)
      },
    })
  },

  refreshFaceAvailability(idType: IdType) {
    const faceAvailable = this.data.deviceSupportsFace && canUseFace(idType)
    let faceHint = '人工审核需上传证件照片，工作人员将在 2–4 小时内完成审核。'
    if (!canUseFace(idType)) faceHint = '该证件类型暂不支持人脸识别，请上传证件进行人工审核。'
    else if (!this.data.deviceSupportsFace)
      faceHint = '当前设备不支持人脸识别，请上传证件进行人工审核。'
    this.setData({ faceAvailable, faceHint })
  },

  validate(): boolean {
    const errors = checkIdentityForm(this.data.form, new Date())
    this.setData({ errors, touched: true })
    return !errors.name && !errors.idNumber
  },

  onNameChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.name': e.detail.value })
    if (this.data.touched) this.validate()
  },

  onIdNumberChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ 'form.idNumber': e.detail.value })
    if (this.data.touched) this.validate()
  },

  onFieldBlur() {
    this.validate()
  },

  onIdTypeTap() {
    if (this.data.privacyRefused) return
    this.setData({ idTypePickerVisible: true })
  },

  onIdTypeCancel() {
    this.setData({ idTypePickerVisible: false })
  },

  onIdTypeChange(e: WechatMiniprogram.CustomEvent<{ value: IdType[] }>) {
    const idType = e.detail.value[0] ?? 'resident_id'
    this.setData({
      idTypePickerVisible: false,
      'form.idType': idType,
      idTypeText: idTypeLabel(idType),
    })
    this.refreshFaceAvailability(idType)
    if (this.data.touched) this.validate()
  },

  async onFaceTap() {
    if (this.data.busy || this.data.privacyRefused || !this.validate()) return
    const values = normalisedIdentity(this.data.form, new Date())
    if (!values) return
    faceIntent = faceIntent ?? newIntent()
    this.setData({ busy: true })
    const res = await verifyByFace(values.name, values.idNumber, faceIntent)
    this.setData({ busy: false })
    if (!res.ok) {
      if (res.error.field === 'name' || res.error.field === 'idNumber')
        this.setData({ [`errors.${res.error.field}`]: res.error.message })
      else showError(this, res.error.message)
      // A refused request will not succeed by retrying it: the next tap is a new intent.
      if (res.error.code !== 'NETWORK') faceIntent = undefined
      return
    }
    faceIntent = undefined
    if (!('outcome' in res.data)) return
    if (res.data.outcome === 'verified') showSuccess(this, '实名认证成功')
    else if (res.data.outcome === 'cancelled') showError(this, '您已取消人脸识别，可重新发起')
    else showError(this, res.data.identity.failureReason ?? '人脸识别未通过，请重试或选择人工审核')
    this.showIdentity(res.data.identity)
  },

  onManualTap() {
    if (this.data.busy || this.data.privacyRefused || !this.validate()) return
    const values = normalisedIdentity(this.data.form, new Date())
    if (!values) return
    holdIdentityDraft(values)
    void wx.navigateTo({ url: '/pages/identity/manual/index' })
  },

  onShow() {
    // Coming back from the manual review page: show the pending state it created.
    if (!this.data.loading) void this.load()
  },

  onDeleteTap() {
    this.setData({ deleteDialogVisible: true })
  },

  onDeleteCancel() {
    this.setData({ deleteDialogVisible: false })
  },

  async onDeleteConfirm() {
    this.setData({ deleteDialogVisible: false, busy: true })
    const res = await deleteIdentity(newIntent())
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    const blocked = res.data.blockedCases.length
    showSuccess(
      this,
      blocked > 0 ? `已删除，${blocked} 个案件将暂停操作直至重新认证` : '实名信息已删除',
    )
    this.setData({ form: EMPTY_FORM, errors: NO_ERRORS })
    this.showIdentity(res.data.identity)
  },
})

function formatTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
