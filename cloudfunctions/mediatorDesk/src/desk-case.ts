// What every case action of the desk shares: the assigned-mediator check, the case's state as
// the desk shows it, the mediator's caseload counter and the parties' notifications.
import {
  CASE_STATUS_LABELS,
  caseMediationDeadline,
} from '../../../miniprogram/core/machines/mediation-case'
import type { Actor } from '../../../miniprogram/core/machines/actor'
import type { DeskCaseState } from '../../../typings/api/mediatorDesk'
import {
  COLLECTIONS,
  fail,
  notFound,
  notify,
  type CaseDoc,
  type Caller,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import { partyOpenidsOf } from '../../_shared/case-access'
import type { NoticeKind } from '../../_shared/subscribe-templates'

export interface MediatorDoc extends Record<string, unknown> {
  readonly name?: string
  readonly organisationId?: string
  readonly currentCaseload?: number
  readonly pendingCount?: number
}

export interface DeskWho {
  readonly actor: Actor
  readonly hash: string
}

export function mediatorOf(caller: Caller): DeskWho {
  const id = caller.mediator?.id
  if (!id) return fail('FORBIDDEN', '仅调解员可以操作')
  return { actor: { kind: 'mediator', id }, hash: caller.hash }
}

/** The case inside `tx`, refused unless the caller is its assigned mediator. */
export async function assignedCase(
  tx: Tx,
  caller: Caller,
  caseId: string,
): Promise<StoredDoc<CaseDoc>> {
  const doc = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  if (!doc) return notFound('案件')
  const mine = caller.mediator !== undefined && doc.mediatorId === caller.mediator.id
  if (!mine) {
    const declined = (doc.declinedMediatorIds ?? []).includes(caller.mediator?.id ?? '')
    if (declined) fail('NOT_ASSIGNED_MEDIATOR', '您已不予受理本案')
    return notFound('案件')
  }
  return doc
}

export function deskState(doc: StoredDoc<CaseDoc> | (CaseDoc & { _id: string })): DeskCaseState {
  const deadline = caseMediationDeadline(doc)
  return {
    caseId: doc._id,
    status: doc.status,
    statusLabel: CASE_STATUS_LABELS[doc.status],
    version: doc.version,
    mediationDeadline: deadline.ok ? new Date(deadline.value).toISOString() : null,
  }
}

/** Adjusts the mediator's counters inside the transaction (never below zero). */
export async function adjustMediator(
  tx: Tx,
  mediatorId: string,
  change: { readonly caseload?: number; readonly pending?: number },
): Promise<void> {
  const m = await tx.get<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
  if (!m) return
  const patch: Record<string, number> = {}
  if (change.caseload)
    patch.currentCaseload = Math.max(0, (m.currentCaseload ?? 0) + change.caseload)
  if (change.pending) patch.pendingCount = Math.max(0, (m.pendingCount ?? 0) + change.pending)
  if (Object.keys(patch).length) await tx.update(COLLECTIONS.mediators, mediatorId, patch)
}

export const caseLink = (caseId: string) => `/pages/case/detail/index?id=${caseId}`

/** Tells both parties (in-app, plus a subscribe message where granted) inside `tx`. */
export async function notifyParties(
  tx: Tx,
  doc: CaseDoc,
  ctx: HandlerContext,
  notice: { kind: NoticeKind; title: string; body: string; link: string; thing?: string },
): Promise<void> {
  for (const toOpenid of partyOpenidsOf(doc)) {
    await notify(
      tx,
      {
        toOpenid,
        kind: notice.kind,
        title: notice.title,
        body: notice.body,
        link: notice.link,
        templateData: {
          character_string1: (doc.caseNumber ?? '').slice(0, 32),
          thing2: (notice.thing ?? notice.title).slice(0, 20),
          time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
        },
      },
      ctx,
    )
  }
}
