import { checkConfirmationWindow } from '../deadlines'
import type { CoreError } from '../result'
import type { ActorKind } from './actor'
import { readOptionalText, readReference, readText } from './input'
import { ruleFor, type GuardContext, type Machine, type MachineEntity } from './machine'

/** Judicial confirmation (司法确认) states, in flow order. */
export type ConfirmationStatus =
  | 'initiated'
  | 'awaiting_consent'
  | 'consent_refused'
  | 'submitted_to_org'
  | 'forwarded_to_court'
  | 'confirmed'
  | 'dismissed'
  | 'cancelled'

/** Commands on a judicial confirmation. */
export type ConfirmationCommand =
  | 'request_consent'
  | 'consent'
  | 'refuse_consent'
  | 'cancel'
  | 'forward_to_court'
  | 'confirm'
  | 'dismiss'

/** Every judicial-confirmation state. */
export const CONFIRMATION_STATUSES: readonly ConfirmationStatus[] = [
  'initiated',
  'awaiting_consent',
  'consent_refused',
  'submitted_to_org',
  'forwarded_to_court',
  'confirmed',
  'dismissed',
  'cancelled',
]

/** Every judicial-confirmation command. */
export const CONFIRMATION_COMMANDS: readonly ConfirmationCommand[] = [
  'request_consent',
  'consent',
  'refuse_consent',
  'cancel',
  'forward_to_court',
  'confirm',
  'dismiss',
]

/**
 * Chinese labels. An ACFIC organisation cannot confirm anything itself, so its step is worded as
 * a relay to the court (domain-and-law §0.2).
 */
export const CONFIRMATION_STATUS_LABELS: Readonly<Record<ConfirmationStatus, string>> = {
  initiated: '待发起',
  awaiting_consent: '待对方同意',
  consent_refused: '对方不同意申请',
  submitted_to_org: '已提交至工商联，待转交人民法院',
  forwarded_to_court: '已转交人民法院，待法院裁定',
  confirmed: '人民法院已裁定确认有效',
  dismissed: '人民法院已驳回申请',
  cancelled: '已撤销申请',
}

/** Chinese labels of the commands (button texts). */
export const CONFIRMATION_COMMAND_LABELS: Readonly<Record<ConfirmationCommand, string>> = {
  request_consent: '邀请对方共同申请',
  consent: '同意共同申请',
  refuse_consent: '不同意申请',
  cancel: '撤销申请',
  forward_to_court: '转交人民法院',
  confirm: '登记法院确认裁定',
  dismiss: '登记法院驳回裁定',
}

/** The fields of a `judicial_confirmations` doc that the machine reads and writes. */
export interface ConfirmationEntity extends MachineEntity<ConfirmationStatus> {
  /** The party who started it; the other party must consent (joint application). */
  readonly initiatorId: string
  /** When the agreement took effect: the 30-day window runs from here. */
  readonly agreementEffectiveAt: Date | number
  /** From the dispute-type catalogue: false for disputes a court will not confirm. */
  readonly courtConfirmable: boolean
  readonly consentedBy?: string | null
  readonly refusedBy?: string | null
  readonly refusalReason?: string | null
  readonly submittedAt?: Date | null
  readonly courtName?: string | null
  readonly forwardedAt?: Date | null
  /** The court's ruling number (调确字) when confirmed. */
  readonly rulingNumber?: string | null
  readonly dismissReason?: string | null
  readonly decidedAt?: Date | null
}

/** Error codes specific to judicial confirmation. */
export type ConfirmationErrorCode =
  | 'NOT_COURT_CONFIRMABLE'
  | 'CONFIRMATION_NOT_EFFECTIVE'
  | 'CONFIRMATION_WINDOW_CLOSED'
  | 'NOT_INITIATOR'
  | 'CONSENT_BY_INITIATOR'

/** Message shown when the dispute type cannot be confirmed by a court. */
export const NOT_COURT_CONFIRMABLE_MESSAGE =
  '该类纠纷（如确认物权、知识产权归属）人民法院不受理司法确认申请，可申请出具调解书或向人民法院起诉'

/**
 * Whether a confirmation may go ahead now: the dispute type must be one a court confirms
 * (民诉法解释 第357条 refusals), and it must be within 30 days of the agreement taking effect
 * (民诉法 第205条). The server also calls this before creating the application.
 */
