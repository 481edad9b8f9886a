import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { sdkEnvFor } from '../../tools/cloudbase-emulator/src/index'
import { runIntake, type Answer, type JourneyPlatform } from '../../tools/bench/party-journey'
import { startChildEmulator, type ChildEmulator } from './support/child-emulator'
import { connectSdk, type Doc } from './support/sdk'

// kill -9 in the middle of party journeys (the built functions, run by the emulator's CLI on a
// data directory), restart, and check: every acknowledged step is there, nothing is half
// written (each case's audit chain verifies and its timeline has no step twice), and replaying
// the journeys with the same request ids finishes them without doubling anything.

const JOURNEYS = 3
const KILL_AFTER_ACKS = 14
const dir = mkdtempSync(join(tmpdir(), 'durability-journeys-'))
const children: ChildEmulator[] = []

afterAll(async () => {
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL')
    await child.exited
  }
  rmSync(dir, { recursive: true, force: true })
})

function platformOf(baseUrl: string): JourneyPlatform {
  return {
    async invoke(openid, fn, action, payload, requestId) {
      const res = await fetch(`${baseUrl}/__emulator/functions/${fn}/invoke`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: { action, payload, requestId }, caller: { openid } }),
      })
      const out = (await res.json()) as { result?: Answer; error?: { code: string } }
      if (!out.result) throw new Error(`${fn}.${action}: ${out.error?.code ?? res.status}`)
      return out.result
    },
    async passFace(verifyId) {
      const res = await fetch(`${baseUrl}/__emulator/face/${verifyId}/outcome`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'success' }),
      })
      if (res.status === 404) return false
      if (!res.ok) throw new Error(`face outcome ${res.status}`)
      return true
    },
  }
}

async function all(baseUrl: string, collection: string): Promise<Doc[]> {
  const db = connectSdk(baseUrl, 'demo-local').database()
  const out: Doc[] = []
  for (;;) {
    const page = await db.collection(collection).skip(out.length).limit(1000).get()
    out.push(...page.data)
    if (page.data.length < 1000) return out
  }
}

/** The case status each acknowledged step guarantees at least. */
const AT_LEAST: Record<string, readonly string[]> = {
  'mediationCase.submit': ['submitted', 'awaiting_respondent', 'awaiting_mediator'],
  'mediationCase.invite': ['awaiting_respondent', 'awaiting_mediator'],
  'mediationCase.join': ['awaiting_respondent', 'awaiting_mediator'],
  'mediationCase.respond': ['awaiting_mediator'],
}

describe('durability of journeys across kill -9', () => {
  it('keeps every acknowledged step, writes nothing half, and replays idempotently', async () => {
    const first = await startChildEmulator(['--data', dir])
    children.push(first)
    const acks: {
      journey: number
      step: string
      data: Record<string, unknown>
      openid: string
    }[] = []
    const running = Array.from({ length: JOURNEYS }, (_, i) =>
      runIntake(platformOf(first.baseUrl), i, JOURNEYS, (step, data, openid) => {
        acks.push({ journey: i, step, data, openid })
      }).catch(() => null),
    )
    while (acks.length < KILL_AFTER_ACKS) await new Promise((r) => setTimeout(r, 20))
    first.process.kill('SIGKILL')
    expect(await first.exited).toBe('SIGKILL')
    children.splice(0)
    await Promise.all(running)
    const acked = acks.slice()

    const second = await startChildEmulator(['--data', dir])
    children.push(second)
    const cases = new Map((await all(second.baseUrl, 'mediation_cases')).map((c) => [c['_id'], c]))
    const identities = await all(second.baseUrl, 'identities')
    const caseOf = new Map<number, string>()
    for (const a of acked) {
      if (a.step === 'mediationCase.submit') caseOf.set(a.journey, String(a.data['caseId']))
    }
    const lost: string[] = []
    for (const a of acked) {
      if (a.step === 'verifyIdentity.confirmFace') {
        const verified = identities.some(
          (d) => d['openid'] === a.openid && d['status'] === 'verified',
        )
        if (!verified) lost.push(`journey ${a.journey} ${a.step}`)
      }
      const allowed = AT_LEAST[a.step]
      if (!allowed) continue
      const doc = cases.get(caseOf.get(a.journey))
      if (!doc || !allowed.includes(String(doc['status']))) {
        lost.push(`journey ${a.journey} ${a.step}: ${doc ? String(doc['status']) : '无此案件'}`)
      }
    }
    expect(lost).toEqual([])
    expect(acked.filter((a) => a.step === 'mediationCase.submit').length).toBeGreaterThan(0)

    // Replaying every journey with the same request ids finishes each one exactly once.
    const replayed = await Promise.all(
      Array.from({ length: JOURNEYS }, (_, i) =>
        runIntake(platformOf(second.baseUrl), i, JOURNEYS),
      ),
    )
    for (const [i, caseId] of caseOf) expect(replayed[i]?.caseId).toBe(caseId)
    const after = await all(second.baseUrl, 'mediation_cases')
    expect(after).toHaveLength(JOURNEYS)
    expect(after.map((c) => c['status'])).toEqual(Array(JOURNEYS).fill('awaiting_mediator'))

    const events = await all(second.baseUrl, 'case_events')
    const steps = events.map((e) => `${String(e['caseId'])} ${String(e['type'])}`)
    expect(steps.length).toBe(new Set(steps).size)
    expect(events.filter((e) => e['type'] === 'case.respondent_consented')).toHaveLength(JOURNEYS)

    Object.assign(process.env, sdkEnvFor(second.baseUrl, { openid: 'o_durability_check' }))
    const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
    for (const c of after) {
      const chain = await verifyAuditChain('mediation_cases', String(c['_id']), {
        auditSeq: c['auditSeq'] as number,
        auditHash: c['auditHash'] as string,
      })
      expect(chain).toEqual(expect.objectContaining({ ok: true }))
    }
  }, 300_000)
})
