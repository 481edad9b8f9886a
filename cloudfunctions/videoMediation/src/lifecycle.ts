// Declining, leaving, ending and looking at a call. Ending records the duration (from the first
// party joining) on the call and in the case timeline, and withdraws invitations still ringing.
import type { CallRequest, CallView } from '../../../typings/api/videoMediation'
import {
  COLLECTIONS,
  docId,
  fail,
  findById,
  obj,
  type ActionDefinition,
  type CaseDoc,
} from '../../_shared'
import { addTimeline } from '../../_shared/case-access'
import { callInTx, loadCall, mediatorNameOf, roleOnCall, writeCall } from './call-access'
import { effectiveInvitation, invitationIdFor, toCallView } from './call-doc'

const schema = obj({ callId: docId('通话编号') })

async function caseOf(caseId: string) {
  return findById<CaseDoc>(COLLECTIONS.mediationCases, caseId)
}

export const decline: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['user'],
  mutating: true,
  async handle({ callId }, ctx) {
    const call = await loadCall(callId)
    const role = roleOnCall(ctx.caller, call, await caseOf(call.caseId))
    if (role === 'mediator') fail('FORBIDDEN', '调解员请使用「结束通话」')
    const name = await mediatorNameOf(call.mediatorId)
    return ctx.transact(async (tx) => {
      const current = await callInTx(tx, callId)
      if (current.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
      const member = current.members[role]
      const state = effectiveInvitation(
        member?.invitation ?? null,
        new Date(current.startedAt),
        ctx.now,
      )
      if (!member || state !== 'ringing') {
        fail('INVALID_TRANSITION', '邀请已处理或已过期，无需拒绝')
      }
      const next = await writeCall(
        tx,
        current,
        { members: { ...current.members, [role]: { ...member, invitation: 'declined' } } },
        {
          actorRole: role,
          actorHash: ctx.caller.hash,
          action: 'call.declined',
          to: current.status,
          at: ctx.now,
        },
      )
      await tx.update(COLLECTIONS.callInvitations, invitationIdFor(callId, role), {
        status: 'declined',
      })
      return toCallView(next, ctx.now, name)
    })
  },
}

export const leave: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['user'],
  mutating: true,
  async handle({ callId }, ctx) {
    const call = await loadCall(callId)
    const role = roleOnCall(ctx.caller, call, await caseOf(call.caseId))
    const name = await mediatorNameOf(call.mediatorId)
    return ctx.transact(async (tx) => {
      const current = await callInTx(tx, callId)
      const member = current.members[role]
      if (current.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
      if (!member?.joinedAt || member.leftAt) fail('PARTY_NOT_JOINED', '您不在通话中')
      const next = await writeCall(
        tx,
        current,
        { members: { ...current.members, [role]: { ...member, leftAt: ctx.now } } },
        {
          actorRole: role,
          actorHash: ctx.caller.hash,
          action: 'call.left',
          to: current.status,
          at: ctx.now,
        },
      )
      return toCallView(next, ctx.now, name)
    })
  },
}

export const end: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['mediator'],
  mutating: true,
  async handle({ callId }, ctx) {
    const call = await loadCall(callId)
    const role = roleOnCall(ctx.caller, call, await caseOf(call.caseId))
    if (role !== 'mediator') fail('FORBIDDEN', '仅调解员可以结束视频调解')
    const name = await mediatorNameOf(call.mediatorId)
    return ctx.transact(async (tx) => {
      const current = await callInTx(tx, callId)
      if (current.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
      const first = current.firstJoinAt ? new Date(current.firstJoinAt).getTime() : null
      const durationSec =
        first === null ? 0 : Math.max(0, Math.round((ctx.now.getTime() - first) / 1000))
      const members = { ...current.members }
      for (const side of ['applicant', 'respondent'] as const) {
        const m = members[side]
        if (!m) continue
        const state = effectiveInvitation(m.invitation, new Date(current.startedAt), ctx.now)
        if (state === 'ringing' || state === 'expired') {
          members[side] = { ...m, invitation: state === 'ringing' ? 'cancelled' : 'expired' }
          await tx.update(COLLECTIONS.callInvitations, invitationIdFor(callId, side), {
            status: state === 'ringing' ? 'cancelled' : 'expired',
          })
        }
        if (m.joinedAt && !m.leftAt) members[side] = { ...(members[side] ?? m), leftAt: ctx.now }
      }
      const mediator = members.mediator
      if (mediator?.joinedAt && !mediator.leftAt)
        members.mediator = { ...mediator, leftAt: ctx.now }
      const next = await writeCall(
        tx,
        current,
        { status: 'ended', endedAt: ctx.now, durationSec, members },
        {
          actorRole: 'mediator',
          actorHash: ctx.caller.hash,
          action: 'call.ended',
          to: 'ended',
          at: ctx.now,
        },
      )
      const doc = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, current.caseId)
      await addTimeline(tx, current.caseId, [
        {
          type: 'call.ended',
          at: ctx.now,
          actorKind: 'mediator',
          status: doc?.status ?? 'mediating',
          data: { callId, room: current.room, durationSec },
        },
      ])
      return toCallView(next, ctx.now, name)
    })
  },
}

export const members: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['user'],
  mutating: false,
  async handle({ callId }, ctx) {
    const call = await loadCall(callId)
    roleOnCall(ctx.caller, call, await caseOf(call.caseId))
    return toCallView(call, ctx.now, await mediatorNameOf(call.mediatorId))
  },
}
