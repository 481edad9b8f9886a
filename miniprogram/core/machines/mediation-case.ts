import {
  checkExtension,
  maxExtensionDays,
  mediationDeadline,
  resolveMediationDays,
} from '../deadlines'
import { failure, success, type CoreError, type Outcome } from '../result'
import type { Actor, ActorKind, CaseSide } from './actor'
import { readOptionalText, readReference, readText } from './input'
import { ruleFor, type GuardContext, type Machine, type MachineEntity } from './machine'

/** Mediation case states, in flow order. */
export type CaseStatus =
  | 'draft'
  | 'submitted'
  | 'awaiting_respondent'
  | 'awaiting_mediator'
  | 'accepted'
  | 'mediating'
  | 'agreement_drafted'
  | 'signing'
  | 'settled'
  | 'closed_without_agreement'

/** Commands on a mediation case. */
export type CaseCommand =
  | 'submit'
  | 'invite_respondent'
  | 'respondent_consent'
  | 'respondent_decline'
  | 'choose_mediator'
  | 'mediator_accept'
  | 'mediator_decline'
  | 'withdraw'
  | 'start_mediating'
  | 'draft_agreement'
  | 'send_for_signing'
  | 'all_signed'
  | 'request_extension'
  | 'consent_extension'
  | 'decline_extension'
  | 'end_by_party'
  | 'close_failed'
  | 'terminate'
  | 'expire'

/** Every case state, in flow order. */
export const CASE_STATUSES: readonly CaseStatus[] = [
  'draft',
  'submitted',
  'awaiting_respondent',
  'awaiting_mediator',
  'accepted',
  'mediating',
  'agreement_drafted',
  'signing',
  'settled',
  'closed_without_agreement',
]

/** Every case command. */
export const CASE_COMMANDS: readonly CaseCommand[] = [
  'submit',
  'invite_respondent',
  'respondent_consent',
  'respondent_decline',
  'choose_mediator',
  'mediator_accept',
  'mediator_decline',
  'withdraw',
  'start_mediating',
  'draft_agreement',
  'send_for_signing',
  'all_signed',
  'request_extension',
  'consent_extension',
  'decline_extension',
  'end_by_party',
  'close_failed',
  'terminate',
  'expire',
]

/** Chinese labels of the case states. */
export const CASE_STATUS_LABELS: Readonly<Record<CaseStatus, string>> = {
  draft: '草稿',
  submitted: '已提交',
  awaiting_respondent: '待被申请人同意',
  awaiting_mediator: '待调解员受理',
  accepted: '已受理',
  mediating: '调解中',
  agreement_drafted: '协议已拟定',
  signing: '协议签署中',
  settled: '调解成功',
  closed_without_agreement: '调解终结',
}

/** Chinese labels of the case commands (button texts). */
export const CASE_COMMAND_LABELS: Readonly<Record<CaseCommand, string>> = {
  submit: '提交申请',
  invite_respondent: '通知被申请人',
  respondent_consent: '同意调解',
  respondent_decline: '拒绝调解',
  choose_mediator: '选择调解员',
  mediator_accept: '受理案件',
  mediator_decline: '不予受理',
  withdraw: '撤回申请',
  start_mediating: '开始调解',
  draft_agreement: '拟定调解协议',
  send_for_signing: '发起协议签署',
  all_signed: '确认协议生效',
  request_extension: '申请延长调解期限',
  consent_extension: '同意延长调解期限',
  decline_extension: '不同意延长调解期限',
  end_by_party: '终止调解',
  close_failed: '调解不成功结案',
  terminate: '终结调解',
  expire: '调解期限届满结案',
}

/** Why a case ended without an agreement. */
export type CloseReasonKind =
  | 'respondent_declined'
  | 'applicant_withdrew'
  | 'party_ended'
  | 'mediation_failed'
  | 'terminated'
  | 'expired'

/** Chinese labels of the close reasons. */
export const CLOSE_REASON_LABELS: Readonly<Record<CloseReasonKind, string>> = {
  respondent_declined: '被申请人拒绝调解',
  applicant_withdrew: '申请人撤回申请',
  party_ended: '当事人终止调解',
  mediation_failed: '调解不成功',
  terminated: '调解终结',
  expired: '调解期限届满',
}

/** How and by whom a case was closed without agreement. */
export interface CloseReason {
  readonly kind: CloseReasonKind
  readonly by: ActorKind
  readonly note: string | null
}

/** A pending request to lengthen the mediation period; applies once both sides consent. */
export interface ExtensionRequest {
  readonly days: number
  readonly requestedBy: ActorKind
  readonly requestedAt: Date
  readonly consents: readonly CaseSide[]
}

