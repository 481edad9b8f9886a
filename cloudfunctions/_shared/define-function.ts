// The kernel every cloud function is built on: `defineFunction(name, { actions })` → `main`.
// It owns everything that must be the same in every function: who is calling, what they may call,
// input validation, idempotent writes, the result envelope, and never throwing.
import { randomUUID } from 'node:crypto'
import type { ApiResult } from '../../typings/api/envelope'
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings/api/index'
import { resolveActor, type Caller, type CallerKind } from './caller'
import { callerOpenid, getCloud, isPlatformInvocation } from './cloud'
import { isAppError } from './errors'
import { findPriorResult, idempotencyKey, Replay, rememberResult } from './idempotency'
import { log } from './log'
import { runTransaction, type Tx } from './transaction'
import { COLLECTIONS } from './collections'
import { parse, REQUEST_ID_PATTERN, type Schema } from './validation'

export interface HandlerContext {
  readonly functionName: string
  readonly action: string
  readonly caller: Caller
  /** The invocation's clock reading; handlers never read the clock themselves. */
  readonly now: Date
  readonly requestId: string | undefined
  /**
   * Runs the change in one transaction together with the idempotency record of this request.
   * Return the action's response from `fn`: that value is what a repeat of the request gets.
   */
  transact<T>(fn: (tx: Tx) => Promise<T>): Promise<T>
  /** Work that must not run before the change is committed, nor fail it (e.g. sending messages). */
  afterCommit(fn: () => Promise<void>): void
}

export interface ActionDefinition<Rq, Rs> {
  readonly schema: Schema<Rq>
  /** Caller kinds admitted; checked before the payload is even looked at. */
  readonly actors: readonly CallerKind[]
  /** Whether the action changes data (then a client `requestId` is required). */
  readonly mutating: boolean
  handle(payload: Rq, ctx: HandlerContext): Promise<Rs>
}

/** What a timer trigger's handler gets: no caller, the platform's trigger name and the time. */
export interface TimerContext {
  readonly functionName: string
  readonly triggerName: string
  readonly now: Date
  afterCommit(fn: () => Promise<void>): void
}

/** What a message-push handler gets: the platform event (no caller) and the time. */
export interface PushContext {
  readonly functionName: string
  readonly event: string
  readonly now: Date
  afterCommit(fn: () => Promise<void>): void
}

export type PushHandler = (
  event: Readonly<Record<string, unknown>>,
  ctx: PushContext,
) => Promise<unknown>

export type FunctionDefinition<F extends FunctionName> = {
  readonly actions: {
    readonly [A in ActionName<F>]: ActionDefinition<RequestOf<F, A>, ResponseOf<F, A>>
  }
  /**
   * Handler for the function's timer trigger (config.json `triggers`). It runs only for events
   * the platform sends without any caller: a call from the mini-program always carries an OPENID,
   * so a client cannot pose as the timer.
   */
  readonly timer?: (ctx: TimerContext) => Promise<unknown>
  /**
   * Handlers for message-push events (`MsgType: 'event'`), by `Event` name, e.g.
   * `wxa_media_check`. They run only for invocations the platform started (see
   * `isPlatformInvocation`); the same shape sent from the mini-program is refused.
   */
  readonly push?: Readonly<Record<string, PushHandler>>
}

/** The `Event` of a message-push event this function handles, if the event is one. */
function pushEventName(
  event: unknown,
  push: Readonly<Record<string, PushHandler>> | undefined,
): string | undefined {
  if (!push || typeof event !== 'object' || event === null || Array.isArray(event)) return undefined
  const e = event as { MsgType?: unknown; Event?: unknown; action?: unknown }
  if (e.action !== undefined || e.MsgType !== 'event' || typeof e.Event !== 'string')
    return undefined
  return Object.hasOwn(push, e.Event) ? e.Event : undefined
}

/**
 * A push event carries no user of ours; where the platform does fill OPENID it is the user the
 * event is about (`FromUserName`), never someone else.
 */
function pushCallerFits(event: Readonly<Record<string, unknown>>): boolean {
  const openid = callerOpenid()
  return openid === undefined || openid === event['FromUserName']
}

function timerName(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined
  const e = event as { Type?: unknown; TriggerName?: unknown }
  return e.Type === 'Timer' && typeof e.TriggerName === 'string'
    ? e.TriggerName.slice(0, 64)
    : undefined
}

/**
 * The time a timer event was scheduled for (its `Time`), so a run decides by the platform's clock
 * (the emulator's controllable one in tests); the local clock when the event has none.
 */
function timerTime(event: unknown): Date {
  const t = (event as { Time?: unknown }).Time
  const ms = typeof t === 'string' && t.length <= 40 ? Date.parse(t) : NaN
  return Number.isFinite(ms) ? new Date(ms) : new Date()
}

export type Main = (event: unknown, context?: unknown) => Promise<ApiResult<unknown>>

/** Fields the platform itself adds to events from the mini-program; accepted and ignored. */
const PLATFORM_FIELDS = new Set(['userInfo'])
const EVENT_FIELDS = new Set(['action', 'payload', 'requestId'])

const err = (code: string, message: string, field?: string): ApiResult<never> => ({
  ok: false,
  error: field === undefined ? { code, message } : { code, message, field },
})

function invocationId(context: unknown): string {
  const rec = (typeof context === 'object' && context !== null ? context : {}) as Record<
    string,
    unknown
  >
  const id = rec.request_id ?? rec.requestId
  return typeof id === 'string' && id.length <= 64 ? id : randomUUID()
}

