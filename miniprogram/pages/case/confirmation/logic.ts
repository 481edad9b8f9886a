// Pure view logic of the 申请司法确认 page: which court choices the statutory bases offer, what
// the caller may do now (apply, consent, refuse, cancel), the progress wording and the window.
import {
  CONFIRMATION_COMMAND_LABELS,
  type ConfirmationCommand,
  type ConfirmationStatus,
} from '../../../core/machines/judicial-confirmation'
import type {
  ConfirmationPreview,
  ConfirmationView,
  CourtBasis,
  CourtOption,
} from '../../../../typings/api/judicialConfirmation'
import { formatChinaTime, windowCountdown } from '../agreement/view-helpers'

/** One court under one statutory basis: what the radio list offers. */
export interface CourtChoice {
  readonly value: string
  readonly label: string
  readonly description: string
  readonly courtName: string
  readonly basis: CourtBasis
}

export interface ActionButton {
  readonly command: ConfirmationCommand
  readonly label: string
  readonly theme: 'primary' | 'danger' | 'default'
}

export interface ConfirmationScreen {
  /** A new application may be started now (none yet, or the last was refused or cancelled). */
  readonly canApply: boolean
  /** Why no application is possible (window closed, dispute type); '' otherwise. */
  readonly ineligibleReason: string
  readonly windowText: string
  readonly hasApplication: boolean
  readonly statusLabel: string
  readonly statusTheme: 'primary' | 'warning' | 'success' | 'danger' | 'default'
  readonly progressText: string
  readonly courtText: string
  /** Shown to the other party while the application waits for them. */
  readonly consentRequest: string
  readonly outcomeText: string
  readonly actions: readonly ActionButton[]
}

const REAPPLY_FROM: readonly ConfirmationStatus[] = ['consent_refused', 'cancelled']
const PARTY_COMMANDS: readonly ConfirmationCommand[] = ['consent', 'refuse_consent', 'cancel']

const STATUS_THEMES: Readonly<Record<ConfirmationStatus, ConfirmationScreen['statusTheme']>> = {
  initiated: 'default',
  awaiting_consent: 'warning',
  consent_refused: 'danger',
  submitted_to_org: 'primary',
  forwarded_to_court: 'primary',
  confirmed: 'success',
  dismissed: 'danger',
  cancelled: 'default',
}

const ACTION_THEMES: Readonly<Record<ConfirmationCommand, ActionButton['theme']>> = {
  request_consent: 'primary',
  consent: 'primary',
  refuse_consent: 'danger',
  cancel: 'default',
  forward_to_court: 'primary',
  confirm: 'primary',
  dismiss: 'danger',
}

export function courtChoices(options: readonly CourtOption[]): CourtChoice[] {
  const out: CourtChoice[] = []
  options.forEach((option, i) => {
    option.bases.forEach((basis, j) => {
      out.push({
        value: `${i}:${basis}`,
        label: option.courtName,
        description: `管辖依据：${option.basisLabels[j] ?? ''}`,
        courtName: option.courtName,
        basis,
      })
    })
  })
  return out
}

/** The court the user picked, or the Chinese message when nothing valid is picked. */
export function pickedCourt(
  choices: readonly CourtChoice[],
  value: string,
): { ok: true; courtName: string; courtBasis: CourtBasis } | { ok: false; message: string } {
  const choice = choices.find((c) => c.value === value)
  if (!choice) return { ok: false, message: '请选择受理司法确认的人民法院' }
  return { ok: true, courtName: choice.courtName, courtBasis: choice.basis }
}

function outcomeOf(view: ConfirmationView): string {
  if (view.status === 'confirmed')
    return `人民法院已于 ${formatChinaTime(view.decidedAt)} 裁定确认调解协议有效，裁定书编号 ${view.rulingNumber ?? ''}`
  if (view.status === 'dismissed')
    return `人民法院驳回了申请：${view.dismissReason ?? '未说明理由'}。您可以就原纠纷向人民法院提起诉讼。`
  if (view.status === 'consent_refused')
    return `对方当事人不同意共同申请${view.refusalReason ? `：${view.refusalReason}` : ''}`
  return ''
}

export function confirmationScreen(
  preview: ConfirmationPreview,
  view: ConfirmationView | null,
  now: number,
): ConfirmationScreen {
  const open = view === null || REAPPLY_FROM.includes(view.status)
  const awaitingMe =
    view !== null && view.status === 'awaiting_consent' && view.allowedActions.includes('consent')
  return {
    canApply: preview.eligible && open,
    ineligibleReason: preview.eligible
      ? ''
      : (preview.ineligibleReason ?? '本案暂不能申请司法确认'),
    windowText: windowCountdown(view?.deadline ?? preview.deadline, now),
    hasApplication: view !== null,
    statusLabel: view?.statusLabel ?? '',
    statusTheme: view ? STATUS_THEMES[view.status] : 'default',
    progressText: view?.progressText ?? '',
    courtText: view ? `${view.courtName}（${view.courtBasisLabel}）` : '',
    consentRequest: awaitingMe
      ? `对方当事人已申请将调解协议提交${view.courtName}司法确认，请阅读申请书后选择是否同意共同申请。`
      : '',
    outcomeText: view ? outcomeOf(view) : '',
    actions: (view?.allowedActions ?? [])
      .filter((c) => PARTY_COMMANDS.includes(c))
      .map((command) => ({
        command,
        label: CONFIRMATION_COMMAND_LABELS[command],
        theme: ACTION_THEMES[command],
      })),
  }
}

/** The parties block of the application preview (names and numbers already masked). */
export function partyRows(preview: ConfirmationPreview): { title: string; note: string }[] {
  return preview.parties.map((p) => ({
    title: `${p.roleLabel} ${p.maskedName}`,
    note: p.maskedIdNumber,
  }))
}
