// Property-based: random and malformed payloads at every action. Whatever arrives, the answer is
// a typed error envelope with a Chinese message (or a success), never an exception or INTERNAL,
// and a refused call leaves no document behind.
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, seedRoles, startHarness, type Harness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness(['profile', 'messages', 'verifyIdentity'])
  await seedRoles(h)
})
afterAll(async () => {
  await h.stop()
})

const COMMON = [
  'INVALID_INPUT',
  'UNKNOWN_ACTION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
]

const ACTIONS: readonly { fn: string; action: string; caller: string; codes: readonly string[] }[] =
  [
    { fn: 'profile', action: 'whoAmI', caller: 'o_fuzz', codes: [] },
    {
      fn: 'profile',
      action: 'recordSubscribeGrants',
      caller: 'o_fuzz',
      codes: ['UNKNOWN_TEMPLATE'],
    },
    { fn: 'profile', action: 'acceptPrivacy', caller: 'o_fuzz', codes: [] },
    { fn: 'messages', action: 'list', caller: 'o_fuzz', codes: [] },
    { fn: 'messages', action: 'markRead', caller: 'o_fuzz', codes: [] },
    { fn: 'messages', action: 'markAllRead', caller: 'o_fuzz', codes: [] },
    { fn: 'verifyIdentity', action: 'status', caller: 'o_fuzz', codes: [] },
    {
      fn: 'verifyIdentity',
      action: 'startFace',
      caller: 'o_fuzz',
      codes: [
        'ALREADY_VERIFIED',
        'ID_ALREADY_BOUND',
        'INVALID_TRANSITION',
        'FACE_UNAVAILABLE',
        'UPSTREAM_UNAVAILABLE',
      ],
    },
    {
      fn: 'verifyIdentity',
      action: 'confirmFace',
      caller: 'o_fuzz',
      codes: [
        'FACE_SESSION_NOT_FOUND',
        'FACE_SESSION_EXPIRED',
        'FACE_NOT_FINISHED',
        'INVALID_TRANSITION',
        'UPSTREAM_UNAVAILABLE',
      ],
    },
    {
      fn: 'verifyIdentity',
      action: 'submitManual',
      caller: 'o_fuzz',
      codes: ['ALREADY_VERIFIED', 'ID_ALREADY_BOUND', 'INVALID_TRANSITION', 'FILE_NOT_OWNED'],
    },
    { fn: 'verifyIdentity', action: 'listPending', caller: PEOPLE.staffA, codes: [] },
    {
      fn: 'verifyIdentity',
      action: 'approve',
      caller: PEOPLE.staffA,
      codes: ['INVALID_TRANSITION', 'ID_ALREADY_BOUND'],
    },
    {
      fn: 'verifyIdentity',
      action: 'reject',
      caller: PEOPLE.staffA,
      codes: ['INVALID_TRANSITION'],
    },
    { fn: 'verifyIdentity', action: 'delete', caller: 'o_fuzz', codes: ['INVALID_TRANSITION'] },
  ]

const FIELDS = [
  'page',
  'pageSize',
  'unreadOnly',
  'ids',
  'results',
  'version',
  'name',
  'idNumber',
  'verifyId',
  'partyType',
  'idType',
  'photos',
  'enterprise',
  'identityId',
  'reason',
  '__proto__',
  'constructor',
  '$where',
]

const nasty = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '.*',
    '^(a+)+$',
    '\u0000',
    '张伟',
    '11010519491231002X',
    'cloud://x/private/../../etc',
    'resident_id',
    'enterprise',
    '',
  ),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant({ $ne: null }),
  fc.array(fc.string({ maxLength: 10 }), { maxLength: 60 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 12 }),
  fc.constant('长'.repeat(5000)),
)

/** A valid payload per action, so mutations of one field reach past the schema into handlers. */
const PHOTO = 'cloud://demo-local.bucket/private/000000000000000000000000/identity/a.jpg'
const BASELINES: Record<string, Record<string, unknown>> = {
  whoAmI: {},
  recordSubscribeGrants: { results: { local_template: 'accept' } },
  acceptPrivacy: { version: '1.0' },
  list: { page: 1, pageSize: 10 },
  markRead: { ids: ['msg_1'] },
  markAllRead: {},
  status: {},
  startFace: { name: '张伟', idNumber: '11010519491231002X' },
  confirmFace: { verifyId: 'vid_1' },
  submitManual: {
    partyType: 'person',
    idType: 'passport',
    name: '张伟',
    idNumber: 'E12345678',
    photos: { front: PHOTO, handheld: PHOTO },
  },
  listPending: {},
  approve: { identityId: 'idn_1' },
  reject: { identityId: 'idn_1', reason: '照片不清晰' },
  delete: {},
}

/** The baseline with one field replaced, removed, or one field added. */
const mutated = (action: string) => {
  const base = BASELINES[action] ?? {}
  const keys = Object.keys(base)
  return fc.oneof(
    keys.length
      ? fc.tuple(fc.constantFrom(...keys), nasty).map(([k, v]) => ({ ...base, [k]: v }))
      : fc.constant(base),
    keys.length
      ? fc
          .constantFrom(...keys)
          .map((k) => Object.fromEntries(Object.entries(base).filter(([x]) => x !== k)))
      : fc.constant(base),
    fc.tuple(fc.constantFrom(...FIELDS), nasty).map(([k, v]) => ({ ...base, [k]: v })),
  )
}

const payloadFor = (action: string) =>
  fc.oneof(
    fc.anything(),
    fc.dictionary(fc.constantFrom(...FIELDS), nasty, { maxKeys: 6 }),
    mutated(action),
  )

const requestId = fc.oneof(
  fc.constant(undefined),
  fc.string({ minLength: 8, maxLength: 20, unit: fc.constantFrom(...'abcdefghijk0123456789_-') }),
  fc.string(),
)

const COLLECTIONS = [
  'identities',
  'face_verifications',
  'audit_events',
  'messages',
  'subscribe_grants',
  'users',
]

async function counts(): Promise<number[]> {
  return Promise.all(COLLECTIONS.map(async (c) => (await h.docs(c)).length))
}

function assertTyped(res: unknown, allowed: readonly string[]): boolean {
  expect(res).toEqual(expect.objectContaining({ ok: expect.any(Boolean) as unknown }))
  const r = res as { ok: boolean; error?: { code: string; message: string } }
  if (r.ok) return true
  expect(allowed).toContain(r.error?.code)
  expect(r.error?.message).toMatch(/[\u4e00-\u9fff]/)
  return false
}

describe('fuzzed payloads', () => {
  for (const { fn, action, caller, codes } of ACTIONS) {
    it(`${fn}.${action}: always a typed answer, never a partial write`, async () => {
      await fc.assert(
        fc.asyncProperty(payloadFor(action), requestId, async (p, id) => {
          const before = await counts()
          const event: Record<string, unknown> = { action, payload: p }
          if (id !== undefined) event['requestId'] = id
          const res = await h.raw(caller, fn, event)
          const ok = assertTyped(res, [...COMMON, ...codes])
          if (!ok) expect(await counts()).toEqual(before)
        }),
        { numRuns: 25 },
      )
    })
  }

  it('whole events of any shape', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.anything(),
        fc.constantFrom('profile', 'messages', 'verifyIdentity'),
        async (event, fn) => {
          const before = await counts()
          const res = await h.raw('o_fuzz', fn, event)
          if (!assertTyped(res, COMMON)) expect(await counts()).toEqual(before)
        },
      ),
      { numRuns: 30 },
    )
  })
})
