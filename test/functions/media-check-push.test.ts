// mediaCheckAsync verdicts: the emulator pushes the `wxa_media_check` event to mediationCase as
// the platform would (no user, a non-client SOURCE); review flags the image for the mediator and
// staff, risky hides it from the other party and the mediator, pass clears it; each trace id once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PUSH_SOURCE } from '../../tools/cloudbase-emulator/src/openapi/index'
import { pushEventOf } from '../../tools/cloudbase-emulator/src/openapi/media-check-push'
import { PEOPLE, seedRoles, startHarness, type Harness } from './harness'
import {
  agreedCase,
  ENV,
  evidenceFile,
  faceVerified,
  IDS,
  markAccepted,
} from './mediation-case-support'

const A = PEOPLE.applicant
const R = PEOPLE.respondent

interface EvidenceOut {
  name: string
  check: string
  checkNote?: string | null
  url: string | null
}

async function evidenceSeenBy(h: Harness, openid: string, caseId: string) {
  const res = await h.call(openid, 'mediationCase', 'detail', { caseId })
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data.evidence as readonly EvidenceOut[]
}

function caseDoc(h: Harness, caseId: string) {
  return h.emulator.database.collection(ENV, 'mediation_cases').get(caseId) as
    | { version: number; evidence: { name: string; check: string; traceId: string | null }[] }
    | undefined
}

