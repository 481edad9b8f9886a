import { inviteRespondent } from '../../../services/cases'
import { newIntent } from '../../../services/intent'
import { showError } from '../../../utils/notify'
import { chinaTime, shareCard, type ShareCard } from './logic'

Page({
  data: {
    caseId: '',
    loading: true,
    busy: false,
    failed: '',
    qrUrl: '',
    expiresText: '',
    smsMessage: '',
    share: null as ShareCard | null,
    skeletonRows: [{ width: '480rpx', height: '480rpx' }, 1, 1],
  },

  onLoad(query: Record<string, string | undefined>) {
    const caseId = decodeURIComponent(query['caseId'] ?? '')
    this.setData({ caseId })
    if (!caseId) {
      this.setData({ loading: false, failed: '缺少案件信息，请从案件详情进入' })
      return
    }
    void wx.showShareMenu({ menus: ['shareAppMessage'] })
    void this.issue()
  },

  /** Each invitation replaces the previous one, so an old link that leaked stops working. */
  async issue() {
    if (this.data.busy) return
    this.setData({ busy: true })
    const res = await inviteRespondent(this.data.caseId, newIntent())
    this.setData({ busy: false, loading: false })
    if (!res.ok) {
      this.setData({ failed: res.error.message })
      showError(this, res.error.message)
      return
    }
    this.setData({
      failed: '',
      qrUrl: res.data.qrUrl,
      expiresText: chinaTime(res.data.expiresAt),
      smsMessage: res.data.sms.message,
      share: shareCard(res.data),
    })
  },

  onRenewTap() {
    void this.issue()
  },

  onChooseTap() {
    void wx.redirectTo({
      url: `/pages/mediation/mediators/index?caseId=${encodeURIComponent(this.data.caseId)}`,
    })
  },

  onShareAppMessage(): WechatMiniprogram.Page.ICustomShareContent {
    const share = this.data.share
    // Without an invitation there is nothing to share but the mini-program's home.
    return share
      ? { title: share.title, path: share.path }
      : { title: '商会调解', path: '/pages/home/index' }
  },
})
