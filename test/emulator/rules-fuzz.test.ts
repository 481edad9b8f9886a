// The committed security rules (database/rules.json) under random client queries, through the
// client endpoint the mini-program reads from: for every collection, seeded runs of reads by the
// owner, the other party and a stranger with random where-clauses — including ones that try to
// widen the rule (command operators on the owner field, $or/$nor, regexes, missing filters,
// lookups by id) — never return a document the rule does not grant that user; every write the
// rule forbids is refused with CloudBase's permission error and changes nothing; anonymous calls
// are refused. The expected answer comes from an oracle read off rules.json, not from the
// emulator's own rule evaluator.
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { EJSON } from 'bson'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClientHarness, type ClientHarness } from './client-harness'

const rules = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../database/rules.json'), 'utf8'),
) as Record<string, unknown>
const COLLECTIONS = Object.keys(rules).filter((k) => !k.startsWith('$'))

type Doc = Record<string, unknown>
type Access = { readonly read: unknown; readonly write: unknown }

/**
 * The rule forms this project uses: `false`, `true`, or `doc.<field> == auth.openid` joined by
 * `||`. A rule in any other form fails the test, so a new kind of rule gets an oracle too.
 */
function oracle(rule: unknown): {
  grants: (doc: Doc, openid: string) => boolean
  fields: string[]
} {
  if (rule === false) return { grants: () => false, fields: [] }
  if (rule === true) return { grants: () => true, fields: [] }
  if (typeof rule !== 'string') throw new Error(`rule form not understood: ${JSON.stringify(rule)}`)
  const fields = rule.split('||').map((part) => {
    const m = /^\s*doc\.(\w+) == auth\.openid\s*$/.exec(part)
    if (!m?.[1]) throw new Error(`rule form not understood by the oracle: ${rule}`)
    return m[1]
  })
  return { grants: (doc, openid) => fields.some((f) => doc[f] === openid), fields }
}

const USERS = ['o_rule_owner', 'o_rule_party', 'o_rule_stranger'] as const
const OWNER_FIELDS = ['_openid', 'openid', 'toOpenid'] as const

const q = (value: Doc): string => EJSON.stringify(value, { relaxed: false })
const seed = (name: string): number => {
  const env = Number(process.env['FUZZ_SEED'])
  let h = Number.isInteger(env) ? env : 20_261_202
  for (const ch of name) h = (Math.imul(h, 31) + ch.charCodeAt(0)) | 0
  return h
}
const runs = (n: number) => Math.max(1, Math.round(n * (Number(process.env['FUZZ_RUNS']) || 1)))

let h: ClientHarness
const tokens = new Map<string, string>()
/** Every seeded document by collection and id. */
const seeded = new Map<string, Map<string, Doc>>()

beforeAll(async () => {
  h = await startClientHarness({ rules, collections: COLLECTIONS })
  for (const u of USERS) tokens.set(u, await h.login(u))
  for (const collection of COLLECTIONS) {
    const docs = new Map<string, Doc>()
    // One document per user holding every owner field, and mixed ones (owner by one field,
    // addressed to another by the next), so a rule over any of the fields is tested.
    const shapes: Doc[] = []
    for (const [i, u] of USERS.entries()) {
      shapes.push({ _openid: u, openid: u, toOpenid: u, text: `${u} 的记录`, n: i })
      const next = USERS[(i + 1) % USERS.length]
      shapes.push({ _openid: u, openid: next, toOpenid: next, text: `混合 ${i}`, n: 10 + i })
    }
    shapes.push({ text: '无主记录', n: 99 })
    for (const doc of shapes) {
      // A unique index (e.g. users.openid) refuses some mixed shapes: that data cannot exist.
      const id = await h.insert(collection, doc).catch((e: unknown) => {
        if (String(e).includes('E11000')) return undefined
        throw e
      })
      if (id !== undefined) docs.set(id, { ...doc, _id: id })
    }
    seeded.set(collection, docs)
  }
}, 60_000)
afterAll(async () => {
  await h.stop()
})

const ids = () => [...seeded.values()].flatMap((m) => [...m.keys()])

