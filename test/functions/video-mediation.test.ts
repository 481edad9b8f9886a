import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sessionKeyFor, voipSignature } from '../../tools/cloudbase-emulator/src/openapi/index'
import { loadRulesFile, RulesGuard } from '../../tools/cloudbase-emulator/src/rules/index'
import type { CallView } from '../../typings/api/videoMediation'
import { timelineEntry, type CaseEventDoc } from '../../cloudfunctions/mediationCase/src/views'
import { PEOPLE, rid, seedRoles, startHarness, type Harness } from './harness'
import {
  APPLICANT,
  RESPONDENT,
  caseAwaitingMediator,
  chainOf,
  seedMoreMediators,
} from './support/case-fixtures'

let h: Harness
const OTHER_MEDIATOR = 'o_mediator_0002'

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'videoMediation'])
  await seedRoles(h)
  await seedMoreMediators(h)
})
afterAll(async () => {
  await h.stop()
})

async function acceptedCase(): Promise<string> {
  const caseId = await caseAwaitingMediator(h)
  const res = await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return caseId
}

async function startCall(
  caseId: string,
  room: 'all' | { privateWith: 'applicant' | 'respondent' },
) {
  const res = await h.call(PEOPLE.mediator, 'videoMediation', 'start', { caseId, room }, rid())
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data
}

const errorCode = (res: { ok: boolean; error?: { code: string } }) =>
  res.ok ? 'ok' : (res.error?.code ?? '?')

/** Moves a call's start (and its invitations) into the past, as if time had passed. */
async function age(call: CallView, ms: number): Promise<void> {
  const engine = h.emulator.database.engine
  const past = new Date(new Date(call.startedAt).getTime() - ms)
  await engine.update(
    h.emulator.envId,
    'calls',
    { _id: call.callId },
    { $set: { startedAt: past } },
  )
  await engine.update(
    h.emulator.envId,
    'call_invitations',
    { callId: call.callId },
    { $set: { expiresAt: new Date(past.getTime() + 120_000) } },
    { multi: true },
  )
}

describe('videoMediation.start', () => {
  it('rings both parties with one invitation each, expiring after 2 minutes', async () => {
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    expect(call).toMatchObject({ caseId, room: 'all', privateWith: null, status: 'ringing' })
    expect(new Date(call.invitationExpiresAt).getTime() - new Date(call.startedAt).getTime()).toBe(
      120_000,
    )
    expect(call.members.map((m) => [m.role, m.invitation, m.joined])).toEqual([
      ['mediator', null, false],
      ['applicant', 'ringing', false],
      ['respondent', 'ringing', false],
    ])
    expect(call.members.map((m) => m.maskedName)).toContain('张*')
    expect(JSON.stringify(call)).not.toContain(APPLICANT.name)

    const invitations = await h.docs('call_invitations', { callId: call.callId })
    expect(invitations.map((i) => i['toOpenid']).sort()).toEqual(
      [APPLICANT.openid, RESPONDENT.openid].sort(),
    )
    for (const i of invitations) {
      expect(i).toMatchObject({ caseId, status: 'ringing' })
      expect(typeof i['roomId']).toBe('string')
    }
    const [c] = await h.docs('mediation_cases', { _id: caseId })
    expect(c?.['status']).toBe('mediating')
    const timeline = await h.docs('case_events', { caseId, type: 'call.started' })
    expect(timeline).toHaveLength(1)
    const rang = await h.docs('messages', {
      toOpenid: RESPONDENT.openid,
      title: '调解员邀请您进入视频调解',
    })
    expect(rang.length).toBeGreaterThan(0)
  })

  it('the committed security rule lets only the addressee read or watch an invitation', async () => {
    const loaded = loadRulesFile()
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors))
    const guard = new RulesGuard(loaded.rules, () => Date.now())
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    const [inv] = await h.docs('call_invitations', {
      callId: call.callId,
      toOpenid: RESPONDENT.openid,
    })
    const watch = { toOpenid: RESPONDENT.openid, status: 'ringing' }
    expect(guard.decideQuery('call_invitations', watch, { openid: RESPONDENT.openid }).kind).toBe(
      'allowed',
    )
    expect(guard.decideQuery('call_invitations', watch, { openid: APPLICANT.openid }).kind).toBe(
      'denied',
    )
    expect(guard.decideQuery('call_invitations', { callId: call.callId }, {}).kind).toBe('denied')
    expect(
      guard.documentAllowed('call_invitations', 'read', inv, { openid: RESPONDENT.openid }),
    ).toBe(true)
    expect(
      guard.documentAllowed('call_invitations', 'read', inv, { openid: APPLICANT.openid }),
    ).toBe(false)
    expect(
      guard.documentAllowed('call_invitations', 'write', inv, { openid: RESPONDENT.openid }),
    ).toBe(false)
    expect(guard.documentAllowed('calls', 'read', inv, { openid: RESPONDENT.openid })).toBe(false)
  })

  it('a caucus room has its own room id and invites only that party', async () => {
    const caseId = await acceptedCase()
    const main = await startCall(caseId, 'all')
    const caucus = await startCall(caseId, { privateWith: 'respondent' })
    expect(caucus).toMatchObject({ room: 'private', privateWith: 'respondent' })
    expect(caucus.members.map((m) => m.role)).toEqual(['mediator', 'respondent'])
    const [a] = await h.docs('calls', { _id: main.callId })
    const [b] = await h.docs('calls', { _id: caucus.callId })
    expect(a?.['groupId']).not.toBe(b?.['groupId'])
    const inv = await h.docs('call_invitations', { callId: caucus.callId })
    expect(inv.map((i) => i['toOpenid'])).toEqual([RESPONDENT.openid])
  })

  it('only the case’s mediator, only while mediating', async () => {
    const waiting = await caseAwaitingMediator(h)
    const early = await h.call(
      PEOPLE.mediator,
      'videoMediation',
      'start',
      { caseId: waiting, room: 'all' },
      rid(),
    )
    expect(errorCode(early)).toBe('CASE_NOT_MEDIATING')
    const caseId = await acceptedCase()
    const party = await h.call(
      APPLICANT.openid,
      'videoMediation',
      'start',
      { caseId, room: 'all' },
      rid(),
    )
    expect(errorCode(party)).toBe('FORBIDDEN')
    const other = await h.call(
      OTHER_MEDIATOR,
      'videoMediation',
      'start',
      { caseId, room: 'all' },
      rid(),
    )
    expect(errorCode(other)).toBe('NOT_FOUND')
    const badRoom = await h.raw(PEOPLE.mediator, 'videoMediation', {
      action: 'start',
      payload: { caseId, room: { privateWith: 'mediator' } },
      requestId: rid(),
    })
    expect(badRoom).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    expect(await h.docs('calls', { caseId })).toHaveLength(0)
  })
})