/** The fields of a `mediation_cases` doc that the machine reads and writes. */
export interface MediationCaseEntity extends MachineEntity<CaseStatus> {
  /** The chosen mediator (`mediators` doc id); the acting mediator's `Actor.id` must match. */
  readonly mediatorId?: string | null
  /** Mediators who declined this case; they cannot be chosen again. */
  readonly declinedMediatorIds?: readonly string[]
  /** The organisation's period in days, copied onto the case at creation; missing → 30. */
  readonly mediationDays?: number | null
  /** Days added by consented extensions. */
  readonly extendedDays?: number
  readonly extensionRequest?: ExtensionRequest | null
  readonly submittedAt?: Date | null
  /** When the mediator accepted (受理): the mediation period runs from here. */
  readonly acceptedAt?: Date | null
  readonly agreementId?: string | null
  readonly settledAt?: Date | null
  readonly closedAt?: Date | null
  readonly closeReason?: CloseReason | null
}

/** Error codes specific to the case machine. */
export type CaseErrorCode =
  | 'MEDIATOR_NOT_CHOSEN'
  | 'NOT_ASSIGNED_MEDIATOR'
  | 'MEDIATOR_DECLINED'
  | 'EXTENSION_PENDING'
  | 'NO_EXTENSION_REQUEST'
  | 'ALREADY_CONSENTED'
  | 'EXTENSION_LIMIT'
  | 'NOT_EXPIRED'
  | 'NOT_ACCEPTED'
  | 'MEDIATION_EXPIRED'

/**
 * When the case's mediation period ends (epoch ms), from acceptance, the organisation's days and
 * consented extensions. Fails before acceptance: the clock only runs once a mediator accepted.
 */
export function caseMediationDeadline(entity: MediationCaseEntity): Outcome<number> {
  if (entity.acceptedAt == null) return failure('NOT_ACCEPTED', '案件尚未受理，调解期限未开始计算')
  const base = resolveMediationDays(entity.mediationDays)
  if (!base.ok) return base
  return mediationDeadline({
    startedAt: entity.acceptedAt,
    baseDays: base.value,
    extendedDays: entity.extendedDays ?? 0,
  })
}

/** Whether a closed case may go on to online filing (在线立案): only after mediation ended unsettled. */
export function canTransferToFiling(entity: { readonly status: unknown }): boolean {
  return entity.status === 'closed_without_agreement'
}

const rule = ruleFor<MediationCaseEntity, CaseStatus>()
type Ctx = GuardContext<MediationCaseEntity>

const stay = ({ entity }: { readonly entity: MediationCaseEntity }): CaseStatus => entity.status

function err(code: CaseErrorCode, message: string, field?: string): CoreError {
  return field === undefined ? { code, message } : { code, message, field }
}

// The server makes any mediator a `mediator` actor; only the one the applicant chose may act on
// this case, otherwise a second mediator could take over someone else's case.
function assignedMediator({ entity, actor }: Ctx): CoreError | undefined {
  if (actor.kind !== 'mediator') return undefined
  if (entity.mediatorId == null) return err('MEDIATOR_NOT_CHOSEN', '申请人尚未选择调解员')
  return entity.mediatorId === actor.id
    ? undefined
    : err('NOT_ASSIGNED_MEDIATOR', '您不是本案的调解员')
}

function side(actor: Actor): CaseSide | undefined {
  return actor.kind === 'applicant' || actor.kind === 'respondent' ? actor.kind : undefined
}

function close(kind: CloseReasonKind, by: ActorKind, note: string | null, now: number) {
  return { closeReason: { kind, by, note }, closedAt: new Date(now), extensionRequest: null }
}

const submit = rule({
  to: 'submitted',
  who: ['applicant'],
  event: 'submitted',
  set: ({ now }) => ({ submittedAt: new Date(now) }),
})

// Sent by the server once the invitation SMS/link went out: the respondent has usually never
// opened the mini-program, so consent can only be asked after they were reached.
const inviteRespondent = rule({
  to: 'awaiting_respondent',
  who: ['system', 'staff'],
  event: 'respondent_invited',
})

const respondentConsent = rule({
  to: 'awaiting_mediator',
  who: ['respondent'],
  event: 'respondent_consented',
})

// 人民调解法: a party who clearly refuses mediation cannot be mediated; the case ends at once.
const respondentDecline = rule({
  to: 'closed_without_agreement',
  who: ['respondent'],
  input: (raw) => readOptionalText(raw, 'reason', '拒绝原因'),
  event: 'respondent_declined',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, actor, now }) => close('respondent_declined', actor.kind, input, now),
})

