// Pure view logic of a mediation document request on the staff desk: its state and which steps
// are open now, from the server's `allowedActions`.
import type { DocumentRequestView } from '../../../../typings/api/mediationDocument'
import { chinaTime, reasonError } from '../common'

export interface DocumentPanel {
  readonly caseNumber: string
  readonly statusLabel: string
  readonly appliedText: string
  readonly processingText: string
  readonly issuedText: string
  readonly documentNumber: string
  readonly rejectReason: string
  readonly canProcess: boolean
  readonly canIssue: boolean
  readonly canReject: boolean
  readonly issued: boolean
}

export function documentPanel(view: DocumentRequestView): DocumentPanel {
  const can = (c: DocumentRequestView['allowedActions'][number]) => view.allowedActions.includes(c)
  return {
    caseNumber: view.caseNumber,
    statusLabel: view.statusLabel,
    appliedText: chinaTime(view.appliedAt),
    processingText: chinaTime(view.processingAt),
    issuedText: chinaTime(view.issuedAt),
    documentNumber: view.documentNumber ?? '',
    rejectReason: view.rejectReason ?? '',
    canProcess: can('start_processing'),
    canIssue: can('issue'),
    canReject: can('reject'),
    issued: view.status === 'issued',
  }
}

export const documentRejectError = (reason: string) => reasonError(reason, '不予出具的原因')
