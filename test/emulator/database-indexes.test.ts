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

describe('transaction waiting', () => {
  it('a second transaction in the same environment waits, then gives up with a conflict', async () => {
    const engine = new DatabaseEngine({
      clock: createControlledClock(0),
      schema: { collections: ['users'], indexes: {} },
      transactionWaitMs: 200,
    })
    const first = await engine.startTransaction('demo-wait')
    await expect(engine.startTransaction('demo-wait')).rejects.toMatchObject({
      code: 'DATABASE_TRANSACTION_CONFLICT',
    })
    const other = await engine.startTransaction('demo-elsewhere')
    engine.abortTransaction('demo-elsewhere', other)
    const queued = engine.startTransaction('demo-wait')
    await engine.commitTransaction('demo-wait', first)
    const second = await queued
    expect(second).not.toBe(first)
    engine.abortTransaction('demo-wait', second)
  })
})
