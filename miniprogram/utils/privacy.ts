// The WeChat side of the privacy gate: the hook `app.ts` registers once, the app-wide gate the
// consent popup and the 隐私保护指引 page attach to, and the consent check.
import { PrivacyGate, type PrivacyApi } from './privacy-gate'

export { PRIVACY_GUIDE_VERSION } from './privacy-gate'

/** The app-wide gate; `registerPrivacyHook()` is called once from `app.ts` onLaunch. */
export const privacyGate = new PrivacyGate(() => {
  void wx.navigateTo({ url: '/pages/privacy/index' })
})

export function registerPrivacyHook(): void {
  // Base libraries before 2.32.3 have no privacy API and need no consent step.
  if (typeof wx.onNeedPrivacyAuthorization !== 'function') return
  privacyGate.register(wx as unknown as PrivacyApi)
}

/** Whether the user still has to agree to the guide (false where the API is missing). */
export function needsPrivacyConsent(): Promise<boolean> {
  return new Promise((resolve) => {
    if (typeof wx.getPrivacySetting !== 'function') {
      resolve(false)
      return
    }
    wx.getPrivacySetting({
      success: (res) => resolve(res.needAuthorization),
      fail: () => resolve(false),
    })
  })
}
