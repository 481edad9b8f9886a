import { newIntent, type Intent } from '../../../services/intent'
import {
  createMediator,
  issueBindCode,
  listOrgMediators,
  updateMediator,
} from '../../../services/org-desk'
import type { MediatorItem } from '../../../../typings/api/orgDesk'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { appendPatch } from '../../../utils/list-patch'
import {
  EMPTY_CREATE_FORM,
  MAX_BIO_LENGTH,
  MAX_CAPACITY,
  REGION_CHOICES,
  SPECIALTY_OPTIONS,
  bindCodeHint,
  createRequest,
  editFormOf,
  editPhoneEntry,
  mediatorRow,
  mediatorUpdate,
  phoneEntry,
  type CreateField,
  type EditForm,
  type MediatorRow,
} from './logic'

const PAGE_SIZE = 20

/** Full items behind the rows (the rows hold only what the list shows). */
let items: MediatorItem[] = []
let saveIntent: Intent | undefined
/** One intent per filled-in form: a retry after a timeout must not add the mediator twice. */
let createIntent: Intent | undefined
/** The phone as typed and checked; the field itself shows it masked once the person leaves it. */
let createPhone = ''
/** A replacement phone typed in the edit sheet and checked; empty keeps the number on file. */
let editPhone = ''

const NO_ERRORS: Record<CreateField, string> = {
  name: '',
  phone: '',
  specialties: '',
  regions: '',
  capacity: '',
  bio: '',
}
const EMPTY_FORM: EditForm = { specialties: [], capacity: 1, available: true, regions: [] }

