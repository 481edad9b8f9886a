import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { galleryRoot, startSim, type Sim } from './harness'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'

// wx.cloud.database() in the simulator's Chromium page, against an in-memory emulator under
// the real security rules (messages and call_invitations are readable by their addressee only).

const ME = 'o_party_applicant'
const OTHER = 'o_party_respondent'

let sim: Sim
let emulator: RunningEmulator
let page: Page
const dataDir = mkdtempSync(path.join(tmpdir(), 'sim-cloud-db-'))
const ids: Record<string, string> = {}

async function insert(collection: string, doc: Record<string, unknown>): Promise<string> {
  const [id] = await emulator.database.collection(emulator.envId, collection).insert([doc])
  return String(id)
}

interface WxFail {
  errCode?: number | undefined
  errMsg: string
}
interface Snapshot {
  id: number
  docs: { toOpenid: string }[]
  docChanges: { dataType: string; docId: string }[]
}
interface Query {
  where(filter: Record<string, unknown>): Query
  orderBy(field: string, order: 'asc' | 'desc'): Query
  field(projection: Record<string, boolean>): Query
  get(o?: { success(r: unknown): void; fail(e: WxFail): void }): Promise<{
    data: { title: string }[]
    errMsg: string
  }>
  count(): Promise<{ total: number; errMsg: string }>
  add(o: { data: Record<string, unknown> }): Promise<{ _id: string; errMsg: string }>
  doc(id: string): {
    get(o?: { success(r: unknown): void; fail(e: WxFail): void }): Promise<{
      data: { _id: string; title: string }
      errMsg: string
    }>
  }
  watch(o: { onChange(s: Snapshot): void; onError(e: WxFail): void }): {
    close(): Promise<unknown>
  }
}
/** What the page sees: wx.cloud.database(), typed for this test. */
interface PageWindow {
  wx: {
    cloud: { database(): { command: { gte(n: number): unknown }; collection(n: string): Query } }
  }
  __s2: Seen
}
interface Seen {
  snapshots: { id: number; docs: string[]; changes: string[][] }[]
  errors: string[]
  watcher?: { close(): Promise<unknown> }
}

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir, inMemory: true })
  for (const name of ['messages', 'call_invitations']) {
    await emulator.database.createCollection(emulator.envId, name)
  }
  ids['mine1'] = await insert('messages', { toOpenid: ME, title: '案件已受理', n: 1 })
  ids['mine2'] = await insert('messages', { toOpenid: ME, title: '调解员已指派', n: 2 })
  ids['theirs'] = await insert('messages', { toOpenid: OTHER, title: '他人的消息', n: 3 })
  sim = await startSim(galleryRoot, 'cloud-database', { cloud: emulator.baseUrl })
  page = await sim.open(undefined, ME)
  await page.evaluate(() =>
    (window as unknown as { wx: { cloud: { init(o: unknown): void } } }).wx.cloud.init({
      env: 'demo-local',
    }),
  )
}, 120_000)

afterAll(async () => {
  await sim?.close()
  await emulator?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('wx.cloud.database() in the simulator', () => {
  it('reads the signed-in user’s own messages in mini-program shapes', async () => {
    const got = await page.evaluate(async (id) => {
      const db = (window as unknown as PageWindow).wx.cloud.database()
      const _ = db.command
      const q = db.collection('messages').where({ toOpenid: '{openid}', n: _.gte(1) })
      const list = await q.orderBy('n', 'desc').field({ title: true, n: true }).get()
      const count = await q.count()
      const one = await db.collection('messages').doc(id).get()
      return {
        list: { errMsg: list.errMsg, titles: list.data.map((d) => d.title) },
        count: { errMsg: count.errMsg, total: count.total },
        one: { errMsg: one.errMsg, id: one.data._id, title: one.data.title },
      }
    }, ids['mine1'] ?? '')
    expect(got).toEqual({
      list: { errMsg: 'collection.get:ok', titles: ['调解员已指派', '案件已受理'] },
      count: { errMsg: 'collection.count:ok', total: 2 },
      one: { errMsg: 'document.get:ok', id: ids['mine1'], title: '案件已受理' },
    })
  })

  it('refuses another user’s messages with errCode, in promise and callback form', async () => {
    const got = await page.evaluate(
      async ([other, theirs]) => {
        const db = (window as unknown as PageWindow).wx.cloud.database()
        const failed = (e: WxFail): WxFail => ({ errCode: e.errCode, errMsg: e.errMsg })
        const query = await db
          .collection('messages')
          .where({ toOpenid: other })
          .get()
          .then(() => null, failed)
        const doc = await new Promise<WxFail | null>((resolve) => {
          void db
            .collection('messages')
            .doc(theirs)
            .get({ success: () => resolve(null), fail: (e) => resolve(failed(e)) })
        })
        const add = await db
          .collection('messages')
          .add({ data: { toOpenid: other, title: 'x' } })
          .then(() => null, failed)
        return { query, doc, add }
      },
      [OTHER, ids['theirs'] ?? ''] as const,
    )
    expect(got.query?.errCode).toBe(-502003)
    expect(got.query?.errMsg).toMatch(/^collection\.get:fail -502003 /)
    expect(got.doc?.errCode).toBe(-502003)
    expect(got.doc?.errMsg).toMatch(/^document\.get:fail /)
    expect(got.add?.errCode).toBe(-502003)
    expect(got.add?.errMsg).toMatch(/^collection\.add:fail /)
  })

  it('watch() delivers an invitation addressed to the user and not one to someone else', async () => {
    await page.evaluate(() => {
      const w = window as unknown as PageWindow
      const db = w.wx.cloud.database()
      const s2: Seen = { snapshots: [], errors: [] }
      w.__s2 = s2
      s2.watcher = db
        .collection('call_invitations')
        .where({ toOpenid: '{openid}', status: 'ringing' })
        .watch({
          onChange: (s) =>
            s2.snapshots.push({
              id: s.id,
              docs: s.docs.map((d) => d.toOpenid),
              changes: s.docChanges.map((c) => [c.dataType, c.docId]),
            }),
          onError: (e) => s2.errors.push(e.errMsg),
        })
    })
    const seen = (): Promise<Seen> =>
      page.evaluate(() => {
        const { snapshots, errors } = (window as unknown as PageWindow).__s2
        return { snapshots, errors }
      })
    const until = async (n: number): Promise<Seen> => {
      await page.waitForFunction(
        (k) => (window as unknown as PageWindow).__s2.snapshots.length >= k,
        n,
        { timeout: 15_000 },
      )
      return seen()
    }
    const init = await until(1)
    expect(init.snapshots[0]?.docs).toEqual([])

    await insert('call_invitations', { toOpenid: OTHER, status: 'ringing', callId: 'c-other' })
    const mine = await insert('call_invitations', { toOpenid: ME, status: 'ringing', callId: 'c1' })
    const after = await until(2)
    // The other user's invitation came first; had it been delivered it would be snapshot 2.
    expect(after.snapshots[1]).toEqual({
      id: (init.snapshots[0]?.id ?? 0) + 1,
      docs: [ME],
      changes: [['add', mine]],
    })
    expect(after.errors).toEqual([])
    const closed = await page.evaluate(async () => {
      await (window as unknown as PageWindow).__s2.watcher?.close()
      return 'closed'
    })
    expect(closed).toBe('closed')
    expect((await seen()).snapshots).toHaveLength(2)
  })
})
