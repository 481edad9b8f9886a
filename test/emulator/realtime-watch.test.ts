// Drives the emulator's realtime endpoint with the real watch client from @cloudbase/database
// 1.4.3 (the version wx-server-sdk pins), as the web simulator's wx.cloud will.
import { Db } from '@cloudbase/database'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { eventually, startClientHarness, type ClientHarness } from './client-harness'

interface Snapshot {
  readonly id: number
  readonly msgType?: string
  readonly docs: Array<Record<string, unknown>>
  readonly docChanges: Array<{ dataType: string; queueType: string; docId: string }>
}

interface Listener {
  close(): Promise<void>
}

interface WatchRecord {
  readonly snapshots: Snapshot[]
  readonly errors: unknown[]
  readonly listener: Listener
}

interface DbConfig {
  readonly env: string
  readonly baseUrl: string
  /** A client session token; absent = the admin entry. */
  readonly token?: string
}

/** The only request the watch client makes: the realtime ticket. */
class EmulatorRequest {
  constructor(private readonly config: DbConfig) {}

  async send(action: string): Promise<unknown> {
    if (action !== 'auth.wsWebSign') throw new Error(`unexpected action ${action}`)
    const { baseUrl, token, env } = this.config
    const res =
      token === undefined
        ? await fetch(`${baseUrl}/admin?env=${env}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ action, envName: env }),
          })
        : await fetch(`${baseUrl}/client/wsSign`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}` },
          })
    return res.json()
  }
}

type Query = {
  watch(options: { onChange(s: Snapshot): void; onError(e: unknown): void }): Listener
}
type CollectionRef = Query & {
  where(filter: Record<string, unknown>): Query & { limit(n: number): Query }
}

function openDb(config: DbConfig): { collection(name: string): CollectionRef } {
  // The realtime client is a per-process singleton; a fresh one per user gives each their own
  // connection, as separate devices would have.
  ;(Db as unknown as { ws: unknown }).ws = undefined
  return new Db(config) as unknown as { collection(name: string): CollectionRef }
}

function watch(query: Query): WatchRecord {
  const snapshots: Snapshot[] = []
  const errors: unknown[] = []
  const listener = query.watch({
    onChange: (snapshot) => snapshots.push(snapshot),
    onError: (error) => errors.push(error),
  })
  return { snapshots, errors, listener }
}

const texts = (snapshot: Snapshot | undefined): unknown[] =>
  (snapshot?.docs ?? []).map((doc) => doc['text']).sort()

interface RawSocket {
  request(frame: Record<string, unknown>): Promise<Record<string, unknown>>
  close(): void
}

/** A bare protocol client: sends one frame, resolves with the reply carrying its requestId. */
async function rawSocket(url: string): Promise<RawSocket> {
  const ws = new WebSocket(url)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const waiting = new Map<string, (reply: Record<string, unknown>) => void>()
  ws.on('message', (data: Buffer) => {
    const reply = JSON.parse(data.toString('utf8')) as Record<string, unknown>
    waiting.get(String(reply['requestId']))?.(reply)
  })
  let n = 0
  return {
    request(frame) {
      n += 1
      const requestId = `r${n}`
      return new Promise((resolve) => {
        waiting.set(requestId, resolve)
        ws.send(JSON.stringify({ requestId, ...frame }))
      })
    },
    close: () => ws.close(),
  }
}

let h: ClientHarness

beforeAll(async () => {
  // The 1.4.3 client narrates every frame on the console; keep the test output readable.
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation(() => undefined)
  ;(Db as unknown as { reqClass: unknown }).reqClass = EmulatorRequest
  ;(Db as unknown as { wsClass: unknown }).wsClass = WebSocket
  h = await startClientHarness({ collections: ['chat', 'messages', 'users'] })
})

afterAll(async () => {
  await h.stop()
  // The console spies stay: the 1.4.3 client's timers may still narrate after the server is gone,
  // and vitest discards them with this file's worker.
})

