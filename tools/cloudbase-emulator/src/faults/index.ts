// The `faults` emulator module: seeded fault injection for database writes, storage calls and
// function invocations (failures and timeouts), set at start or through `/__emulator/faults`.
import type { IncomingMessage } from 'node:http'
import { readBody } from '../server/body'
import type { EmulatorContext, EmulatorModule } from '../server/contracts'
import { sendJson } from '../server/http-server'
import { parseFaultConfig, type FaultConfigInput } from './config'
import { FaultInjector } from './injector'

export { adminFault } from './admin-gate'
export { parseFaultConfig, NO_FAULTS } from './config'
export type { FaultConfig, FaultConfigInput, FaultMatch } from './config'
export { FaultInjector, type FaultCounters, type InvocationFault } from './injector'

/** The injector of a running emulator; undefined where no faults module is registered. */
export function faultsOf(emu: EmulatorContext): FaultInjector | undefined {
  try {
    return emu.service<FaultInjector>('faults')
  } catch {
    return undefined
  }
}

async function jsonOf(req: IncomingMessage): Promise<unknown> {
  const read = await readBody(req, 64 * 1024)
  if (read.kind !== 'ok') return undefined
  try {
    return read.body.length === 0 ? {} : (JSON.parse(read.body.toString('utf8')) as unknown)
  } catch {
    return undefined
  }
}

export function createFaultsModule(initial?: FaultConfigInput): EmulatorModule & {
  readonly api: FaultInjector
} {
  const injector = new FaultInjector()
  if (initial !== undefined) {
    const parsed = parseFaultConfig(initial)
    if (!parsed.ok) throw new Error(`故障注入设置有误：${parsed.message}`)
    injector.configure(parsed.config)
  }
  return {
    name: 'faults',
    api: injector,
    routes: [
      {
        method: 'GET',
        path: '/__emulator/faults',
        handle: (_req, res) => {
          sendJson(res, 200, injector.snapshot())
          return Promise.resolve()
        },
      },
      {
        method: 'POST',
        path: '/__emulator/faults',
        handle: async (req, res) => {
          const parsed = parseFaultConfig(await jsonOf(req))
          if (!parsed.ok) {
            sendJson(res, 400, { code: 'INVALID_PARAM', message: parsed.message })
            return
          }
          injector.configure(parsed.config)
          sendJson(res, 200, injector.snapshot())
        },
      },
      {
        method: 'DELETE',
        path: '/__emulator/faults',
        handle: (req, res) => {
          req.resume()
          const final = injector.snapshot()
          injector.clear()
          sendJson(res, 200, { ok: true, counters: final['counters'] })
          return Promise.resolve()
        },
      },
    ],
  }
}