describe('videoMediation.join', () => {
  it('gives invited parties and the mediator a valid VoIP signature for the call’s room', async () => {
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    const [stored] = await h.docs('calls', { _id: call.callId })
    for (const openid of [APPLICANT.openid, RESPONDENT.openid, PEOPLE.mediator]) {
      const res = await h.call(openid, 'videoMediation', 'join', { callId: call.callId }, rid())
      expect(res.ok).toBe(true)
      if (!res.ok) continue
      expect(res.data.groupId).toBe(stored?.['groupId'])
      expect(res.data.roomType).toBe('video')
      expect(res.data.me).toEqual({
        role:
          openid === PEOPLE.mediator
            ? 'mediator'
            : openid === APPLICANT.openid
              ? 'applicant'
              : 'respondent',
        openid,
      })
      expect(res.data.signature).toBe(
        voipSignature({
          appId: 'wx0000000000000000',
          groupId: res.data.groupId,
          nonce: res.data.nonceStr,
          timestamp: res.data.timeStamp,
          sessionKey: sessionKeyFor(openid),
        }),
      )
    }
    const view = await h.call(APPLICANT.openid, 'videoMediation', 'members', {
      callId: call.callId,
    })
    expect(view.ok).toBe(true)
    if (!view.ok) return
    expect(view.data.status).toBe('active')
    expect(view.data.members.every((m) => m.joined)).toBe(true)
    const inv = await h.docs('call_invitations', { callId: call.callId })
    expect(inv.every((i) => i['status'] === 'joined')).toBe(true)
  })

  it('refuses strangers, other mediators, staff and a party left out of a caucus', async () => {
    const caseId = await acceptedCase()
    const caucus = await startCall(caseId, { privateWith: 'respondent' })
    const callId = caucus.callId
    expect(
      errorCode(await h.call(APPLICANT.openid, 'videoMediation', 'join', { callId }, rid())),
    ).toBe('NOT_INVITED')
    for (const openid of [PEOPLE.stranger, OTHER_MEDIATOR, PEOPLE.staffA]) {
      const res = await h.call(openid, 'videoMediation', 'join', { callId }, rid())
      expect(errorCode(res)).toBe('NOT_FOUND')
      const look = await h.call(openid, 'videoMediation', 'members', { callId })
      expect(errorCode(look)).toBe('NOT_FOUND')
    }
    expect(errorCode(await h.call(undefined, 'videoMediation', 'join', { callId }, rid()))).toBe(
      'UNAUTHENTICATED',
    )
  })

  it('an expired invitation is refused; a declined one too', async () => {
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    const declined = await h.call(
      RESPONDENT.openid,
      'videoMediation',
      'decline',
      { callId: call.callId },
      rid(),
    )
    expect(declined.ok).toBe(true)
    if (declined.ok) {
      expect(declined.data.members.find((m) => m.role === 'respondent')?.invitation).toBe(
        'declined',
      )
    }
    const afterDecline = await h.call(
      RESPONDENT.openid,
      'videoMediation',
      'join',
      { callId: call.callId },
      rid(),
    )
    expect(errorCode(afterDecline)).toBe('INVITATION_DECLINED')

    await age(call, 121_000)
    const late = await h.call(
      APPLICANT.openid,
      'videoMediation',
      'join',
      { callId: call.callId },
      rid(),
    )
    expect(late.ok).toBe(false)
    if (!late.ok) {
      expect(late.error.code).toBe('INVITATION_EXPIRED')
      expect(late.error.message).toMatch(/过期/)
    }
    const view = await h.call(PEOPLE.mediator, 'videoMediation', 'members', { callId: call.callId })
    expect(view.ok && view.data.members.find((m) => m.role === 'applicant')?.invitation).toBe(
      'expired',
    )
  })
})