// A mediator who declined is not offered again; choosing anew while one is pending replaces
// them, so an unresponsive mediator cannot hold the case.
const chooseMediator = rule({
  to: stay,
  who: ['applicant'],
  input: (raw, { entity }): Outcome<string> => {
    const id = readReference(raw, 'mediatorId', '调解员')
    if (!id.ok) return id
    return (entity.declinedMediatorIds ?? []).includes(id.value)
      ? failure('MEDIATOR_DECLINED', '该调解员已表示不受理本案，请选择其他调解员', 'mediatorId')
      : id
  },
  event: 'mediator_chosen',
  data: ({ input }) => ({ mediatorId: input }),
  set: ({ input }) => ({ mediatorId: input }),
})

const mediatorAccept = rule({
  to: 'accepted',
  who: ['mediator'],
  guard: assignedMediator,
  event: 'mediator_accepted',
  data: ({ actor }) => ({ mediatorId: actor.id }),
  set: ({ now }) => ({ acceptedAt: new Date(now) }),
})

const mediatorDecline = rule({
  to: 'awaiting_mediator',
  who: ['mediator'],
  guard: assignedMediator,
  input: (raw) => readOptionalText(raw, 'reason', '不予受理的原因'),
  event: 'mediator_declined',
  data: ({ actor, input }) => ({ mediatorId: actor.id, reason: input }),
  set: ({ entity, actor }) => ({
    mediatorId: null,
    declinedMediatorIds: [...(entity.declinedMediatorIds ?? []), actor.id],
  }),
})

// Withdrawal is only for before acceptance; afterwards a party ends mediation instead, which
// records who ended a mediation that had begun.
const withdraw = rule({
  to: 'closed_without_agreement',
  who: ['applicant'],
  input: (raw) => readOptionalText(raw, 'reason', '撤回原因'),
  event: 'withdrawn',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, actor, now }) => close('applicant_withdrew', actor.kind, input, now),
})

const startMediating = rule({
  to: 'mediating',
  who: ['mediator'],
  guard: assignedMediator,
  event: 'mediation_started',
})

const draftAgreement = rule({
  to: 'agreement_drafted',
  who: ['mediator'],
  guard: assignedMediator,
  input: (raw) => readReference(raw, 'agreementId', '调解协议'),
  event: 'agreement_drafted',
  data: ({ input }) => ({ agreementId: input }),
  set: ({ input }) => ({ agreementId: input }),
})

const sendForSigning = rule({
  to: 'signing',
  who: ['mediator'],
  guard: assignedMediator,
  event: 'signing_started',
})

// Issued by the server when the agreement machine reports the last signature; a person cannot
// declare an agreement effective.
const allSigned = rule({
  to: 'settled',
  who: ['system'],
  event: 'settled',
  set: ({ now }) => ({ settledAt: new Date(now), extensionRequest: null }),
})

// Once the period has run out it can no longer be lengthened, even if the hourly timer has not
// closed the case yet: an extension must be agreed while mediation is still within its term.
function notExpired({ entity, now }: Ctx): CoreError | undefined {
  const deadline = caseMediationDeadline(entity)
  if (!deadline.ok) return deadline.error
  return now < deadline.value ? undefined : err('MEDIATION_EXPIRED', '调解期限已届满，不能再延长')
}

// An extension needs both parties' recorded consent, and the total stays within 60 days; the
// requesting party's own request counts as its consent.
const requestExtension = rule({
  to: stay,
  who: ['applicant', 'respondent', 'mediator'],
  guard: (ctx) => {
    const mediatorError = assignedMediator(ctx) ?? notExpired(ctx)
    if (mediatorError) return mediatorError
    if (ctx.entity.extensionRequest != null) {
      return err('EXTENSION_PENDING', '已有延长调解期限的申请待对方确认')
    }
    const base = resolveMediationDays(ctx.entity.mediationDays)
    if (!base.ok) return base.error
    return maxExtensionDays(base.value, ctx.entity.extendedDays ?? 0) > 0
      ? undefined
      : err('EXTENSION_LIMIT', '调解期限合计已达 60 天，不能再延长')
  },
  input: (raw, { entity }): Outcome<number> => {
    const base = resolveMediationDays(entity.mediationDays)
    if (!base.ok) return base
    const days =
      typeof raw === 'object' && raw !== null ? (raw as { days?: unknown }).days : undefined
    const total = checkExtension(base.value, entity.extendedDays ?? 0, days)
    return total.ok ? success(total.value - (entity.extendedDays ?? 0)) : total
  },
  event: 'extension_requested',
  data: ({ input }) => ({ days: input }),
  set: ({ input, actor, now }) => {
    const own = side(actor)
    return {
      extensionRequest: {
        days: input,
        requestedBy: actor.kind,
        requestedAt: new Date(now),
        consents: own ? [own] : [],
      },
    }
  },
})

function pendingFor(ctx: Ctx): CoreError | undefined {
  const request = ctx.entity.extensionRequest
  if (request == null) return err('NO_EXTENSION_REQUEST', '没有待确认的延长调解期限申请')
  const own = side(ctx.actor)
  return own && request.consents.includes(own)
    ? err('ALREADY_CONSENTED', '您已同意延长调解期限，等待对方确认')
    : undefined
}

