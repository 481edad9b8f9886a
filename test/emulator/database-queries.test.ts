import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startSdkEmulator, type Doc, type SdkEmulator } from './support/sdk'

const T0 = Date.UTC(2026, 0, 15, 8, 0, 0)
let t: SdkEmulator

const fixtures: Doc[] = [
  {
    name: 'apple',
    n: 1,
    tags: ['red', 'fruit'],
    meta: { prio: 2 },
    qty: [
      { k: 'a', v: 1 },
      { k: 'b', v: 5 },
    ],
  },
  { name: 'banana', n: 2, tags: ['yellow', 'fruit'], meta: { prio: 1 } },
  { name: 'cherry', n: 3, tags: ['red'], meta: { prio: 3 }, extra: null },
  { name: 'date', n: 4, tags: [], owner: 'o1' },
  { name: 'elder', n: 5, tags: ['green', 'herb', 'fruit'], owner: 'o2' },
  { name: 'Fig', n: 6, tags: ['purple', 'fruit'], owner: 'o1' },
]

async function names(filter: Doc): Promise<string[]> {
  const res = await t.db.collection('items').where(filter).get()
  return res.data.map((d) => String(d['name'])).sort()
}

beforeAll(async () => {
  t = await startSdkEmulator('demo-queries', { clock: T0 })
  const created = await t.db.createCollection('items')
  expect(created.errMsg).toBe('createCollection:ok')
  for (const data of fixtures) await t.db.collection('items').add({ data })
})

afterAll(async () => {
  await t.emu.stop()
})

describe('query operators through the real wx-server-sdk', () => {
  it('eq / neq (missing fields count as not equal)', async () => {
    const _ = t._
    expect(await names({ n: _.eq(2) })).toEqual(['banana'])
    expect(await names({ owner: 'o1' })).toEqual(['Fig', 'date'])
    expect(await names({ owner: _.neq('o1') })).toEqual(['apple', 'banana', 'cherry', 'elder'])
  })

  it('gt / gte / lt / lte', async () => {
    const _ = t._
    expect(await names({ n: _.gt(4) })).toEqual(['Fig', 'elder'])
    expect(await names({ n: _.gte(5) })).toEqual(['Fig', 'elder'])
    expect(await names({ n: _.lt(2) })).toEqual(['apple'])
    expect(await names({ n: _.lte(2) })).toEqual(['apple', 'banana'])
  })

  it('in / nin', async () => {
    const _ = t._
    expect(await names({ n: _.in([1, 3]) })).toEqual(['apple', 'cherry'])
    expect(await names({ n: _.nin([1, 2, 3, 4]) })).toEqual(['Fig', 'elder'])
    expect(await names({ tags: _.in(['herb', 'purple']) })).toEqual(['Fig', 'elder'])
  })

  it('and / or / nor / not, top level and on a field', async () => {
    const _ = t._
    expect(await names(_.and([{ n: _.gt(1) }, { n: _.lt(4) }]) as unknown as Doc)).toEqual([
      'banana',
      'cherry',
    ])
    expect(await names({ n: _.gt(1).and(_.lt(3)) })).toEqual(['banana'])
    expect(await names(_.or([{ n: 1 }, { name: 'elder' }]) as unknown as Doc)).toEqual([
      'apple',
      'elder',
    ])
    expect(await names({ n: _.lt(2).or(_.gt(5)) })).toEqual(['Fig', 'apple'])
    expect(await names(_.nor([{ n: _.lt(5) }]) as unknown as Doc)).toEqual(['Fig', 'elder'])
    expect(await names({ n: _.not(_.gt(2)) })).toEqual(['apple', 'banana'])
  })

  it('exists / size / elemMatch / all', async () => {
    const _ = t._
    expect(await names({ owner: _.exists(true) })).toEqual(['Fig', 'date', 'elder'])
    expect(await names({ owner: _.exists(false) })).toEqual(['apple', 'banana', 'cherry'])
    expect(await names({ tags: _.size(0) })).toEqual(['date'])
    expect(await names({ qty: _.elemMatch({ k: 'b', v: _.gt(3) }) })).toEqual(['apple'])
    expect(await names({ qty: _.elemMatch({ k: 'a', v: _.gt(3) }) })).toEqual([])
    expect(await names({ tags: _.all(['red', 'fruit']) })).toEqual(['apple'])
  })

  it('array element equality, nested paths, null matching missing', async () => {
    expect(await names({ tags: 'red' })).toEqual(['apple', 'cherry'])
    expect(await names({ 'meta.prio': 2 })).toEqual(['apple'])
    expect(await names({ meta: { prio: 3 } })).toEqual(['cherry'])
    expect(await names({ extra: null })).toHaveLength(6)
  })

  it('RegExp and db.RegExp', async () => {
    expect(await names({ name: /^f/i })).toEqual(['Fig'])
    expect(await names({ name: /^f/ })).toEqual([])
    expect(await names({ name: t.db.RegExp({ regexp: 'AN', options: 'i' }) })).toEqual(['banana'])
  })
})

