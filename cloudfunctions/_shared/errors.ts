import type { ApiError } from '../../typings/api/envelope'

/**
 * An expected failure a handler raises; the kernel turns it into `{ ok: false, error }`.
 * Anything else a handler throws is a bug and becomes `INTERNAL`.
 */
export class AppError extends Error {
  readonly code: string
  readonly field: string | undefined

  constructor(code: string, message: string, field?: string) {
    super(message)
    this.name = 'AppError'
    this.code = code
    this.field = field
  }

  toApiError(): ApiError {
    return this.field === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, field: this.field }
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError
}

/** Raises a typed error from inside a handler (reads better than `throw new AppError`). */
export function fail(code: string, message: string, field?: string): never {
  throw new AppError(code, message, field)
}

export const conflict = (): never => fail('CONFLICT', '数据已被他人更新，请刷新后重试')

export const notFound = (what: string): never => fail('NOT_FOUND', `${what}不存在或已被删除`)

export const forbidden = (why = '无权执行此操作'): never => fail('FORBIDDEN', why)

/** The text of whatever an SDK call rejected with (errMsg, message, or the value itself). */
export function errorText(e: unknown): string {
  if (typeof e === 'string') return e
  if (typeof e !== 'object' || e === null) return ''
  const rec = e as { errMsg?: unknown; message?: unknown }
  const part = (x: unknown) => (typeof x === 'string' ? x : '')
  return `${part(rec.errMsg)} ${part(rec.message)}`
}
