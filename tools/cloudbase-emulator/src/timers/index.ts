// The `timers` emulator module: fires each function's `config.json` timer triggers against the
// emulator Clock. Checks run every second of real time and on demand (`tick()`), so a test that
// advances a controlled clock past a boundary sees the trigger fire exactly once. Missed
// boundaries within one check are coalesced into a single run, as a scheduler catching up does.
import type { EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import type { FunctionsService, InvokeError } from '../functions/index'
import { readJsonObject, requestUrl, sendControlError, sendJson } from '../functions/http-util'
import { nextFireAfter, parseCron } from './cron'

/** TCB_SOURCE a timer-triggered invocation runs with. */
export const TIMER_SOURCE = 'wx_trigger'

export interface TimerFiring {
  readonly function: string
  readonly trigger: string
  readonly scheduledAt: number
  readonly firedAt: number
  readonly manual: boolean
  readonly invocationId: string
  readonly outcome:
    | { readonly ok: true; readonly result: unknown }
    | { readonly ok: false; readonly error: InvokeError }
}

export interface TimerInfo {
  readonly function: string
  readonly trigger: string
  readonly cron: string
  readonly nextFireAt: number | null
  readonly error?: string
}

export interface TimersService {
  /** Checks the clock now and fires every trigger whose boundary was crossed since the last check. */
  tick(): Promise<TimerFiring[]>
  /** Fires one function's trigger now (the first trigger when none is named). */
  fire(functionName: string, triggerName?: string): Promise<TimerFiring | { error: string }>
  list(): TimerInfo[]
  history(): readonly TimerFiring[]
}

export interface TimersModuleOptions {
  /** Real-time interval between automatic checks, ms; 0 disables them (default 1000). */
  readonly pollMs?: number
}

const HISTORY_LIMIT = 1000

export function createTimersModule(opts: TimersModuleOptions = {}): EmulatorModule & {
  readonly api: TimersService
} {
  let emu: EmulatorContext | undefined
  let lastChecked = 0
  let chain: Promise<unknown> = Promise.resolve()
  let interval: NodeJS.Timeout | undefined
  let unsubscribe: (() => void) | undefined
  const history: TimerFiring[] = []

  const functions = (): FunctionsService | undefined => {
    try {
      return emu?.service<FunctionsService>('functions')
    } catch {
      return undefined
    }
  }

  const triggers = (): { fn: string; trigger: string; cron: string }[] => {
    const svc = functions()
    if (!svc) return []
    const out: { fn: string; trigger: string; cron: string }[] = []
    for (const name of svc.list()) {
      const cfg = svc.runtime().config(name)
      for (const t of cfg?.triggers ?? []) out.push({ fn: name, trigger: t.name, cron: t.config })
    }
    return out
  }

  async function run(
    fn: string,
    trigger: string,
    scheduledAt: number,
    manual: boolean,
  ): Promise<TimerFiring> {
    const svc = functions()
    const firedAt = emu?.clock.now() ?? Date.now()
    const event = {
      Type: 'Timer',
      TriggerName: trigger,
      Time: new Date(scheduledAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    }
    const out = svc
      ? await svc.invoke(
          fn,
          event,
          { source: TIMER_SOURCE },
          { trigger: { type: 'timer', name: trigger } },
        )
      : {
          error: { code: 'FUNCTIONS_REQUEST_FAIL', errCode: -504001, message: '函数模块未启动' },
          invocationId: '',
        }
    const firing: TimerFiring = {
      function: fn,
      trigger,
      scheduledAt,
      firedAt,
      manual,
      invocationId: out.invocationId,
      outcome: 'error' in out ? { ok: false, error: out.error } : { ok: true, result: out.result },
    }
    history.push(firing)
    if (history.length > HISTORY_LIMIT) history.splice(0, history.length - HISTORY_LIMIT)
    emu?.log('timers.fired', {
      function: fn,
      trigger,
      manual,
      ok: firing.outcome.ok,
      invocationId: firing.invocationId,
    })
    return firing
  }

  async function check(): Promise<TimerFiring[]> {
    if (!emu) return []
    const now = emu.clock.now()
    const since = lastChecked
    lastChecked = now
    if (now <= since) return []
    const due: Promise<TimerFiring>[] = []
    for (const t of triggers()) {
      const parsed = parseCron(t.cron)
      if (!parsed.ok) continue
      const next = nextFireAfter(parsed.schedule, since)
      if (next !== undefined && next <= now) due.push(run(t.fn, t.trigger, next, false))
    }
    return Promise.all(due)
  }

  const api: TimersService = {
    tick() {
      const p = chain.then(check, check)
      chain = p
      return p
    },
    async fire(functionName, triggerName) {
      const t = triggers().find(
        (x) => x.fn === functionName && (triggerName === undefined || x.trigger === triggerName),
      )
      if (!t) {
        return { error: `函数 ${functionName} 没有名为 ${triggerName ?? '（任意）'} 的定时触发器` }
      }
      return run(t.fn, t.trigger, emu?.clock.now() ?? Date.now(), true)
    },
    list() {
      const now = emu?.clock.now() ?? Date.now()
      return triggers().map((t) => {
        const parsed = parseCron(t.cron)
        if (!parsed.ok) {
          return {
            function: t.fn,
            trigger: t.trigger,
            cron: t.cron,
            nextFireAt: null,
            error: parsed.message,
          }
        }
        return {
          function: t.fn,
          trigger: t.trigger,
          cron: t.cron,
          nextFireAt: nextFireAfter(parsed.schedule, now) ?? null,
        }
      })
    },
    history: () => history,
  }

  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: '/__emulator/timers',
      handle(_req, res) {
        sendJson(res, 200, { timers: api.list(), history: history.slice(-100) })
        return Promise.resolve()
      },
    },
    {
      method: 'POST',
      path: '/__emulator/timers/*',
      async handle(req, res) {
        try {
          const m = /^\/__emulator\/timers\/([^/]+)\/fire$/.exec(requestUrl(req).pathname)
          if (!m || !m[1]) {
            sendJson(res, 404, { error: { code: 'NOT_FOUND', message: '未知的控制接口' } })
            return
          }
          const body = await readJsonObject(req)
          const trigger = typeof body['trigger'] === 'string' ? body['trigger'] : undefined
          const out = await api.fire(decodeURIComponent(m[1]), trigger)
          if ('error' in out) {
            sendJson(res, 404, { error: { code: 'TRIGGER_NOT_FOUND', message: out.error } })
            return
          }
          sendJson(res, 200, out)
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
  ]

  return {
    name: 'timers',
    routes,
    api,
    start(ctx) {
      emu = ctx
      lastChecked = ctx.clock.now()
      // A controlled clock reports every set/advance, so a crossed boundary fires at once.
      unsubscribe = ctx.clock.subscribe?.(() => void api.tick())
      const pollMs = opts.pollMs ?? 1000
      if (pollMs > 0) {
        interval = setInterval(() => void api.tick(), pollMs)
        interval.unref()
      }
      return Promise.resolve()
    },
    stop() {
      if (interval) clearInterval(interval)
      unsubscribe?.()
      interval = undefined
      return chain.then(
        () => undefined,
        () => undefined,
      )
    },
  }
}

export const timersModule = createTimersModule()
