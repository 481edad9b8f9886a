// Pure view logic of the filing detail: the headline a filer reads, the timeline built from the
// filing's own times and its withdrawal request, what 更多 offers, and the 撤诉 reason check.
import { chinaMinute } from '../../../core/china-time'
import { MAX_REASON_LENGTH } from '../../../core/limits'
import type { FilingStatus } from '../../../core/machines/filing'
import type { FilingView } from '../../../../typings/api/fileCase'
import type { WithdrawalView } from '../../../../typings/api/withdrawCase'

export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger'

const HEADLINES: Readonly<Record<FilingStatus, { text: string; theme: TagTheme }>> = {
  draft: { text: '草稿', theme: 'default' },
  submitted: { text: '待工商联审核', theme: 'primary' },
  accepted: { text: '已立案', theme: 'success' },
  rejected: { text: '退回补正', theme: 'danger' },
  withdrawal_requested: { text: '撤诉审查中', theme: 'warning' },
  withdrawn: { text: '已撤诉', theme: 'default' },
}

export function headline(status: FilingStatus): { text: string; theme: TagTheme } {
  return HEADLINES[status]
}

/** `2026-03-05 14:07` in China time, whatever the phone's time zone. */
export { chinaMinute as chinaTime }

export interface TimelineEntry {
  readonly key: string
  readonly title: string
  readonly detail: string
  readonly time: string
  readonly at: number
}

/**
 * Events in the order they happened. A pending 撤诉 request carries its own time (from
 * `withdrawCase.status`); once ruled, the filing itself tells the outcome.
 */
export function filingTimeline(
  filing: FilingView,
  pending: WithdrawalView | null,
): TimelineEntry[] {
  const entries: TimelineEntry[] = []
  const add = (key: string, title: string, detail: string, iso: string | null) => {
    if (!iso) return
    const at = Date.parse(iso)
    if (!Number.isNaN(at)) entries.push({ key, title, detail, time: chinaMinute(iso), at })
  }
  add('submitted', '提交立案申请', `受理机构：${filing.organisationName}`, filing.submittedAt)
  add(
    'accepted',
    '工商联已立案',
    filing.filingNumber ? `立案号：${filing.filingNumber}` : '',
    filing.acceptedAt,
  )
  if (filing.status === 'withdrawal_requested' && pending)
    add('withdrawal-requested', '提交撤诉申请', pending.reason ?? '', pending.requestedAt)
  if (filing.status === 'withdrawn')
    add(
      'withdrawn',
      filing.acceptedAt ? '工商联准许撤诉' : '已撤诉',
      filing.withdrawalReason ? `撤诉原因：${filing.withdrawalReason}` : '',
      filing.withdrawnAt,
    )
  return entries.sort((a, b) => a.at - b.at)
}

/** The 撤诉 state a filer reads on the detail page, or null when no withdrawal happened. */
export function withdrawalState(filing: FilingView): { title: string; theme: TagTheme } | null {
  if (filing.status === 'withdrawal_requested')
    return { title: '撤诉申请已提交，待工商联审查', theme: 'warning' }
  if (filing.status === 'withdrawn')
    return filing.acceptedAt
      ? { title: '工商联已准许撤诉', theme: 'success' }
      : { title: '已撤诉，立案申请已撤回', theme: 'success' }
  if (filing.withdrawalRefusedReason)
    return { title: `工商联不准许撤诉：${filing.withdrawalRefusedReason}`, theme: 'danger' }
  return null
}

/** What the answer of a 撤诉 tells the filer at once. */
export function withdrawalOutcome(w: WithdrawalView): string {
  return w.effect === 'immediate' ? '已撤诉' : '撤诉申请已提交，待工商联审查'
}

/** Whether the filer may start a 撤诉 now (the server decides; locked filings refuse all). */
export function canWithdraw(filing: FilingView): boolean {
  return !filing.identityLocked && filing.allowedActions.includes('withdraw')
}

/** The confirmation text: before acceptance it takes effect at once, after it needs a ruling. */
export function withdrawConfirmText(status: FilingStatus): string {
  return status === 'accepted'
    ? '案件已立案，撤诉需经工商联审查准许。确定提交撤诉申请吗？'
    : '撤诉后立案申请立即撤回，不可恢复。确定撤诉吗？'
}

export function checkWithdrawReason(reason: string): string {
  const n = Array.from(reason.trim()).length
  if (n === 0) return '请填写撤诉原因'
  if (n > MAX_REASON_LENGTH) return `撤诉原因不超过 ${MAX_REASON_LENGTH} 字`
  return ''
}

/** Whether the filer may correct a rejected filing and submit it again (the server decides). */
export function canResubmit(filing: FilingView): boolean {
  return !filing.identityLocked && filing.allowedActions.includes('resubmit')
}

/** The staff's reason a filer reads on a rejected filing, or '' when there is none to act on. */
export function rejectNotice(filing: FilingView): string {
  return filing.status === 'rejected' && filing.rejectReason
    ? `工商联退回意见：${filing.rejectReason}`
    : ''
}

/** The correction form of this filing (在线立案 opened with the filing's own data). */
export function resubmitUrl(filingId: string): string {
  return `/pages/filing/apply/index?filingId=${encodeURIComponent(filingId)}`
}

/** Items of the 更多 action sheet, by what the server allows. */
export function moreActions(filing: FilingView): { label: string; value: string }[] {
  const items: { label: string; value: string }[] = []
  if (canResubmit(filing)) items.push({ label: '修改后重新提交', value: 'resubmit' })
  if (canWithdraw(filing)) items.push({ label: '撤诉', value: 'withdraw' })
  if (filing.caseId) items.push({ label: '查看原调解案件', value: 'case' })
  return items
}
