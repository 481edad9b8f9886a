import { listMyCases } from '../../services/cases'
import { listMyFilings } from '../../services/filings'
import { selectTab } from '../../utils/tab-bar'
import { showError } from '../../utils/notify'
import { appendPatch } from '../../utils/list-patch'
import { caseRow, filingRow, type CaseRow, type FilingRow } from './logic'

type Tab = 'mediation' | 'filing'

const PAGE_SIZE = 10

interface ListState {
  loading: boolean
  loaded: boolean
  page: number
  hasMore: boolean
}

const FRESH: ListState = { loading: false, loaded: false, page: 0, hasMore: true }

Page({
  data: {
    tab: 'mediation',
    cases: [] as CaseRow[],
    filings: [] as FilingRow[],
    caseState: { ...FRESH },
    filingState: { ...FRESH },
  },
  onShow() {
    selectTab(this, 'home')
    void this.loadPage('mediation', true)
    void this.loadPage('filing', true)
  },
  async onPullDownRefresh() {
    await Promise.all([this.loadPage('mediation', true), this.loadPage('filing', true)])
    void wx.stopPullDownRefresh()
  },
  onReachBottom() {
    void this.loadPage(this.data.tab === 'filing' ? 'filing' : 'mediation', false)
  },
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: Tab }>) {
    this.setData({ tab: e.detail.value })
  },
  /** Loads the first page (replacing the list) or the next page (appending only new rows). */
  async loadPage(tab: Tab, reset: boolean) {
    const stateKey = tab === 'mediation' ? 'caseState' : 'filingState'
    const state = this.data[stateKey]
    if (state.loading || (!reset && !state.hasMore)) return
    this.setData({ [`${stateKey}.loading`]: true })
    const page = reset ? 1 : state.page + 1
    const now = Date.now()
    const res =
      tab === 'mediation'
        ? await listMyCases('any', { page, pageSize: PAGE_SIZE })
        : await listMyFilings(page, PAGE_SIZE)
    if (!res.ok) {
      this.setData({ [`${stateKey}.loading`]: false, [`${stateKey}.loaded`]: true })
      showError(this, res.error.message)
      return
    }
    const rows: (CaseRow | FilingRow)[] =
      tab === 'mediation'
        ? (res.data.items as Parameters<typeof caseRow>[0][]).map((i) => caseRow(i, now))
        : (res.data.items as Parameters<typeof filingRow>[0][]).map(filingRow)
    const listKey = tab === 'mediation' ? 'cases' : 'filings'
    const next: ListState = { loading: false, loaded: true, page, hasMore: res.data.hasMore }
    if (reset) this.setData({ [listKey]: rows, [stateKey]: next })
    else this.setData({ ...appendPatch(listKey, this.data[listKey], rows), [stateKey]: next })
  },
  onCaseTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: unknown }>) {
    const url = e.currentTarget.dataset.url
    if (typeof url === 'string') void wx.navigateTo({ url })
  },
  onApplyTap() {
    void wx.navigateTo({ url: '/pages/mediation/apply/index' })
  },
  onFileTap() {
    void wx.navigateTo({ url: '/pages/filing/apply/index' })
  },
})
