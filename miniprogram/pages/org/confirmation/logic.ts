// Pure view logic of the staff confirmation relay: the application's state, which step is open
// (forward to the court the parties chose, or record the court's ruling), and the checks of a
// ruling before it is recorded.
import { MAX_REASON_LENGTH } from '../../../core/limits'
import type {
  ConfirmationView,
  RecordOutcomeRequest,
} from '../../../../typings/api/judicialConfirmation'
import { failure, success, type Outcome } from '../../../core/result'
import { chinaTime } from '../common'

export interface ConfirmationPanel {
  readonly caseNumber: string
  readonly statusLabel: string
  readonly progressText: string
  readonly courtName: string
  readonly courtBasisLabel: string
  readonly submittedText: string
  readonly forwardedText: string
  readonly decidedText: string
  readonly deadlineText: string
  readonly rulingNumber: string
  readonly dismissReason: string
  readonly canForward: boolean
  readonly canRecord: boolean
}

export function confirmationPanel(view: ConfirmationView): ConfirmationPanel {
  const can = (c: ConfirmationView['allowedActions'][number]) => view.allowedActions.includes(c)
  return {
    caseNumber: view.caseNumber,
    statusLabel: view.statusLabel,
    progressText: view.progressText,
    courtName: view.courtName,
    courtBasisLabel: view.courtBasisLabel,
    submittedText: chinaTime(view.submittedAt),
    forwardedText: chinaTime(view.forwardedAt),
    decidedText: chinaTime(view.decidedAt),
    deadlineText: chinaTime(view.deadline),
    rulingNumber: view.rulingNumber ?? '',
    dismissReason: view.dismissReason ?? '',
    canForward: can('forward_to_court'),
    canRecord: can('confirm') || can('dismiss'),
  }
}

export interface OutcomeForm {
  readonly outcome: 'confirmed' | 'dismissed'
  readonly rulingNumber: string
  readonly reason: string
  /** The uploaded ruling; empty until the upload finished. */
  readonly rulingFileId: string
}

export type OutcomeField = 'rulingNumber' | 'reason' | 'rulingFileId'

/** The request to send, or the first thing to fix (its `code` names the field to show it under). */
export function outcomeRequest(
  caseId: string,
  form: OutcomeForm,
): Outcome<RecordOutcomeRequest, OutcomeField> {
  if (!form.rulingFileId) return failure('rulingFileId', '请上传人民法院的裁定书')
  if (form.outcome === 'confirmed') {
    const number = form.rulingNumber.trim()
    if (!number) return failure('rulingNumber', '请填写裁定书编号')
    if (/\s/.test(number) || number.length > 64)
      return failure('rulingNumber', '裁定书编号格式不正确')
    return success({
      caseId,
      outcome: 'confirmed',
      rulingFileId: form.rulingFileId,
      rulingNumber: number,
    })
  }
  const reason = form.reason.trim()
  if (!reason) return failure('reason', '请填写人民法院驳回的理由')
  if (reason.length > MAX_REASON_LENGTH)
    return failure('reason', `驳回理由不能超过 ${MAX_REASON_LENGTH} 字`)
  return success({ caseId, outcome: 'dismissed', rulingFileId: form.rulingFileId, reason })
}
