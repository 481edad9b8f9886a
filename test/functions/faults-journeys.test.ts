// Party journeys with faults on: database writes, invocations and timeouts fail at seeded rates,
// and every step is retried with the same request id until it succeeds, as the mini-program's
// intents do. Afterwards nothing may show the faults: every case is in a legal state of its
// machine, no transition happened twice, the audit chains verify, every request id replays its
// first answer, and no document is half-written. `npm run soak` runs more journeys.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  CASE_STATUSES,
  mediationCaseMachine,
  type CaseStatus,
} from '../../miniprogram/core/machines/mediation-case'
import { runIntake, type Answer, type JourneyPlatform } from '../../tools/bench/party-journey'
import {
  parseFaultConfig,
  type FaultInjector,
} from '../../tools/cloudbase-emulator/src/faults/index'
import { startHarness, type Harness } from './harness'
import { TERMS, chainOf } from './support/case-fixtures'
import { privateFile, seedOrganisations } from './support/settled-case-fixtures'

const JOURNEYS = Number(process.env['FAULT_JOURNEYS'] ?? 2)
const SEED = Number(process.env['FAULT_SEED'] ?? 20261202)
const FAULTS = {
  seed: SEED,
  database: { writeFailureRate: 0.1 },
  storage: { failureRate: 0.05 },
  functions: { failureRate: 0.1, timeoutRate: 0.02 },
}
/** Attempts per step: with these rates a step failing this often means the step is broken. */
const MAX_ATTEMPTS = 12

let h: Harness
let faults: FaultInjector

beforeAll(async () => {
  h = await startHarness([
    'verifyIdentity',
    'mediationCase',
    'recommendMediator',
    'mediatorDesk',
    'signAgreement',
  ])
  await seedOrganisations(h)
  // One mediator per journey, so journeys never contend for a mediator's caseload.
  await h.insert(
    'mediators',
    Array.from({ length: JOURNEYS }, (_, i) => ({
      _id: `med_fault_${i}`,
      // Only what choosing, accepting and drafting read.
      name: '周强',
      organisationId: 'org_a',
      available: true,
      capacity: 10,
      openid: mediatorOf(i),
      version: 1,
    })),
  )
  faults = h.emulator.emu.service<FaultInjector>('faults')
})

afterAll(async () => {
  await h.stop()
})

function mediatorOf(i: number): string {
  return `o_fault_mediator_${String(i).padStart(2, '0')}`
}

interface Ack {
  readonly openid: string
  readonly fn: string
  readonly action: string
  readonly payload: object
  readonly requestId: string
  readonly data: Record<string, unknown>
}

const acks: Ack[] = []
const retries = { invocationErrors: 0, internal: 0 }

/** Errors a retry may cure: the platform's invocation errors and the kernel's INTERNAL. */
const platform: JourneyPlatform = {
  async invoke(openid, fn, action, payload, requestId) {
    let last = ''
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt += 1) {
      const out = await h.functions.invoke(fn, { action, payload, requestId }, { openid })
      if ('error' in out) {
        retries.invocationErrors += 1
        last = out.error.code
        continue
      }
      const answer = out.result as Answer
      if (!answer.ok && answer.error.code === 'INTERNAL') {
        retries.internal += 1
        last = lastErrorLine(fn)
        continue
      }
      if (answer.ok) acks.push({ openid, fn, action, payload, requestId, data: answer.data })
      return answer
    }
    throw new Error(`${fn}.${action} failed ${MAX_ATTEMPTS} times in a row; last: ${last}`)
  },
  async passFace(verifyId) {
    const res = await fetch(`${h.emulator.baseUrl}/__emulator/face/${verifyId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'success' }),
    })
    if (res.status === 404) return false
    if (!res.ok) throw new Error(`face outcome ${res.status}`)
    return true
  },
}

/** The function's last logged error, to name what kept failing. */
function lastErrorLine(fn: string): string {
  const { lines } = h.functions.runtime().logs.query({ function: fn, limit: 50 })
  return (
    lines
      .filter((l) => l.level === 'error')
      .at(-1)
      ?.text.slice(0, 600) ?? ''
  )
}

async function step(
  openid: string,
  fn: string,
  action: string,
  payload: object,
  requestId: string,
): Promise<Record<string, unknown>> {
  const answer = await platform.invoke(openid, fn, action, payload, requestId)
  if (!answer.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(answer.error)}`)
  return answer.data
}

/** Uploads are set-up the user does in WeChat; they retry like any other call. */
async function signatureOf(openid: string, caseId: string): Promise<string> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await privateFile(h, openid, `signatures/${caseId}.png`)
    } catch (e) {
      if (attempt >= MAX_ATTEMPTS) throw e
    }
  }
}

/** Intake (shared with the bench), then mediator, agreement, and every signature. */
async function journey(i: number): Promise<string> {
  const { caseId, applicant, respondent } = await runIntake(platform, i, JOURNEYS)
  const mediator = mediatorOf(i)
  const rid = (who: string, what: string) => `${who}_${what}`.slice(0, 64)
  await step(
    applicant,
    'recommendMediator',
    'choose',
    { caseId, mediatorId: `med_fault_${i}` },
    rid(applicant, 'choose'),
  )
  await step(mediator, 'mediatorDesk', 'accept', { caseId }, rid(mediator, `accept_${i}`))
  const draft = await step(
    mediator,
    'mediatorDesk',
    'draftAgreement',
    { caseId, facts: '双方因货款发生争议，经调解达成如下协议。', terms: TERMS },
    rid(mediator, `draft_${i}`),
  )
  const sent = await step(
    mediator,
    'mediatorDesk',
    'sendForSigning',
    { caseId, version: draft['version'] },
    rid(mediator, `send_${i}`),
  )
  for (const openid of [applicant, respondent, mediator]) {
    await step(
      openid,
      'signAgreement',
      'sign',
      {
        caseId,
        version: sent['version'],
        hash: sent['hash'],
        signatureImageFileId: await signatureOf(openid, caseId),
      },
      rid(openid, `sign_${i}`),
    )
  }
  return caseId
}

