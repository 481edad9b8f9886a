import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startSdkEmulator, type Doc, type SdkEmulator } from './support/sdk'

const T0 = Date.UTC(2026, 2, 1, 0, 0, 0)
let t: SdkEmulator

beforeAll(async () => {
  t = await startSdkEmulator('demo-updates', { clock: T0 })
  await t.db.createCollection('things')
})

afterAll(async () => {
  await t.emu.stop()
})

/** Adds `data`, applies `update` through doc().update, returns the stored document without _id. */
async function afterUpdate(data: Doc, update: Doc): Promise<{ doc: Doc; updated: number }> {
  const { _id } = await t.db.collection('things').add({ data })
  const res = await t.db.collection('things').doc(_id).update({ data: update })
  expect(res.errMsg).toBe('document.update:ok')
  const got = await t.db.collection('things').doc(_id).get()
  const { _id: _ignored, ...doc } = got.data
  return { doc, updated: res.stats.updated }
}

describe('update operators through the real wx-server-sdk', () => {
  it('set (plain fields and nested paths merge, _.set replaces an object)', async () => {
    const _ = t._
    const merged = await afterUpdate({ a: 1, meta: { x: 1, y: 2 } }, { b: 2, meta: { y: 3 } })
    expect(merged.doc).toEqual({ a: 1, b: 2, meta: { x: 1, y: 3 } })
    const replaced = await afterUpdate({ meta: { x: 1, y: 2 } }, { meta: _.set({ z: 9 }) })
    expect(replaced.doc).toEqual({ meta: { z: 9 } })
  })

  it('remove', async () => {
    expect((await afterUpdate({ a: 1, b: 2 }, { b: t._.remove() })).doc).toEqual({ a: 1 })
  })

  it('inc / mul / min / max', async () => {
    const _ = t._
    const { doc } = await afterUpdate(
      { i: 1, m: 3, lo: 5, hi: 5 },
      { i: _.inc(2), m: _.mul(4), lo: _.min(2), hi: _.max(9), fresh: _.inc(1) },
    )
    expect(doc).toEqual({ i: 3, m: 12, lo: 2, hi: 9, fresh: 1 })
    const unchanged = await afterUpdate({ lo: 1, hi: 9 }, { lo: _.min(5), hi: _.max(2) })
    expect(unchanged).toEqual({ doc: { lo: 1, hi: 9 }, updated: 0 })
  })

  it('rename', async () => {
    expect((await afterUpdate({ old: 'v', keep: 1 }, { old: t._.rename('renamed') })).doc).toEqual({
      keep: 1,
      renamed: 'v',
    })
  })

  it('push with each / position / slice / sort', async () => {
    const _ = t._
    expect((await afterUpdate({ list: [1, 2] }, { list: _.push(3) })).doc['list']).toEqual([
      1, 2, 3,
    ])
    expect((await afterUpdate({ list: [1, 2] }, { list: _.push([3, 4]) })).doc['list']).toEqual([
      1, 2, 3, 4,
    ])
    const positioned = await afterUpdate(
      { list: [1, 2] },
      { list: _.push({ each: [9], position: 1 }) },
    )
    expect(positioned.doc['list']).toEqual([1, 9, 2])
    const sliced = await afterUpdate(
      { list: [1, 2, 3] },
      { list: _.push({ each: [4, 5], slice: -3 }) },
    )
    expect(sliced.doc['list']).toEqual([3, 4, 5])
    const sorted = await afterUpdate({ list: [3, 1] }, { list: _.push({ each: [2], sort: -1 }) })
    expect(sorted.doc['list']).toEqual([3, 2, 1])
  })

  it('pop / shift / unshift', async () => {
    const _ = t._
    expect((await afterUpdate({ list: [1, 2, 3] }, { list: _.pop() })).doc['list']).toEqual([1, 2])
    expect((await afterUpdate({ list: [1, 2, 3] }, { list: _.shift() })).doc['list']).toEqual([
      2, 3,
    ])
    expect((await afterUpdate({ list: [3] }, { list: _.unshift([1, 2]) })).doc['list']).toEqual([
      1, 2, 3,
    ])
  })

  it('pull (value and condition) / pullAll / addToSet', async () => {
    const _ = t._
    expect((await afterUpdate({ list: [1, 2, 1, 3] }, { list: _.pull(1) })).doc['list']).toEqual([
      2, 3,
    ])
    expect(
      (await afterUpdate({ list: [1, 5, 8] }, { list: _.pull(_.gte(5)) })).doc['list'],
    ).toEqual([1])
    expect(
      (await afterUpdate({ list: [1, 2, 3, 2] }, { list: _.pullAll([2, 3]) })).doc['list'],
    ).toEqual([1])
    expect((await afterUpdate({ list: [1] }, { list: _.addToSet(1) })).doc['list']).toEqual([1])
    const each = await afterUpdate({ list: [1] }, { list: _.addToSet({ $each: [1, 2, 2, 3] }) })
    expect(each.doc['list']).toEqual([1, 2, 3])
  })

  it('nested dot paths and array indexes', async () => {
    const { doc } = await afterUpdate(
      { a: { b: { c: 1 } }, arr: [{ v: 1 }, { v: 2 }] },
      { 'a.b.c': t._.inc(1), 'arr.1.v': 20 },
    )
    expect(doc).toEqual({ a: { b: { c: 2 } }, arr: [{ v: 1 }, { v: 20 }] })
  })

  it('serverDate in an update', async () => {
    const { doc } = await afterUpdate({ a: 1 }, { updatedAt: t.db.serverDate({ offset: -1000 }) })
    expect(doc['updatedAt']).toEqual(new Date(T0 - 1000))
  })
})

