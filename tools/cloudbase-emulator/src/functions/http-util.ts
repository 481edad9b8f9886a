// Small helpers for the HTTP routes of the functions, open-API, face and timer modules.
import type { IncomingMessage, ServerResponse } from 'node:http'

export const MAX_CONTROL_BODY = 1024 * 1024

export class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

export async function readBody(req: IncomingMessage, limit = MAX_CONTROL_BODY): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string)
    size += buf.length
    if (size > limit) throw new BodyError(413, '请求体过大')
    chunks.push(buf)
  }
  return Buffer.concat(chunks)
}

/** Parses a JSON object body; an empty body is `{}`. */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = (await readBody(req)).toString('utf8').trim()
  if (raw === '') return {}
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    throw new BodyError(400, '请求体不是合法的 JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new BodyError(400, '请求体必须是 JSON 对象')
  }
  return value as Record<string, unknown>
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  })
  res.end(text)
}

/** Answers a control-route failure with `{ error: { code, message } }`. */
export function sendControlError(res: ServerResponse, err: unknown): void {
  if (err instanceof BodyError) {
    sendJson(res, err.status, { error: { code: 'BAD_REQUEST', message: err.message } })
    return
  }
  const message = err instanceof Error ? err.message : String(err)
  sendJson(res, 500, { error: { code: 'INTERNAL', message: `模拟器内部错误：${message}` } })
}

export function requestUrl(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://127.0.0.1')
}