function bothConsented(entity: MediationCaseEntity, actor: Actor): boolean {
  const consents = new Set([...(entity.extensionRequest?.consents ?? []), side(actor)])
  return consents.has('applicant') && consents.has('respondent')
}

const consentExtension = rule({
  to: stay,
  who: ['applicant', 'respondent'],
  guard: (ctx) => pendingFor(ctx) ?? notExpired(ctx),
  event: 'extension_consented',
  set: ({ entity, actor }) => {
    const request = entity.extensionRequest
    if (request == null) return {}
    if (bothConsented(entity, actor)) {
      return { extendedDays: (entity.extendedDays ?? 0) + request.days, extensionRequest: null }
    }
    const own = side(actor)
    return {
      extensionRequest: {
        ...request,
        consents: own ? [...request.consents, own] : request.consents,
      },
    }
  },
  more: ({ entity, actor }) =>
    bothConsented(entity, actor)
      ? [
          {
            type: 'extended',
            data: {
              days: entity.extensionRequest?.days ?? 0,
              extendedDays: (entity.extendedDays ?? 0) + (entity.extensionRequest?.days ?? 0),
            },
          },
        ]
      : [],
})

const declineExtension = rule({
  to: stay,
  who: ['applicant', 'respondent'],
  guard: pendingFor,
  event: 'extension_declined',
  set: () => ({ extensionRequest: null }),
})

// Mediation is voluntary (人民调解法 第3条): either party may end it at any time; it closes
// and the parties are pointed to filing.
const endByParty = rule({
  to: 'closed_without_agreement',
  who: ['applicant', 'respondent'],
  input: (raw) => readOptionalText(raw, 'reason', '终止原因'),
  event: 'ended_by_party',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, actor, now }) => close('party_ended', actor.kind, input, now),
})

const closeFailed = rule({
  to: 'closed_without_agreement',
  who: ['mediator'],
  guard: assignedMediator,
  input: (raw) => readText(raw, 'reason', '调解不成功的原因'),
  event: 'closed_failed',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, actor, now }) => close('mediation_failed', actor.kind, input, now),
})

function terminateRule(who: readonly ActorKind[]) {
  return rule({
    to: 'closed_without_agreement',
    who,
    guard: assignedMediator,
    input: (raw) => readText(raw, 'reason', '终结原因'),
    event: 'terminated',
    data: ({ input }) => ({ reason: input }),
    set: ({ input, actor, now }) => close('terminated', actor.kind, input, now),
  })
}
// Before acceptance there is no mediator on the case, so only the organisation can terminate
// (e.g. the respondent cannot be reached).
const terminateEarly = terminateRule(['staff'])
const terminate = terminateRule(['mediator', 'staff'])

// The timer may close a case only once its period (with consented extensions) has run out.
const expire = rule({
  to: 'closed_without_agreement',
  who: ['system'],
  guard: ({ entity, now }) => {
    const deadline = caseMediationDeadline(entity)
    if (!deadline.ok) return deadline.error
    return now >= deadline.value ? undefined : err('NOT_EXPIRED', '调解期限尚未届满')
  },
  event: 'expired',
  set: ({ actor, now }) => close('expired', actor.kind, null, now),
})

const running = {
  request_extension: requestExtension,
  consent_extension: consentExtension,
  decline_extension: declineExtension,
  end_by_party: endByParty,
  close_failed: closeFailed,
  terminate,
  expire,
}

/** The mediation case (调解案件) machine. */
export const mediationCaseMachine: Machine<MediationCaseEntity, CaseStatus, CaseCommand> = {
  name: 'case',
  label: '调解案件',
  states: CASE_STATUSES,
  commands: CASE_COMMANDS,
  initial: 'draft',
  stateLabels: CASE_STATUS_LABELS,
  commandLabels: CASE_COMMAND_LABELS,
  table: {
    draft: { submit },
    submitted: { invite_respondent: inviteRespondent, withdraw, terminate: terminateEarly },
    awaiting_respondent: {
      respondent_consent: respondentConsent,
      respondent_decline: respondentDecline,
      withdraw,
      terminate: terminateEarly,
    },
    awaiting_mediator: {
      choose_mediator: chooseMediator,
      mediator_accept: mediatorAccept,
      mediator_decline: mediatorDecline,
      withdraw,
      terminate: terminateEarly,
    },
    accepted: { start_mediating: startMediating, ...running },
    mediating: { draft_agreement: draftAgreement, ...running },
    agreement_drafted: { send_for_signing: sendForSigning, ...running },
    signing: { all_signed: allSigned, ...running },
    settled: {},
    closed_without_agreement: {},
  },
}