describe('realtime watch through the real @cloudbase/database client (admin /ws)', () => {
  it('delivers the initial snapshot, then add, update, remove and dequeue', async () => {
    const chat = h.emulator.database.collection(h.envId, 'chat')
    const first = await h.insert('chat', { room: 'r1', text: 'hello', n: 1 })
    await h.insert('chat', { room: 'r2', text: 'elsewhere', n: 1 })
    const db = openDb({ env: h.envId, baseUrl: h.baseUrl })
    const w = watch(db.collection('chat').where({ room: 'r1' }))

    const init = await eventually(() => w.snapshots[0], 'initial snapshot')
    expect(init.msgType).toBe('INIT_EVENT')
    expect(texts(init)).toEqual(['hello'])
    expect(init.docChanges.map((c) => [c.dataType, c.queueType])).toEqual([['init', 'init']])

    const second = await h.insert('chat', { room: 'r1', text: 'second', n: 2 })
    const added = await eventually(() => w.snapshots[1], 'add event')
    expect(texts(added)).toEqual(['hello', 'second'])
    expect(added.docChanges).toMatchObject([
      { dataType: 'add', queueType: 'enqueue', docId: second },
    ])

    await chat.update({ _id: second }, { $set: { text: 'second (edited)' } })
    const updated = await eventually(() => w.snapshots[2], 'update event')
    expect(texts(updated)).toEqual(['hello', 'second (edited)'])
    expect(updated.docChanges).toMatchObject([
      { dataType: 'update', queueType: 'update', docId: second },
    ])

    // Leaves the query without being deleted: a dequeue.
    await chat.update({ _id: first }, { $set: { room: 'r9' } })
    const dequeued = await eventually(() => w.snapshots[3], 'dequeue event')
    expect(texts(dequeued)).toEqual(['second (edited)'])
    expect(dequeued.docChanges).toMatchObject([
      { dataType: 'update', queueType: 'dequeue', docId: first },
    ])

    await chat.remove({ _id: second })
    const removed = await eventually(() => w.snapshots[4], 'remove event')
    expect(removed.docs).toEqual([])
    expect(removed.docChanges).toMatchObject([
      { dataType: 'remove', queueType: 'dequeue', docId: second },
    ])

    // A write outside the query sends nothing; the next event proves none was skipped.
    await h.insert('chat', { room: 'r2', text: 'not watched', n: 3 })
    await h.insert('chat', { room: 'r1', text: 'third', n: 3 })
    const next = await eventually(() => w.snapshots[5], 'next add event')
    expect(texts(next)).toEqual(['third'])
    expect(next.id).toBe(init.id + 5)
    expect(w.snapshots).toHaveLength(6)
    expect(w.errors).toEqual([])
    await w.listener.close()
  })

  it('honours limit: a doc pushed past the limit leaves, one freed up enters', async () => {
    const db = openDb({ env: h.envId, baseUrl: h.baseUrl })
    await h.insert('chat', { room: 'lim', text: 'a' })
    const b = await h.insert('chat', { room: 'lim', text: 'b' })
    await h.insert('chat', { room: 'lim', text: 'c' })
    const w = watch(db.collection('chat').where({ room: 'lim' }).limit(2))
    const init = await eventually(() => w.snapshots[0], 'initial snapshot')
    expect(texts(init)).toEqual(['a', 'b'])
    await h.emulator.database.collection(h.envId, 'chat').remove({ _id: b })
    const after = await eventually(() => w.snapshots[1], 'limit event')
    expect(texts(after)).toEqual(['a', 'c'])
    expect(after.docChanges.map((c) => [c.dataType, c.queueType]).sort()).toEqual([
      ['limit', 'enqueue'],
      ['remove', 'dequeue'],
    ])
    await w.listener.close()
  })
})

