import { caseDetail } from '../../../services/cases'
import { mediatorProfile } from '../../../services/mediators'
import { showError } from '../../../utils/notify'
import { MediatorChoice } from '../mediator-choice'
import { canChoose } from '../mediators/logic'
import { profileView, type ProfileView } from './logic'

const choice = new MediatorChoice()

Page({
  data: {
    loading: true,
    caseId: '',
    mediatorId: '',
    profile: null as ProfileView | null,
    canChoose: false,
    dialogVisible: false,
    choosing: false,
    skeletonRows: [{ width: '100%', height: '200rpx' }, 1, 1, 1],
  },

  onLoad(query: Record<string, string | undefined>) {
    const caseId = decodeURIComponent(query['caseId'] ?? '')
    const mediatorId = decodeURIComponent(query['mediatorId'] ?? '')
    this.setData({ caseId, mediatorId })
    if (!mediatorId) {
      this.setData({ loading: false })
      showError(this, '缺少调解员信息，请返回重新选择')
      return
    }
    void this.load()
  },

  async load() {
    const [profile, detail] = await Promise.all([
      mediatorProfile(this.data.mediatorId),
      this.data.caseId ? caseDetail(this.data.caseId) : Promise.resolve(undefined),
    ])
    this.setData({ loading: false })
    if (!profile.ok) {
      showError(this, profile.error.message)
      return
    }
    this.setData({
      profile: profileView(profile.data),
      canChoose: !!detail && detail.ok && canChoose(detail.data.allowedActions),
    })
    void wx.setNavigationBarTitle({ title: `调解员 ${profile.data.name}` })
  },

  onChooseTap() {
    this.setData({ dialogVisible: true })
  },

  onDialogCancel() {
    this.setData({ dialogVisible: false })
  },

  async onDialogConfirm() {
    await choice.confirm(this, this.data.caseId, this.data.mediatorId)
  },
})
