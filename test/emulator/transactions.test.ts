import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSdkEmulator, type SdkEmulator } from './support/sdk'

let t: SdkEmulator

beforeAll(async () => {
  t = await startSdkEmulator('demo-transactions')
  await t.db.createCollection('accounts')
})

afterAll(async () => {
  await t.emu.stop()
})

async function balance(id: string): Promise<unknown> {
  return (await t.db.collection('accounts').doc(id).get()).data['balance']
}

describe('runTransaction', () => {
  it('commits reads and writes together and returns the callback result', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'a', balance: 100 } })
    await t.db.collection('accounts').add({ data: { _id: 'b', balance: 0 } })
    const result = await t.db.runTransaction(async (tx) => {
      const from = await tx.collection('accounts').doc('a').get()
      const amount = 30
      await tx
        .collection('accounts')
        .doc('a')
        .update({ data: { balance: Number(from.data['balance']) - amount } })
      await tx
        .collection('accounts')
        .doc('b')
        .update({ data: { balance: t._.inc(amount) } })
      await tx.collection('accounts').add({ data: { _id: 'log1', kind: 'transfer', amount } })
      return amount
    })
    expect(result).toBe(30)
    expect(await balance('a')).toBe(70)
    expect(await balance('b')).toBe(30)
    expect((await t.db.collection('accounts').doc('log1').get()).data['kind']).toBe('transfer')
  })

  it('a throwing callback leaves nothing behind', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'c', balance: 5 } })
    await expect(
      t.db.runTransaction(async (tx) => {
        await tx
          .collection('accounts')
          .doc('c')
          .update({ data: { balance: 0 } })
        await tx.collection('accounts').add({ data: { _id: 'ghost', balance: 1 } })
        throw new Error('业务校验失败')
      }),
    ).rejects.toThrow('业务校验失败')
    expect(await balance('c')).toBe(5)
    expect((await t.db.collection('accounts').where({ _id: 'ghost' }).count()).total).toBe(0)
  })

  it('rollback(reason) rejects with the reason and writes nothing', async () => {
    await expect(
      t.db.runTransaction(async (tx) => {
        await tx
          .collection('accounts')
          .doc('c')
          .update({ data: { balance: 999 } })
        await tx.rollback('余额不足')
      }),
    ).rejects.toBe('余额不足')
    expect(await balance('c')).toBe(5)
  })

  it('50 concurrent read-modify-write transactions on one document add exactly 50', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'counter', balance: 0 } })
    await Promise.all(
      Array.from({ length: 50 }, () =>
        t.db.runTransaction(async (tx) => {
          const current = await tx.collection('accounts').doc('counter').get()
          await tx
            .collection('accounts')
            .doc('counter')
            .update({
              data: { balance: Number(current.data['balance']) + 1 },
            })
        }),
      ),
    )
    expect(await balance('counter')).toBe(50)
  })

  it('50 concurrent _.inc transactions add exactly 50', async () => {
    await Promise.all(
      Array.from({ length: 50 }, () =>
        t.db.runTransaction(async (tx) => {
          await tx
            .collection('accounts')
            .doc('counter')
            .update({ data: { balance: t._.inc(1) } })
        }),
      ),
    )
    expect(await balance('counter')).toBe(100)
  })

  it('a conflicting outside write makes the SDK retry, and the retry sees it', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'race', balance: 10 } })
    let attempts = 0
    await t.db.runTransaction(async (tx) => {
      attempts += 1
      const seen = await tx.collection('accounts').doc('race').get()
      if (attempts === 1) {
        await t.db
          .collection('accounts')
          .doc('race')
          .update({ data: { balance: t._.inc(5) } })
      }
      await tx
        .collection('accounts')
        .doc('race')
        .update({ data: { balance: Number(seen.data['balance']) * 2 } })
    })
    expect(attempts).toBe(2)
    expect(await balance('race')).toBe(30)
  })
})

/** Resolves once `n` lock requests wait in the engine (the emulator answers over HTTP, so the
 * order in which two requests arrive is only known by looking). */
async function untilWaiting(n: number): Promise<void> {
  while (t.emu.database.engine.transactionStats().waiting < n) {
    await new Promise((r) => setTimeout(r, 5))
  }
}