describe('admin /ws frames', () => {
  it('orders and limits the initial result and answers a bad ticket with SIGN_INVALID_ERROR', async () => {
    for (const n of [5, 9, 7, 1]) await h.insert('chat', { room: 'ordered', n })
    const ticket = (await (
      await fetch(`${h.baseUrl}/admin?env=${h.envId}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'auth.wsWebSign', envName: h.envId }),
      })
    ).json()) as { data: { signStr: string; wsUrl: string } }
    expect(ticket.data.wsUrl).toBe(`${h.baseUrl.replace('http', 'ws')}/ws`)
    const ws = await rawSocket(ticket.data.wsUrl)
    const forged = await ws.request({ msgType: 'LOGIN', msgData: {}, exMsgData: { signStr: 'x' } })
    expect(forged).toMatchObject({ msgType: 'ERROR', msgData: { code: 'SIGN_INVALID_ERROR' } })
    await ws.request({ msgType: 'LOGIN', msgData: {}, exMsgData: { signStr: ticket.data.signStr } })
    const init = (await ws.request({
      msgType: 'INIT_WATCH',
      watchId: 'w',
      msgData: {
        collName: 'chat',
        query: JSON.stringify('{"room":"ordered"}'),
        orderBy: { n: 'desc' },
        limit: 3,
      },
    })) as { msgData: { events: Array<{ Doc: string }> } }
    expect(init.msgData.events.map((e) => (JSON.parse(e.Doc) as { n: number }).n)).toEqual([
      9, 7, 5,
    ])
    ws.close()
  })
})

describe('client watch (/client/ws) under the read rules', () => {
  it("a user's watch never receives another user's document, initially or later", async () => {
    const messages = h.emulator.database.collection(h.envId, 'messages')
    await h.insert('messages', { toOpenid: 'o_alice', text: 'for alice 1' })
    await h.insert('messages', { toOpenid: 'o_bob', text: 'for bob 1' })
    const alice = await h.login('o_alice')
    const db = openDb({ env: h.envId, baseUrl: h.baseUrl, token: alice })
    const w = watch(db.collection('messages').where({ toOpenid: 'o_alice' }))
    const init = await eventually(() => w.snapshots[0], 'initial snapshot')
    expect(texts(init)).toEqual(['for alice 1'])

    await h.insert('messages', { toOpenid: 'o_bob', text: 'for bob 2' })
    const mine = await h.insert('messages', { toOpenid: 'o_alice', text: 'for alice 2' })
    const added = await eventually(() => w.snapshots[1], 'add event')
    expect(texts(added)).toEqual(['for alice 1', 'for alice 2'])

    // Re-addressed to bob: alice sees it leave, but never its new contents.
    await messages.update({ _id: mine }, { $set: { toOpenid: 'o_bob', text: 'now secret' } })
    const left = await eventually(() => w.snapshots[2], 'dequeue event')
    expect(texts(left)).toEqual(['for alice 1'])
    const everything = JSON.stringify(w.snapshots.map((s) => [s.docs, s.docChanges]))
    expect(everything).not.toContain('for bob')
    expect(everything).not.toContain('now secret')
    expect(everything).not.toContain('o_bob')
    await w.listener.close()
  })

  it('a watch whose query the rule does not allow is refused with an ERROR', async () => {
    // Spoken frame by frame: the 1.4.3 client turns a refused INIT_WATCH into onError *and* an
    // unhandled rejection of its own, which would fail the run for a reason not ours.
    const alice = await h.login('o_alice')
    const ws = await rawSocket(`${h.baseUrl.replace('http', 'ws')}/client/ws?token=${alice}`)
    const login = await ws.request({ msgType: 'LOGIN', msgData: { envId: h.envId } })
    expect(login).toMatchObject({ msgType: 'LOGIN_RES', msgData: { envId: h.envId } })
    const forBob = await ws.request({
      msgType: 'INIT_WATCH',
      watchId: 'w1',
      msgData: {
        envId: h.envId,
        collName: 'messages',
        query: JSON.stringify('{"toOpenid":"o_bob"}'),
      },
    })
    expect(forBob).toMatchObject({
      msgType: 'ERROR',
      watchId: 'w1',
      msgData: { code: 'COLLECTION_PERMISSION_DENIED' },
    })
    const unfiltered = await ws.request({
      msgType: 'INIT_WATCH',
      watchId: 'w2',
      msgData: { envId: h.envId, collName: 'messages' },
    })
    expect(unfiltered).toMatchObject({
      msgType: 'ERROR',
      msgData: { code: 'COLLECTION_PERMISSION_DENIED' },
    })
    const own = await ws.request({
      msgType: 'INIT_WATCH',
      watchId: 'w3',
      msgData: {
        envId: h.envId,
        collName: 'messages',
        query: JSON.stringify('{"toOpenid":"o_alice"}'),
      },
    })
    expect(own).toMatchObject({ msgType: 'INIT_EVENT', watchId: 'w3' })
    const events = (own as { msgData: { events: Array<{ Doc: string }> } }).msgData.events
    expect(events.length).toBeGreaterThan(0)
    for (const event of events) expect(JSON.parse(event.Doc)).toMatchObject({ toOpenid: 'o_alice' })
    const pong = await ws.request({ msgType: 'PING', msgData: null })
    expect(pong).toMatchObject({ msgType: 'PONG' })
    const check = await ws.request({
      msgType: 'CHECK_LAST',
      watchId: 'w3',
      msgData: { queryID: (own as { msgData: { queryID: string } }).msgData.queryID, eventID: 1 },
    })
    expect(check).toMatchObject({ msgType: 'CHECK_EVENT', msgData: { currEvent: 1 } })
    ws.close()
  })

  it('refuses a WebSocket without a valid session token', async () => {
    const status = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`${h.baseUrl.replace('http', 'ws')}/client/ws?token=forged`)
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('open', () => resolve(101))
      ws.on('error', () => undefined)
    })
    expect(status).toBe(401)
  })
})

describe('reset', () => {
  it('a reset that drops the watched collection empties the watch instead of breaking it', async () => {
    await h.insert('chat', { room: 'reset-me', text: 'soon gone' })
    const db = openDb({ env: h.envId, baseUrl: h.baseUrl })
    const w = watch(db.collection('chat').where({ room: 'reset-me' }))
    const init = await eventually(() => w.snapshots[0], 'initial snapshot')
    expect(texts(init)).toEqual(['soon gone'])
    await h.emulator.reset(h.envId)
    const emptied = await eventually(() => w.snapshots[1], 'removal after reset')
    expect(emptied.docs).toEqual([])
    expect(emptied.docChanges).toMatchObject([{ dataType: 'remove', queueType: 'dequeue' }])
    expect(w.errors).toEqual([])
    await w.listener.close()
  })
})
