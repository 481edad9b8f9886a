// The consent popup of the 隐私保护指引: put it on every page that collects ID numbers or photos.
// It opens by itself when the user has not agreed yet, and whenever WeChat holds a privacy API
// call for the answer. Agreeing is recorded on the server (profile.acceptPrivacy).
import { newIntent } from '../../services/intent'
import { acceptPrivacy } from '../../services/profile'
import { PRIVACY_GUIDE_VERSION, needsPrivacyConsent, privacyGate } from '../../utils/privacy'

// WeChat matches the answer to the native button's id, which TDesign sets from `t-id`.
const AGREE_BUTTON_ID = 'agree-privacy'

const detachers = new WeakMap<object, () => void>()

Component({
  properties: {
    /** Why this page needs the consent, under the title. */
    purpose: {
      type: String,
      value: '为办理调解和立案，我们需要收集您和对方当事人的姓名、证件号码等信息。',
    },
  },
  data: {
    visible: false,
  },
  lifetimes: {
    attached() {
      detachers.set(
        this,
        privacyGate.attach(() => this.setData({ visible: true })),
      )
      void needsPrivacyConsent().then((need) => {
        if (need) this.setData({ visible: true })
      })
    },
    detached() {
      detachers.get(this)?.()
      detachers.delete(this)
    },
  },
  methods: {
    onGuideTap() {
      void wx.openPrivacyContract({})
    },
    onAgree() {
      privacyGate.agree(AGREE_BUTTON_ID)
      this.setData({ visible: false })
      void acceptPrivacy(PRIVACY_GUIDE_VERSION, newIntent())
      this.triggerEvent('agree')
    },
    onDisagree() {
      privacyGate.disagree()
      this.setData({ visible: false })
      this.triggerEvent('disagree')
    },
  },
})
