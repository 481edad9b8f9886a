// Property-based: random and malformed payloads at every action of mediatorDesk, videoMediation
// and signAgreement, aimed at a real case in signing and a real call. Whatever arrives, the
// answer is a typed envelope with a Chinese message, never INTERNAL, and a refusal writes nothing.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, type Harness } from './harness'
import { APPLICANT, TERMS, caseAwaitingMediator, seedMoreMediators } from './support/case-fixtures'

let h: Harness
let caseId = ''
let callId = ''
let hash = ''

const COMMON = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
]

const DESK = [
  'BIND_CODE_INVALID',
  'BIND_CODE_EXPIRED',
  'BIND_CODE_USED',
  'ALREADY_BOUND',
  'INVALID_TRANSITION',
  'NOT_ASSIGNED_MEDIATOR',
  'AGREEMENT_EXISTS',
  'NO_AGREEMENT',
  'STALE_REVISION',
  'INCOMPLETE_SIGNERS',
  'NOT_AGREEMENT_MEDIATOR',
  'CONTENT_RISKY',
]
const CALL = [
  'INVALID_TRANSITION',
  'CASE_NOT_MEDIATING',
  'NOT_INVITED',
  'INVITATION_EXPIRED',
  'INVITATION_DECLINED',
  'CALL_ENDED',
  'PARTY_NOT_JOINED',
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'UPSTREAM_UNAVAILABLE',
]
const SIGN = [
  'NO_AGREEMENT',
  'NOT_SIGNING',
  'STALE_REVISION',
  'HASH_MISMATCH',
  'NOT_A_SIGNER',
  'ALREADY_SIGNED',
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'FILE_NOT_OWNED',
  'INVALID_TRANSITION',
]

const M = PEOPLE.mediator
const ACTIONS: readonly { fn: string; action: string; caller: string; codes: string[] }[] = [
  { fn: 'mediatorDesk', action: 'bind', caller: 'o_fuzz', codes: DESK },
  { fn: 'mediatorDesk', action: 'listAssigned', caller: M, codes: [] },
  { fn: 'mediatorDesk', action: 'accept', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'decline', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'addNote', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'draftAgreement', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'reviseAgreement', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'sendForSigning', caller: M, codes: DESK },
  { fn: 'mediatorDesk', action: 'closeCase', caller: M, codes: DESK },
  { fn: 'videoMediation', action: 'start', caller: M, codes: CALL },
  { fn: 'videoMediation', action: 'join', caller: APPLICANT.openid, codes: CALL },
  { fn: 'videoMediation', action: 'decline', caller: APPLICANT.openid, codes: CALL },
  { fn: 'videoMediation', action: 'leave', caller: APPLICANT.openid, codes: CALL },
  { fn: 'videoMediation', action: 'end', caller: M, codes: CALL },
  { fn: 'videoMediation', action: 'members', caller: APPLICANT.openid, codes: CALL },
  { fn: 'signAgreement', action: 'get', caller: APPLICANT.openid, codes: SIGN },
  { fn: 'signAgreement', action: 'sign', caller: APPLICANT.openid, codes: SIGN },
]

const FILE = 'cloud://demo-local.bucket/private/000000000000000000000000/signatures/a.png'

function baseline(fn: string, action: string): Record<string, unknown> {
  const draft = { caseId, facts: '事实。', terms: { ...TERMS } }
  const table: Record<string, Record<string, unknown>> = {
    'mediatorDesk.bind': { code: 'ABCDEFGH23' },
    'mediatorDesk.listAssigned': { tab: 'active', page: 1, pageSize: 10 },
    'mediatorDesk.accept': { caseId },
    'mediatorDesk.decline': { caseId, reason: '时间冲突' },
    'mediatorDesk.addNote': { caseId, text: '备注' },
    'mediatorDesk.draftAgreement': draft,
    'mediatorDesk.reviseAgreement': { ...draft, version: 1 },
    'mediatorDesk.sendForSigning': { caseId, version: 1 },
    'mediatorDesk.closeCase': { caseId, kind: 'failed', reason: '分歧大' },
    'videoMediation.start': { caseId, room: { privateWith: 'applicant' } },
    'signAgreement.get': { caseId },
    'signAgreement.sign': { caseId, version: 1, hash, signatureImageFileId: FILE },
  }
  return table[`${fn}.${action}`] ?? { callId }
}

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('.*', '^(a+)+$', '\u0000', '张伟', 'cloud://x/private/../../etc', '', 'all'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ $ne: null }),
  fc.constant({ privateWith: 'mediator' }),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 30 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 8 }),
  fc.constant('长'.repeat(5000)),
)

