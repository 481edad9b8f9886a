import type { IncomingMessage, ServerResponse } from 'node:http'
import { readBody } from '../server/body'
import type { EmulatorModule } from '../server/contracts'
import type { EmulatorClock } from '../server/clock'
import { isLocalEnvName, ENV_NAME_RULE } from '../server/env-names'
import { sendJson } from '../server/http-server'

/** What the control endpoints act on; provided by startEmulator. */
export interface ControlHooks {
  status(): Record<string, unknown>
  reset(env: string | undefined): Promise<void>
  export(dir: string, env: string | undefined): Promise<Record<string, unknown>>
  readonly clock: EmulatorClock
}

async function jsonBody(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const read = await readBody(req, 1024 * 1024)
  if (read.kind !== 'ok') return undefined
  if (read.body.length === 0) return {}
  try {
    const parsed = JSON.parse(read.body.toString('utf8')) as unknown
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : undefined
  } catch {
    return undefined
  }
}

function badRequest(res: ServerResponse, message: string): void {
  sendJson(res, 400, { code: 'INVALID_PARAM', message })
}

function envOf(
  body: Record<string, unknown>,
  res: ServerResponse,
): { ok: true; env: string | undefined } | { ok: false } {
  const env = body['env']
  if (env === undefined) return { ok: true, env: undefined }
  if (!isLocalEnvName(env)) {
    badRequest(res, ENV_NAME_RULE)
    return { ok: false }
  }
  return { ok: true, env }
}

/** `/__emulator/*`: status, reset, export and the controllable clock. */
export function createControlModule(hooks: ControlHooks): EmulatorModule {
  return {
    name: 'control',
    routes: [
      {
        method: 'GET',
        path: '/__emulator/status',
        handle: (_req, res) => {
          sendJson(res, 200, hooks.status())
          return Promise.resolve()
        },
      },
      {
        method: 'POST',
        path: '/__emulator/reset',
        handle: async (req, res) => {
          const body = await jsonBody(req)
          if (body === undefined) return badRequest(res, '请求体必须是 JSON 对象')
          const env = envOf(body, res)
          if (!env.ok) return
          await hooks.reset(env.env)
          sendJson(res, 200, { ok: true, env: env.env ?? null })
        },
      },
      {
        method: 'POST',
        path: '/__emulator/export',
        handle: async (req, res) => {
          const body = await jsonBody(req)
          if (body === undefined) return badRequest(res, '请求体必须是 JSON 对象')
          const dir = body['dir']
          if (typeof dir !== 'string' || dir === '') return badRequest(res, '缺少导出目录 dir')
          const env = envOf(body, res)
          if (!env.ok) return
          sendJson(res, 200, { ok: true, dir, ...(await hooks.export(dir, env.env)) })
        },
      },
      {
        method: 'POST',
        path: '/__emulator/clock',
        handle: async (req, res) => {
          const body = await jsonBody(req)
          if (body === undefined) return badRequest(res, '请求体必须是 JSON 对象')
          if (!hooks.clock.controllable) {
            sendJson(res, 409, {
              code: 'CLOCK_NOT_CONTROLLABLE',
              message: '时钟不可控：请以 --clock controlled 启动',
            })
            return
          }
          const set = body['set']
          const advance = body['advance']
          if (set !== undefined) {
            const ms = typeof set === 'string' ? Date.parse(set) : set
            if (typeof ms !== 'number' || !Number.isFinite(ms))
              return badRequest(res, 'set 必须是毫秒数或 ISO 时间')
            hooks.clock.set(ms)
          }
          if (advance !== undefined) {
            if (typeof advance !== 'number' || !Number.isFinite(advance) || advance < 0) {
              return badRequest(res, 'advance 必须是非负毫秒数')
            }
            hooks.clock.advance(advance)
          }
          const now = hooks.clock.now()
          sendJson(res, 200, { now, iso: new Date(now).toISOString() })
        },
      },
    ],
  }
}
