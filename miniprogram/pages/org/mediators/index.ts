import { newIntent, type Intent } from '../../../services/intent'
import { issueBindCode, listOrgMediators, updateMediator } from '../../../services/org-desk'
import type { MediatorItem } from '../../../../typings/api/orgDesk'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { appendPatch } from '../../../utils/list-patch'
import {
  MAX_CAPACITY,
  SPECIALTY_OPTIONS,
  bindCodeHint,
  editFormOf,
  mediatorRow,
  mediatorUpdate,
  type EditForm,
  type MediatorRow,
} from './logic'

const PAGE_SIZE = 20

/** Full items behind the rows (the rows hold only what the list shows). */
let items: MediatorItem[] = []
let saveIntent: Intent | undefined

const EMPTY_FORM: EditForm = { specialties: [], capacity: 1, available: true }

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
    specialtyOptions: SPECIALTY_OPTIONS,
    maxCapacity: MAX_CAPACITY,
    busy: '',
    code: '',
    codeHint: '',
    codeVisible: false,
  },
  async onLoad() {
    items = []
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
    this.setData({
      editing: index,
      editVisible: true,
      editName: item.name,
      form: editFormOf(item),
      formError: '',
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
  async onSaveTap() {
    const index = this.data.editing
    const item = items[index]
    if (!item || this.data.busy) return
    const update = mediatorUpdate(item, this.data.form)
    if (!update.ok) {
      this.setData({ formError: update.error.message })
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
      showError(this, res.error.message)
      return
    }
    saveIntent = undefined
    items[index] = res.data
    this.setData({ [`rows[${index}]`]: mediatorRow(res.data), editVisible: false })
    showSuccess(this, '已保存')
  },
  async onBindCodeTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: unknown }>) {
    const item = items[Number(e.currentTarget.dataset.index)]
    if (!item || this.data.busy) return
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
