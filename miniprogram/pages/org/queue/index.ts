import { deskQueue } from '../../../services/org-desk'
import { showError } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { appendPatch } from '../../../utils/list-patch'
import { QUEUE_TABS, kindOf, overdueBanner, queueRow, type QueueRow, type QueueTab } from './logic'

const PAGE_SIZE = 20

Page({
  data: {
    allowed: false,
    tab: 'all',
    tabs: QUEUE_TABS,
    rows: [] as QueueRow[],
    loading: false,
    loaded: false,
    page: 0,
    hasMore: true,
    banner: '',
  },
  async onLoad() {
    if (!(await requireRole('staff'))) return
    this.setData({ allowed: true })
    void this.load(true)
  },
  onShow() {
    // Decisions are made on other pages; coming back shows the queue as it is now.
    if (this.data.loaded) void this.load(true)
  },
  async onPullDownRefresh() {
    await this.load(true)
    void wx.stopPullDownRefresh()
  },
  onReachBottom() {
    void this.load(false)
  },
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: QueueTab }>) {
    this.setData({ tab: e.detail.value, rows: [], loaded: false, page: 0, hasMore: true })
    void this.load(true)
  },
  async load(reset: boolean) {
    if (!this.data.allowed || this.data.loading || (!reset && !this.data.hasMore)) return
    this.setData({ loading: true })
    const page = reset ? 1 : this.data.page + 1
    const kind = kindOf(this.data.tab)
    const res = await deskQueue(
      kind ? { kind, page, pageSize: PAGE_SIZE } : { page, pageSize: PAGE_SIZE },
    )
    if (!res.ok) {
      this.setData({ loading: false, loaded: true })
      showError(this, res.error.message)
      return
    }
    const rows = res.data.items.map(queueRow)
    const state = {
      loading: false,
      loaded: true,
      page,
      hasMore: res.data.hasMore,
      banner: overdueBanner(res.data.overdueCount),
    }
    if (reset) this.setData({ rows, ...state })
    else this.setData({ ...appendPatch('rows', this.data.rows, rows), ...state })
  },
  onRowTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: unknown }>) {
    const url = e.currentTarget.dataset.url
    if (typeof url === 'string' && url) void wx.navigateTo({ url })
  },
})
