import { refreshSession } from './custom-tab-bar/session'
import { initCloud } from './services/cloud'

App<IAppOption>({
  globalData: {
    roles: [],
  },
  onLaunch() {
    initCloud()
    // Roles decide whether the 工作台 tab shows; the tab bar re-reads them on every tab onShow.
    void refreshSession()
  },
})
