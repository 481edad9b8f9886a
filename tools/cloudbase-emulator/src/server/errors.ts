import type { AdminReply } from './contracts'

/**
 * TCB error codes as the CloudBase server sends them. wx-server-sdk maps the known ones to a
 * numeric errCode and builds `errMsg` as `<api>:fail <errCode> <text>. <message>`.
 */
export const TcbCode = {
  SYS_ERR: 'SYS_ERR',
  INVALID_PARAM: 'INVALID_PARAM',
  INVALID_ENV: 'INVALIID_ENV',
  INVALID_ACTION: 'INVALID_ACTION',
  EXCEED_REQUEST_LIMIT: 'EXCEED_REQUEST_LIMIT',
  DATABASE_REQUEST_FAILED: 'DATABASE_REQUEST_FAILED',
  DATABASE_INVALID_OPERATOR: 'DATABASE_INVALID_OPERRATOR',
  DATABASE_COLLECTION_NOT_EXIST: 'DATABASE_COLLECTION_NOT_EXIST',
  DATABASE_COLLECTION_EXISTS: 'DATABASE_COLLECTION_ALREADY_EXIST',
  // CloudBase reports duplicate keys as a failed request carrying MongoDB's E11000 text.
  DATABASE_DUPLICATE_WRITE: 'DATABASE_REQUEST_FAILED',
  DATABASE_TRANSACTION_CONFLICT: 'DATABASE_TRANSACTION_CONFLICT',
  DATABASE_TRANSACTION_FAIL: 'DATABASE_TRANSACTION_FAIL',
  STORAGE_REQUEST_FAIL: 'STORAGE_REQUEST_FAIL',
  STORAGE_FILE_NONEXIST: 'STORAGE_FILE_NONEXIST',
  STORAGE_INVALID_PATH: 'STORAGE_INVALID_PATH',
} as const

export type TcbCodeValue = (typeof TcbCode)[keyof typeof TcbCode]

/** An error a handler throws to answer with a CloudBase-shaped `{code, message}`. */
export class TcbError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'TcbError'
  }
}

export function errorReply(code: string, message: string): AdminReply {
  return { kind: 'error', code, message }
}

export function jsonReply(body: Record<string, unknown>): AdminReply {
  return { kind: 'json', body }
}

/** Any thrown value as a TCB error reply; unexpected errors become SYS_ERR, never a crash. */
export function toErrorReply(err: unknown): AdminReply & { kind: 'error' } {
  if (err instanceof TcbError) return { kind: 'error', code: err.code, message: err.message }
  const detail = err instanceof Error ? err.message : String(err)
  return { kind: 'error', code: TcbCode.SYS_ERR, message: `模拟器内部错误：${detail}` }
}
