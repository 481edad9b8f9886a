// The mediator's case queue: tabs, one row per assigned case, deadlines and overdue marks.
import { getDisputeType } from '../../../core/catalogues/index'
import type { AssignedCase, DeskTab } from '../../../../typings/api/mediatorDesk'
import { caseTagTheme, type TagTheme } from '../../../utils/tag-theme'

export const DESK_TABS: readonly { readonly value: DeskTab; readonly label: string }[] = [
  { value: 'pending', label: '待受理' },
  { value: 'active', label: '调解中' },
  { value: 'closed', label: '已结束' },
]

/** The tab named by the page query, 待受理 when absent or unknown. */
export function tabFromQuery(value: unknown): DeskTab {
  return DESK_TABS.some((t) => t.value === value) ? (value as DeskTab) : 'pending'
}

export const EMPTY_TEXT: Readonly<Record<DeskTab, string>> = {
  pending: '暂无待受理的案件',
  active: '暂无调解中的案件',
  closed: '暂无已结束的案件',
}

export interface DeskCaseRow {
  readonly id: string
  readonly title: string
  readonly subtitle: string
  readonly statusLabel: string
  readonly theme: TagTheme
  /** Empty when no mediation period runs. */
  readonly deadlineText: string
  readonly overdue: boolean
  readonly url: string
}

export function disputeLabel(code: string | null): string {
  const type = getDisputeType(code)
  return type.ok ? type.value.label : '纠纷类型未填写'
}

export function deskCaseRow(item: AssignedCase, now: number): DeskCaseRow {
  const overdue = item.deadline !== null && Date.parse(item.deadline) <= now
  const parties = `${item.applicantName || '申请人'} 与 ${item.respondentName || '被申请人'}`
  return {
    id: item.caseId,
    title: item.caseNumber || '案号待生成',
    subtitle: `${disputeLabel(item.disputeType)} · ${parties}`,
    statusLabel: item.statusLabel,
    theme: caseTagTheme(item.status),
    deadlineText: overdue ? '已到期' : (item.deadlineText ?? ''),
    overdue,
    url: `/pages/mediator/case/index?caseId=${encodeURIComponent(item.caseId)}`,
  }
}