const FIELDS = [
  'caseId',
  'callId',
  'version',
  'hash',
  'terms',
  'room',
  'tab',
  '__proto__',
  '$where',
]

const payloadFor = (fn: string, action: string) => {
  const base = baseline(fn, action)
  const keys = Object.keys(base)
  return fc.oneof(
    fc.anything(),
    fc.tuple(fc.constantFrom(...keys), nasty).map(([k, v]) => ({ ...base, [k]: v })),
    fc
      .constantFrom(...keys)
      .map((k) => Object.fromEntries(Object.entries(base).filter(([x]) => x !== k))),
    fc.tuple(fc.constantFrom(...FIELDS), nasty).map(([k, v]) => ({ ...base, [k]: v })),
  )
}

const requestId = fc.oneof(
  fc.constant(undefined),
  fc.string({ minLength: 8, maxLength: 20, unit: fc.constantFrom(...'abcdefghijk0123456789_-') }),
  fc.string(),
)

const WATCHED = [
  'mediation_cases',
  'agreements',
  'calls',
  'call_invitations',
  'case_events',
  'audit_events',
  'messages',
]
const counts = () => Promise.all(WATCHED.map(async (c) => (await h.docs(c)).length))

function assertTyped(res: unknown, allowed: readonly string[]): boolean {
  expect(res).toEqual(expect.objectContaining({ ok: expect.any(Boolean) as unknown }))
  const r = res as { ok: boolean; error?: { code: string; message: string } }
  if (r.ok) return true
  expect(allowed).toContain(r.error?.code)
  expect(r.error?.message).toMatch(/[\u4e00-\u9fff]/)
  return false
}

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'videoMediation', 'signAgreement'])
  await seedRoles(h)
  await seedMoreMediators(h)
  caseId = await caseAwaitingMediator(h)
  const steps = [
    await h.call(M, 'mediatorDesk', 'accept', { caseId }, rid()),
    await h.call(
      M,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '事实。', terms: TERMS },
      rid(),
    ),
  ]
  const sent = await h.call(M, 'mediatorDesk', 'sendForSigning', { caseId, version: 1 }, rid())
  const call = await h.call(M, 'videoMediation', 'start', { caseId, room: 'all' }, rid())
  for (const s of [...steps, sent, call]) if (!s.ok) throw new Error(JSON.stringify(s.error))
  if (!sent.ok || !call.ok) return
  hash = sent.data.hash
  callId = call.data.callId
})
afterAll(async () => {
  await h.stop()
})

describe('fuzzed payloads at the desk, call and signing actions', () => {
  for (const { fn, action, caller, codes } of ACTIONS) {
    it(`${fn}.${action}: always a typed answer, never a partial write`, async () => {
      await fc.assert(
        fc.asyncProperty(payloadFor(fn, action), requestId, async (p, id) => {
          const before = await counts()
          const event: Record<string, unknown> = { action, payload: p }
          if (id !== undefined) event['requestId'] = id
          const res = await h.raw(caller, fn, event)
          if (!assertTyped(res, [...COMMON, ...codes])) expect(await counts()).toEqual(before)
        }),
        { numRuns: 15 },
      )
    })
  }

  it('whole events of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything(),
        fc.constantFrom('mediatorDesk', 'videoMediation', 'signAgreement'),
        async (event, fn) => {
          const before = await counts()
          const res = await h.raw(M, fn, event)
          if (!assertTyped(res, COMMON)) expect(await counts()).toEqual(before)
        },
      ),
      { numRuns: 30 },
    )
  })
})
