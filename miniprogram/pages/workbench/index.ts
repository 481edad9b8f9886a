import { refreshSession } from '../../custom-tab-bar/session'
import { listAssigned } from '../../services/mediator-desk'
import { showError } from '../../utils/notify'
import { selectTab } from '../../utils/tab-bar'
import { NO_ROLE_MESSAGE, deskSections, pendingBadge, type DeskSection } from './logic'

Page({
  data: {
    loaded: false,
    sections: [] as DeskSection[],
    pendingBadge: '',
    noRoleMessage: NO_ROLE_MESSAGE,
  },
  onShow() {
    selectTab(this, 'workbench')
    void this.load()
  },
  async load() {
    // Roles are asked again on every visit: a bind or a revoked role shows up without a restart.
    const who = await refreshSession()
    if (!who) {
      this.setData({ loaded: true })
      showError(this, '网络不稳定，请检查网络后重试')
      return
    }
    const sections = deskSections(who.roles)
    this.setData({ loaded: true, sections })
    if (sections.length === 0) {
      void wx.showToast({ title: '您暂无工作台权限', icon: 'none', duration: 2500 })
      void wx.switchTab({ url: '/pages/home/index' })
      return
    }
    if (who.roles.includes('mediator')) {
      const res = await listAssigned('pending')
      if (res.ok)
        this.setData({ pendingBadge: pendingBadge(res.data.items.length, res.data.hasMore) })
    }
  },
  onEntryTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { url?: unknown }>) {
    const url = e.currentTarget.dataset.url
    if (typeof url === 'string') void wx.navigateTo({ url })
  },
})