Page({
  data: {
    allowed: false,
    rows: [] as MediatorRow[],
    loading: false,
    loaded: false,
    page: 0,
    hasMore: true,
    editing: -1,
    editVisible: false,
    editName: '',
    form: EMPTY_FORM,
    formError: '',
    editPhoneShown: '',
    editPhoneError: '',
    specialtyOptions: SPECIALTY_OPTIONS,
    maxCapacity: MAX_CAPACITY,
    busy: '',
    code: '',
    codeHint: '',
    codeVisible: false,
    createVisible: false,
    createForm: EMPTY_CREATE_FORM,
    createErrors: NO_ERRORS,
    phoneShown: '',
    regionOptions: REGION_CHOICES,
    maxBio: MAX_BIO_LENGTH,
  },
  async onLoad() {
    items = []
    createIntent = undefined
    createPhone = ''
    if (!(await requireRole('staff'))) return
    this.setData({ allowed: true })
    await this.load(true)
  },
  async onPullDownRefresh() {
    await this.load(true)
    void wx.stopPullDownRefresh()
  },
  onReachBottom() {
    void this.load(false)
  },
  async load(reset: boolean) {
    if (!this.data.allowed || this.data.loading || (!reset && !this.data.hasMore)) return
    this.setData({ loading: true })
    const page = reset ? 1 : this.data.page + 1
    const res = await listOrgMediators({ page, pageSize: PAGE_SIZE })
    if (!res.ok) {
      this.setData({ loading: false, loaded: true })
      showError(this, res.error.message)
      return
    }
    const state = { loading: false, loaded: true, page, hasMore: res.data.hasMore }
    if (reset) {
      items = [...res.data.items]
      this.setData({ rows: items.map(mediatorRow), ...state })
      return
    }
    const known = new Set(items.map((i) => i.mediatorId))
    const fresh = res.data.items.filter((i) => !known.has(i.mediatorId))
    items.push(...fresh)
    this.setData({ ...appendPatch('rows', this.data.rows, fresh.map(mediatorRow)), ...state })
  },
  onEditTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: unknown }>) {
    const index = Number(e.currentTarget.dataset.index)
    const item = items[index]
    if (!item) return
    saveIntent = undefined
    editPhone = ''
    this.setData({
      editing: index,
      editVisible: true,
      editName: item.name,
      form: editFormOf(item),
      formError: '',
      editPhoneShown: item.maskedPhone ?? '',
      editPhoneError: '',
    })
  },
  onEditClose() {
    this.setData({ editVisible: false })
  },
  onSpecialtiesChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.setData({ 'form.specialties': e.detail.value, formError: '' })
    saveIntent = undefined
  },
  onCapacityChange(e: WechatMiniprogram.CustomEvent<{ value: number | string }>) {
    this.setData({ 'form.capacity': Number(e.detail.value), formError: '' })
    saveIntent = undefined
  },
  onAvailableChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.setData({ 'form.available': e.detail.value, formError: '' })
    saveIntent = undefined
  },
  onRegionsChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.setData({ 'form.regions': e.detail.value, formError: '' })
    saveIntent = undefined
  },
  onEditPhoneFocus() {
    // The masked number cannot be edited digit by digit: typing replaces it; leaving the field
    // empty keeps the number on file.
    editPhone = ''
    saveIntent = undefined
    this.setData({ editPhoneShown: '', editPhoneError: '' })
  },
  onEditPhoneChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    editPhone = ''
    saveIntent = undefined
    this.setData({ editPhoneShown: e.detail.value, editPhoneError: '', formError: '' })
  },
  onEditPhoneBlur() {
    const entry = editPhoneEntry(
      this.data.editPhoneShown,
      items[this.data.editing]?.maskedPhone ?? null,
    )
    editPhone = entry.phone
    this.setData({ editPhoneShown: entry.shown, editPhoneError: entry.error })
  },
  async onSaveTap() {
    const index = this.data.editing
    const item = items[index]
    if (!item || this.data.busy) return
    // A number still being typed has not been through blur yet.
    if (!editPhone && this.data.editPhoneShown !== (item.maskedPhone ?? '')) this.onEditPhoneBlur()
    if (this.data.editPhoneError) {
      showError(this, this.data.editPhoneError)
      return
    }
    const update = mediatorUpdate(item, this.data.form, editPhone)
    if (!update.ok) {
      this.setData(
        update.error.code === 'phone'
          ? { editPhoneError: update.error.message }
          : { formError: update.error.message },
      )
      showError(this, update.error.message)
      return
    }
    if (!update.value) {
      this.setData({ editVisible: false })
      return
    }
    saveIntent = saveIntent ?? newIntent()
    this.setData({ busy: 'save' })
    const res = await updateMediator(update.value, saveIntent)
    this.setData({ busy: '' })
    if (!res.ok) {
      if (res.error.field === 'payload.phone') this.setData({ editPhoneError: res.error.message })
      showError(this, res.error.message)
      return
    }
    saveIntent = undefined
    editPhone = ''
    items[index] = res.data
    this.setData({ [`rows[${index}]`]: mediatorRow(res.data), editVisible: false })
    showSuccess(this, '已保存')
  },
  onCreateTap() {
    if (this.data.busy) return
    createIntent = undefined
    createPhone = ''
    this.setData({
      createVisible: true,
      createForm: EMPTY_CREATE_FORM,
      createErrors: NO_ERRORS,
      phoneShown: '',
    })
  },
  onCreateClose() {
    this.setData({ createVisible: false })
  },
  /** A field of the form changed: the intent is for what was filled in, so it starts again. */
  changed(field: CreateField | null, patch: Record<string, unknown>) {
    createIntent = undefined
    this.setData(field ? { ...patch, [`createErrors.${field}`]: '' } : patch)
  },
  onCreateNameChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.changed('name', { 'createForm.name': e.detail.value })
  },
  onCreatePhoneFocus() {
    // A masked number cannot be edited digit by digit: the person types it again.
    if (createPhone) this.changed('phone', { phoneShown: '' })
    createPhone = ''
  },
  onCreatePhoneChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    createPhone = ''
    this.changed('phone', { phoneShown: e.detail.value })
  },
  onCreatePhoneBlur() {
    const entry = phoneEntry(this.data.phoneShown)
    createPhone = entry.phone
    this.setData({ phoneShown: entry.shown, 'createErrors.phone': entry.error })
  },
  onCreateSpecialtiesChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.changed('specialties', { 'createForm.specialties': e.detail.value })
  },
  onCreateRegionsChange(e: WechatMiniprogram.CustomEvent<{ value: string[] }>) {
    this.changed('regions', { 'createForm.regions': e.detail.value })
  },
  onCreateCapacityChange(e: WechatMiniprogram.CustomEvent<{ value: number | string }>) {
    this.changed('capacity', { 'createForm.capacity': Number(e.detail.value) })
  },
  onCreateAvailableChange(e: WechatMiniprogram.CustomEvent<{ value: boolean }>) {
    this.changed(null, { 'createForm.available': e.detail.value })
  },
  onCreateBioChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.changed('bio', { 'createForm.bio': e.detail.value })
  },
  async onCreateSubmit() {
    if (this.data.busy) return
    // A number still being typed has not been through blur yet.
    if (!createPhone && this.data.phoneShown) this.onCreatePhoneBlur()
    const request = createRequest(this.data.createForm, createPhone)
    if (!request.ok) {
      this.setData({ [`createErrors.${request.error.code}`]: request.error.message })
      showError(this, request.error.message)
      return
    }
    createIntent = createIntent ?? newIntent()
    this.setData({ busy: 'create' })
    const res = await createMediator(request.value, createIntent)
    if (!res.ok) {
      this.setData({ busy: '' })
      const field =
        res.error.field === 'payload.name'
          ? 'name'
          : res.error.field === 'payload.phone'
            ? 'phone'
            : ''
      if (field) this.setData({ [`createErrors.${field}`]: res.error.message })
      showError(this, res.error.message)
      return
    }
    createIntent = undefined
    createPhone = ''
    const index = items.length
    items.push(res.data)
    this.setData({
      busy: '',
      createVisible: false,
      loaded: true,
      ...appendPatch('rows', this.data.rows, [mediatorRow(res.data)]),
    })
    // A new mediator is of use only once bound: the code is issued at once, shown once.
    await this.showBindCode(index)
  },
  async onBindCodeTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: unknown }>) {
    if (this.data.busy) return
    await this.showBindCode(Number(e.currentTarget.dataset.index))
  },
  async showBindCode(index: number) {
    const item = items[index]
    if (!item) return
    this.setData({ busy: 'code' })
    const res = await issueBindCode(item.mediatorId)
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.setData({
      code: res.data.code,
      codeHint: `${item.name}：${bindCodeHint(res.data.expiresAt)}`,
      codeVisible: true,
    })
  },
  onCopyCode() {
    void wx.setClipboardData({ data: this.data.code })
  },
  onCodeClose() {
    // The code is shown once; forget it so it cannot be read again from the page.
    this.setData({ codeVisible: false, code: '', codeHint: '' })
  },
})
