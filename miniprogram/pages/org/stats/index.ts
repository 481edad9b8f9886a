import { orgStatistics } from '../../../services/org-desk'
import { showError } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { statsView, type StatsView } from './logic'

Page({
  data: {
    state: 'loading',
    stats: null as StatsView | null,
  },
  async onLoad() {
    if (!(await requireRole('staff'))) return
    await this.load()
  },
  async onPullDownRefresh() {
    await this.load()
    void wx.stopPullDownRefresh()
  },
  async load() {
    const res = await orgStatistics()
    if (!res.ok) {
      showError(this, res.error.message)
      this.setData({ state: 'failed' })
      return
    }
    this.setData({ state: 'ready', stats: statsView(res.data) })
  },
})
