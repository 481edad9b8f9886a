import { refreshSession } from './custom-tab-bar/session'
import { declineCall, watchInvitations } from './services/calls'
import { initCloud } from './services/cloud'
import { newIntent } from './services/intent'
import { callPageUrl, invitationPrompt, InvitationWatcher } from './utils/invitations'
import { registerPrivacyHook } from './utils/privacy'

// A mediator's call rings on whatever page is open: the watch lives as long as the app.
const invitations = new InvitationWatcher({
  watch: watchInvitations,
  ask: (invitation) =>
    new Promise<boolean>((resolve) => {
      wx.showModal({
        ...invitationPrompt(invitation),
        confirmText: '接受',
        cancelText: '拒绝',
        success: (res) => resolve(res.confirm),
        fail: () => resolve(false),
      })
    }),
  accept: (invitation) => {
    const url = callPageUrl(invitation.callId)
    // A full page stack cannot take one more page; replacing the top one still reaches the call.
    wx.navigateTo({ url, fail: () => void wx.redirectTo({ url }) })
  },
  decline: async (invitation) => {
    const res = await declineCall(invitation.callId, newIntent())
    return res.ok ? null : res.error.message
  },
  notify: (title) => void wx.showToast({ title, icon: 'none', duration: 2500 }),
  now: () => Date.now(),
  schedule: (fn, ms) => setTimeout(fn, ms),
  cancel: (handle) => clearTimeout(handle as number),
})

App<IAppOption>({
  globalData: {
    roles: [],
  },
  onLaunch() {
    initCloud()
    registerPrivacyHook()
    // Roles decide whether the 工作台 tab shows; the tab bar re-reads them on every tab onShow.
    void refreshSession()
    invitations.start()
  },
  onShow() {
    invitations.resume()
  },
})
