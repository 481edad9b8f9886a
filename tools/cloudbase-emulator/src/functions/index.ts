// The `functions` emulator module: invoke any function by name, for the client endpoint, the
// web simulator (`emu.service('functions').invoke`) and `cloud.callFunction` inside functions
// (admin action `functions.invokeFunction`).
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AdminAction, EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import type { InvokeError } from './errors'
import type { LogQuery } from './logs'
import {
  FunctionsRuntime,
  type InvokeCaller,
  type InvokeExtras,
  type RuntimeOptions,
} from './runtime'
import { readJsonObject, requestUrl, sendControlError, sendJson } from './http-util'

export type { InvokeCaller, InvokeExtras, InvocationInfo } from './runtime'
export type { InvokeError } from './errors'
export type { FunctionConfig, TimerTriggerConfig } from './config'

export const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)))

export interface FunctionsModuleOptions {
  /** Folder holding `<name>/index.js`; default `<repo>/cloudfunctions` or EMULATOR_FUNCTIONS_ROOT. */
  readonly functionsRoot?: string
  /** cloudbaserc.json; default `<repo>/cloudbaserc.json` or EMULATOR_CLOUDBASERC. */
  readonly rcPath?: string
  readonly warm?: boolean
  readonly idleMs?: number
  readonly devValues?: Readonly<Record<string, string>>
}

/** `emu.service('functions')`. */
export interface FunctionsService {
  invoke(
    name: string,
    event: unknown,
    caller: InvokeCaller,
    extras?: InvokeExtras,
  ): Promise<
    { result: unknown; invocationId: string } | { error: InvokeError; invocationId: string }
  >
  list(): string[]
  runtime(): FunctionsRuntime
}

function runtimeOptions(opts: FunctionsModuleOptions): RuntimeOptions {
  const functionsRoot =
    opts.functionsRoot ?? process.env['EMULATOR_FUNCTIONS_ROOT'] ?? join(repoRoot, 'cloudfunctions')
  const rcPath =
    opts.rcPath ?? process.env['EMULATOR_CLOUDBASERC'] ?? join(repoRoot, 'cloudbaserc.json')
  return {
    functionsRoot: resolve(functionsRoot),
    rcPath: resolve(rcPath),
    ...(opts.warm !== undefined ? { warm: opts.warm } : {}),
    ...(opts.idleMs !== undefined ? { idleMs: opts.idleMs } : {}),
    ...(opts.devValues !== undefined ? { devValues: opts.devValues } : {}),
  }
}

function parseEvent(raw: unknown): { ok: true; event: unknown } | { ok: false } {
  if (raw === undefined || raw === null || raw === '') return { ok: true, event: {} }
  if (typeof raw !== 'string') return { ok: true, event: raw }
  try {
    return { ok: true, event: JSON.parse(raw) as unknown }
  } catch {
    return { ok: false }
  }
}

export function createFunctionsModule(opts: FunctionsModuleOptions = {}): EmulatorModule & {
  readonly api: FunctionsService
} {
  let runtime: FunctionsRuntime | undefined
  const need = (): FunctionsRuntime => {
    if (!runtime) throw new Error('functions module not started')
    return runtime
  }

  const api: FunctionsService = {
    async invoke(name, event, caller, extras) {
      const out = await need().invoke(name, event, caller, extras)
      if ('error' in out) return out
      return { result: JSON.parse(out.json) as unknown, invocationId: out.invocationId }
    },
    list: () => need().list(),
    runtime: need,
  }

  // cloud.callFunction inside a function: the callee runs as the calling function's user, and
  // its SOURCE is the caller's x-tcb-source (e.g. `wx_client,scf`), as CloudBase passes it on.
  const invokeFunction: AdminAction = async (req) => {
    const rt = need()
    const name = req.body['function_name']
    if (typeof name !== 'string' || name === '') {
      return { kind: 'error', code: 'INVALID_PARAM', message: '函数名不能为空' }
    }
    const parsed = parseEvent(req.body['request_data'])
    if (!parsed.ok) {
      return { kind: 'error', code: 'INVALID_PARAM', message: 'request_data 不是合法的 JSON' }
    }
    const origin = rt.invocationForToken(req.body['wxCloudApiToken'])
    const header = req.headers['x-tcb-source']
    const source = (Array.isArray(header) ? header[0] : header) ?? ''
    const caller: InvokeCaller = origin
      ? { ...origin.caller, source: source || `${origin.caller.source},scf` }
      : { source }
    const out = await rt.invoke(name, parsed.event, caller)
    if ('error' in out) return { kind: 'error', code: out.error.code, message: out.error.message }
    return { kind: 'json', body: { data: { response_data: out.json } } }
  }

  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: '/__emulator/logs',
      handle(req, res) {
        const url = requestUrl(req)
        const q: LogQuery = {
          ...(url.searchParams.get('function')
            ? { function: url.searchParams.get('function') ?? '' }
            : {}),
          ...(url.searchParams.get('invocationId')
            ? { invocationId: url.searchParams.get('invocationId') ?? '' }
            : {}),
          ...(url.searchParams.get('limit')
            ? { limit: Number(url.searchParams.get('limit')) }
            : {}),
        }
        sendJson(res, 200, need().logs.query(q))
        return Promise.resolve()
      },
    },
    {
      method: 'GET',
      path: '/__emulator/functions',
      handle(_req, res) {
        const rt = need()
        const functions = rt.list().map((name) => {
          const c = rt.config(name)
          return {
            name,
            timeoutMs: c?.timeoutMs,
            openapi: c?.openapi ?? [],
            triggers: c?.triggers ?? [],
          }
        })
        sendJson(res, 200, { functions })
        return Promise.resolve()
      },
    },
    {
      method: 'GET',
      path: '/__emulator/network-guard',
      handle(_req, res) {
        sendJson(res, 200, { attempts: need().networkAttempts() })
        return Promise.resolve()
      },
    },
    {
      // Lets the console and scripts run a function as a given user without a client SDK.
      method: 'POST',
      path: '/__emulator/functions/*',
      async handle(req, res) {
        try {
          const m = /^\/__emulator\/functions\/([^/]+)\/invoke$/.exec(requestUrl(req).pathname)
          if (!m || !m[1]) {
            sendJson(res, 404, { error: { code: 'NOT_FOUND', message: '未知的控制接口' } })
            return
          }
          const body = await readJsonObject(req)
          const caller = (body['caller'] ?? {}) as InvokeCaller
          const out = await api.invoke(decodeURIComponent(m[1]), body['event'] ?? {}, caller)
          sendJson(res, 'error' in out ? 400 : 200, out)
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
  ]

  return {
    name: 'functions',
    actions: { 'functions.invokeFunction': invokeFunction },
    routes,
    api,
    start(emu: EmulatorContext) {
      runtime = new FunctionsRuntime(emu, runtimeOptions(opts))
      return Promise.resolve()
    },
    async stop() {
      await runtime?.stop()
    },
  }
}

/** The default instance, registered by `src/modules.ts`. */
export const functionsModule = createFunctionsModule()