describe('update / set / remove shapes', () => {
  it('where().update is multi and reports the number changed', async () => {
    await t.db.createCollection('batch')
    for (const n of [1, 2, 3, 4]) await t.db.collection('batch').add({ data: { n, group: n % 2 } })
    const res = await t.db
      .collection('batch')
      .where({ group: 0 })
      .update({ data: { flagged: true } })
    expect(res).toMatchObject({ stats: { updated: 2 }, errMsg: 'collection.update:ok' })
    expect((await t.db.collection('batch').where({ flagged: true }).count()).total).toBe(2)
    const regex = await t.db
      .collection('batch')
      .where({ n: t._.gte(3) })
      .update({ data: { n: t._.inc(10) } })
    expect(regex.stats.updated).toBe(2)
    const ns = (await t.db.collection('batch').orderBy('n', 'asc').get()).data.map((d) => d['n'])
    expect(ns).toEqual([1, 2, 13, 14])
  })

  it('doc().set replaces the document and upserts a missing one', async () => {
    const { _id } = await t.db.collection('things').add({ data: { a: 1, b: 2 } })
    const replaced = await t.db
      .collection('things')
      .doc(_id)
      .set({ data: { c: 3 } })
    expect(replaced.stats.updated).toBe(1)
    expect((await t.db.collection('things').doc(_id).get()).data).toEqual({ _id, c: 3 })
    const fresh = await t.db
      .collection('things')
      .doc('my-own-id')
      .set({ data: { d: 4 } })
    expect(fresh._id).toBe('my-own-id')
    expect(fresh.stats).toEqual({ updated: 0, created: 1 })
    expect((await t.db.collection('things').doc('my-own-id').get()).data).toEqual({
      _id: 'my-own-id',
      d: 4,
    })
  })

  it('doc().update of a missing document updates nothing', async () => {
    const res = await t.db
      .collection('things')
      .doc('missing-doc')
      .update({ data: { a: 1 } })
    expect(res.stats.updated).toBe(0)
  })

  it('remove by doc and by where', async () => {
    const { _id } = await t.db.collection('batch').add({ data: { n: 99 } })
    expect((await t.db.collection('batch').doc(_id).remove()).stats.removed).toBe(1)
    const res = await t.db.collection('batch').where({ group: 1 }).remove()
    expect(res).toMatchObject({ stats: { removed: 2 }, errMsg: 'collection.remove:ok' })
    expect((await t.db.collection('batch').count()).total).toBe(2)
  })

  it('an invalid update operator is a database error, not a crash', async () => {
    const { _id } = await t.db.collection('things').add({ data: { list: 'not-an-array' } })
    const err = await sdkError(
      t.db
        .collection('things')
        .doc(_id)
        .update({ data: { list: t._.push(1) } }),
    )
    expect(err.errMsg).toMatch(/^document\.update:fail -502002 /)
    expect((await t.db.collection('things').doc(_id).get()).data['list']).toBe('not-an-array')
  })

  it('unique index from database/indexes.json refuses a duplicate', async () => {
    await t.db.collection('users').add({ data: { openid: 'o_unique_1' } })
    const err = await sdkError(t.db.collection('users').add({ data: { openid: 'o_unique_1' } }))
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain('E11000 duplicate key error')
    expect((await t.db.collection('users').where({ openid: 'o_unique_1' }).count()).total).toBe(1)
    const other = await t.db.collection('users').add({ data: { openid: 'o_unique_2' } })
    const moved = await sdkError(
      t.db
        .collection('users')
        .doc(other._id)
        .update({ data: { openid: 'o_unique_1' } }),
    )
    expect(moved.errMsg).toContain('E11000')
  })
})

describe('where(RegExp).update', () => {
  it('updates every document whose field matches the pattern', async () => {
    await t.db.createCollection('todos')
    for (const title of ['Walk the dog', 'walk home', 'buy milk']) {
      await t.db.collection('todos').add({ data: { title, count: 1 } })
    }
    const res = await t.db
      .collection('todos')
      .where({ title: /^walk/i })
      .update({ data: { count: t._.inc(10) } })
    expect(res.stats.updated).toBe(2)
    const counts = (await t.db.collection('todos').orderBy('title', 'asc').get()).data.map((d) => [
      d['title'],
      d['count'],
    ])
    expect(counts).toEqual([
      ['Walk the dog', 11],
      ['buy milk', 1],
      ['walk home', 11],
    ])
  })
})
