import { listMessages, markAllRead, markRead } from '../../services/messages'
import { newIntent } from '../../services/intent'
import { selectTab } from '../../utils/tab-bar'
import { showError } from '../../utils/notify'
import { appendPatch } from '../../utils/list-patch'
import { messageRow, openMode, readAllPatch, type MessageRow } from './logic'

const PAGE_SIZE = 20

interface TabBarInstance {
  refresh(selected?: string, unread?: number): void
}

Page({
  data: {
    messages: [] as MessageRow[],
    unread: 0,
    page: 0,
    hasMore: true,
    loading: false,
    loaded: false,
    busy: false,
  },
  onShow() {
    selectTab(this, 'messages')
    void this.loadPage(true)
  },
  async onPullDownRefresh() {
    await this.loadPage(true)
    void wx.stopPullDownRefresh()
  },
  onReachBottom() {
    void this.loadPage(false)
  },
  showUnread(count: number) {
    this.setData({ unread: count })
    const bar = this.getTabBar() as unknown as TabBarInstance | undefined
    bar?.refresh('messages', count)
  },
  async loadPage(reset: boolean) {
    if (this.data.loading || (!reset && !this.data.hasMore)) return
    this.setData({ loading: true })
    const page = reset ? 1 : this.data.page + 1
    const res = await listMessages({ page, pageSize: PAGE_SIZE })
    if (!res.ok) {
      this.setData({ loading: false, loaded: true })
      showError(this, res.error.message)
      return
    }
    const now = Date.now()
    const rows = res.data.items.map((m) => messageRow(m, now))
    const state = { loading: false, loaded: true, page, hasMore: res.data.hasMore }
    if (reset) this.setData({ messages: rows, ...state })
    else this.setData({ ...appendPatch('messages', this.data.messages, rows), ...state })
    this.showUnread(res.data.unreadCount)
  },
  async onMessageTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: unknown }>) {
    const index = Number(e.currentTarget.dataset.index)
    const row = this.data.messages[index]
    if (!row) return
    if (!row.read) {
      this.setData({ [`messages[${index}].read`]: true })
      const res = await markRead([row.id], newIntent())
      if (res.ok) this.showUnread(res.data.unreadCount)
      else {
        this.setData({ [`messages[${index}].read`]: false })
        showError(this, res.error.message)
        return
      }
    }
    const mode = openMode(row.link)
    if (mode === 'switchTab') void wx.switchTab({ url: row.link.split('?')[0] ?? row.link })
    else if (mode === 'navigateTo') void wx.navigateTo({ url: row.link })
  },
  async onReadAllTap() {
    if (this.data.busy || this.data.unread === 0) return
    this.setData({ busy: true })
    const res = await markAllRead(newIntent())
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.setData(readAllPatch(this.data.messages))
    this.showUnread(res.data.unreadCount)
  },
})
