// The typed caller over any transport: the contracts decide what compiles, and every failure
// (transport or server) comes back as an ApiResult. No `wx` here, so tests run it on Node.
import type { ApiResult } from '../../typings/api/envelope'
import type {
  ActionName,
  ErrorCodeOf,
  FunctionName,
  RequestOf,
  ResponseOf,
} from '../../typings/api/index'

/** What `call` answers: the action's result, or one of its error codes, or `NETWORK`. */
export type CallResult<F extends FunctionName, A extends ActionName<F>> = ApiResult<
  ResponseOf<F, A>,
  ErrorCodeOf<F, A> | 'NETWORK'
>

export interface CallOptions {
  /** For mutating actions: the intent's request id (see `intent.ts`), the same on every retry. */
  readonly requestId?: string
  /** Extra attempts after a network failure (default 2; safe because writes are idempotent). */
  readonly retries?: number
}

/** Sends one event to a function and resolves with its raw result (or rejects on transport failure). */
export type Transport = (name: string, data: Record<string, unknown>) => Promise<unknown>

export const NETWORK_MESSAGE = '网络不稳定，请检查网络后重试'

function isEnvelope(value: unknown): value is ApiResult<unknown> {
  if (typeof value !== 'object' || value === null) return false
  const v = value as { ok?: unknown; data?: unknown; error?: unknown }
  if (v.ok === true) return 'data' in v
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false
  const e = v.error as { code?: unknown; message?: unknown }
  return typeof e.code === 'string' && typeof e.message === 'string'
}

/** A typed caller over any transport (tests use the emulator; the app uses wx.cloud). */
export function createCaller(transport: Transport) {
  return async function call<F extends FunctionName, A extends ActionName<F>>(
    fn: F,
    action: A,
    payload: RequestOf<F, A>,
    options: CallOptions = {},
  ): Promise<CallResult<F, A>> {
    const data: Record<string, unknown> = { action, payload }
    if (options.requestId !== undefined) data['requestId'] = options.requestId
    const attempts = 1 + Math.max(0, Math.min(options.retries ?? 2, 5))
    for (let attempt = 1; ; attempt += 1) {
      try {
        const result = await transport(fn, data)
        if (isEnvelope(result)) return result as CallResult<F, A>
        return {
          ok: false,
          error: { code: 'INTERNAL', message: '服务返回了无法识别的结果，请稍后重试' },
        }
      } catch {
        if (attempt >= attempts)
          return { ok: false, error: { code: 'NETWORK', message: NETWORK_MESSAGE } }
      }
    }
  }
}