async function deliver(h: Harness, traceId?: string) {
  const res = await fetch(`${h.emulator.baseUrl}/__emulator/media-checks/deliver`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(traceId === undefined ? {} : { traceId }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

/** A case the mediator accepted, with a clean, a doubtful and a risky evidence image. */
async function caseWithImages(h: Harness): Promise<string> {
  const files = {
    clean: await evidenceFile(h, A, 'contract.jpg'),
    doubtful: await evidenceFile(h, A, 'EMULATOR-REVIEW-site.jpg'),
    risky: await evidenceFile(h, A, 'EMULATOR-RISKY-chat.jpg'),
  }
  const caseId = await agreedCase(h, A, R, {
    evidence: [
      { fileId: files.clean, name: '采购合同', kind: 'image' },
      { fileId: files.doubtful, name: '现场照片', kind: 'image' },
      { fileId: files.risky, name: '聊天截图', kind: 'image' },
    ],
  })
  await markAccepted(h, caseId, 'med_1', new Date())
  await h.emulator.database
    .collection(ENV, 'mediation_cases')
    .update({ _id: caseId }, { $set: { organisationId: 'org_a' } })
  return caseId
}

describe('mediaCheckAsync verdicts, delivered on demand', () => {
  let h: Harness
  let caseId: string
  let traces: Record<'clean' | 'doubtful' | 'risky', string>

  beforeAll(async () => {
    // Only the control endpoint delivers here, so each step sees the state it expects.
    process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '-1'
    h = await startHarness(['profile', 'verifyIdentity', 'mediationCase'])
    await seedRoles(h)
    await faceVerified(h, A, '张伟', IDS.applicant)
    await faceVerified(h, R, '李娜', IDS.respondent)
    caseId = await caseWithImages(h)
    const ev = caseDoc(h, caseId)?.evidence ?? []
    traces = {
      clean: ev[0]?.traceId ?? '',
      doubtful: ev[1]?.traceId ?? '',
      risky: ev[2]?.traceId ?? '',
    }
  })
  afterAll(async () => {
    delete process.env['EMULATOR_MEDIA_CHECK_DELAY_MS']
    await h.stop()
  })

  it('keeps every image pending until the verdict is pushed', async () => {
    expect(Object.values(traces).every((t) => t.startsWith('local-'))).toBe(true)
    const seen = await evidenceSeenBy(h, R, caseId)
    expect(seen.map((e) => [e.name, e.check])).toEqual([
      ['采购合同', 'pending'],
      ['现场照片', 'pending'],
      ['聊天截图', 'pending'],
    ])
  })

  it('refuses the push shape from the mini-program, signed in or not, and changes nothing', async () => {
    const record = h.emulator.database
      .collection(ENV, 'emulator_media_checks')
      .findOne({ traceId: traces.risky })
    expect(record).toBeDefined()
    const forged = { ...pushEventOf(record ?? {}), result: { suggest: 'pass', label: 100 } }
    const before = caseDoc(h, caseId)?.version
    for (const openid of [A, undefined]) {
      const res = (await h.raw(openid, 'mediationCase', forged)) as {
        ok: boolean
        error?: { code: string; message: string }
      }
      expect(res).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '该事件只能由微信平台推送' },
      })
    }
    // A platform-looking SOURCE with someone else's OPENID is no push either.
    const other = await h.functions.invoke('mediationCase', forged, {
      openid: R,
      source: PUSH_SOURCE,
    })
    expect('result' in other && other.result).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(caseDoc(h, caseId)?.version).toBe(before)
    expect(caseDoc(h, caseId)?.evidence.map((e) => e.check)).toEqual([
      'pending',
      'pending',
      'pending',
    ])
  })

  it('refuses a bad control request with a message', async () => {
    const res = await deliver(h, '')
    expect(res).toEqual({
      status: 400,
      body: { error: { code: 'BAD_REQUEST', message: 'traceId 必须是非空字符串' } },
    })
  })

  it('delivers each verdict to mediationCase and applies it', async () => {
    const res = await deliver(h)
    const delivered = res.body['delivered'] as { traceId: string; ok: boolean }[]
    expect(res.status).toBe(200)
    expect(delivered.map((d) => [d.traceId, d.ok]).sort()).toEqual(
      Object.values(traces)
        .map((t) => [t, true])
        .sort(),
    )
    expect(caseDoc(h, caseId)?.evidence.map((e) => e.check)).toEqual(['pass', 'review', 'risky'])
  })

  it('shows the applicant 审核中 for review and the risky image with its reason', async () => {
    const seen = await evidenceSeenBy(h, A, caseId)
    expect(seen.map((e) => [e.name, e.check])).toEqual([
      ['采购合同', 'pass'],
      ['现场照片', 'pending'],
      ['聊天截图', 'risky'],
    ])
    expect(seen[1]?.checkNote).toBeNull()
    expect(seen[2]?.checkNote).toMatch(/未通过微信内容安全审核.*已对对方当事人和调解员隐藏/)
    const messages = await h.docs('messages', { toOpenid: A, title: '证据图片未通过审核' })
    expect(messages).toHaveLength(1)
    expect(messages[0]?.['body']).toContain('聊天截图')
  })

  it('hides the risky image from the respondent, who sees the doubtful one as 审核中', async () => {
    const seen = await evidenceSeenBy(h, R, caseId)
    expect(seen.map((e) => [e.name, e.check, e.checkNote])).toEqual([
      ['采购合同', 'pass', null],
      ['现场照片', 'pending', null],
    ])
  })

  it('flags the doubtful image for the mediator and hides the risky one', async () => {
    const seen = await evidenceSeenBy(h, PEOPLE.mediator, caseId)
    expect(seen.map((e) => [e.name, e.check])).toEqual([
      ['采购合同', 'pass'],
      ['现场照片', 'review'],
    ])
    expect(seen[1]?.checkNote).toMatch(/人工复核/)
  })

  it('lets the organisation staff see both flags', async () => {
    const seen = await evidenceSeenBy(h, PEOPLE.staffA, caseId)
    expect(seen.map((e) => [e.name, e.check])).toEqual([
      ['采购合同', 'pass'],
      ['现场照片', 'review'],
      ['聊天截图', 'risky'],
    ])
  })

  it('applies each trace id once: a repeated or contradicting push changes nothing', async () => {
    const again = await deliver(h)
    expect(again.body).toEqual({ delivered: [] })
    const version = caseDoc(h, caseId)?.version
    const record = h.emulator.database
      .collection(ENV, 'emulator_media_checks')
      .findOne({ traceId: traces.risky })
    const repeat = { ...pushEventOf(record ?? {}), result: { suggest: 'pass', label: 100 } }
    const out = await h.functions.invoke('mediationCase', repeat, { source: PUSH_SOURCE })
    expect('result' in out && out.result).toEqual({
      ok: true,
      data: { traceId: traces.risky, outcome: 'duplicate', verdict: 'pass' },
    })
    expect(caseDoc(h, caseId)?.version).toBe(version)
    expect(caseDoc(h, caseId)?.evidence[2]?.check).toBe('risky')
    const messages = await h.docs('messages', { toOpenid: A, title: '证据图片未通过审核' })
    expect(messages).toHaveLength(1)
  })

  it('keeps a verdict for a trace id no image has, changing no case; types a malformed push', async () => {
    const unknown = await h.functions.invoke(
      'mediationCase',
      {
        MsgType: 'event',
        Event: 'wxa_media_check',
        trace_id: 'forged-trace',
        version: 2,
        result: { suggest: 'risky', label: 20002 },
      },
      { source: PUSH_SOURCE },
    )
    expect('result' in unknown && unknown.result).toEqual({
      ok: true,
      data: { traceId: 'forged-trace', outcome: 'held', verdict: 'risky' },
    })
    const malformed = await h.functions.invoke(
      'mediationCase',
      { MsgType: 'event', Event: 'wxa_media_check', result: 'risky' },
      { source: PUSH_SOURCE },
    )
    expect('result' in malformed && malformed.result).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '内容审核结果缺少任务编号', field: 'trace_id' },
    })
  })
})

describe('mediaCheckAsync verdicts, delivered by the emulator after its delay', () => {
  let h: Harness

  beforeAll(async () => {
    process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '50'
    h = await startHarness(['profile', 'verifyIdentity', 'mediationCase'])
    await seedRoles(h)
    await faceVerified(h, A, '张伟', IDS.applicant)
    await faceVerified(h, R, '李娜', IDS.respondent)
  })
  afterAll(async () => {
    delete process.env['EMULATOR_MEDIA_CHECK_DELAY_MS']
    await h.stop()
  })

  it('pushes without being asked and the verdict lands on the case', async () => {
    const caseId = await caseWithImages(h)
    const records = h.emulator.database.collection(ENV, 'emulator_media_checks')
    const delivered = () => records.find({}).map((r) => (r['delivery'] as { ok?: boolean })?.ok)
    let checks: string[] = []
    for (let i = 0; i < 200; i += 1) {
      checks = caseDoc(h, caseId)?.evidence.map((e) => e.check) ?? []
      if (!checks.includes('pending') && delivered().every((ok) => ok !== undefined)) break
      await new Promise((r) => setTimeout(r, 100))
    }
    expect(checks).toEqual(['pass', 'review', 'risky'])
    expect(delivered()).toEqual([true, true, true])
  })
})
