// Pure view logic of the staff queue: kind tabs, rows with SLA text and overdue marks, and where
// each item is decided.
import type { QueueItem, QueueKind } from '../../../../typings/api/orgDesk'
import { chinaTime } from '../common'

export type QueueTab = 'all' | QueueKind

export const QUEUE_TABS: readonly { readonly value: QueueTab; readonly label: string }[] = [
  { value: 'all', label: '全部' },
  { value: 'identity_review', label: '身份审核' },
  { value: 'filing', label: '立案' },
  { value: 'withdrawal_request', label: '撤诉' },
  { value: 'judicial_confirmation', label: '司法确认' },
  { value: 'document_request', label: '调解书' },
]

/** The `kind` to ask the queue for; none for 全部. */
export function kindOf(tab: string): QueueKind | undefined {
  const found = QUEUE_TABS.find((t) => t.value === tab)
  return found && found.value !== 'all' ? found.value : undefined
}

export interface QueueRow {
  /** Unique across kinds (two collections may hold the same id). */
  readonly id: string
  readonly kindLabel: string
  readonly title: string
  readonly waitingText: string
  readonly dueText: string
  readonly overdue: boolean
  /** The decision page; empty when the item lacks what that page needs. */
  readonly url: string
  /** The 审核中 tag of an identity review someone has claimed; empty when nobody has. */
  readonly claimText: string
  /** Whether the caller is the one reviewing it. */
  readonly claimMine: boolean
}

const enc = encodeURIComponent

/** Where staff decide an item: filings and withdrawal requests are both ruled on the filing. */
export function decisionUrl(item: QueueItem): string {
  switch (item.kind) {
    case 'identity_review':
      return `/pages/org/identity/index?id=${enc(item.id)}`
    case 'filing':
    case 'withdrawal_request':
      return item.filingId ? `/pages/org/filing/index?filingId=${enc(item.filingId)}` : ''
    case 'judicial_confirmation':
      return item.caseId ? `/pages/org/confirmation/index?id=${enc(item.caseId)}` : ''
    case 'document_request':
      return item.caseId ? `/pages/org/document/index?id=${enc(item.caseId)}` : ''
  }
}

export function queueRow(item: QueueItem): QueueRow {
  return {
    id: `${item.kind}:${item.id}`,
    kindLabel: item.kindLabel,
    title: item.caseNumber ?? (item.kind === 'identity_review' ? '实名认证资料' : '编号待生成'),
    waitingText: `提交于 ${chinaTime(item.waitingSince)}`,
    dueText: item.overdue ? '已超时' : item.dueText,
    overdue: item.overdue,
    url: decisionUrl(item),
    claimText: item.claim
      ? item.claim.mine
        ? '我正在审核'
        : `审核中：${item.claim.reviewerName}`
      : '',
    claimMine: item.claim?.mine ?? false,
  }
}

/** "共 2 项超时" above the list; empty when nothing is overdue. */
export function overdueBanner(count: number): string {
  return count > 0 ? `共 ${count} 项已超过办理时限，请优先处理` : ''
}
