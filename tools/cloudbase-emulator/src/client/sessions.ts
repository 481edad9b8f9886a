// Simulated WeChat sessions. In production the WeChat client proves who the user is; in the
// emulator the simulator's "who am I" switch picks an openid and gets a bearer token for it.
import { randomBytes } from 'node:crypto'

export const DEFAULT_CLIENT_APPID = 'wx0000000000000000'

export interface ClientSession {
  readonly token: string
  readonly openid: string
  readonly appid: string
  readonly unionid: string | undefined
  readonly createdAt: number
  lastSeenAt: number
  calls: number
}

/** What the console shows: never the token itself. */
export interface SessionSummary {
  readonly openid: string
  readonly appid: string
  readonly unionid: string | undefined
  readonly createdAt: number
  readonly lastSeenAt: number
  readonly calls: number
  readonly tokenPrefix: string
}

const OPENID = /^[A-Za-z0-9_-]{1,128}$/
const APPID = /^wx[0-9a-f]{16}$/

export type LoginResult =
  | { readonly ok: true; readonly session: ClientSession }
  | { readonly ok: false; readonly message: string }

export class SessionStore {
  private readonly byToken = new Map<string, ClientSession>()

  constructor(private readonly now: () => number) {}

  login(openid: unknown, appid: unknown, unionid: unknown): LoginResult {
    if (typeof openid !== 'string' || !OPENID.test(openid)) {
      return { ok: false, message: 'openid 必须是 1–128 位字母、数字、下划线或连字符' }
    }
    if (appid !== undefined && (typeof appid !== 'string' || !APPID.test(appid))) {
      return { ok: false, message: 'appid 格式不正确（应为 wx 加 16 位十六进制）' }
    }
    if (unionid !== undefined && (typeof unionid !== 'string' || !OPENID.test(unionid))) {
      return { ok: false, message: 'unionid 格式不正确' }
    }
    const at = this.now()
    const session: ClientSession = {
      token: randomBytes(24).toString('base64url'),
      openid,
      appid: appid ?? DEFAULT_CLIENT_APPID,
      unionid,
      createdAt: at,
      lastSeenAt: at,
      calls: 0,
    }
    this.byToken.set(session.token, session)
    return { ok: true, session }
  }

  /** The session for a token, counted as one use. */
  use(token: string | undefined): ClientSession | undefined {
    if (token === undefined) return undefined
    const session = this.byToken.get(token)
    if (session === undefined) return undefined
    session.lastSeenAt = this.now()
    session.calls += 1
    return session
  }

  list(): SessionSummary[] {
    return [...this.byToken.values()]
      .map((s) => ({
        openid: s.openid,
        appid: s.appid,
        unionid: s.unionid,
        createdAt: s.createdAt,
        lastSeenAt: s.lastSeenAt,
        calls: s.calls,
        tokenPrefix: s.token.slice(0, 6),
      }))
      .sort((a, b) => a.createdAt - b.createdAt)
  }

  clear(): void {
    this.byToken.clear()
  }
}

export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim())
  return match?.[1]
}
