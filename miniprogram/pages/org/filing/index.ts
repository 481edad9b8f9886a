import { filingDetail, withdrawalStatus } from '../../../services/filings'
import { newIntent, type Intent } from '../../../services/intent'
import {
  acceptFiling,
  grantWithdrawal,
  refuseWithdrawal,
  rejectFiling,
} from '../../../services/org-review'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import { optionOf } from '../common'
import { filingPanel, filingRejectError, withdrawalRefuseError, type FilingPanel } from './logic'

type Decision = 'accept' | 'reject' | 'grant' | 'refuse'

let filingId = ''
/** One intent per decision, reused while the same decision is retried. */
const intents: Partial<Record<Decision, Intent>> = {}
const intentFor = (d: Decision) => (intents[d] = intents[d] ?? newIntent())

Page({
  data: {
    state: 'loading',
    panel: null as FilingPanel | null,
    busy: '',
    rejectReason: '',
    rejectError: '',
    refuseReason: '',
    refuseError: '',
  },
  async onLoad(options: Record<string, string | undefined>) {
    filingId = optionOf(options, 'filingId')
    for (const k of Object.keys(intents) as Decision[]) delete intents[k]
    if (!(await requireRole('staff'))) return
    await this.load()
  },
  async load() {
    if (!filingId) {
      this.setData({ state: 'gone' })
      return
    }
    const [filing, withdrawal] = await Promise.all([
      filingDetail(filingId),
      withdrawalStatus(filingId),
    ])
    if (!filing.ok) {
      showError(this, filing.error.message)
      this.setData({ state: 'gone' })
      return
    }
    this.setData({
      state: 'ready',
      panel: filingPanel(filing.data, withdrawal.ok ? withdrawal.data : null),
    })
  },
  onRejectReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ rejectReason: e.detail.value, rejectError: '' })
    delete intents.reject
  },
  onRefuseReasonChange(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    this.setData({ refuseReason: e.detail.value, refuseError: '' })
    delete intents.refuse
  },
  /** Runs one decision with the buttons disabled, then shows the filing as it now is. */
  async decide(d: Decision, run: () => Promise<{ ok: boolean; error?: { message: string } }>) {
    if (this.data.busy) return
    this.setData({ busy: d })
    const res = await run()
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error?.message ?? '操作失败，请稍后重试')
      return
    }
    delete intents[d]
    const done: Record<Decision, string> = {
      accept: '已确认立案',
      reject: '已退回补正',
      grant: '已准许撤诉',
      refuse: '已裁定不准许撤诉',
    }
    showSuccess(this, done[d])
    await this.load()
  },
  onAcceptTap() {
    void this.decide('accept', () => acceptFiling(filingId, intentFor('accept')))
  },
  onRejectTap() {
    const error = filingRejectError(this.data.rejectReason)
    if (error) {
      this.setData({ rejectError: error })
      showError(this, error)
      return
    }
    const reason = this.data.rejectReason.trim()
    void this.decide('reject', () => rejectFiling(filingId, reason, intentFor('reject')))
  },
  onGrantTap() {
    const id = this.data.panel?.withdrawalRequestId ?? ''
    void this.decide('grant', () => grantWithdrawal(id, intentFor('grant')))
  },
  onRefuseTap() {
    const error = withdrawalRefuseError(this.data.refuseReason)
    if (error) {
      this.setData({ refuseError: error })
      showError(this, error)
      return
    }
    const id = this.data.panel?.withdrawalRequestId ?? ''
    const reason = this.data.refuseReason.trim()
    void this.decide('refuse', () => refuseWithdrawal(id, reason, intentFor('refuse')))
  },
})
