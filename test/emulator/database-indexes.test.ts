import { describe, expect, it } from 'vitest'
import { DatabaseEngine } from '../../tools/cloudbase-emulator/src/database/index'
import { CollectionData } from '../../tools/cloudbase-emulator/src/database/collection-data'
import { createControlledClock } from '../../tools/cloudbase-emulator/src/server/clock'

function collection(): CollectionData {
  const data = new CollectionData([
    { fields: ['openid'], unique: true },
    { fields: ['caseId', 'kind'] },
    { fields: ['tags'] },
  ])
  for (let i = 0; i < 1000; i++) {
    data.put(`d${i}`, {
      _id: `d${i}`,
      openid: `o${i}`,
      caseId: `c${i % 10}`,
      kind: i % 2 === 0 ? 'a' : 'b',
      tags: [`t${i % 3}`],
    })
  }
  return data
}

describe('index planning', () => {
  it('answers equality on an indexed field from the index, not a scan', () => {
    const plan = collection().plan({ openid: 'o42' })
    expect(plan).toEqual({ kind: 'index', index: 'openid_1', ids: ['d42'], exact: true })
  })

  it('uses $eq, $in, $and and compound indexes', () => {
    const data = collection()
    expect(data.plan({ openid: { $in: ['o1', 'o2'] } })).toMatchObject({
      kind: 'index',
      ids: ['d1', 'd2'],
    })
    expect(data.plan({ $and: [{ openid: { $eq: 'o7' } }, { kind: 'b' }] })).toMatchObject({
      ids: ['d7'],
    })
    const compound = data.plan({ caseId: 'c3', kind: 'b' })
    expect(compound).toMatchObject({ kind: 'index', index: 'caseId_1_kind_1' })
    expect(compound.kind === 'index' ? compound.ids.length : -1).toBe(100)
    expect(data.plan({ tags: 't1' })).toMatchObject({ kind: 'index', index: 'tags_1' })
  })

  it('scans when no index applies, and looks _id up directly', () => {
    const data = collection()
    expect(data.plan({ kind: 'a' })).toEqual({ kind: 'scan' })
    expect(data.plan({ openid: { $gt: 'o5' } })).toEqual({ kind: 'scan' })
    expect(data.plan({ _id: 'd5' })).toEqual({ kind: 'ids', ids: ['d5'], exact: true })
    expect(data.plan({ _id: 'd5', kind: 'a' })).toEqual({ kind: 'ids', ids: ['d5'], exact: false })
  })

  it('is exact only when the filter is nothing but the indexed equalities', () => {
    const data = collection()
    expect(data.plan({ caseId: 'c3', kind: 'b' })).toMatchObject({ exact: true })
    expect(data.plan({ caseId: 'c3', kind: 'b', n: 1 })).toMatchObject({ exact: false })
    expect(data.plan({ openid: 'o1', kind: 'a' })).toMatchObject({
      index: 'openid_1',
      exact: false,
    })
  })

  it('always offers documents whose indexed path runs through an array', () => {
    const data = new CollectionData([{ fields: ['a.b'] }])
    data.put('x', { _id: 'x', a: [{ b: 1 }] })
    data.put('y', { _id: 'y', a: { b: 2 } })
    expect(data.plan({ 'a.b': 1 })).toEqual({
      kind: 'index',
      index: 'a.b_1',
      ids: ['x'],
      exact: false,
    })
  })

  it('keeps indexes in step with updates and deletes', () => {
    const data = collection()
    data.put('d42', { _id: 'd42', openid: 'o_changed' })
    expect(data.plan({ openid: 'o42' })).toMatchObject({ ids: [] })
    expect(data.plan({ openid: 'o_changed' })).toMatchObject({ ids: ['d42'] })
    data.delete('d42')
    expect(data.plan({ openid: 'o_changed' })).toMatchObject({ ids: [] })
  })
})

