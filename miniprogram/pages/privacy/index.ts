// The 隐私保护指引 summary with the consent button. WeChat's privacy hook opens it when a page
// without a consent popup calls a privacy API; 我的 links to it too.
import { newIntent } from '../../services/intent'
import { acceptPrivacy } from '../../services/profile'
import { showError, showSuccess } from '../../utils/notify'
import { PRIVACY_GUIDE_VERSION, needsPrivacyConsent, privacyGate } from '../../utils/privacy'
import { PRIVACY_SECTIONS } from './sections'

Page({
  data: {
    sections: PRIVACY_SECTIONS,
    needConsent: false,
    busy: false,
  },

  onShow() {
    void needsPrivacyConsent().then((need) =>
      this.setData({ needConsent: need || privacyGate.waiting }),
    )
  },

  onUnload() {
    // Leaving without an answer counts as a refusal: the waiting API call must not hang.
    if (privacyGate.waiting) privacyGate.disagree()
  },

  onGuideTap() {
    void wx.openPrivacyContract({})
  },

  async onAgree() {
    const wasWaiting = privacyGate.waiting
    privacyGate.agree('agree-privacy')
    this.setData({ needConsent: false, busy: true })
    const res = await acceptPrivacy(PRIVACY_GUIDE_VERSION, newIntent())
    this.setData({ busy: false })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    showSuccess(this, '已同意隐私保护指引')
    if (wasWaiting) void wx.navigateBack({ delta: 1 })
  },
})
