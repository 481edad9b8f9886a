// Pure view logic of the 首页 case lists: rows with their status tags and countdown text.
import { remaining } from '../../core/deadlines'
import { caseTagTheme, filingTagTheme, type TagTheme } from '../../utils/tag-theme'
import type { CaseSummary } from '../../../typings/api/mediationCase'
import type { FilingView } from '../../../typings/api/fileCase'

/** One row of the 调解 list as the page renders it. */
export interface CaseRow {
  readonly id: string
  readonly title: string
  readonly subtitle: string
  readonly statusLabel: string
  readonly theme: TagTheme
  /** Empty when no deadline runs. */
  readonly countdown: string
  readonly url: string
}

/** One row of the 立案 list. */
export interface FilingRow {
  readonly id: string
  readonly title: string
  readonly subtitle: string
  readonly statusLabel: string
  readonly theme: TagTheme
  readonly url: string
}

const CLOSED: readonly string[] = ['settled', 'closed_without_agreement']

/** The countdown shown on a card: only while the case is open and a deadline is set. */
export function countdownText(item: CaseSummary, now: number): string {
  if (CLOSED.includes(item.status) || item.countdown.deadline === null) return ''
  const left = remaining(Date.parse(item.countdown.deadline), now)
  return left.ok ? left.value.text : ''
}

const SIDE_LABELS: Readonly<Record<string, string>> = {
  applicant: '我是申请人',
  respondent: '我是被申请人',
}

export function caseRow(item: CaseSummary, now: number): CaseRow {
  const side = SIDE_LABELS[item.role]
  const type = item.disputeTypeLabel ?? '纠纷类型未填写'
  return {
    id: item.caseId,
    title: item.caseNumber ?? '案号待生成',
    // The list mixes both sides of the user's cases; the side tells them apart.
    subtitle: side ? `${type} · ${side}` : type,
    statusLabel: item.statusLabel,
    theme: caseTagTheme(item.status),
    countdown: countdownText(item, now),
    url: `/pages/case/detail/index?caseId=${encodeURIComponent(item.caseId)}`,
  }
}

export function filingRow(item: FilingView): FilingRow {
  return {
    id: item.filingId,
    title: item.filingNumber ?? item.caseNumber ?? '立案号待生成',
    subtitle: item.organisationName,
    statusLabel: item.statusLabel,
    theme: filingTagTheme(item.status),
    url: `/pages/filing/detail/index?filingId=${encodeURIComponent(item.filingId)}`,
  }
}