async function runAfter(
  after: readonly (() => Promise<void>)[],
  functionName: string,
  action: string,
) {
  for (const fn of after) {
    try {
      await fn()
    } catch (e) {
      log.warn('afterCommit.failed', { functionName, action, error: e })
    }
  }
}

export function defineFunction<F extends FunctionName>(
  functionName: F,
  definition: FunctionDefinition<F>,
): Main {
  const actions = definition.actions as unknown as Record<
    string,
    ActionDefinition<unknown, unknown>
  >

  return async function main(event: unknown, context?: unknown): Promise<ApiResult<unknown>> {
    const started = Date.now()
    let actionName = '?'
    try {
      getCloud()
      const trigger = definition.timer ? timerName(event) : undefined
      if (definition.timer && trigger !== undefined && !callerOpenid()) {
        actionName = `timer:${trigger}`
        const after: (() => Promise<void>)[] = []
        const data = await definition.timer({
          functionName,
          triggerName: trigger,
          now: timerTime(event),
          afterCommit: (fn) => {
            after.push(fn)
          },
        })
        await runAfter(after, functionName, actionName)
        return { ok: true, data }
      }
      const pushed = pushEventName(event, definition.push)
      if (pushed !== undefined) {
        actionName = `push:${pushed}`
        const ev = event as Readonly<Record<string, unknown>>
        if (!isPlatformInvocation() || !pushCallerFits(ev)) {
          return err('FORBIDDEN', '该事件只能由微信平台推送')
        }
        const after: (() => Promise<void>)[] = []
        const data = await definition.push![pushed]!(ev, {
          functionName,
          event: pushed,
          now: new Date(),
          afterCommit: (fn) => {
            after.push(fn)
          },
        })
        await runAfter(after, functionName, actionName)
        return { ok: true, data }
      }
      if (typeof event !== 'object' || event === null || Array.isArray(event)) {
        return err('INVALID_INPUT', '请求格式不正确')
      }
      const ev = event as Record<string, unknown>
      const action = ev.action
      if (typeof action !== 'string' || action.length > 64 || !Object.hasOwn(actions, action)) {
        return err('UNKNOWN_ACTION', '不支持的操作', 'action')
      }
      actionName = action
      const def = actions[action]!
      for (const key of Object.keys(ev)) {
        if (!EVENT_FIELDS.has(key) && !PLATFORM_FIELDS.has(key)) {
          return err('INVALID_INPUT', `不支持的字段「${key.slice(0, 40)}」`, key.slice(0, 40))
        }
      }
      const requestId = ev.requestId
      if (
        requestId !== undefined &&
        (typeof requestId !== 'string' || !REQUEST_ID_PATTERN.test(requestId))
      ) {
        return err('INVALID_INPUT', '请求编号格式不正确', 'requestId')
      }
      if (def.mutating && requestId === undefined) {
        return err('INVALID_INPUT', '缺少请求编号，请重试', 'requestId')
      }

      const openid = callerOpenid()
      if (!openid) return err('UNAUTHENTICATED', '请先登录微信后再操作')
      const caller = await resolveActor(openid)
      if (!def.actors.some((k) => caller.kinds.includes(k))) {
        return err('FORBIDDEN', '无权执行此操作')
      }

      const parsed = parse(def.schema, ev.payload === undefined ? {} : ev.payload, 'payload')
      if (!parsed.ok) return { ok: false, error: parsed.error }

      const key =
        def.mutating && typeof requestId === 'string'
          ? idempotencyKey(functionName, action, openid, requestId)
          : undefined
      if (key) {
        const prior = await findPriorResult(key)
        if (prior) return { ok: true, data: prior.data }
      }

      const now = new Date()
      const after: (() => Promise<void>)[] = []
      let stored = false
      const record = (data: unknown) => ({
        functionName,
        action,
        callerHash: caller.hash,
        data,
        at: now,
      })
      const ctx: HandlerContext = {
        functionName,
        action,
        caller,
        now,
        requestId: typeof requestId === 'string' ? requestId : undefined,
        transact: <T>(fn: (tx: Tx) => Promise<T>) =>
          runTransaction(async (tx) => {
            if (key) {
              const prior = await tx.get<{ data: unknown }>(COLLECTIONS.idempotencyKeys, key)
              if (prior) throw new Replay(prior.data)
            }
            const data = await fn(tx)
            if (key) await tx.create(COLLECTIONS.idempotencyKeys, key, record(data))
            stored = true
            return data
          }),
        afterCommit: (fn) => {
          after.push(fn)
        },
      }

      let data: unknown
      try {
        data = await def.handle(parsed.value, ctx)
      } catch (e) {
        if (e instanceof Replay) return { ok: true, data: e.data }
        // Lost a race against a concurrent repeat of this very request: its result stands.
        if (key && isAppError(e) && e.code === 'CONFLICT') {
          const prior = await findPriorResult(key)
          if (prior) return { ok: true, data: prior.data }
        }
        throw e
      }
      if (key && !stored) await rememberResult(key, record(data))
      await runAfter(after, functionName, action)
      return { ok: true, data }
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: e.toApiError() }
      const id = invocationId(context)
      log.error('unhandled', {
        functionName,
        action: actionName,
        invocation: id,
        ms: Date.now() - started,
        error: e,
      })
      return err('INTERNAL', `系统繁忙，请稍后重试（错误编号 ${id.slice(0, 12)}）`)
    }
  }
}
