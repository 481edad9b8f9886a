// WeChat server APIs that have no cloud call (face verification 2.0). The base URL is
// configurable (`WX_API_BASE`) so the local emulator can stand in for api.weixin.qq.com.
import { fail } from './errors'
import { log } from './log'

const DEFAULT_BASE = 'https://api.weixin.qq.com'

export function wxApiBase(): string {
  const configured = process.env.WX_API_BASE
  // An unset deploy placeholder arrives empty or verbatim; only a real URL overrides the default.
  const base = configured && /^https?:\/\//.test(configured) ? configured : DEFAULT_BASE
  return base.replace(/\/+$/, '')
}

let cached: { token: string; expiresAt: number } | undefined

/** An access token from `cgi-bin/stable_token` (cached until shortly before it expires). */
export async function accessToken(now = Date.now()): Promise<string> {
  if (cached && cached.expiresAt > now) return cached.token
  const appid = process.env.WX_APPID
  const secret = process.env.WX_APP_SECRET
  const res = await postJson(`${wxApiBase()}/cgi-bin/stable_token`, {
    grant_type: 'client_credential',
    appid,
    secret,
  })
  const token = res.access_token
  if (typeof token !== 'string' || !token) {
    log.error('wxapi.stable_token.failed', { errcode: res.errcode })
    fail('UPSTREAM_UNAVAILABLE', '微信服务暂时不可用，请稍后重试')
  }
  const ttl = typeof res.expires_in === 'number' ? res.expires_in : 7200
  cached = { token, expiresAt: now + Math.max(60, ttl - 300) * 1000 }
  return token
}

export async function postJson(url: string, body: unknown): Promise<Record<string, unknown>> {
  let response: Response
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(8000),
    })
  } catch (e) {
    log.error('wxapi.unreachable', { path: new URL(url).pathname, error: e })
    return fail('UPSTREAM_UNAVAILABLE', '微信服务暂时不可用，请稍后重试')
  }
  const json: unknown = await response.json().catch(() => undefined)
  if (typeof json !== 'object' || json === null) {
    log.error('wxapi.bad_response', { path: new URL(url).pathname, status: response.status })
    return fail('UPSTREAM_UNAVAILABLE', '微信服务暂时不可用，请稍后重试')
  }
  return json as Record<string, unknown>
}

/** POST to a WeChat API with the access token; a stale token is refreshed once. */
export async function callWxApi(path: string, body: unknown): Promise<Record<string, unknown>> {
  let res = await postJson(
    `${wxApiBase()}${path}?access_token=${encodeURIComponent(await accessToken())}`,
    body,
  )
  if (res.errcode === 40001 || res.errcode === 42001) {
    cached = undefined
    res = await postJson(
      `${wxApiBase()}${path}?access_token=${encodeURIComponent(await accessToken())}`,
      body,
    )
  }
  return res
}
