// The consent popup of the 隐私保护指引: put it on every page that collects ID numbers or photos.
// It opens by itself when the user has not agreed yet, and whenever WeChat holds a privacy API
// call for the answer. Agreeing is recorded on the server (profile.acceptPrivacy). A refusal
// closes it and leaves a notice in the page saying what is not collected, with a way back.
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
    /** What the page does without consent, shown after a refusal. */
    refusal: {
      type: String,
      value:
        '您未同意隐私保护指引，我们不会收集证件号码等个人信息，相关内容暂不能填写；页面其他内容仍可正常使用。',
    },
  },
  data: {
    visible: false,
    refused: false,
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
      this.setData({ visible: false, refused: false })
      void acceptPrivacy(PRIVACY_GUIDE_VERSION, newIntent())
      this.triggerEvent('agree')
    },
    onDisagree() {
      privacyGate.disagree()
      this.setData({ visible: false, refused: true })
      this.triggerEvent('disagree')
    },
    onReviewTap() {
      this.setData({ visible: true })
    },
  },
})
