import { orgStatistics } from '../../../services/org-desk'
import { showError } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import {
  defaultRange,
  pickMonth,
  pickerBounds,
  rangeHint,
  rangeText,
  statsView,
  type RangeEnd,
  type RangeForm,
  type StatsView,
} from './logic'

const NO_RANGE: RangeForm = { fromMonth: '', toMonth: '' }

const PICKER_TITLES: Record<RangeEnd, string> = { from: '起始月份', to: '结束月份' }

Page({
  data: {
    state: 'loading',
    stats: null as StatsView | null,
    range: NO_RANGE,
    fromText: '',
    toText: '',
    rangeHint: '',
    rangeError: '',
    pickerVisible: false,
    pickerEnd: '',
    pickerTitle: '',
    pickerValue: '',
    pickerMin: '',
    pickerMax: '',
    busy: false,
  },
  async onLoad() {
    if (!(await requireRole('staff'))) return
    const now = new Date()
    const bounds = pickerBounds(now)
    this.setRange(defaultRange(now))
    this.setData({ pickerMin: bounds.start, pickerMax: bounds.end })
    await this.load()
  },
  async onPullDownRefresh() {
    await this.load()
    void wx.stopPullDownRefresh()
  },
  setRange(range: RangeForm) {
    this.setData({
      range,
      fromText: rangeText(range.fromMonth, range.fromMonth),
      toText: rangeText(range.toMonth, range.toMonth),
      rangeHint: rangeHint(range),
      rangeError: '',
    })
  },
  async load() {
    if (this.data.busy) return
    this.setData({ busy: true })
    const res = await orgStatistics(this.data.range)
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      if (this.data.state !== 'ready') this.setData({ state: 'failed' })
      return
    }
    this.setData({ state: 'ready', stats: statsView(res.data) })
  },
  onRangeTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { end?: unknown }>) {
    if (this.data.busy) return
    const end: RangeEnd = e.currentTarget.dataset.end === 'to' ? 'to' : 'from'
    this.setData({
      pickerVisible: true,
      pickerEnd: end,
      pickerTitle: PICKER_TITLES[end],
      pickerValue: end === 'from' ? this.data.range.fromMonth : this.data.range.toMonth,
    })
  },
  onPickerCancel() {
    this.setData({ pickerVisible: false })
  },
  async onPickerConfirm(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ pickerVisible: false })
    const end: RangeEnd = this.data.pickerEnd === 'to' ? 'to' : 'from'
    const picked = pickMonth(this.data.range, end, e.detail.value, new Date())
    if (!picked.ok) {
      this.setData({ rangeError: picked.message })
      showError(this, picked.message)
      return
    }
    this.setRange(picked.form)
    await this.load()
  },
})
