import type { IncomingMessage, ServerResponse } from 'node:http'
import type { DatabaseService, EmulatorModule } from '../../../tools/cloudbase-emulator/src/index'
import { generateSeed } from '../../../tools/cloudbase-emulator/seed/index'

// `POST /__emulator/e2e/fresh`: empties the emulator (its own reset route: database, storage,
// outboxes) and loads the demo seed again, so every e2e file starts from the same data. Only
// the e2e run's emulator has it; it lives with the harness, not in the emulator.

export const FRESH_DATA_PATH = '/__emulator/e2e/fresh'

export async function loadSeed(database: DatabaseService, env: string): Promise<number> {
  let count = 0
  for (const [name, docs] of Object.entries(generateSeed())) {
    await database.createCollection(env, name)
    for (const doc of docs as unknown as Record<string, unknown>[]) {
      const { _id: id, ...rest } = doc
      if (typeof id === 'string') {
        await database.engine.update(env, name, { _id: id }, rest, { upsert: true, replace: true })
      } else {
        await database.engine.insert(env, name, [doc])
      }
      count += 1
    }
  }
  return count
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}

export function createFreshDataModule(): EmulatorModule {
  return {
    name: 'e2e-fresh-data',
    routes: [
      {
        method: 'POST',
        path: FRESH_DATA_PATH,
        async handle(_req: IncomingMessage, res: ServerResponse, emu) {
          try {
            const reset = await fetch(`${emu.baseUrl()}/__emulator/reset`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            })
            if (!reset.ok) throw new Error(`重置失败：${reset.status} ${await reset.text()}`)
            const documents = await loadSeed(emu.service<DatabaseService>('database'), emu.envId)
            reply(res, 200, { ok: true, documents })
          } catch (e) {
            reply(res, 500, { ok: false, message: e instanceof Error ? e.message : String(e) })
          }
        },
      },
    ],
  }
}
