// Starting a call: only the case's mediator, only while the case is being mediated. A call on
// an accepted case starts the mediation itself (accepted → mediating).
import { randomBytes } from 'node:crypto'
import * as v from 'valibot'
import { callInvitationExpiresAt } from '../../../miniprogram/core/deadlines'
import type {
  CallMemberRole,
  CallView,
  StartCallRequest,
} from '../../../typings/api/videoMediation'
import {
  appendAudit,
  applyCaseCommand,
  COLLECTIONS,
  docId,
  fail,
  notFound,
  notify,
  obj,
  oneOf,
  type ActionDefinition,
  type CaseDoc,
  type Schema,
} from '../../_shared'
import { addTimeline, partyOpenidOf, partyRecordOf } from '../../_shared/case-access'
import { mediatorNameOf } from './call-access'
import { invitationIdFor, toCallView, type CallDoc, type MemberRecord } from './call-doc'

const MEDIATING = new Set(['mediating', 'agreement_drafted', 'signing'])

const roomSchema = v.union(
  [v.literal('all'), obj({ privateWith: oneOf('单独沟通的当事人', ['applicant', 'respondent']) })],
  '通话房间须为全体或与一方当事人单独沟通',
) as Schema<StartCallRequest['room']>

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`

export const start: ActionDefinition<StartCallRequest, CallView> = {
  schema: obj({ caseId: docId('案件编号'), room: roomSchema }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, room }, ctx) {
    const mediatorId = ctx.caller.mediator?.id ?? fail('FORBIDDEN', '仅调解员可以发起视频调解')
    const who = { actor: { kind: 'mediator' as const, id: mediatorId }, hash: ctx.caller.hash }
    const name = await mediatorNameOf(mediatorId)
    const expires = callInvitationExpiresAt(ctx.now)
    const invitationExpiresAt = new Date(expires.ok ? expires.value : ctx.now.getTime())
    return ctx.transact(async (tx) => {
      let doc = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
      if (!doc || doc.mediatorId !== mediatorId) return notFound('案件')
      if (doc.status === 'accepted') {
        const started = await applyCaseCommand(tx, caseId, doc, 'start_mediating', who, ctx.now)
        doc = { ...started.next, _id: caseId }
      }
      if (!MEDIATING.has(doc.status)) {
        fail('CASE_NOT_MEDIATING', '案件不在调解中，不能发起视频调解')
      }
      const sides = room === 'all' ? (['applicant', 'respondent'] as const) : [room.privateWith]
      const callId = newId('call')
      const groupId = newId('room')
      const members: Partial<Record<CallMemberRole, MemberRecord>> = {
        mediator: {
          openid: ctx.caller.openid,
          maskedName: name,
          invitation: null,
          joinedAt: null,
          leftAt: null,
        },
      }
      for (const side of sides) {
        const openid = partyOpenidOf(doc, side)
        if (!openid) continue
        members[side] = {
          openid,
          maskedName: partyRecordOf(doc, side)?.maskedName ?? '',
          invitation: 'ringing',
          joinedAt: null,
          leftAt: null,
        }
        await tx.create(COLLECTIONS.callInvitations, invitationIdFor(callId, side), {
          toOpenid: openid,
          caseId,
          caseNumber: doc.caseNumber ?? '',
          callId,
          roomId: groupId,
          room: room === 'all' ? 'all' : 'private',
          expiresAt: invitationExpiresAt,
          status: 'ringing',
          createdAt: ctx.now,
          version: 1,
        })
        await notify(
          tx,
          {
            toOpenid: openid,
            kind: 'video_invitation',
            title: '调解员邀请您进入视频调解',
            body: `案件 ${doc.caseNumber ?? ''} 的调解员${name}正在邀请您进入视频调解，请在 2 分钟内加入。`,
            link: `/pages/case/call/index?callId=${callId}`,
            templateData: {
              character_string1: (doc.caseNumber ?? '').slice(0, 32),
              thing2: '视频调解邀请',
              time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
            },
          },
          ctx,
        )
      }
      const head = await appendAudit(
        tx,
        {},
        {
          entity: COLLECTIONS.calls,
          entityId: callId,
          actorRole: 'mediator',
          actorHash: ctx.caller.hash,
          action: 'call.started',
          from: null,
          to: 'ringing',
          at: ctx.now,
        },
      )
      const call: CallDoc = {
        caseId,
        caseNumber: doc.caseNumber ?? '',
        organisationId: doc.organisationId,
        mediatorId,
        room: room === 'all' ? 'all' : 'private',
        privateWith: room === 'all' ? null : room.privateWith,
        groupId,
        status: 'ringing',
        members,
        startedAt: ctx.now,
        invitationExpiresAt,
        firstJoinAt: null,
        endedAt: null,
        durationSec: null,
        version: 1,
        ...head,
      }
      await tx.create(COLLECTIONS.calls, callId, call)
      await addTimeline(tx, caseId, [
        {
          type: 'call.started',
          at: ctx.now,
          actorKind: 'mediator',
          status: doc.status,
          data: { callId, room: call.room, privateWith: call.privateWith },
        },
      ])
      return toCallView({ ...call, _id: callId }, ctx.now, name)
    })
  },
}
