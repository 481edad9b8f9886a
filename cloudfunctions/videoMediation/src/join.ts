// Joining a call: the signature is asked from the platform for the caller alone (its session key
// signs it), and only after the caller was found to be a member of this call's room.
import { randomBytes } from 'node:crypto'
import type { CallRequest, JoinCallResponse } from '../../../typings/api/videoMediation'
import {
  COLLECTIONS,
  docId,
  fail,
  findById,
  getCloud,
  log,
  obj,
  type ActionDefinition,
  type CaseDoc,
} from '../../_shared'
import { assertPartyIdentity, partyRecordOf } from '../../_shared/case-access'
import { callInTx, loadCall, mediatorNameOf, roleOnCall, writeCall } from './call-access'
import { effectiveInvitation, invitationIdFor, toCallView } from './call-doc'

async function voipSign(groupId: string, timeStamp: number, nonceStr: string): Promise<string> {
  try {
    const cloud = getCloud() as unknown as {
      getVoIPSign(p: { groupId: string; timestamp: number; nonce: string }): Promise<{
        signature?: string
      }>
    }
    const res = await cloud.getVoIPSign({ groupId, timestamp: timeStamp, nonce: nonceStr })
    if (res.signature) return res.signature
  } catch (e) {
    log.warn('voip.sign.failed', { error: e })
  }
  return fail('UPSTREAM_UNAVAILABLE', '视频服务暂不可用，请稍后重试')
}

export const join: ActionDefinition<CallRequest, JoinCallResponse> = {
  schema: obj({ callId: docId('通话编号') }),
  actors: ['user'],
  mutating: true,
  async handle({ callId }, ctx) {
    const call = await loadCall(callId)
    const doc = await findById<CaseDoc>(COLLECTIONS.mediationCases, call.caseId)
    const role = roleOnCall(ctx.caller, call, doc)
    if (call.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
    if (role !== 'mediator') {
      if (doc) await assertPartyIdentity(ctx.caller, partyRecordOf(doc, role))
      const member = call.members[role]
      const state = effectiveInvitation(
        member?.invitation ?? null,
        new Date(call.startedAt),
        ctx.now,
      )
      if (state === 'declined') fail('INVITATION_DECLINED', '您已拒绝本次视频调解邀请')
      if (state === 'expired') fail('INVITATION_EXPIRED', '邀请已过期，请等待调解员重新发起')
    }
    const timeStamp = Math.floor(ctx.now.getTime() / 1000)
    const nonceStr = randomBytes(16).toString('hex')
    const signature = await voipSign(call.groupId, timeStamp, nonceStr)
    const name = await mediatorNameOf(call.mediatorId)
    return ctx.transact(async (tx) => {
      const current = await callInTx(tx, callId)
      if (current.status === 'ended') fail('CALL_ENDED', '本次视频调解已结束')
      const member = current.members[role]
      const party = role !== 'mediator'
      const next = await writeCall(
        tx,
        current,
        {
          status: 'active',
          members: {
            ...current.members,
            ...(member
              ? {
                  [role]: {
                    ...member,
                    invitation: party ? 'joined' : null,
                    joinedAt: ctx.now,
                    leftAt: null,
                  },
                }
              : {}),
          },
          firstJoinAt: current.firstJoinAt ?? (party ? ctx.now : null),
        },
        {
          actorRole: role === 'mediator' ? 'mediator' : role,
          actorHash: ctx.caller.hash,
          action: 'call.joined',
          to: 'active',
          at: ctx.now,
        },
      )
      if (party) {
        await tx.update(COLLECTIONS.callInvitations, invitationIdFor(callId, role), {
          status: 'joined',
        })
      }
      return {
        roomType: 'video' as const,
        groupId: current.groupId,
        nonceStr,
        timeStamp,
        signature,
        call: toCallView(next, ctx.now, name),
        me: { role, openid: ctx.caller.openid },
      }
    })
  },
}
