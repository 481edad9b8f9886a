import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'
import { startChildEmulator, type ChildEmulator } from './support/child-emulator'
import { connectSdk, tempDir, type Doc } from './support/sdk'

const running: RunningEmulator[] = []
const children: ChildEmulator[] = []

afterEach(async () => {
  for (const emu of running.splice(0)) await emu.stop()
  for (const child of children.splice(0)) {
    child.process.kill('SIGKILL')
    await child.exited
  }
})

async function start(
  dataDir: string,
  envId: string,
  compactEvery?: number,
): Promise<RunningEmulator> {
  const emu = await startEmulator({
    port: 0,
    dataDir,
    envId,
    modules: [],
    ...(compactEvery === undefined ? {} : { compactEvery }),
  })
  running.push(emu)
  return emu
}

async function stop(emu: RunningEmulator): Promise<void> {
  running.splice(running.indexOf(emu), 1)
  await emu.stop()
}

async function allDocs(baseUrl: string, envId: string, collection: string): Promise<Doc[]> {
  const db = connectSdk(baseUrl, envId).database()
  const out: Doc[] = []
  for (;;) {
    const page = await db
      .collection(collection)
      .orderBy('_id', 'asc')
      .skip(out.length)
      .limit(1000)
      .get()
    out.push(...page.data)
    if (page.data.length < 1000) return out
  }
}

describe('persistence', () => {
  it('keeps every kind of write across a restart, with types intact', async () => {
    const dir = tempDir('restart')
    const first = await start(dir, 'demo-restart')
    const db = connectSdk(first.baseUrl, 'demo-restart').database()
    await db.createCollection('notes')
    const a = await db
      .collection('notes')
      .add({ data: { n: 1, big: 2 ** 40, f: 1.5, at: new Date(1_700_000_000_000) } })
    const b = await db.collection('notes').add({ data: { n: 2, tags: ['x'] } })
    await db
      .collection('notes')
      .doc(a._id)
      .update({ data: { n: db.command.inc(10) } })
    await db.collection('notes').doc(b._id).remove()
    await db.runTransaction(async (tx) => {
      await tx.collection('notes').add({ data: { _id: 'in-txn', n: 3 } })
    })
    await stop(first)

    const second = await start(dir, 'demo-restart')
    const docs = await allDocs(second.baseUrl, 'demo-restart', 'notes')
    expect(docs).toEqual(
      [
        { _id: a._id, n: 11, big: 2 ** 40, f: 1.5, at: new Date(1_700_000_000_000) },
        { _id: 'in-txn', n: 3 },
      ].sort((x, y) => String(x._id).localeCompare(String(y._id))),
    )
  })

  it('compacts into a snapshot and still restores everything', async () => {
    const dir = tempDir('compact')
    const first = await start(dir, 'demo-compact', 10)
    const col = first.database.collection('demo-compact', 'users')
    for (let i = 0; i < 60; i++)
      await col.insert({ _id: `u${String(i).padStart(3, '0')}`, openid: `o${i}`, i })
    await col.update({ i: { $lt: 5 } }, { $set: { early: true } })
    await first.database.engine.compact()
    const log = readFileSync(join(dir, 'database', 'database.log'), 'utf8')
    expect(log).toBe('')
    expect(existsSync(join(dir, 'database', 'database.snapshot'))).toBe(true)
    await col.remove({ i: 59 })
    await stop(first)

    const second = await start(dir, 'demo-compact')
    const users = second.database.collection('demo-compact', 'users')
    expect(users.count()).toBe(59)
    expect(users.count({ early: true })).toBe(5)
    expect(users.findOne({ openid: 'o42' })?.['i']).toBe(42)
  })

  it('ignores a torn last log line and keeps the records before it', async () => {
    const dir = tempDir('torn')
    const envId = 'demo-torn'
    const child = await startChildEmulator(['--data', dir, '--env', envId])
    children.push(child)
    const db = connectSdk(child.baseUrl, envId).database()
    await db.collection('users').add({ data: { _id: 'kept', openid: 'o1' } })
    child.process.kill('SIGKILL')
    await child.exited
    children.splice(0)
    // What a crash in the middle of an append leaves: half a record at the end of the log.
    const logPath = join(dir, 'database', 'database.log')
    expect(readFileSync(logPath, 'utf8')).toContain('"kept"')
    appendFileSync(logPath, '{"seq":99,"env":"demo-torn","ops":[{"c":"users","id":"lost"')

    const second = await start(dir, envId)
    const users = second.database.collection(envId, 'users')
    expect(users.get('kept')?.['openid']).toBe('o1')
    expect(users.get('lost')).toBeUndefined()
    await users.insert({ _id: 'after', openid: 'o2' })
    await stop(second)
    const third = await start(dir, envId)
    expect(third.database.collection(envId, 'users').count()).toBe(2)
  })

  it('loses no acknowledged write when the process is killed with SIGKILL mid-stream', async () => {
    const dir = tempDir('crash')
    const envId = 'demo-crash'
    const child = await startChildEmulator(['--data', dir, '--env', envId])
    children.push(child)
    const db = connectSdk(child.baseUrl, envId).database()
    await db.createCollection('crash')
    await db.collection('crash').add({ data: { _id: 'counter', value: 0 } })

    const acked: Array<{ id: string; writer: number; seq: number }> = []
    let ackedIncs = 0
    let attemptedIncs = 0
    let stopped = false
    const writer = async (w: number): Promise<void> => {
      for (let seq = 0; !stopped; seq++) {
        try {
          if (w === 0) {
            attemptedIncs += 1
            await db.runTransaction(async (tx) => {
              await tx
                .collection('crash')
                .doc('counter')
                .update({ data: { value: db.command.inc(1) } })
            })
            ackedIncs += 1
          } else {
            const res = await db
              .collection('crash')
              .add({ data: { writer: w, seq, payload: 'x'.repeat(200) } })
            acked.push({ id: res._id, writer: w, seq })
          }
        } catch {
          return
        }
      }
    }
    const writers = Array.from({ length: 8 }, (_, w) => writer(w))
    while (acked.length < 400) await new Promise((r) => setTimeout(r, 5))
    child.process.kill('SIGKILL')
    expect(await child.exited).toBe('SIGKILL')
    stopped = true
    await Promise.all(writers)
    children.splice(0)

    const restarted = await startChildEmulator(['--data', dir, '--env', envId])
    children.push(restarted)
    const docs = await allDocs(restarted.baseUrl, envId, 'crash')
    const byId = new Map(docs.map((d) => [String(d['_id']), d]))
    const missing = acked.filter((a) => {
      const doc = byId.get(a.id)
      return doc === undefined || doc['writer'] !== a.writer || doc['seq'] !== a.seq
    })
    expect(missing).toEqual([])
    const counter = Number(byId.get('counter')?.['value'])
    expect(counter).toBeGreaterThanOrEqual(ackedIncs)
    expect(counter).toBeLessThanOrEqual(attemptedIncs)
  })
})
