// Declining, leaving, ending and looking at a call. Ending records the duration (from the first
// party joining) on the call and in the case timeline, and withdraws invitations still ringing.
import type { CallMemberRole, CallRequest, CallView } from '../../../typings/api/videoMediation'
import {
  COLLECTIONS,
  docId,
  fail,
  findById,
  obj,
  type ActionDefinition,
  type CaseDoc,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import { addTimeline } from '../../_shared/case-access'
import { callInTx, loadCall, mediatorNameOf, roleOnCall, writeCall } from './call-access'
import { effectiveInvitation, invitationIdFor, toCallView, type CallDoc } from './call-doc'

const schema = obj({ callId: docId('通话编号') })

async function caseOf(caseId: string) {
  return findById<CaseDoc>(COLLECTIONS.mediationCases, caseId)
}

type Call = StoredDoc<CallDoc>

/**
 * The frame every change to a call shares: the caller's role on it (`admit` may refuse it), then
 * one transaction on the call as it is now, refused once it has ended; answers the call's view.
 */
async function changeCall(
  callId: string,
  ctx: HandlerContext,
  admit: (role: CallMemberRole) => void,
  change: (tx: Tx, current: Call, role: CallMemberRole) => Promise<Call>,
) {
  const call = await loadCall(callId)
  const role = roleOnCall(ctx.caller, call, await caseOf(call.caseId))
  admit(role)
  const name = await mediatorNameOf(call.mediatorId)
  return ctx.transact(async (tx) => {
    const current = await callInTx(tx, callId)
    if (current.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
    return toCallView(await change(tx, current, role), ctx.now, name)
  })
}

/** The audit entry of a call change made by the caller. */
function byCaller(ctx: HandlerContext, role: string, action: string, to: string) {
  return { actorRole: role, actorHash: ctx.caller.hash, action, to, at: ctx.now }
}

export const decline: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['user'],
  mutating: true,
  handle({ callId }, ctx) {
    const admit = (role: CallMemberRole) => {
      if (role === 'mediator') fail('FORBIDDEN', '调解员请使用「结束通话」')
    }
    return changeCall(callId, ctx, admit, async (tx, current, role) => {
      if (role === 'mediator') return current
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
        byCaller(ctx, role, 'call.declined', current.status),
      )
      await tx.update(COLLECTIONS.callInvitations, invitationIdFor(callId, role), {
        status: 'declined',
      })
      return next
    })
  },
}

export const leave: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['user'],
  mutating: true,
  handle({ callId }, ctx) {
    return changeCall(
      callId,
      ctx,
      () => undefined,
      async (tx, current, role) => {
        const member = current.members[role]
        if (!member?.joinedAt || member.leftAt) fail('PARTY_NOT_JOINED', '您不在通话中')
        return writeCall(
          tx,
          current,
          { members: { ...current.members, [role]: { ...member, leftAt: ctx.now } } },
          byCaller(ctx, role, 'call.left', current.status),
        )
      },
    )
  },
}

export const end: ActionDefinition<CallRequest, CallView> = {
  schema,
  actors: ['mediator'],
  mutating: true,
  handle({ callId }, ctx) {
    const admit = (role: CallMemberRole) => {
      if (role !== 'mediator') fail('FORBIDDEN', '仅调解员可以结束视频调解')
    }
    return changeCall(callId, ctx, admit, async (tx, current) => {
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
        byCaller(ctx, 'mediator', 'call.ended', 'ended'),
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
      return next
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