describe('per-document locking', () => {
  it('a transaction on other documents commits while one holds a document', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'held', balance: 1 } })
    await t.db.collection('accounts').add({ data: { _id: 'free', balance: 1 } })
    const holder = await t.db.startTransaction()
    await holder.collection('accounts').doc('held').get()
    await t.db.runTransaction(async (tx) => {
      await tx
        .collection('accounts')
        .doc('free')
        .update({ data: { balance: t._.inc(1) } })
    })
    expect(await balance('free')).toBe(2)
    await holder.rollback()
  })

  it('two transactions waiting for each other: the one closing the cycle fails its commit with DATABASE_TRANSACTION_CONFLICT, the other commits', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'p1', balance: 10 } })
    await t.db.collection('accounts').add({ data: { _id: 'q1', balance: 10 } })
    const a = await t.db.startTransaction()
    const b = await t.db.startTransaction()
    await a.collection('accounts').doc('p1').get()
    await b.collection('accounts').doc('q1').get()
    const aWaits = a.collection('accounts').doc('q1').get()
    await untilWaiting(1)
    await b.collection('accounts').doc('p1').get()
    expect((await aWaits).data).toMatchObject({ balance: 10 })
    await b
      .collection('accounts')
      .doc('p1')
      .update({ data: { balance: 0 } })
    await expect(b.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    await a
      .collection('accounts')
      .doc('q1')
      .update({ data: { balance: 11 } })
    await a.commit()
    expect(await balance('q1')).toBe(11)
    expect(await balance('p1')).toBe(10)
  })

  it('runTransaction starts a deadlock victim again, after the other transaction committed', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'p2', balance: 10 } })
    await t.db.collection('accounts').add({ data: { _id: 'q2', balance: 0 } })
    const other = await t.db.startTransaction()
    await other.collection('accounts').doc('q2').get()
    let otherDone: Promise<unknown> = Promise.resolve()
    let attempts = 0
    await t.db.runTransaction(async (tx) => {
      attempts += 1
      const p = await tx.collection('accounts').doc('p2').get()
      if (attempts === 1) {
        // `other` now waits for p2, which this attempt holds; asking for q2 closes the cycle, so
        // this attempt lets go of p2 and its commit fails.
        otherDone = other
          .collection('accounts')
          .doc('p2')
          .get()
          .then(async () => {
            await other
              .collection('accounts')
              .doc('p2')
              .update({ data: { balance: t._.inc(5) } })
            await other.commit()
          })
        await untilWaiting(1)
      }
      const q = await tx.collection('accounts').doc('q2').get()
      await tx
        .collection('accounts')
        .doc('p2')
        .update({ data: { balance: Number(p.data['balance']) - 1 } })
      await tx
        .collection('accounts')
        .doc('q2')
        .update({ data: { balance: Number(q.data['balance']) + 1 } })
    })
    await otherDone
    expect(attempts).toBe(2)
    expect(await balance('p2')).toBe(14)
    expect(await balance('q2')).toBe(1)
  })
})

describe('startTransaction / commit / rollback', () => {
  it('writes stay invisible outside until commit', async () => {
    await t.db.collection('accounts').add({ data: { _id: 'iso', balance: 1 } })
    const tx = await t.db.startTransaction()
    await tx
      .collection('accounts')
      .doc('iso')
      .update({ data: { balance: 2 } })
    expect((await tx.collection('accounts').doc('iso').get()).data['balance']).toBe(2)
    expect(await balance('iso')).toBe(1)
    await tx.commit()
    expect(await balance('iso')).toBe(2)
  })

  it('rollback discards every write', async () => {
    const tx = await t.db.startTransaction()
    await tx
      .collection('accounts')
      .doc('iso')
      .update({ data: { balance: 100 } })
    await tx.collection('accounts').add({ data: { _id: 'never', balance: 1 } })
    await tx.rollback()
    expect(await balance('iso')).toBe(2)
    expect((await t.db.collection('accounts').where({ _id: 'never' }).count()).total).toBe(0)
  })

  it('commit after an outside write to a document it read fails with DATABASE_TRANSACTION_CONFLICT', async () => {
    const tx = await t.db.startTransaction()
    await tx.collection('accounts').doc('iso').get()
    await t.db
      .collection('accounts')
      .doc('iso')
      .update({ data: { balance: 7 } })
    await tx
      .collection('accounts')
      .doc('iso')
      .update({ data: { balance: 8 } })
    await expect(tx.commit()).rejects.toMatchObject({ code: 'DATABASE_TRANSACTION_CONFLICT' })
    expect(await balance('iso')).toBe(7)
    // The environment is free again: a new transaction starts and commits.
    const next = await t.db.startTransaction()
    await next
      .collection('accounts')
      .doc('iso')
      .update({ data: { balance: 9 } })
    await next.commit()
    expect(await balance('iso')).toBe(9)
  })
})
