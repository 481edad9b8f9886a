// Delivery of mediaCheckAsync verdicts. The real platform answers the call with a trace_id only
// and pushes a `wxa_media_check` event to the mini-program's message-push target later (for
// CloudBase: the cloud function configured for MsgType `event` / Event `wxa_media_check`). The
// emulator does the same after a short delay, or at once on `POST /__emulator/media-checks/deliver`.
import type { EmulatorContext } from '../server/contracts'
import type { FunctionsService } from '../functions/index'
import { MEDIA_CHECK_COLLECTION } from './state'

/**
 * TCB_SOURCE of a push invocation. CloudBase does not document the value it uses for message
 * push; `wx_unknown` is its documented value for a WeChat-side call of no listed kind. What
 * matters for the product is that it is not a client hop (`wx_client`, `wx_devtools`, …) and
 * that no user OPENID comes with it.
 */
export const PUSH_SOURCE = 'wx_unknown'

/** Default delay before a verdict is pushed (the platform takes seconds to minutes). */
export const DEFAULT_MEDIA_CHECK_DELAY_MS = 1500

/** This project's message-push setting for `wxa_media_check` (云开发控制台 → 消息推送). */
export const DEFAULT_MEDIA_CHECK_PUSH_FUNCTION = 'mediationCase'

export interface MediaCheckPushOptions {
  /** Function the push goes to; undefined (or '' in the environment): verdicts are only recorded. */
  readonly functionName: string | undefined
  /** Delay before automatic delivery; negative: only on demand. */
  readonly delayMs: number
}

export interface DeliveryOutcome {
  readonly traceId: string
  readonly function: string | null
  readonly ok: boolean
  readonly error?: string
}

type Doc = Record<string, unknown>

interface Records {
  find(filter?: Doc): Doc[]
  findOne(filter?: Doc): Doc | undefined
  update(filter: Doc, update: Doc, options?: { multi?: boolean }): Promise<unknown>
}
interface DatabaseLike {
  collection(env: string, name: string): Records
  listCollections(env: string): string[]
}

/** Fields of a stored record that are the emulator's own bookkeeping, not part of the event. */
const BOOKKEEPING = new Set([
  '_id',
  'traceId',
  'mediaUrl',
  'mediaType',
  'createdAt',
  'deliveredAt',
  'delivery',
])

/** The `wxa_media_check` event as the platform pushes it (version 2 shape). */
export function pushEventOf(record: Doc): Doc {
  const event: Doc = {}
  for (const [k, v] of Object.entries(record)) if (!BOOKKEEPING.has(k)) event[k] = v
  return event
}

/** Reads the push configuration from the module options and the environment. */
export function mediaCheckPushOptions(
  given: Partial<MediaCheckPushOptions> | undefined,
  env: NodeJS.ProcessEnv = process.env,
): MediaCheckPushOptions {
  const fromEnv = env['EMULATOR_MEDIA_CHECK_DELAY_MS']
  const envDelay = fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : NaN
  const delayMs = given?.delayMs ?? (Number.isFinite(envDelay) ? envDelay : undefined)
  const fn =
    given?.functionName ??
    env['EMULATOR_MEDIA_CHECK_PUSH_FUNCTION'] ??
    DEFAULT_MEDIA_CHECK_PUSH_FUNCTION
  return {
    functionName: fn === '' ? undefined : fn,
    delayMs: delayMs ?? DEFAULT_MEDIA_CHECK_DELAY_MS,
  }
}

export class MediaCheckPusher {
  private readonly timers = new Set<NodeJS.Timeout>()
  private chain: Promise<unknown> = Promise.resolve()

  constructor(
    private readonly emu: () => EmulatorContext | undefined,
    private readonly options: MediaCheckPushOptions,
  ) {}

  /** Called right after a check was recorded: delivers it after the configured delay. */
  schedule(env: string, traceId: string): void {
    if (this.options.delayMs < 0) return
    const timer = setTimeout(() => {
      this.timers.delete(timer)
      void this.deliver(env, traceId).catch((err: unknown) => {
        this.emu()?.log('openapi.media-check.push-failed', {
          traceId,
          message: err instanceof Error ? err.message : String(err),
        })
      })
    }, this.options.delayMs)
    timer.unref()
    this.timers.add(timer)
  }

  /** Delivers one check, or every undelivered one; each trace id is pushed once. */
  deliver(env: string, traceId?: string): Promise<DeliveryOutcome[]> {
    // One delivery at a time, so a timer and a control call cannot push the same check twice.
    const run = async (): Promise<DeliveryOutcome[]> => {
      const records = this.records(env)
      if (!records) return []
      const due = records
        .find(traceId === undefined ? {} : { traceId })
        .filter((r) => r['deliveredAt'] === undefined || r['deliveredAt'] === null)
      const out: DeliveryOutcome[] = []
      for (const record of due) out.push(await this.push(env, records, record))
      return out
    }
    const p = this.chain.then(run, run)
    this.chain = p.catch(() => undefined)
    return p
  }

  stop(): void {
    for (const t of this.timers) clearTimeout(t)
    this.timers.clear()
  }

  private records(env: string): Records | undefined {
    const emu = this.emu()
    if (!emu) return undefined
    try {
      const db = emu.service<DatabaseLike>('database')
      return db.listCollections(env).includes(MEDIA_CHECK_COLLECTION)
        ? db.collection(env, MEDIA_CHECK_COLLECTION)
        : undefined
    } catch {
      return undefined
    }
  }

  private async push(env: string, records: Records, record: Doc): Promise<DeliveryOutcome> {
    const emu = this.emu()
    const traceId = String(record['traceId'])
    const fn = this.options.functionName
    let outcome: DeliveryOutcome
    if (!emu || fn === undefined) {
      outcome = { traceId, function: null, ok: false, error: '未配置消息推送云函数' }
    } else {
      let functions: FunctionsService | undefined
      try {
        functions = emu.service<FunctionsService>('functions')
      } catch {
        functions = undefined
      }
      if (!functions) {
        outcome = { traceId, function: fn, ok: false, error: '函数模块未启动' }
      } else {
        const res = await functions.invoke(fn, pushEventOf(record), { source: PUSH_SOURCE })
        outcome =
          'error' in res
            ? { traceId, function: fn, ok: false, error: res.error.message }
            : { traceId, function: fn, ok: true }
      }
    }
    await records.update(
      { traceId },
      { $set: { deliveredAt: new Date(emu?.clock.now() ?? Date.now()), delivery: outcome } },
      { multi: false },
    )
    emu?.log('openapi.media-check.pushed', { ...outcome, env })
    return outcome
  }
}
