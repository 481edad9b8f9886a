import { selectTab } from '../../utils/tab-bar'

Page({
  data: {
    roles: [] as ReadonlyArray<string>,
  },
  onShow() {
    selectTab(this, 'workbench')
    this.setData({ roles: getApp<IAppOption>().globalData.roles })
  },
})
