import { rmSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  sdkEnvFor,
  startEmulator,
  type RunningEmulator,
} from '../../tools/cloudbase-emulator/src/index'
import {
  createFunctionsModule,
  type FunctionsService,
} from '../../tools/cloudbase-emulator/src/functions/index'
import { createOpenApiModule } from '../../tools/cloudbase-emulator/src/openapi/index'
import { createTimersModule } from '../../tools/cloudbase-emulator/src/timers/index'
import type { DeadlinesRunSummary } from '../../typings/api/deadlines'
import { buildBundles, PEOPLE } from './harness'

const DAY = 86_400_000
const HOUR = 3_600_000
const MIN = 60_000

// The shared harness starts no timers module; this file needs the real trigger route and clock.
let emulator: RunningEmulator
let functions: FunctionsService
let functionsRoot: string
let dataDir: string
const t0 = Date.now()
const ago = (ms: number) => new Date(t0 - ms)

async function docs(collection: string, where: Record<string, unknown> = {}) {
  return Promise.resolve(emulator.database.engine.find(emulator.envId, collection, where))
}
async function insert(collection: string, rows: Record<string, unknown>[]) {
  await emulator.database.engine.insert(emulator.envId, collection, rows)
}

interface Firing {
  manual: boolean
  outcome: { ok: boolean; result?: { ok: boolean; data?: DeadlinesRunSummary } }
}

async function fire(): Promise<DeadlinesRunSummary> {
  const res = await fetch(`${emulator.baseUrl}/__emulator/timers/deadlines/fire`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ trigger: 'hourly' }),
  })
  expect(res.status).toBe(200)
  const firing = (await res.json()) as Firing
  expect(firing.outcome.ok).toBe(true)
  expect(firing.outcome.result?.ok).toBe(true)
  return firing.outcome.result?.data as DeadlinesRunSummary
}

function runningCase(id: string, acceptedDaysAgo: number, extra: Record<string, unknown> = {}) {
  return {
    _id: id,
    caseNumber: `TJ-2026-${id}`,
    status: 'mediating',
    applicantOpenid: PEOPLE.applicant,
    respondentOpenid: PEOPLE.respondent,
    partyOpenids: [PEOPLE.applicant, PEOPLE.respondent],
    organisationId: 'org_a',
    mediatorId: 'med_1',
    mediationDays: 30,
    extendedDays: 0,
    acceptedAt: ago(acceptedDaysAgo * DAY),
    invitation: null,
    createdAt: ago(40 * DAY),
    updatedAt: ago(DAY),
    version: 3,
    ...extra,
  }
}

function settledCase(id: string, settledDaysAgo: number) {
  return runningCase(id, 40, {
    status: 'settled',
    agreementId: `agr_${id}`,
    settledAt: ago(settledDaysAgo * DAY),
  })
}

beforeAll(async () => {
  functionsRoot = await buildBundles(['deadlines'])
  dataDir = mkdtempSync(join(tmpdir(), 'fn-deadlines-'))
  const functionsModule = createFunctionsModule({ functionsRoot })
  emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    clock: t0,
    modules: [functionsModule, createTimersModule({ pollMs: 0 }), createOpenApiModule()],
  })
  functions = emulator.emu.service<FunctionsService>('functions')

  await insert('mediation_cases', [
    runningCase('c_expired', 31),
    runningCase('c_d7', 24),
    runningCase('c_d2', 29),
    runningCase('c_fresh', 1),
    runningCase('c_extended', 31, { extendedDays: 10 }),
    settledCase('c_window_closed', 31),
    settledCase('c_window_d7', 25),
    settledCase('c_window_used', 31),
    runningCase('c_invited', 0, {
      status: 'awaiting_respondent',
      respondentOpenid: null,
      partyOpenids: [PEOPLE.applicant],
      acceptedAt: null,
      invitation: {
        tokenHash: 'a'.repeat(64),
        expiresAt: ago(HOUR),
        issuedAt: ago(8 * DAY),
        qrFileId: null,
        usedAt: null,
      },
    }),
  ])
  await insert('agreements', [
    {
      _id: 'agr_c_window_closed',
      caseId: 'c_window_closed',
      status: 'effective',
      effectiveAt: ago(31 * DAY),
      version: 4,
    },
    {
      _id: 'agr_c_window_d7',
      caseId: 'c_window_d7',
      status: 'effective',
      effectiveAt: ago(25 * DAY),
      version: 4,
    },
    {
      _id: 'agr_c_window_used',
      caseId: 'c_window_used',
      status: 'effective',
      effectiveAt: ago(31 * DAY),
      version: 4,
    },
  ])
  await insert('judicial_confirmations', [
    { _id: 'jc_used', caseId: 'c_window_used', status: 'submitted_to_org', version: 3 },
  ])
  await insert('identities', [
    {
      _id: 'idt_late',
      openid: 'o_late',
      status: 'manual_pending',
      manualSubmittedAt: ago(5 * HOUR),
      version: 2,
    },
    {
      _id: 'idt_recent',
      openid: 'o_recent',
      status: 'manual_pending',
      manualSubmittedAt: ago(HOUR),
      version: 2,
    },
  ])
  await insert('call_invitations', [
    {
      _id: 'ci_lapsed',
      toOpenid: PEOPLE.applicant,
      callId: 'call_1',
      status: 'ringing',
      createdAt: ago(3 * MIN),
      expiresAt: ago(MIN),
      version: 1,
    },
    {
      _id: 'ci_ringing',
      toOpenid: PEOPLE.respondent,
      callId: 'call_1',
      status: 'ringing',
      createdAt: ago(30_000),
      expiresAt: new Date(t0 + 90_000),
      version: 1,
    },
  ])
})

