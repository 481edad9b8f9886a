import { selectTab } from '../../utils/tab-bar'

Page({
  data: {},
  onShow() {
    selectTab(this, 'me')
  },
  onIdentityTap() {
    void wx.navigateTo({ url: '/pages/identity/index' })
  },
  onPrivacyTap() {
    void wx.openPrivacyContract({})
  },
})
