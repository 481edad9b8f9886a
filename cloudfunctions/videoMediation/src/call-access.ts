// Who the caller is on a call: its mediator, or a party invited to its room. Everyone else is
// told the call does not exist; a party of the case left out of a caucus is told so plainly.
import type { CallMemberRole } from '../../../typings/api/videoMediation'
import {
  appendAudit,
  COLLECTIONS,
  fail,
  findById,
  notFound,
  type Caller,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import type { CaseDoc } from '../../_shared'
import type { CallDoc } from './call-doc'

export async function mediatorNameOf(mediatorId: string): Promise<string> {
  const m = await findById<{ name?: string }>(COLLECTIONS.mediators, mediatorId)
  return m?.name ?? '调解员'
}

export function roleOnCall(
  caller: Caller,
  call: CallDoc,
  doc: CaseDoc | undefined,
): CallMemberRole {
  if (caller.mediator && caller.mediator.id === call.mediatorId) return 'mediator'
  for (const role of ['applicant', 'respondent'] as const) {
    if (call.members[role]?.openid === caller.openid) return role
  }
  const party =
    doc && (doc.applicantOpenid === caller.openid || doc.respondentOpenid === caller.openid)
  if (party) fail('NOT_INVITED', '您未被邀请加入此调解房间')
  return notFound('通话')
}

export async function loadCall(callId: string): Promise<StoredDoc<CallDoc>> {
  return (await findById<CallDoc>(COLLECTIONS.calls, callId)) ?? notFound('通话')
}

export async function callInTx(tx: Tx, callId: string): Promise<StoredDoc<CallDoc>> {
  return (await tx.get<CallDoc>(COLLECTIONS.calls, callId)) ?? notFound('通话')
}

/** Writes a call change with its audit event, conditional on the call's version. */
export async function writeCall(
  tx: Tx,
  call: StoredDoc<CallDoc>,
  patch: Partial<CallDoc>,
  audit: { actorRole: string; actorHash: string; action: string; to: string; at: Date },
): Promise<StoredDoc<CallDoc>> {
  const head = await appendAudit(tx, call, {
    entity: COLLECTIONS.calls,
    entityId: call._id,
    actorRole: audit.actorRole,
    actorHash: audit.actorHash,
    action: audit.action,
    from: call.status,
    to: audit.to,
    at: audit.at,
  })
  await tx.updateVersioned(COLLECTIONS.calls, call._id, call.version, { ...patch, ...head })
  return { ...call, ...patch, ...head, version: call.version + 1 }
}
