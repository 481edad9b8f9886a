import { recordError, UnimplementedApiError } from '../diagnostics'

// WeChat's calling convention: with success/fail/complete callbacks the API reports through
// them; without, it returns a Promise. Results carry `errMsg: "<api>:ok"`, failures
// `errMsg: "<api>:fail <reason>"`.

export interface Callbacks {
  success?: (res: unknown) => void
  fail?: (err: unknown) => void
  complete?: (res: unknown) => void
}

export interface WxFail {
  errMsg: string
  errno?: number
  [k: string]: unknown
}

export class ApiFail extends Error {
  constructor(
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(reason)
  }
}

function toFail(name: string, e: unknown): WxFail {
  if (e instanceof UnimplementedApiError) return { errMsg: `${name}:fail ${e.message}` }
  if (e instanceof ApiFail) return { errMsg: `${name}:fail ${e.reason}`, ...e.extra }
  if (e && typeof e === 'object' && 'errMsg' in e) return e as WxFail
  const msg = e instanceof Error ? e.message : String(e)
  return { errMsg: `${name}:fail ${msg.replace(new RegExp(`^${name}:fail `), '')}` }
}

function safe(name: string, fn: ((r: unknown) => void) | undefined, arg: unknown): void {
  if (typeof fn !== 'function') return
  try {
    fn(arg)
  } catch (e) {
    recordError(`wx.${name} callback`, e)
  }
}

export function asyncApi<O extends object, R extends object | void>(
  name: string,
  impl: (opts: O) => Promise<R> | R,
): (opts?: O & Callbacks) => Promise<R & { errMsg: string }> | undefined {
  return (opts?: O & Callbacks) => {
    const o = (opts ?? {}) as O & Callbacks
    const hasCallbacks =
      typeof o.success === 'function' ||
      typeof o.fail === 'function' ||
      typeof o.complete === 'function'
    const p = Promise.resolve()
      .then(() => impl(o))
      .then(
        (r) =>
          ({ ...((r as object | undefined) ?? {}), errMsg: `${name}:ok` }) as R & {
            errMsg: string
          },
        // WeChat rejects with a plain `{ errMsg }` object, and callers test `err.errMsg`.
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
        (e: unknown) => Promise.reject(toFail(name, e)),
      )
    if (!hasCallbacks) return p
    p.then(
      (r) => {
        safe(name, o.success, r)
        safe(name, o.complete, r)
      },
      (e: unknown) => {
        safe(name, o.fail, e)
        safe(name, o.complete, e)
      },
    )
    return undefined
  }
}
