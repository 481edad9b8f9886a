// Reading client requests: JSON bodies within CloudBase's 5 MB limit, and the caller's session.
import type { IncomingMessage } from 'node:http'
import { readBody } from '../server/body'
import { ClientError } from './errors'
import { bearerToken, type ClientSession, type SessionStore } from './sessions'

export async function readRawBody(req: IncomingMessage): Promise<Buffer> {
  const body = await readBody(req)
  if (body.kind === 'too-large') throw new ClientError('TOO_LARGE', '请求体超过 5 MB 上限')
  return body.body
}

export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const raw = await readRawBody(req)
  if (raw.length === 0) return {}
  let value: unknown
  try {
    value = JSON.parse(raw.toString('utf8'))
  } catch {
    throw new ClientError('INVALID_PARAM', '请求体不是合法的 JSON')
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ClientError('INVALID_PARAM', '请求体必须是 JSON 对象')
  }
  return value as Record<string, unknown>
}

/** The session of `Authorization: Bearer <token>`, or of `?token=` (for browser pages, see cors.ts). */
export function requireSession(req: IncomingMessage, sessions: SessionStore): ClientSession {
  const header = req.headers.authorization
  const query = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token')
  const token = bearerToken(header) ?? query ?? undefined
  const session = sessions.use(token)
  if (session === undefined) {
    throw new ClientError(
      'INVALID_SESSION',
      token === undefined
        ? '缺少登录凭证，请先调用 /client/login'
        : '登录凭证无效或已失效，请重新登录',
    )
  }
  return session
}