/** A value for an owner field: own, someone else's, the placeholder, or an operator around them. */
const ownerValue = (me: string): fc.Arbitrary<unknown> => {
  const other = fc.constantFrom(...USERS.filter((u) => u !== me))
  const any = fc.constantFrom(...USERS, '{openid}')
  return fc.oneof(
    fc.constant(me),
    fc.constant('{openid}'),
    other,
    any.map((v) => ({ $eq: v })),
    other.map((v) => ({ $ne: v })),
    fc.array(any, { minLength: 1, maxLength: 3 }).map((v) => ({ $in: v })),
    other.map((v) => ({ $nin: [v] })),
    fc.constant({ $exists: true }),
    fc.constant({ $gt: '' }),
    fc.constantFrom({ $regex: '.*' }, { $regex: '^o_', $options: 'i' }, { $regex: me }),
    fc.constant({ $not: { $eq: 'nobody' } }),
    fc.constant(null),
  )
}

/** A where-clause: owner-field conditions, other conditions, combined freely. */
const whereClause = (me: string): fc.Arbitrary<Doc> => {
  const leaf: fc.Arbitrary<Doc> = fc.oneof(
    fc.tuple(fc.constantFrom(...OWNER_FIELDS), ownerValue(me)).map(([f, v]) => ({ [f]: v })),
    fc.constantFrom<Doc>(
      {},
      { text: { $regex: '.*' } },
      { n: { $gte: 0 } },
      { _id: { $exists: true } },
      { $where: 'true' },
    ),
    fc.constantFrom(...ids()).map((id): Doc => ({ _id: id })),
  )
  return fc.oneof(
    { weight: 4, arbitrary: leaf },
    {
      weight: 2,
      arbitrary: fc.tuple(leaf, leaf).map(([a, b]) => ({ ...a, ...b })),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(
          fc.constantFrom('$or', '$and', '$nor'),
          fc.array(leaf, { minLength: 1, maxLength: 3 }),
        )
        .map(([op, parts]) => ({ [op]: parts })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(leaf, fc.array(leaf, { minLength: 1, maxLength: 2 }))
        .map(([a, parts]) => ({
          ...a,
          $or: parts,
        })),
    },
  )
}

const readRequest = (me: string) =>
  fc.record({
    action: fc.constantFrom('get', 'count'),
    query: fc.option(whereClause(me), { nil: undefined }),
    docId: fc.option(fc.constantFrom(...ids(), 'no_such_doc'), { nil: undefined, freq: 3 }),
    limit: fc.option(fc.constantFrom(0, 1, 5, 20, 100), { nil: undefined }),
    skip: fc.option(fc.constantFrom(0, 1, 3), { nil: undefined }),
    orderBy: fc.option(fc.constantFrom({ n: 'asc' }, { _openid: 'desc' }), { nil: undefined }),
    field: fc.option(fc.constantFrom({ text: true }, { _openid: false, openid: false }), {
      nil: undefined,
    }),
  })

const PERMISSION =
  /^(collection|document)\.(get|count|add|update|remove):fail -502003 database permission denied\. /

function expectDenied(body: Record<string, unknown>, status: number, what: string): void {
  expect(status, what).toBe(403)
  expect(body['errCode'], what).toBe(-502003)
  expect(String(body['errMsg']), what).toMatch(PERMISSION)
  expect(String(body['message']), what).toMatch(/[\u4e00-\u9fff]/)
}

describe.each(COLLECTIONS)('rule of %s under random client queries', (collection) => {
  const access = rules[collection] as Access
  const read = oracle(access.read)

  it.each(USERS)('reads by %s never return a document the rule does not grant', async (me) => {
    await fc.assert(
      fc.asyncProperty(readRequest(me), async (r) => {
        const body: Doc = { collection }
        for (const [k, v] of Object.entries(r)) {
          if (v !== undefined) body[k] = typeof v === 'object' ? q(v) : v
        }
        const reply = await h.post('/client/database', body, tokens.get(me))
        const what = `${collection} as ${me}: ${JSON.stringify(body)} → ${JSON.stringify(reply.body)}`
        if (reply.status === 200 && r.action === 'get') {
          const list = (reply.body['list'] as string[]).map((t) => EJSON.parse(t) as Doc)
          for (const doc of list) {
            const full = seeded.get(collection)?.get(String(doc['_id']))
            expect(full, what).toBeDefined()
            expect(read.grants(full ?? {}, me), what).toBe(true)
          }
        } else if (reply.status === 200) {
          const granted = [...(seeded.get(collection)?.values() ?? [])].filter((d) =>
            read.grants(d, me),
          )
          expect(Number(reply.body['total']), what).toBeLessThanOrEqual(granted.length)
        } else if (reply.status === 403) {
          expectDenied(reply.body, reply.status, what)
        } else {
          // A lookup of a document that is not there, or a malformed query: typed, never a crash.
          expect([400, 404], what).toContain(reply.status)
          expect(String(reply.body['message']), what).toMatch(/[\u4e00-\u9fff]/)
        }
      }),
      { seed: seed(`${collection}.${me}`), numRuns: runs(25) },
    )
  })

  it('the rule is not just a refusal: its own-data query answers exactly what it grants', async () => {
    for (const me of USERS) {
      for (const field of read.fields) {
        const reply = await h.post(
          '/client/database',
          { action: 'get', collection, query: q({ [field]: '{openid}' }) },
          tokens.get(me),
        )
        expect(reply.status, `${collection}.${field} as ${me}`).toBe(200)
        const got = (reply.body['list'] as string[])
          .map((t) => String((EJSON.parse(t) as Doc)['_id']))
          .sort()
        const want = [...(seeded.get(collection)?.values() ?? [])]
          .filter((d) => d[field] === me)
          .map((d) => String(d['_id']))
          .sort()
        expect(got).toEqual(want)
      }
    }
  })

  it('writes the rule forbids are refused with the permission error and change nothing', async () => {
    const before = JSON.stringify(h.emulator.database.collection(h.envId, collection).find({}))
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...USERS),
        fc.constantFrom('add', 'update', 'remove'),
        fc.constantFrom(...(seeded.get(collection)?.keys() ?? []), 'no_such_doc'),
        fc.constantFrom<Doc>(
          { text: '伪造' },
          { toOpenid: 'o_rule_stranger', text: '改收件人' },
          { $set: { text: '篡改' } },
          { $inc: { n: 1 } },
          { n: 1e308, extra: { deep: ['x'] } },
        ),
        async (me, action, docId, data) => {
          const body: Doc = { action, collection, data: q(data) }
          if (action !== 'add') body['docId'] = docId
          const reply = await h.post('/client/database', body, tokens.get(me))
          const what = `${collection} ${action} as ${me}: ${JSON.stringify(reply.body)}`
          const owner = seeded.get(collection)?.get(docId) ?? {}
          const allowed =
            access.write === true ||
            (access.write !== false && oracle(access.write).grants(owner, me))
          if (action === 'add' && Object.keys(data).some((k) => k.startsWith('$'))) {
            // Update operators are no document: refused as such before any rule is read.
            expect(reply.status, what).toBe(400)
            expect(reply.body['code'], what).toBe('INVALID_PARAM')
          } else if (!allowed) expectDenied(reply.body, reply.status, what)
        },
      ),
      { seed: seed(`${collection}.write`), numRuns: runs(12) },
    )
    if (access.write === false) {
      expect(JSON.stringify(h.emulator.database.collection(h.envId, collection).find({}))).toBe(
        before,
      )
    }
  })
})

