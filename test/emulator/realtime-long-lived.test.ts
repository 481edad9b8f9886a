// A watch socket must outlive Node's HTTP slow-request guards and data resets. Before the server
// took WebSocket upgrades itself, Node wrote `408` into every watch socket after headersTimeout
// (60 s by default), which the SDK reported as `[realtime] ws event: error` in long e2e runs.
// The guards are shortened here so the test crosses them in a few seconds.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Db } from '@cloudbase/database'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import WebSocket from 'ws'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'
import {
  createRealtimeModule,
  type RealtimeService,
} from '../../tools/cloudbase-emulator/src/realtime'

interface Snapshot {
  readonly docs: Array<Record<string, unknown>>
}

type Query = {
  watch(options: { onChange(s: Snapshot): void; onError(e: unknown): void }): {
    close(): Promise<void>
  }
}

const GUARD = { headersMs: 400, requestMs: 600, checkEveryMs: 100 }

let emulator: RunningEmulator
let dataDir: string
let consoleErrors: string[]

class AdminSignRequest {
  constructor(private readonly config: { env: string; baseUrl: string }) {}

  async send(action: string): Promise<unknown> {
    if (action !== 'auth.wsWebSign') throw new Error(`unexpected action ${action}`)
    const res = await fetch(`${this.config.baseUrl}/admin?env=${this.config.env}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action, envName: this.config.env }),
    })
    return res.json()
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

async function eventually(check: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !check(); i += 1) await pause(50)
  expect(check()).toBe(true)
}

beforeAll(async () => {
  consoleErrors = []
  vi.spyOn(console, 'log').mockImplementation(() => undefined)
  vi.spyOn(console, 'warn').mockImplementation(() => undefined)
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    consoleErrors.push(args.map(String).join(' '))
  })
  ;(Db as unknown as { reqClass: unknown }).reqClass = AdminSignRequest
  ;(Db as unknown as { wsClass: unknown }).wsClass = WebSocket
  ;(Db as unknown as { ws: unknown }).ws = undefined
  dataDir = await mkdtemp(join(tmpdir(), 'emu-rt-long-'))
  emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    modules: [createRealtimeModule()],
    slowRequestGuard: GUARD,
  })
  await emulator.database.createCollection(emulator.envId, 'call_invitations')
})

afterAll(async () => {
  await emulator.stop()
  await rm(dataDir, { recursive: true, force: true })
})

describe('a realtime watch on a long-lived socket', () => {
  it('keeps its one connection and its changes past the HTTP guards and a data reset', async () => {
    const db = new Db({ env: emulator.envId, baseUrl: emulator.baseUrl }) as unknown as {
      collection(name: string): { where(filter: Record<string, unknown>): Query }
    }
    const snapshots: Snapshot[] = []
    const errors: unknown[] = []
    const listener = db
      .collection('call_invitations')
      .where({ calleeOpenid: 'o_party_applicant' })
      .watch({
        onChange: (s) => snapshots.push(s),
        onError: (e) => errors.push(e),
      })
    await eventually(() => snapshots.length === 1)
    const realtime = emulator.emu.service<RealtimeService>('realtime')
    expect(realtime.connections()).toEqual({ admin: 1, client: 0, watches: 1 })

    // Several guard checks pass while the socket stays open with its handshake long done.
    await pause(GUARD.requestMs * 3)
    await emulator.reset(emulator.envId)
    await emulator.database.createCollection(emulator.envId, 'call_invitations')
    await emulator.database
      .collection(emulator.envId, 'call_invitations')
      .insert([{ _id: 'inv1', calleeOpenid: 'o_party_applicant', status: 'ringing' }])

    await eventually(() => snapshots.some((s) => s.docs.some((d) => d['_id'] === 'inv1')))
    expect(errors).toEqual([])
    expect(consoleErrors).toEqual([])
    expect(realtime.connections()).toEqual({ admin: 1, client: 0, watches: 1 })
    await listener.close()
  })

  it('answers an upgrade to an unknown path with 404 and closes the socket', async () => {
    const ws = new WebSocket(`${emulator.baseUrl.replace(/^http/, 'ws')}/nowhere`)
    const status = await new Promise<number>((resolve) => {
      ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
      ws.on('error', () => resolve(-1))
    })
    expect(status).toBe(404)
  })
})
