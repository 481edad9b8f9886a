import { selectTab } from '../../utils/tab-bar'

Page({
  data: {},
  onShow() {
    selectTab(this, 'messages')
  },
  onPullDownRefresh() {
    void wx.stopPullDownRefresh()
  },
})