describe('engine API', () => {
  it('finds through indexes with the same results as a scan, and announces changes in order', async () => {
    const engine = new DatabaseEngine({
      clock: createControlledClock(0),
      schema: {
        collections: ['users'],
        indexes: { users: [{ fields: ['openid'], unique: true }] },
      },
    })
    const events: string[] = []
    engine.onChange((e) => events.push(`${e.type}:${e.docId}`))
    await engine.insert('demo-x', 'users', [
      { _id: 'u1', openid: 'a', n: 1 },
      { _id: 'u2', openid: 'b', n: 2 },
    ])
    await engine.update('demo-x', 'users', { openid: 'a' }, { $inc: { n: 5 } })
    await engine.update('demo-x', 'users', { _id: 'u2' }, { z: 1 }, { replace: true })
    await engine.remove('demo-x', 'users', { openid: 'a' }, true)
    expect(events).toEqual(['add:u1', 'add:u2', 'update:u1', 'replace:u2', 'remove:u1'])
    expect(engine.find('demo-x', 'users', { openid: 'b' })).toEqual([])
    expect(engine.find('demo-x', 'users', {})).toEqual([{ _id: 'u2', z: 1 }])
    await expect(
      engine.insert('demo-x', 'users', [
        { _id: 'u3', openid: 'c' },
        { _id: 'u4', openid: 'c' },
      ]),
    ).rejects.toThrow('E11000')
    expect(engine.count('demo-x', 'users')).toBe(1)
  })
})