const docs = (collection: string, where: Record<string, unknown> = {}) => h.docs(collection, where)

describe(`${JOURNEYS} party journeys under faults (seed ${SEED})`, () => {
  it('end consistent: legal states, no transition twice, chains verify, replays, nothing half-written', async () => {
    faults.configure(parseOrThrow(FAULTS))
    const cases = await Promise.all(Array.from({ length: JOURNEYS }, (_, i) => journey(i)))
    const injected = faults.snapshot()['counters'] as {
      database: { failed: number }
      functions: { failed: number; timedOut: number }
    }
    faults.clear()
    console.log(`faults injected: ${JSON.stringify(injected)}; retries: ${JSON.stringify(retries)}`)
    // The run really was faulty (the seed decides how much; these are all non-zero for it).
    expect(injected.database.failed).toBeGreaterThan(0)
    expect(injected.functions.failed).toBeGreaterThan(0)
    expect(retries.invocationErrors + retries.internal).toBeGreaterThan(0)

    const byId = new Map((await docs('mediation_cases')).map((c) => [String(c['_id']), c]))
    expect(byId.size).toBe(JOURNEYS)
    for (const caseId of cases) {
      const doc = byId.get(caseId)
      expect(doc?.['status'], caseId).toBe('settled')
      const events = (await docs('case_events', { caseId })).sort(
        (a, b) => (a['seq'] as number) - (b['seq'] as number),
      )
      // A legal path of the case machine: contiguous, each step a rule of its from-state.
      let at: string | null = null
      for (const e of events) {
        if (at !== null) expect(e['from'], `${caseId} ${String(e['type'])}`).toBe(at)
        const from = e['from'] as CaseStatus | null
        const to = e['to'] as CaseStatus
        expect(CASE_STATUSES).toContain(to)
        if (from !== null && from !== to) {
          expect(Object.keys(mediationCaseMachine.table[from]).length).toBeGreaterThan(0)
        }
        at = to
      }
      expect(at).toBe(doc?.['status'])
      // No transition twice, and one audit event per timeline event.
      const types = events.map((e) => String(e['type']))
      const steps = events.map((e) => `${String(e['type'])} ${JSON.stringify(e['data'])}`)
      expect(steps.length, `${caseId}: ${steps.join('\n')}`).toBe(new Set(steps).size)
      const audit = await docs('audit_events', { entity: 'mediation_cases', entityId: caseId })
      expect(audit.map((a) => String(a['action'])).sort()).toEqual(
        types.filter((t) => t.startsWith('case.')).sort(),
      )
      expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })
    }

    // No half-written documents: one agreement per case, effective, its chain whole, and the
    // case pointing at it; one identity per journey user; no orphan case events.
    const agreements = await docs('agreements')
    expect(agreements).toHaveLength(JOURNEYS)
    for (const a of agreements) {
      expect(cases).toContain(a['caseId'])
      expect(byId.get(String(a['caseId']))?.['agreementId']).toBe(a['_id'])
      expect(a['status']).toBe('effective')
      const audit = await docs('audit_events', { entity: 'agreements', entityId: a['_id'] })
      const signed = audit.filter((e) => e['action'] === 'agreement.signed')
      expect(signed).toHaveLength(3)
      expect(new Set(signed.map((e) => e['actorHash'])).size).toBe(3)
      expect(audit.filter((e) => e['action'] === 'agreement.effective')).toHaveLength(1)
      expect(await chainOf(h, 'agreements', String(a['_id']))).toMatchObject({ ok: true })
    }
    const orphans = (await docs('case_events')).filter(
      (e) => typeof e['caseId'] === 'string' && !byId.has(e['caseId']),
    )
    expect(orphans).toEqual([])
    const identities = await docs('identities', { status: 'verified' })
    const owners = identities.map((d) => String(d['openid']))
    expect(owners.length).toBe(new Set(owners).size)
    expect(owners.length).toBe(JOURNEYS * 2)

    // Every request id answers its first acknowledged answer again, and changes nothing.
    const before = (await docs('case_events')).length
    const writes = acks.filter((a) => a.action !== 'status')
    for (const a of writes) {
      const again = await h.functions.invoke(
        a.fn,
        { action: a.action, payload: a.payload, requestId: a.requestId },
        { openid: a.openid },
      )
      expect(again, `${a.fn}.${a.action} ${a.requestId}`).toEqual(
        expect.objectContaining({ result: { ok: true, data: a.data } }),
      )
    }
    expect((await docs('case_events')).length).toBe(before)
  }, 600_000)
})

function parseOrThrow(input: typeof FAULTS) {
  // The same validation the control API applies.
  const parsed = parseFaultConfig(input)
  if (!parsed.ok) throw new Error(parsed.message)
  return parsed.config
}