afterAll(async () => {
  await emulator.stop()
  rmSync(functionsRoot, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

async function one(collection: string, id: string) {
  const [doc] = await docs(collection, { _id: id })
  return doc as Record<string, unknown>
}

/** Uploads a file as the test runner would (the sweep must delete it from storage). */
async function storedFile(cloudPath: string): Promise<string> {
  Object.assign(process.env, sdkEnvFor(emulator.baseUrl, { openid: 'o_test_runner' }))
  const cloud = await import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const res = (await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(cloudPath) })) as {
    fileID: string
  }
  return res.fileID
}

async function fileExists(fileId: string): Promise<boolean> {
  Object.assign(process.env, sdkEnvFor(emulator.baseUrl, { openid: 'o_test_runner' }))
  const cloud = await import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  try {
    await cloud.downloadFile({ fileID: fileId })
    return true
  } catch {
    return false
  }
}

const photoIds: Record<string, string> = {}

// Reviewed identities whose photos are due (or not yet) for erasure, and stored request results
// older and younger than their TTL.
beforeAll(async () => {
  for (const name of ['old-front', 'old-handheld', 'old-licence', 'new-front']) {
    photoIds[name] = await storedFile(`private/u_retention/identity/${name}.jpg`)
  }
  await insert('identities', [
    {
      _id: 'idt_photos_due',
      openid: 'o_photos_due',
      status: 'verified',
      photos: { front: photoIds['old-front'], back: null, handheld: photoIds['old-handheld'] },
      enterprise: {
        name: '某某公司',
        uscc: '91350100M000100Y43',
        licenceFileId: photoIds['old-licence'],
        authorisationFileId: null,
      },
      photosDeleteAfter: ago(HOUR),
      version: 3,
    },
    {
      _id: 'idt_photos_kept',
      openid: 'o_photos_kept',
      status: 'verified',
      photos: { front: photoIds['new-front'], back: null, handheld: null },
      photosDeleteAfter: new Date(t0 + 2 * DAY),
      version: 3,
    },
  ])
  await insert('idempotency_keys', [
    {
      _id: 'idem_old',
      functionName: 'mediationCase',
      action: 'submit',
      callerHash: 'x',
      data: {},
      at: ago(8 * DAY),
    },
    {
      _id: 'idem_young',
      functionName: 'mediationCase',
      action: 'submit',
      callerHash: 'x',
      data: {},
      at: ago(DAY),
    },
  ])
})

async function chain(collection: string, id: string) {
  Object.assign(process.env, sdkEnvFor(emulator.baseUrl, { openid: 'o_test_runner' }))
  const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
  const doc = await one(collection, id)
  return verifyAuditChain(collection, id, {
    auditSeq: doc['auditSeq'] as number,
    auditHash: doc['auditHash'] as string,
  })
}

describe('deadlines (hourly timer)', () => {
  it('lists its hourly trigger from config.json', async () => {
    const res = await fetch(`${emulator.baseUrl}/__emulator/timers`)
    const body = (await res.json()) as { timers: { function: string; cron: string }[] }
    expect(body.timers).toContainEqual(
      expect.objectContaining({ function: 'deadlines', trigger: 'hourly', cron: '0 0 * * * * *' }),
    )
  })

  it('refuses a user: no action, and no posing as the timer', async () => {
    const asUser = await functions.invoke(
      'deadlines',
      { Type: 'Timer', TriggerName: 'hourly', Time: new Date().toISOString() },
      { openid: PEOPLE.stranger },
    )
    expect('result' in asUser && asUser.result).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: '此功能仅由系统定时任务执行' },
    })
    const action = await functions.invoke(
      'deadlines',
      { action: 'run', payload: {} },
      { openid: PEOPLE.staffA },
    )
    expect('result' in action && (action.result as { error: { code: string } }).error.code).toBe(
      'FORBIDDEN',
    )
    const anonymous = await functions.invoke('deadlines', { action: 'run', payload: {} }, {})
    expect(
      'result' in anonymous && (anonymous.result as { error: { code: string } }).error.code,
    ).toBe('UNKNOWN_ACTION')
    expect(await docs('messages')).toEqual([])
  })

  it('keeps every deadline once when fired', async () => {
    expect(await fire()).toEqual({
      expiredCases: 1,
      mediationReminders: 2,
      confirmationReminders: 1,
      confirmationWindowsClosed: 2,
      overdueIdentityReviews: 1,
      overdueInvitations: 1,
      expiredCallInvitations: 1,
      erasedIdPhotos: 1,
      expiredRequestResults: 1,
      conflicts: 0,
    })
  })

  it('closes an expired mediation as closed without agreement, reason expired, and tells both parties', async () => {
    const c = await one('mediation_cases', 'c_expired')
    expect(c['status']).toBe('closed_without_agreement')
    expect(c['closeReason']).toEqual({ kind: 'expired', by: 'system', note: null })
    expect(c['version']).toBe(4)
    const events = await docs('case_events', { caseId: 'c_expired' })
    expect(events.map((e) => e['type'])).toEqual(['case.expired'])
    for (const openid of [PEOPLE.applicant, PEOPLE.respondent]) {
      const msgs = await docs('messages', { toOpenid: openid, title: '调解期限届满，案件已结束' })
      expect(msgs).toHaveLength(1)
      expect(msgs[0]?.['body']).toContain('TJ-2026-c_expired')
    }
    // A consented extension moves the deadline: that case is still running and got no reminder
    // yet (it has 9 days left).
    const extended = await one('mediation_cases', 'c_extended')
    expect(extended['status']).toBe('mediating')
    expect(extended['version']).toBe(3)
  })

  it('reminds at D-7 and, when D-7 was missed, only at D-2', async () => {
    expect((await one('mediation_cases', 'c_d7'))['mediationReminders']).toEqual(['D-7'])
    expect((await one('mediation_cases', 'c_d2'))['mediationReminders']).toEqual(['D-2'])
    expect((await one('mediation_cases', 'c_fresh'))['mediationReminders']).toBeUndefined()
    expect(await docs('messages', { title: '调解期限还剩 7 天' })).toHaveLength(2)
    expect(await docs('messages', { title: '调解期限还剩 2 天' })).toHaveLength(2)
  })

  it('closes the judicial-confirmation window after 30 days and reminds before it', async () => {
    const closed = await one('mediation_cases', 'c_window_closed')
    expect(closed['confirmationWindowClosedAt']).toBeInstanceOf(Date)
    expect(closed['status']).toBe('settled')
    expect(await docs('messages', { title: '司法确认申请期限已届满' })).toHaveLength(2)
    // An application already with the organisation: the window is marked, nobody is alarmed.
    const used = await one('mediation_cases', 'c_window_used')
    expect(used['confirmationWindowClosedAt']).toBeInstanceOf(Date)
    expect(
      (await docs('messages', { title: '司法确认申请期限已届满' })).map((m) => m['body']),
    ).not.toContainEqual(expect.stringContaining('c_window_used'))
    expect((await one('mediation_cases', 'c_window_d7'))['confirmationReminders']).toEqual(['D-7'])
    expect(await docs('messages', { title: '司法确认申请期限还剩 7 天' })).toHaveLength(2)
  })

  it('flags an unanswered respondent invitation and tells the applicant', async () => {
    const c = await one('mediation_cases', 'c_invited')
    expect(c['invitationLapsedFor']).toBe('a'.repeat(64))
    expect(c['status']).toBe('awaiting_respondent')
    const msgs = await docs('messages', { title: '被申请人未在期限内响应邀请' })
    expect(msgs.map((m) => m['toOpenid'])).toEqual([PEOPLE.applicant])
  })

  it('flags an identity review past its 4-hour SLA and expires a call invitation after 2 minutes', async () => {
    expect((await one('identities', 'idt_late'))['reviewOverdueAt']).toBeInstanceOf(Date)
    expect((await one('identities', 'idt_late'))['status']).toBe('manual_pending')
    expect((await one('identities', 'idt_recent'))['reviewOverdueAt']).toBeUndefined()
    expect((await one('call_invitations', 'ci_lapsed'))['status']).toBe('expired')
    expect((await one('call_invitations', 'ci_ringing'))['status']).toBe('ringing')
  })

  it('audits every change on the entity chain', async () => {
    for (const [collection, id] of [
      ['mediation_cases', 'c_expired'],
      ['mediation_cases', 'c_d7'],
      ['mediation_cases', 'c_window_closed'],
      ['mediation_cases', 'c_invited'],
      ['identities', 'idt_late'],
      ['call_invitations', 'ci_lapsed'],
    ] as const) {
      expect(await chain(collection, id)).toEqual(expect.objectContaining({ ok: true }))
    }
    const events = await docs('audit_events', { entityId: 'c_expired' })
    expect(events.map((e) => [e['action'], e['actorRole'], e['actorHash']])).toEqual([
      ['case.expired', 'system', 'system:deadlines'],
    ])
  })

  it('changes nothing when the timer fires twice', async () => {
    const before = {
      messages: (await docs('messages')).length,
      audit: (await docs('audit_events')).length,
      cases: (await docs('mediation_cases')).map((c) => [c['_id'], c['version']]),
    }
    expect(await fire()).toEqual({
      expiredCases: 0,
      mediationReminders: 0,
      confirmationReminders: 0,
      confirmationWindowsClosed: 0,
      overdueIdentityReviews: 0,
      overdueInvitations: 0,
      expiredCallInvitations: 0,
      erasedIdPhotos: 0,
      expiredRequestResults: 0,
      conflicts: 0,
    })
    expect((await docs('messages')).length).toBe(before.messages)
    expect((await docs('audit_events')).length).toBe(before.audit)
    expect((await docs('mediation_cases')).map((c) => [c['_id'], c['version']])).toEqual(
      before.cases,
    )
  })

  it('fires by itself when the controlled clock crosses the hour', async () => {
    const timers = emulator.emu.service<{ tick(): Promise<unknown[]> }>('timers')
    const nextHour = Math.floor(emulator.clock.now() / HOUR + 1) * HOUR
    emulator.clock.set(nextHour + 1000)
    await timers.tick()
    const res = await fetch(`${emulator.baseUrl}/__emulator/timers`)
    const body = (await res.json()) as { history: (Firing & { function: string })[] }
    const automatic = body.history.filter((f) => f.function === 'deadlines' && !f.manual)
    expect(automatic).toHaveLength(1)
    expect(automatic[0]?.outcome.result?.ok).toBe(true)
  })
  it('erases ID photos 30 days after the review, from storage and from the identity, with an audit event', async () => {
    const due = await one('identities', 'idt_photos_due')
    expect(due).toMatchObject({
      photos: null,
      photosDeleteAfter: null,
      enterprise: { name: '某某公司', licenceFileId: null, authorisationFileId: null },
      version: 4,
    })
    for (const name of ['old-front', 'old-handheld', 'old-licence']) {
      expect(await fileExists(photoIds[name] ?? ''), name).toBe(false)
    }
    expect(await chain('identities', 'idt_photos_due')).toMatchObject({ ok: true })
    expect(await one('identities', 'idt_photos_kept')).toMatchObject({ version: 3 })
    expect(await fileExists(photoIds['new-front'] ?? '')).toBe(true)
  })

  it('forgets request results older than 7 days and keeps younger ones', async () => {
    expect((await docs('idempotency_keys')).map((d) => d['_id']).sort()).toContain('idem_young')
    expect(await docs('idempotency_keys', { _id: 'idem_old' })).toEqual([])
  })

  it('erases the rest when the controlled clock reaches their time', async () => {
    emulator.clock.set(t0 + 7 * DAY)
    const summary = await fire()
    expect(summary).toMatchObject({ erasedIdPhotos: 1, expiredRequestResults: 1 })
    expect(await one('identities', 'idt_photos_kept')).toMatchObject({ photos: null, version: 4 })
    expect(await fileExists(photoIds['new-front'] ?? '')).toBe(false)
    expect(await docs('idempotency_keys', { _id: 'idem_young' })).toEqual([])
  })
})
