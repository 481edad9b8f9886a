// What callers see of a case: masked parties, status label, countdown facts and the API actions
// the core allows this caller now.
import { getDisputeType } from '../../../miniprogram/core/catalogues/dispute-types'
import { DAY_MS, remaining } from '../../../miniprogram/core/deadlines'
import { ACTOR_KIND_LABELS, isActorKind } from '../../../miniprogram/core/machines/actor'
import { caseFollowUps } from '../../../miniprogram/core/machines/case-follow-ups'
import { allowedCommands } from '../../../miniprogram/core/machines/machine'
import {
  caseMediationDeadline,
  CASE_STATUS_LABELS,
  mediationCaseMachine,
  type CaseCommand,
} from '../../../miniprogram/core/machines/mediation-case'
import { caseEventLabel } from '../../../miniprogram/core/timeline-labels'
import type {
  CaseAction,
  CaseChange,
  CaseSummary,
  DeadlineFacts,
  TimelineEntry,
} from '../../../typings/api/mediationCase'
import { caseActor, type CaseDoc, type CaseRole, type Caller } from '../../_shared'
import { partyView } from './parties'

const COMMAND_ACTIONS: Partial<Record<CaseCommand, CaseAction>> = {
  submit: 'submit',
  respondent_consent: 'respond',
  choose_mediator: 'chooseMediator',
  withdraw: 'withdraw',
  end_by_party: 'end',
  request_extension: 'requestExtension',
  consent_extension: 'consentExtension',
}

const CLOSED = new Set(['settled', 'closed_without_agreement'])

export function allowedActions(
  doc: CaseDoc,
  role: CaseRole,
  caller: Caller,
  now: Date,
): CaseAction[] {
  const out = new Set<CaseAction>()
  if (doc.status === 'draft' && role === 'applicant') out.add('saveDraft')
  for (const command of allowedCommands(mediationCaseMachine, doc, caseActor(role, caller), now)) {
    const action = COMMAND_ACTIONS[command]
    if (action) out.add(action)
  }
  // The machine lets only the server mark the respondent invited; the applicant asks for it.
  if (
    role === 'applicant' &&
    doc.respondentOpenid === null &&
    (doc.status === 'submitted' || doc.status === 'awaiting_respondent')
  ) {
    out.add('invite')
  }
  if (
    (role === 'applicant' || role === 'respondent') &&
    CLOSED.has(doc.status) &&
    !doc.ratings?.[role]
  ) {
    out.add('rate')
  }
  for (const next of caseFollowUps(doc, role === 'applicant' || role === 'respondent', now))
    out.add(next)
  return [...out]
}

export function countdown(doc: CaseDoc, now: Date): DeadlineFacts {
  const base = {
    mediationDays: doc.mediationDays ?? null,
    extendedDays: doc.extendedDays ?? 0,
    pendingExtension: doc.extensionRequest
      ? {
          days: doc.extensionRequest.days,
          requestedBy: doc.extensionRequest.requestedBy,
          consents: [...doc.extensionRequest.consents],
        }
      : null,
  }
  const deadline = CLOSED.has(doc.status) ? undefined : caseMediationDeadline(doc)
  if (!deadline?.ok) return { ...base, deadline: null, expired: false, daysLeft: null, text: null }
  const left = remaining(deadline.value, now)
  return {
    ...base,
    deadline: new Date(deadline.value).toISOString(),
    expired: left.ok ? left.value.expired : false,
    daysLeft: left.ok ? Math.ceil(left.value.totalMs / DAY_MS) : null,
    text: left.ok ? left.value.text : null,
  }
}

export function summary(
  doc: CaseDoc & { _id: string },
  role: CaseRole,
  caller: Caller,
  now: Date,
): CaseSummary {
  const type = doc.disputeType ? getDisputeType(doc.disputeType) : undefined
  return {
    caseId: doc._id,
    caseNumber: doc.caseNumber,
    status: doc.status,
    statusLabel: CASE_STATUS_LABELS[doc.status],
    role,
    disputeType: doc.disputeType,
    disputeTypeLabel: type?.ok ? type.value.label : null,
    amountFen: doc.amountFen,
    applicant: partyView(doc.applicant, true),
    respondent: partyView(doc.respondent, doc.respondentOpenid !== null),
    countdown: countdown(doc, now),
    allowedActions: allowedActions(doc, role, caller, now),
    updatedAt: new Date(doc.updatedAt).toISOString(),
  }
}

export function change(caseId: string, doc: CaseDoc): CaseChange {
  return {
    caseId,
    status: doc.status,
    statusLabel: CASE_STATUS_LABELS[doc.status],
    version: doc.version,
  }
}

/** `3 分 5 秒`: how long a call lasted, for its timeline entry. */
function durationNote(seconds: number): string {
  const s = Math.max(0, Math.round(seconds))
  const m = Math.floor(s / 60)
  return m > 0 ? `通话 ${m} 分 ${s % 60} 秒` : `通话 ${s} 秒`
}

export interface CaseEventDoc extends Record<string, unknown> {
  readonly type: string
  readonly actorKind: string
  readonly from: string | null
  readonly to: string | null
  readonly at: Date | string
  readonly data?: Record<string, unknown>
}

export function timelineEntry(e: CaseEventDoc): TimelineEntry {
  const data = e.data ?? {}
  const note =
    typeof data.reason === 'string'
      ? data.reason
      : typeof data.days === 'number'
        ? `${data.days} 天`
        : typeof data.durationSec === 'number'
          ? durationNote(data.durationSec)
          : null
  return {
    type: e.type,
    label: caseEventLabel(e.type),
    actorLabel: isActorKind(e.actorKind) ? ACTOR_KIND_LABELS[e.actorKind] : '系统',
    from: e.from,
    to: e.to,
    at: new Date(e.at).toISOString(),
    note,
  }
}