describe('videoMediation: leave and end', () => {
  it('records leaving, the end and the duration in the call and the case timeline', async () => {
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    for (const openid of [PEOPLE.mediator, APPLICANT.openid, RESPONDENT.openid]) {
      const res = await h.call(openid, 'videoMediation', 'join', { callId: call.callId }, rid())
      expect(res.ok).toBe(true)
    }
    const left = await h.call(
      RESPONDENT.openid,
      'videoMediation',
      'leave',
      { callId: call.callId },
      rid(),
    )
    expect(left.ok && left.data.members.find((m) => m.role === 'respondent')?.joined).toBe(false)
    const notIn = await h.call(
      RESPONDENT.openid,
      'videoMediation',
      'leave',
      { callId: call.callId },
      rid(),
    )
    expect(errorCode(notIn)).toBe('PARTY_NOT_JOINED')

    const partyEnds = await h.call(
      APPLICANT.openid,
      'videoMediation',
      'end',
      { callId: call.callId },
      rid(),
    )
    expect(errorCode(partyEnds)).toBe('FORBIDDEN')
    const requestId = rid()
    const ended = await h.call(
      PEOPLE.mediator,
      'videoMediation',
      'end',
      { callId: call.callId },
      requestId,
    )
    expect(ended.ok).toBe(true)
    if (!ended.ok) return
    expect(ended.data.status).toBe('ended')
    expect(ended.data.durationSec).toBeGreaterThanOrEqual(0)
    expect(ended.data.members.every((m) => !m.joined)).toBe(true)
    const repeat = await h.call(
      PEOPLE.mediator,
      'videoMediation',
      'end',
      { callId: call.callId },
      requestId,
    )
    expect(repeat).toEqual(ended)
    const again = await h.call(
      PEOPLE.mediator,
      'videoMediation',
      'end',
      { callId: call.callId },
      rid(),
    )
    expect(errorCode(again)).toBe('CALL_ENDED')
    const rejoin = await h.call(
      APPLICANT.openid,
      'videoMediation',
      'join',
      { callId: call.callId },
      rid(),
    )
    expect(errorCode(rejoin)).toBe('CALL_ENDED')

    const timeline = await h.docs('case_events', { caseId, type: 'call.ended' })
    expect(timeline).toHaveLength(1)
    expect(timeline[0]?.['data']).toMatchObject({
      callId: call.callId,
      durationSec: ended.data.durationSec,
    })
    expect(await chainOf(h, 'calls', call.callId)).toMatchObject({ ok: true, length: 6 })
    // What 案件详情 shows of the call: labelled entries, the end with its duration.
    const shown = (await h.docs('case_events', { caseId }))
      .filter((e) => String(e['type']).startsWith('call.'))
      .map((e) => timelineEntry(e as unknown as CaseEventDoc))
    expect(shown.map((e) => e.label)).toEqual(['调解员发起视频调解', '视频调解结束'])
    expect(shown[1]?.note).toMatch(/^通话 \d+/)
  })

  it('ending a call nobody answered withdraws the ringing invitations', async () => {
    const caseId = await acceptedCase()
    const call = await startCall(caseId, 'all')
    const ended = await h.call(
      PEOPLE.mediator,
      'videoMediation',
      'end',
      { callId: call.callId },
      rid(),
    )
    expect(ended).toMatchObject({ ok: true, data: { durationSec: 0 } })
    const inv = await h.docs('call_invitations', { callId: call.callId })
    expect(inv.map((i) => i['status'])).toEqual(['cancelled', 'cancelled'])
  })
})

describe('videoMediation: a repeated request returns the first answer and writes nothing more', () => {
  it('start, join, leave and decline', async () => {
    const caseId = await acceptedCase()
    const twice = async <T>(run: (requestId: string) => Promise<T>): Promise<T> => {
      const requestId = rid()
      const first = await run(requestId)
      expect(await run(requestId)).toEqual(first)
      return first
    }
    const started = await twice((r) =>
      h.call(PEOPLE.mediator, 'videoMediation', 'start', { caseId, room: 'all' }, r),
    )
    expect(started.ok).toBe(true)
    if (!started.ok) return
    expect(await h.docs('calls', { caseId })).toHaveLength(1)
    const callId = started.data.callId
    await twice((r) => h.call(APPLICANT.openid, 'videoMediation', 'join', { callId }, r))
    await twice((r) => h.call(APPLICANT.openid, 'videoMediation', 'leave', { callId }, r))
    await twice((r) => h.call(RESPONDENT.openid, 'videoMediation', 'decline', { callId }, r))
    const audit = await h.docs('audit_events', { entityId: callId })
    expect(audit.map((e) => e['action']).sort()).toEqual([
      'call.declined',
      'call.joined',
      'call.left',
      'call.started',
    ])
  })
})
