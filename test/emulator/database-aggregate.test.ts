import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSdkEmulator, type Doc, type SdkEmulator } from './support/sdk'

let t: SdkEmulator

beforeAll(async () => {
  t = await startSdkEmulator('demo-aggregate')
  await t.db.createCollection('orders')
  await t.db.createCollection('customers')
  const orders: Doc[] = [
    { _id: 'o1', customer: 'c1', amount: 10, items: ['pen', 'ink'], city: 'sh' },
    { _id: 'o2', customer: 'c1', amount: 30, items: ['pad'], city: 'sh' },
    { _id: 'o3', customer: 'c2', amount: 5, items: [], city: 'bj' },
    { _id: 'o4', customer: 'c3', amount: 50, items: ['pen'], city: 'gz' },
  ]
  for (const data of orders) await t.db.collection('orders').add({ data })
  await t.db.collection('customers').add({ data: { _id: 'c1', name: '甲公司' } })
  await t.db.collection('customers').add({ data: { _id: 'c2', name: '乙公司' } })
})

afterAll(async () => {
  await t.emu.stop()
})

describe('aggregate stages through the real wx-server-sdk', () => {
  it('match + group + sort', async () => {
    const $ = t._.aggregate
    const res = await t.db
      .collection('orders')
      .aggregate()
      .match({ amount: t._.gte(10) })
      .group({ _id: '$customer', total: $.sum('$amount'), orders: $.sum(1) })
      .sort({ total: -1 })
      .end()
    expect(res.errMsg).toBe('collection.aggregate:ok')
    expect(res.list).toEqual([
      { _id: 'c3', total: 50, orders: 1 },
      { _id: 'c1', total: 40, orders: 2 },
    ])
  })

  it('project + addFields + skip + limit', async () => {
    const $ = t._.aggregate
    const res = await t.db
      .collection('orders')
      .aggregate()
      .sort({ amount: 1 })
      .project({ _id: 0, amount: 1, city: 1 })
      .addFields({ doubled: $.multiply(['$amount', 2]) })
      .skip(1)
      .limit(2)
      .end()
    expect(res.list).toEqual([
      { amount: 10, city: 'sh', doubled: 20 },
      { amount: 30, city: 'sh', doubled: 60 },
    ])
  })

  it('unwind + group counts items', async () => {
    const $ = t._.aggregate
    const res = await t.db
      .collection('orders')
      .aggregate()
      .unwind('$items')
      .group({ _id: '$items', n: $.sum(1) })
      .sort({ _id: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'ink', n: 1 },
      { _id: 'pad', n: 1 },
      { _id: 'pen', n: 2 },
    ])
  })

  it('lookup joins another collection', async () => {
    const res = await t.db
      .collection('orders')
      .aggregate()
      .match({ _id: t._.in(['o2', 'o3', 'o4']) })
      .lookup({ from: 'customers', localField: 'customer', foreignField: '_id', as: 'buyer' })
      .project({ buyer: 1 })
      .sort({ _id: 1 })
      .end()
    expect(res.list).toEqual([
      { _id: 'o2', buyer: [{ _id: 'c1', name: '甲公司' }] },
      { _id: 'o3', buyer: [{ _id: 'c2', name: '乙公司' }] },
      { _id: 'o4', buyer: [] },
    ])
  })

  it('count', async () => {
    const res = await t.db
      .collection('orders')
      .aggregate()
      .match({ city: 'sh' })
      .count('shanghai')
      .end()
    expect(res.list).toEqual([{ shanghai: 2 }])
  })
})
