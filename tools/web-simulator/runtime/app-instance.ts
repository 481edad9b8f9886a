// App(): the definition object becomes the instance returned by getApp(), with WeChat's
// onLaunch/onShow/onHide/onError hooks and the wx.onAppShow/onAppHide listeners.
export class AppInstance {
  readonly onAppShow = new Set<(o: unknown) => void>()
  readonly onAppHide = new Set<(o: unknown) => void>()
  readonly onError = new Set<(msg: string) => void>()
  readonly onUnhandledRejection = new Set<(r: unknown) => void>()
  tabBarNative = false
  instance: Record<string, unknown> = { globalData: {} }
}
