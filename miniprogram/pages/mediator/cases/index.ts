import type { DeskTab } from '../../../../typings/api/mediatorDesk'
import { listAssigned } from '../../../services/mediator-desk'
import { showError } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { appendPatch } from '../../../utils/list-patch'
import { DESK_TABS, EMPTY_TEXT, deskCaseRow, tabFromQuery, type DeskCaseRow } from './logic'

interface ListState {
  loading: boolean
  loaded: boolean
  page: number
  hasMore: boolean
}

const FRESH: ListState = { loading: false, loaded: false, page: 0, hasMore: true }

interface CasesData {
  allowed: boolean
  tab: DeskTab
  tabs: typeof DESK_TABS
  emptyText: typeof EMPTY_TEXT
  pending: DeskCaseRow[]
  active: DeskCaseRow[]
  closed: DeskCaseRow[]
  pendingState: ListState
  activeState: ListState
  closedState: ListState
}

const INITIAL: CasesData = {
  allowed: false,
  tab: 'pending',
  tabs: DESK_TABS,
  emptyText: EMPTY_TEXT,
  pending: [],
  active: [],
  closed: [],
  pendingState: { ...FRESH },
  activeState: { ...FRESH },
  closedState: { ...FRESH },
}

Page({
  data: INITIAL,
  async onLoad(query: Record<string, string | undefined>) {
    this.setData({ tab: tabFromQuery(query['tab']) })
    const who = await requireRole('mediator')
    if (!who) return
    this.setData({ allowed: true })
    void this.reloadAll()
  },
  onShow() {
    // Back from a case: its row may have moved tab (accepted, settled, closed).
    if (this.data.allowed && this.data.pendingState.loaded) void this.reloadAll()
  },
  async onPullDownRefresh() {
    if (this.data.allowed) await this.reloadAll()
    void wx.stopPullDownRefresh()
  },
  onReachBottom() {
    if (this.data.allowed) void this.loadPage(this.data.tab, false)
  },
  reloadAll() {
    return Promise.all(DESK_TABS.map((t) => this.loadPage(t.value, true)))
  },
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: DeskTab }>) {
    this.setData({ tab: e.detail.value })
  },
  /** Loads the first page (replacing the list) or appends the next one by path. */
  async loadPage(tab: DeskTab, reset: boolean) {
    const stateKey = `${tab}State` as const
    const state = this.data[stateKey]
    if (state.loading || (!reset && !state.hasMore)) return
    this.setData({ [`${stateKey}.loading`]: true })
    const page = reset ? 1 : state.page + 1
    const res = await listAssigned(tab, page)
    if (!res.ok) {
      this.setData({ [`${stateKey}.loading`]: false, [`${stateKey}.loaded`]: true })
      showError(this, res.error.message)
      return
    }
    const now = Date.now()
    const rows = res.data.items.map((i) => deskCaseRow(i, now))
    const next: ListState = { loading: false, loaded: true, page, hasMore: res.data.hasMore }
    if (reset) this.setData({ [tab]: rows, [stateKey]: next })
    else this.setData({ ...appendPatch(tab, this.data[tab], rows), [stateKey]: next })
  },
  onCaseTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: unknown }>) {
    const url = e.currentTarget.dataset.url
    if (typeof url === 'string') void wx.navigateTo({ url })
  },
})
