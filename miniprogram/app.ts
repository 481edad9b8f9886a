import { initCloud } from './services/cloud'

App<IAppOption>({
  globalData: {
    roles: [],
  },
  onLaunch() {
    initCloud()
  },
})