export function checkConfirmationEligibility(
  entity: Pick<ConfirmationEntity, 'agreementEffectiveAt' | 'courtConfirmable'>,
  now: Date | number,
): CoreError | undefined {
  if (entity.courtConfirmable !== true) {
    return { code: 'NOT_COURT_CONFIRMABLE', message: NOT_COURT_CONFIRMABLE_MESSAGE }
  }
  return checkConfirmationWindow(entity.agreementEffectiveAt, now)
}

const PARTY: readonly ActorKind[] = ['party', 'applicant', 'respondent']

const rule = ruleFor<ConfirmationEntity, ConfirmationStatus>()
type Ctx = GuardContext<ConfirmationEntity>

const eligible = ({ entity, now }: Ctx) => checkConfirmationEligibility(entity, now)

function initiator(ctx: Ctx): CoreError | undefined {
  return ctx.actor.id === ctx.entity.initiatorId
    ? undefined
    : { code: 'NOT_INITIATOR', message: '只有发起申请的当事人可以操作' }
}

// A one-sided application only counts as joint with the *other* party's consent (人民调解法
// 第33条 commentary), so the initiator cannot consent for both.
function otherParty(ctx: Ctx): CoreError | undefined {
  return ctx.actor.id === ctx.entity.initiatorId
    ? { code: 'CONSENT_BY_INITIATOR', message: '需由对方当事人确认是否共同申请' }
    : undefined
}

const requestConsent = rule({
  to: 'awaiting_consent',
  who: PARTY,
  guard: (ctx) => initiator(ctx) ?? eligible(ctx),
  event: 'consent_requested',
})

// Consent completes the joint application, which goes to the organisation at once; the window is
// checked again because the other party may answer days later.
const consent = rule({
  to: 'submitted_to_org',
  who: PARTY,
  guard: (ctx) => otherParty(ctx) ?? eligible(ctx),
  event: 'consented',
  more: () => [{ type: 'submitted_to_org' }],
  set: ({ actor, now }) => ({ consentedBy: actor.id, submittedAt: new Date(now) }),
})

const refuseConsent = rule({
  to: 'consent_refused',
  who: PARTY,
  guard: otherParty,
  input: (raw) => readOptionalText(raw, 'reason', '不同意的原因'),
  event: 'consent_refused',
  data: ({ input }) => ({ reason: input }),
  set: ({ actor, input }) => ({ refusedBy: actor.id, refusalReason: input }),
})

const cancel = rule({
  to: 'cancelled',
  who: PARTY,
  guard: initiator,
  event: 'cancelled',
})

const forwardToCourt = rule({
  to: 'forwarded_to_court',
  who: ['staff'],
  input: (raw) => readText(raw, 'courtName', '人民法院名称', 100),
  event: 'forwarded_to_court',
  data: ({ input }) => ({ courtName: input }),
  set: ({ input, now }) => ({ courtName: input, forwardedAt: new Date(now) }),
})

// Only a court rules; staff record the ruling they received, with its number for the record.
const confirm = rule({
  to: 'confirmed',
  who: ['staff'],
  input: (raw) => readReference(raw, 'rulingNumber', '裁定书编号'),
  event: 'confirmed',
  data: ({ input }) => ({ rulingNumber: input }),
  set: ({ input, now }) => ({ rulingNumber: input, decidedAt: new Date(now) }),
})

const dismiss = rule({
  to: 'dismissed',
  who: ['staff'],
  input: (raw) => readText(raw, 'reason', '驳回理由'),
  event: 'dismissed',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, now }) => ({ dismissReason: input, decidedAt: new Date(now) }),
})

/** The judicial confirmation (司法确认申请) machine. */
export const judicialConfirmationMachine: Machine<
  ConfirmationEntity,
  ConfirmationStatus,
  ConfirmationCommand
> = {
  name: 'confirmation',
  label: '司法确认申请',
  states: CONFIRMATION_STATUSES,
  commands: CONFIRMATION_COMMANDS,
  initial: 'initiated',
  stateLabels: CONFIRMATION_STATUS_LABELS,
  commandLabels: CONFIRMATION_COMMAND_LABELS,
  table: {
    initiated: { request_consent: requestConsent, cancel },
    awaiting_consent: { consent, refuse_consent: refuseConsent, cancel },
    consent_refused: {},
    submitted_to_org: { forward_to_court: forwardToCourt },
    forwarded_to_court: { confirm, dismiss },
    confirmed: {},
    dismissed: {},
    cancelled: {},
  },
}
