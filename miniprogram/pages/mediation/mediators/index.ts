import { caseDetail } from '../../../services/cases'
import { recommendMediators, searchMediators } from '../../../services/mediators'
import { appendPatch } from '../../../utils/list-patch'
import { showError } from '../../../utils/notify'
import { MediatorChoice } from '../mediator-choice'
import {
  CITY_OPTIONS,
  SPECIALTY_OPTIONS,
  canChoose,
  chooseNotice,
  profileUrl,
  recommendedRow,
  searchRequest,
  searchRow,
  type MediatorRow,
} from './logic'

const PAGE_SIZE = 10

const choice = new MediatorChoice()
/** Drops answers of searches overtaken by a newer one (typing fast). */
let searchSeq = 0
/** Searching follows typing after a short pause, so each keystroke is not a request. */
const TYPING_PAUSE_MS = 300
let typingTimer: ReturnType<typeof setTimeout> | undefined

Page({
  data: {
    caseId: '',
    loading: true,
    mode: 'recommend',
    canChoose: false,
    canInvite: false,
    notice: '',
    recommended: [] as MediatorRow[],
    keyword: '',
    specialty: '',
    city: '',
    specialtyOptions: SPECIALTY_OPTIONS,
    cityOptions: CITY_OPTIONS,
    results: [] as MediatorRow[],
    page: 0,
    hasMore: false,
    searching: false,
    searched: false,
    dialogVisible: false,
    dialogContent: '',
    pendingId: '',
    choosing: false,
    skeletonRows: [
      { width: '100%', height: '220rpx' },
      { width: '100%', height: '220rpx' },
    ],
  },

  onLoad(query: Record<string, string | undefined>) {
    const caseId = decodeURIComponent(query['caseId'] ?? '')
    this.setData({ caseId })
    if (!caseId) {
      this.setData({ loading: false })
      showError(this, '缺少案件信息，请从案件详情进入')
      return
    }
    void this.loadRecommendations()
  },

  onShow() {
    // Back from the invitation or a profile: the respondent may have agreed meanwhile.
    if (!this.data.loading && this.data.caseId) void this.loadCase()
  },

  async loadCase() {
    const res = await caseDetail(this.data.caseId)
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.setData({
      canChoose: canChoose(res.data.allowedActions),
      canInvite: res.data.allowedActions.includes('invite'),
      notice: chooseNotice(res.data.status, res.data.allowedActions),
    })
  },

  async loadRecommendations() {
    const [rec] = await Promise.all([recommendMediators(this.data.caseId), this.loadCase()])
    this.setData({ loading: false })
    if (!rec.ok) {
      showError(this, rec.error.message)
      return
    }
    this.setData({ recommended: rec.data.items.map(recommendedRow) })
  },

  onMoreTap() {
    this.setData({ mode: this.data.mode === 'search' ? 'recommend' : 'search' })
  },

  onInviteTap() {
    void wx.navigateTo({
      url: `/pages/mediation/invite/index?caseId=${encodeURIComponent(this.data.caseId)}`,
    })
  },

  onKeywordChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ keyword: e.detail.value })
    if (typingTimer !== undefined) clearTimeout(typingTimer)
    typingTimer = setTimeout(() => void this.search(true), TYPING_PAUSE_MS)
  },

  onKeywordSubmit() {
    if (typingTimer !== undefined) clearTimeout(typingTimer)
    void this.search(true)
  },

  onUnload() {
    if (typingTimer !== undefined) clearTimeout(typingTimer)
  },

  onKeywordClear() {
    this.setData({ keyword: '' })
    void this.search(true)
  },

  onSpecialtyChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ specialty: e.detail.value })
    void this.search(true)
  },

  onCityChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ city: e.detail.value })
    void this.search(true)
  },

  onReachBottom() {
    if (this.data.mode === 'search' && this.data.hasMore) void this.search(false)
  },

  async search(reset: boolean) {
    if (!reset && this.data.searching) return
    const page = reset ? 1 : this.data.page + 1
    const state = {
      keyword: this.data.keyword,
      specialty: this.data.specialty,
      city: this.data.city,
    }
    const request = searchRequest(state, page, PAGE_SIZE)
    if (!request) {
      this.setData({ results: [], searched: false, hasMore: false })
      return
    }
    const seq = ++searchSeq
    this.setData({ searching: true })
    const res = await searchMediators(request)
    if (seq !== searchSeq) return
    this.setData({ searching: false })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    const rows = res.data.items.map(searchRow)
    if (reset) this.setData({ results: rows, page: 1, hasMore: res.data.hasMore, searched: true })
    else
      this.setData({
        ...appendPatch('results', this.data.results, rows),
        page,
        hasMore: res.data.hasMore,
      })
  },

  onCardTap(e: WechatMiniprogram.TouchEvent<object, object, { id: string }>) {
    void wx.navigateTo({ url: profileUrl(this.data.caseId, e.currentTarget.dataset.id) })
  },

  onChooseTap(e: WechatMiniprogram.TouchEvent<object, object, { id: string; name: string }>) {
    const { id, name } = e.currentTarget.dataset
    this.setData({
      dialogVisible: true,
      pendingId: id,
      dialogContent: `确定选择 ${name} 为您调解吗？选择后将通知调解员受理，调解员受理后调解期限开始计算。`,
    })
  },

  onDialogCancel() {
    this.setData({ dialogVisible: false })
  },

  async onDialogConfirm() {
    await choice.confirm(this, this.data.caseId, this.data.pendingId)
  },
})
