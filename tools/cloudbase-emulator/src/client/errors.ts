// Client-side CloudBase errors. The mini-program SDK reports failures as
// `{ errCode, errMsg: '<api>:fail <errCode> <text>. <detail>' }`; the endpoint answers with the
// same fields (plus `code`, the TCB code string) so the web simulator can surface them unchanged.
import type { ServerResponse } from 'node:http'

export const ClientCode = {
  INVALID_SESSION: {
    code: 'INVALID_SESSION',
    errCode: -601002,
    text: 'invalid session',
    status: 401,
  },
  INVALID_PARAM: {
    code: 'INVALID_PARAM',
    errCode: -501001,
    text: 'invalid parameters',
    status: 400,
  },
  PERMISSION_DENIED: {
    code: 'DATABASE_PERMISSION_DENIED',
    errCode: -502003,
    text: 'database permission denied',
    status: 403,
  },
  COLLECTION_NOT_EXIST: {
    code: 'DATABASE_COLLECTION_NOT_EXIST',
    errCode: -502005,
    text: 'database collection not exists',
    status: 404,
  },
  DOCUMENT_NOT_EXIST: {
    code: 'DATABASE_DOCUMENT_NOT_EXIST',
    errCode: -502001,
    text: 'document not exists',
    status: 404,
  },
  DATABASE_REQUEST_FAILED: {
    code: 'DATABASE_REQUEST_FAILED',
    errCode: -502001,
    text: 'database request fail',
    status: 400,
  },
  STORAGE_FAILED: {
    code: 'STORAGE_REQUEST_FAIL',
    errCode: -503001,
    text: 'storage request fail',
    status: 400,
  },
  STORAGE_EXCEED_AUTHORITY: {
    code: 'STORAGE_EXCEED_AUTHORITY',
    errCode: -503002,
    text: 'have no access right to the storage',
    status: 403,
  },
  TOO_LARGE: {
    code: 'EXCEED_REQUEST_LIMIT',
    errCode: -501005,
    text: 'request too large',
    status: 413,
  },
  NOT_FOUND: { code: 'NOT_FOUND', errCode: -501000, text: 'resource not found', status: 404 },
  SYS_ERR: { code: 'SYS_ERR', errCode: -501002, text: 'system error', status: 500 },
} as const

export type ClientCodeKey = keyof typeof ClientCode

export interface ClientErrorBody {
  readonly code: string
  readonly errCode: number
  readonly message: string
  readonly errMsg: string
}

/** Thrown inside a handler; the route wrapper turns it into the reply. */
export class ClientError extends Error {
  constructor(
    readonly kind: ClientCodeKey,
    message: string,
  ) {
    super(message)
    this.name = 'ClientError'
  }
}

const FUNCTION_ERROR_TEXT: Readonly<Record<string, { text: string; status: number }>> = {
  FUNCTION_NOT_FOUND: { text: 'function not found', status: 404 },
  INVALID_PARAM: { text: 'invalid parameters', status: 400 },
  FUNCTIONS_TIME_LIMIT_EXCEEDED: { text: 'functions time limit exceeded', status: 504 },
  FUNCTIONS_EXECUTE_FAIL: { text: 'functions execute fail', status: 500 },
}

/** A function invocation that failed, answered with the runtime's own CloudBase error. */
export class FunctionCallError extends Error {
  constructor(readonly detail: { code: string; errCode: number; message: string }) {
    super(detail.message)
    this.name = 'FunctionCallError'
  }
}

export function errorBody(
  api: string,
  spec: { readonly code: string; readonly errCode: number; readonly text: string },
  message: string,
): ClientErrorBody {
  return {
    code: spec.code,
    errCode: spec.errCode,
    message,
    errMsg: `${api}:fail ${spec.errCode} ${spec.text}. ${message}`,
  }
}

export function sendClientJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(body))
}

export function sendClientError(res: ServerResponse, api: string, err: unknown): void {
  if (err instanceof FunctionCallError) {
    const known = FUNCTION_ERROR_TEXT[err.detail.code] ?? {
      text: 'functions execute fail',
      status: 500,
    }
    const spec = { code: err.detail.code, errCode: err.detail.errCode, text: known.text }
    sendClientJson(res, known.status, errorBody(api, spec, err.detail.message))
    return
  }
  if (err instanceof ClientError) {
    const spec = ClientCode[err.kind]
    sendClientJson(res, spec.status, errorBody(api, spec, err.message))
    return
  }
  const tcb = err as { code?: unknown; message?: unknown }
  if (err instanceof Error && typeof tcb.code === 'string') {
    // A TcbError from the database or storage module: keep its code, map the ones clients know.
    const known = Object.values(ClientCode).find((spec) => spec.code === tcb.code)
    const spec = known ?? { ...ClientCode.DATABASE_REQUEST_FAILED, code: tcb.code }
    sendClientJson(res, spec.status, errorBody(api, spec, err.message))
    return
  }
  const detail = err instanceof Error ? err.message : String(err)
  sendClientJson(res, 500, errorBody(api, ClientCode.SYS_ERR, `模拟器内部错误：${detail}`))
}
