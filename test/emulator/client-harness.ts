// Starts an in-process emulator with the client endpoint, realtime and functions modules, and
// offers the calls a mini-program client makes. Shared by the client/realtime/console tests.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createClientModule } from '../../tools/cloudbase-emulator/src/client'
import { createConsoleModule } from '../../tools/cloudbase-emulator/src/console'
import { createFunctionsModule } from '../../tools/cloudbase-emulator/src/functions/index'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'
import { createRealtimeModule } from '../../tools/cloudbase-emulator/src/realtime'
import { compileRules } from '../../tools/cloudbase-emulator/src/rules'

export const fixturesRoot = resolve(import.meta.dirname, '../fixtures/functions')

export interface Reply {
  readonly status: number
  readonly body: Record<string, unknown>
}

export interface ClientHarness {
  readonly emulator: RunningEmulator
  readonly baseUrl: string
  readonly envId: string
  login(openid: string): Promise<string>
  post(path: string, body: unknown, token?: string): Promise<Reply>
  insert(collection: string, doc: Record<string, unknown>): Promise<string>
  stop(): Promise<void>
}

export async function startClientHarness(options: {
  readonly rules?: Record<string, unknown>
  readonly collections: readonly string[]
}): Promise<ClientHarness> {
  const dataDir = await mkdtemp(join(tmpdir(), 'emu-client-'))
  let rules
  if (options.rules !== undefined) {
    const compiled = compileRules(options.rules)
    if (!compiled.ok) throw new Error(compiled.errors.map((e) => e.message).join('\n'))
    rules = compiled.rules
  }
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    modules: [
      createClientModule(rules === undefined ? {} : { rules }),
      createRealtimeModule(),
      createConsoleModule(),
      createFunctionsModule({
        functionsRoot: fixturesRoot,
        rcPath: join(fixturesRoot, 'cloudbaserc.json'),
      }),
    ],
  })
  for (const name of options.collections) {
    await emulator.database.createCollection(emulator.envId, name)
  }
  const post = async (path: string, body: unknown, token?: string): Promise<Reply> => {
    const res = await fetch(`${emulator.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    })
    return { status: res.status, body: (await res.json()) as Record<string, unknown> }
  }
  return {
    emulator,
    baseUrl: emulator.baseUrl,
    envId: emulator.envId,
    post,
    async login(openid) {
      const reply = await post('/client/login', { openid })
      if (reply.status !== 200) throw new Error(`login failed: ${JSON.stringify(reply.body)}`)
      return String(reply.body['token'])
    },
    async insert(collection, doc) {
      const [id] = await emulator.database.collection(emulator.envId, collection).insert([doc])
      return String(id)
    },
    async stop() {
      await emulator.stop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}

/** Polls until `check` passes (or the test's own timeout ends the wait). */
export async function eventually<T>(read: () => T | undefined, what: string): Promise<T> {
  for (let attempt = 0; attempt < 400; attempt += 1) {
    const value = read()
    if (value !== undefined) return value
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
  throw new Error(`timed out waiting for ${what}`)
}
