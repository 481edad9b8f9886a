import * as cloud from 'wx-server-sdk'

let initialised = false

/**
 * The SDK, initialised once per cold start for the environment the function runs in.
 * `DYNAMIC_CURRENT_ENV` keeps one bundle deployable to every environment unchanged.
 */
export function getCloud(): typeof cloud {
  if (!initialised) {
    // The SDK's typings declare `env` as a string; the symbol is its documented way to say "mine".
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
    initialised = true
  }
  return cloud
}

export type Database = ReturnType<typeof cloud.database>

export function getDb(): Database {
  return getCloud().database()
}

/** The caller's OPENID as the platform injects it; never read from the event. */
export function callerOpenid(): string | undefined {
  const openid: unknown = getCloud().getWXContext().OPENID
  return typeof openid === 'string' && openid.length > 0 ? openid : undefined
}

/** Hops of a call chain that started in a user's hands (mini-program, DevTools, crawler). */
const CLIENT_SOURCES = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler'])

/**
 * Whether this invocation was started by the WeChat platform itself (a message push) rather than
 * by a user: the platform-set SOURCE is present and its first hop is not a client. A client cannot
 * choose SOURCE, so a mini-program call with a push-shaped event is still a client call.
 */
export function isPlatformInvocation(): boolean {
  const source: unknown = getCloud().getWXContext().SOURCE
  if (typeof source !== 'string' || source === '') return false
  const first = source.split(',')[0]?.trim() ?? ''
  return first !== '' && !CLIENT_SOURCES.has(first)
}
