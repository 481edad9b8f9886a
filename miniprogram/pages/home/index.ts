import { selectTab } from '../../utils/tab-bar'

Page({
  data: {
    tab: 'mediation',
  },
  onShow() {
    selectTab(this, 'home')
  },
  onPullDownRefresh() {
    void wx.stopPullDownRefresh()
  },
  onTabChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ tab: e.detail.value })
  },
  onApplyTap() {
    void wx.navigateTo({ url: '/pages/mediation/apply/index' })
  },
  onFileTap() {
    void wx.navigateTo({ url: '/pages/filing/apply/index' })
  },
})
