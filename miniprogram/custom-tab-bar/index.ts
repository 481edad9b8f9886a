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
    /** Re-reads roles and unread count from the app; tab pages call it from onShow. */
    refresh(selected?: string, unread?: number) {
      const app = getApp<IAppOption>()
      const patch: Record<string, unknown> = { tabs: visibleTabs(app.globalData.roles) }
      if (selected !== undefined) patch['value'] = selected
      if (unread !== undefined) patch['unread'] = unread
      this.setData(patch)
    },
    onChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
      const tab = TABS.find((t) => t.value === e.detail.value)
      if (tab) void wx.switchTab({ url: tab.pagePath })
    },
  },
})
