import { refreshSession } from './session'
import { TABS, visibleTabs } from './tabs'

Component({
  data: {
    value: 'home',
    tabs: visibleTabs([]),
    unread: 0,
  },
  lifetimes: {
    attached() {
      this.refresh()
    },
  },
  methods: {
    /**
     * Shows roles and unread count; tab pages call it from onShow. Without an `unread` figure it
     * asks the server again, so a role granted or a message received meanwhile shows up.
     */
    refresh(selected?: string, unread?: number) {
      const app = getApp<IAppOption>()
      const patch: Record<string, unknown> = { tabs: visibleTabs(app.globalData.roles) }
      if (selected !== undefined) patch['value'] = selected
      if (unread !== undefined) patch['unread'] = unread
      this.setData(patch)
      if (unread !== undefined) return
      void refreshSession().then((who) => {
        if (!who) return
        this.setData({ tabs: visibleTabs(app.globalData.roles), unread: who.unreadCount })
      })
    },
    onChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const tab = TABS.find((t) => t.value === e.detail.value)
      if (tab) void wx.switchTab({ url: tab.pagePath })
    },
  },
})