describe('transaction locking (per document)', () => {
  const engineWith = (transactionWaitMs = 20_000) =>
    new DatabaseEngine({
      clock: createControlledClock(0),
      schema: { collections: ['users'], indexes: {} },
      transactionWaitMs,
    })

  it('transactions on different documents run side by side and both commit', async () => {
    const engine = engineWith()
    await engine.insert('demo-lock', 'users', [
      { _id: 'a', n: 0 },
      { _id: 'b', n: 0 },
    ])
    const first = await engine.startTransaction('demo-lock')
    const second = await engine.startTransaction('demo-lock')
    await engine.lockFor('demo-lock', first, 'users', { _id: 'a' })
    await engine.lockFor('demo-lock', second, 'users', { _id: 'b' })
    await engine.update('demo-lock', 'users', { _id: 'b' }, { $inc: { n: 2 } }, {}, second)
    await engine.commitTransaction('demo-lock', second)
    await engine.update('demo-lock', 'users', { _id: 'a' }, { $inc: { n: 1 } }, {}, first)
    await engine.commitTransaction('demo-lock', first)
    expect(engine.find('demo-lock', 'users', {}, { sort: { _id: 1 } })).toEqual([
      { _id: 'a', n: 1 },
      { _id: 'b', n: 2 },
    ])
  })

  it('a second transaction on the same document waits for the first and reads its commit', async () => {
    const engine = engineWith()
    await engine.insert('demo-lock', 'users', [{ _id: 'c', n: 10 }])
    const first = await engine.startTransaction('demo-lock')
    await engine.lockFor('demo-lock', first, 'users', { _id: 'c' })
    const second = await engine.startTransaction('demo-lock')
    let granted = false
    const waiting = engine.lockFor('demo-lock', second, 'users', { _id: 'c' }).then(() => {
      granted = true
    })
    await engine.update('demo-lock', 'users', { _id: 'c' }, { $set: { n: 11 } }, {}, first)
    await new Promise((r) => setImmediate(r))
    expect(granted).toBe(false)
    await engine.commitTransaction('demo-lock', first)
    await waiting
    expect(engine.find('demo-lock', 'users', { _id: 'c' }, {}, second)).toEqual([
      { _id: 'c', n: 11 },
    ])
    engine.abortTransaction('demo-lock', second)
  })

  it('two transactions waiting for each other: the one closing the cycle lets go and cannot commit', async () => {
    const engine = engineWith()
    await engine.insert('demo-lock', 'users', [
      { _id: 'x', n: 0 },
      { _id: 'y', n: 0 },
    ])
    const first = await engine.startTransaction('demo-lock')
    const second = await engine.startTransaction('demo-lock')
    await engine.lockFor('demo-lock', first, 'users', { _id: 'x' })
    await engine.lockFor('demo-lock', second, 'users', { _id: 'y' })
    const firstWaits = engine.lockFor('demo-lock', first, 'users', { _id: 'y' })
    // The victim's request is answered (unlocked); its locks pass on, so the survivor gets y.
    await engine.lockFor('demo-lock', second, 'users', { _id: 'x' })
    await firstWaits
    await engine.update('demo-lock', 'users', { _id: 'x' }, { $inc: { n: 5 } }, {}, second)
    await expect(engine.commitTransaction('demo-lock', second)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    await engine.update('demo-lock', 'users', { _id: 'y' }, { $inc: { n: 1 } }, {}, first)
    await engine.commitTransaction('demo-lock', first)
    expect(engine.find('demo-lock', 'users', {}, { sort: { _id: 1 } })).toEqual([
      { _id: 'x', n: 0 },
      { _id: 'y', n: 1 },
    ])
    expect(engine.transactionStats()).toEqual({ open: 0, waiting: 0 })
  })

  it('a wait longer than transactionWaitMs gives up the locks and fails the commit', async () => {
    const engine = engineWith(200)
    const first = await engine.startTransaction('demo-wait')
    await engine.lockFor('demo-wait', first, 'users', { _id: 'held' })
    const second = await engine.startTransaction('demo-wait')
    await engine.lockFor('demo-wait', second, 'users', { _id: 'held' })
    await engine.insert('demo-wait', 'users', [{ _id: 'held', n: 2 }], second)
    await expect(engine.commitTransaction('demo-wait', second)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    await engine.insert('demo-wait', 'users', [{ _id: 'held', n: 1 }], first)
    await engine.commitTransaction('demo-wait', first)
    expect(engine.find('demo-wait', 'users', {})).toEqual([{ _id: 'held', n: 1 }])
  })
  it('abandon(owner) rolls back that owner’s transactions and hands their documents on', async () => {
    const engine = engineWith()
    await engine.insert('demo-lock', 'users', [{ _id: 'z', n: 0 }])
    const dead = await engine.startTransaction('demo-lock', 'token-of-killed-instance')
    await engine.lockFor('demo-lock', dead, 'users', { _id: 'z' })
    await engine.update('demo-lock', 'users', { _id: 'z' }, { $set: { n: 99 } }, {}, dead)
    const next = await engine.startTransaction('demo-lock', 'token-of-live-instance')
    const waiting = engine.lockFor('demo-lock', next, 'users', { _id: 'z' })
    expect(engine.abandon('token-of-killed-instance')).toBe(1)
    await waiting
    expect(engine.find('demo-lock', 'users', { _id: 'z' }, {}, next)).toEqual([{ _id: 'z', n: 0 }])
    await engine.commitTransaction('demo-lock', next)
    await expect(engine.commitTransaction('demo-lock', dead)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_FAIL',
    })
  })

  it('a query that pins no _id fails the commit when a matching document is added meanwhile', async () => {
    const engine = engineWith()
    await engine.insert('demo-lock', 'users', [{ _id: 'k1', kind: 'vip' }])
    const txn = await engine.startTransaction('demo-lock')
    await engine.lockFor('demo-lock', txn, 'users', { kind: 'vip' })
    expect(engine.count('demo-lock', 'users', { kind: 'vip' }, txn)).toBe(1)
    await engine.insert('demo-lock', 'users', [{ _id: 'k2', kind: 'vip' }])
    await engine.insert('demo-lock', 'users', [{ _id: 'summary', vipCount: 1 }], txn)
    await expect(engine.commitTransaction('demo-lock', txn)).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    expect(engine.find('demo-lock', 'users', { _id: 'summary' })).toEqual([])
  })
})
