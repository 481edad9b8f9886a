// Pure view logic of the 申请出具调解书 page: whether the party may apply, the request's status
// rows, and whether the issued document can be downloaded.
import type { DocumentRequestStatus } from '../../../core/machines/document-request'
import type { DocumentRequestView } from '../../../../typings/api/mediationDocument'
import { formatChinaTime } from '../agreement/view-helpers'

export interface StatusRow {
  readonly title: string
  readonly note: string
}

export interface DocumentScreen {
  readonly canApply: boolean
  readonly hasRequest: boolean
  readonly statusLabel: string
  readonly statusTheme: 'primary' | 'warning' | 'success' | 'danger' | 'default'
  readonly rows: readonly StatusRow[]
  readonly issued: boolean
  readonly issuedText: string
  readonly canWithdraw: boolean
  readonly hint: string
}

const THEMES: Readonly<Record<DocumentRequestStatus, DocumentScreen['statusTheme']>> = {
  applied: 'warning',
  processing: 'primary',
  issued: 'success',
  rejected: 'danger',
  withdrawn: 'default',
}

const HINTS: Readonly<Record<DocumentRequestStatus, string>> = {
  applied: '申请已提交，调解组织工作人员将尽快办理。',
  processing: '工作人员正在办理，出具后将通过消息通知您。',
  issued: '',
  rejected: '',
  withdrawn: '您已撤回本次申请。',
}

export function statusRows(view: DocumentRequestView): StatusRow[] {
  const rows: StatusRow[] = [{ title: '申请时间', note: formatChinaTime(view.appliedAt) }]
  if (view.processingAt) rows.push({ title: '开始办理', note: formatChinaTime(view.processingAt) })
  if (view.documentNumber) rows.push({ title: '调解书编号', note: view.documentNumber })
  if (view.issuedAt) rows.push({ title: '出具时间', note: formatChinaTime(view.issuedAt) })
  if (view.rejectReason) rows.push({ title: '未予出具原因', note: view.rejectReason })
  return rows
}

export function documentScreen(view: DocumentRequestView | null): DocumentScreen {
  if (!view) {
    return {
      canApply: true,
      hasRequest: false,
      statusLabel: '未申请',
      statusTheme: 'default',
      rows: [],
      issued: false,
      issuedText: '',
      canWithdraw: false,
      hint: '调解协议生效后，当事人可申请由调解组织出具调解书。',
    }
  }
  const issued = view.status === 'issued'
  return {
    canApply: false,
    hasRequest: true,
    statusLabel: view.statusLabel,
    statusTheme: THEMES[view.status],
    rows: statusRows(view),
    issued,
    issuedText: issued
      ? `调解书${view.documentNumber ? ` ${view.documentNumber} ` : ''}已于 ${formatChinaTime(view.issuedAt)} 出具`
      : '',
    canWithdraw: view.allowedActions.includes('withdraw'),
    hint: HINTS[view.status],
  }
}