describe('writes by id under write: false', () => {
  // Regression: update/remove of a missing id answered "记录不存在" (-502001) while an existing one
  // answered permission denied, so any client could tell which ids exist in a locked collection.
  it.each(['update', 'remove'])(
    '%s of a missing id is the permission error too',
    async (action) => {
      const locked = COLLECTIONS.filter((c) => (rules[c] as Access).write === false)
      expect(locked.length).toBeGreaterThan(0)
      for (const collection of locked) {
        const [existingId] = seeded.get(collection)?.keys() ?? []
        for (const docId of [existingId, 'no_such_doc']) {
          const reply = await h.post(
            '/client/database',
            { action, collection, docId, data: q({ text: '探测' }) },
            tokens.get('o_rule_stranger'),
          )
          expectDenied(reply.body, reply.status, `${collection} ${action} ${String(docId)}`)
        }
      }
    },
  )
})

describe('anonymous clients', () => {
  it.each(COLLECTIONS)('%s: no token, no data', async (collection) => {
    const reply = await h.post('/client/database', { action: 'get', collection, query: q({}) })
    expect(reply.status).toBe(401)
    expect(String(reply.body['message'])).toMatch(/[\u4e00-\u9fff]/)
    expect(reply.body['list']).toBeUndefined()
  })
})