describe('ordering, paging, projection, count', () => {
  it('orderBy desc with skip and limit', async () => {
    const res = await t.db.collection('items').orderBy('n', 'desc').skip(1).limit(2).get()
    expect(res.errMsg).toBe('collection.get:ok')
    expect(res.data.map((d) => d['name'])).toEqual(['elder', 'date'])
  })

  it('orderBy on two fields', async () => {
    const res = await t.db
      .collection('items')
      .where({ owner: t._.exists(true) })
      .orderBy('owner', 'asc')
      .orderBy('n', 'desc')
      .get()
    expect(res.data.map((d) => d['name'])).toEqual(['Fig', 'date', 'elder'])
  })

  it('field() projects the chosen fields plus _id', async () => {
    const res = await t.db
      .collection('items')
      .where({ name: 'apple' })
      .field({ name: true, 'meta.prio': true })
      .get()
    expect(res.data).toHaveLength(1)
    const [doc] = res.data
    expect(Object.keys(doc ?? {}).sort()).toEqual(['_id', 'meta', 'name'])
    expect(doc?.['meta']).toEqual({ prio: 2 })
  })

  it('count() returns total', async () => {
    const res = await t.db.collection('items').where({ tags: 'fruit' }).count()
    expect(res).toEqual({ total: 4, errMsg: 'collection.count:ok' })
  })

  it('get() returns 100 by default and at most 1000', async () => {
    await t.db.createCollection('bulk')
    const docs = Array.from({ length: 1200 }, (_, i) => ({ i }))
    await t.emu.database.collection(t.envId, 'bulk').insert(docs)
    expect((await t.db.collection('bulk').get()).data).toHaveLength(100)
    expect((await t.db.collection('bulk').limit(1000).get()).data).toHaveLength(1000)
    const page = await t.db.collection('bulk').orderBy('i', 'asc').skip(1150).limit(1000).get()
    expect(page.data.map((d) => d['i'])).toEqual(Array.from({ length: 50 }, (_, i) => 1150 + i))
  })
})

describe('documents, ids, server dates and errors', () => {
  it('add returns a 32-hex _id and doc().get returns the document', async () => {
    const added = await t.db.collection('items').add({ data: { name: 'grape', n: 7 } })
    expect(added.errMsg).toBe('collection.add:ok')
    expect(added._id).toMatch(/^[0-9a-f]{32}$/)
    const got = await t.db.collection('items').doc(added._id).get()
    expect(got.errMsg).toBe('document.get:ok')
    expect(got.data).toEqual({ _id: added._id, name: 'grape', n: 7 })
    await t.db.collection('items').doc(added._id).remove()
  })

  it('db.serverDate() (with offset) is the emulator clock, in data and in queries', async () => {
    const added = await t.db.collection('items').add({
      data: { name: 'timed', at: t.db.serverDate(), later: t.db.serverDate({ offset: 60_000 }) },
    })
    const got = await t.db.collection('items').doc(added._id).get()
    expect(got.data['at']).toEqual(new Date(T0))
    expect(got.data['later']).toEqual(new Date(T0 + 60_000))
    t.emu.clock.advance(30_000)
    expect(await names({ later: t._.gt(t.db.serverDate()) })).toEqual(['timed'])
    expect(await names({ later: t._.gt(t.db.serverDate({ offset: 60_000 })) })).toEqual([])
    await t.db.collection('items').doc(added._id).remove()
  })

  it('doc().get of a missing id fails with the SDK message', async () => {
    const err = await sdkError(
      t.db.collection('items').doc('0123456789abcdef0123456789abcdef').get(),
    )
    expect(err.errMsg).toBe(
      'document.get:fail document with _id 0123456789abcdef0123456789abcdef does not exist',
    )
  })

  it('a missing collection is DATABASE_COLLECTION_NOT_EXIST (-502005)', async () => {
    const err = await sdkError(t.db.collection('no_such_things').where({}).get())
    expect(err.errCode).toBe(-502005)
    expect(err.errMsg).toMatch(/^collection\.get:fail -502005 database collection not exists\./)
    const addErr = await sdkError(t.db.collection('no_such_things').add({ data: { a: 1 } }))
    expect(addErr.errMsg).toMatch(/^collection\.add:fail -502005 /)
  })

  it('createCollection twice fails, the schema collections exist from the start', async () => {
    const err = await sdkError(t.db.createCollection('items'))
    expect(err.errMsg).toMatch(/^createCollection:fail/)
    const users = await t.db.collection('users').get()
    expect(users.data).toEqual([])
  })
})
