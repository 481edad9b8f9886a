// Pure view logic of the staff filing review: the filing as staff see it (masked parties), which
// decisions are open now (from the server's `allowedActions`), and the pending withdrawal request.
import type { FilingView } from '../../../../typings/api/fileCase'
import type { WithdrawalView } from '../../../../typings/api/withdrawCase'
import { chinaTime, reasonError } from '../common'

export interface FilingPanel {
  readonly title: string
  readonly statusLabel: string
  readonly routeLabel: string
  readonly organisationName: string
  readonly filingNumber: string
  readonly parties: readonly { key: string; label: string; value: string }[]
  readonly claims: readonly string[]
  readonly factsAndReasons: string
  readonly evidenceCount: number
  readonly submittedText: string
  readonly acceptedText: string
  readonly rejectReason: string
  readonly canAccept: boolean
  readonly canReject: boolean
  /** The pending request staff rule on; empty when there is none. */
  readonly withdrawalRequestId: string
  readonly withdrawalReason: string
  readonly withdrawalRequestedText: string
  readonly canGrant: boolean
  readonly canRefuse: boolean
  /** What became of an earlier withdrawal request ("已准许撤诉" / "不准许撤诉：…"). */
  readonly withdrawalOutcome: string
}

export function filingPanel(filing: FilingView, withdrawal: WithdrawalView | null): FilingPanel {
  const can = (c: FilingView['allowedActions'][number]) => filing.allowedActions.includes(c)
  const pending = withdrawal?.requestStatus === 'pending' ? withdrawal : null
  // A decided request may no longer be the filing's pending one, so the filing itself says too.
  let outcome = ''
  if (
    withdrawal?.requestStatus === 'granted' ||
    (filing.status === 'withdrawn' && filing.acceptedAt !== null)
  )
    outcome = '已准许撤诉'
  else if (withdrawal?.requestStatus === 'refused' || filing.withdrawalRefusedReason)
    outcome = `不准许撤诉：${withdrawal?.refusedReason ?? filing.withdrawalRefusedReason ?? ''}`
  return {
    title: filing.filingNumber ?? filing.caseNumber ?? '立案申请',
    statusLabel: filing.statusLabel,
    routeLabel: filing.route === 'transfer' ? '调解不成转立案' : '直接立案',
    organisationName: filing.organisationName,
    filingNumber: filing.filingNumber ?? '',
    parties: filing.parties.map((p, i) => ({
      key: `${p.role}-${i}`,
      label: p.roleLabel,
      value: [p.maskedName, p.maskedIdNumber, p.maskedPhone].filter(Boolean).join(' · '),
    })),
    claims: filing.claims,
    factsAndReasons: filing.factsAndReasons,
    evidenceCount: filing.evidence.length,
    submittedText: chinaTime(filing.submittedAt),
    acceptedText: chinaTime(filing.acceptedAt),
    rejectReason: filing.rejectReason ?? '',
    canAccept: can('accept'),
    canReject: can('reject'),
    withdrawalRequestId: pending?.withdrawalRequestId ?? '',
    withdrawalReason: pending?.reason ?? '',
    withdrawalRequestedText: chinaTime(pending?.requestedAt),
    canGrant: pending !== null && can('grant_withdrawal'),
    canRefuse: pending !== null && can('refuse_withdrawal'),
    withdrawalOutcome: outcome,
  }
}

export const filingRejectError = (reason: string) => reasonError(reason, '需补正的内容')
export const withdrawalRefuseError = (reason: string) => reasonError(reason, '不准许撤诉的理由')
