import { refreshSession } from '../../custom-tab-bar/session'
import { showError } from '../../utils/notify'
import { selectTab } from '../../utils/tab-bar'
import { meView } from './logic'

Page({
  data: {
    loaded: false,
    view: meView(null),
  },
  onShow() {
    selectTab(this, 'me')
    void this.load()
  },
  async load() {
    const who = await refreshSession()
    this.setData({ loaded: true, view: meView(who) })
    if (!who) showError(this, '暂时无法获取账号信息，请稍后重试')
  },
  onIdentityTap() {
    void wx.navigateTo({ url: '/pages/identity/index' })
  },
  onCasesTap() {
    void wx.switchTab({ url: '/pages/home/index' })
  },
  onBindMediatorTap() {
    void wx.navigateTo({ url: '/pages/mediator/bind/index' })
  },
  onDeskTap() {
    void wx.switchTab({ url: '/pages/workbench/index' })
  },
  onPrivacyTap() {
    void wx.openPrivacyContract({})
  },
  onPrivacySummaryTap() {
    void wx.navigateTo({ url: '/pages/privacy/index' })
  },
})
