// CloudBase lets client queries say `'{openid}'` where the caller's own openid belongs (a
// mini-program does not know its openid); the server puts the signed-in user's openid there
// before the security rules look at the query.
import type { Doc } from '../database/ejson'

export const OPENID_PLACEHOLDER = '{openid}'

/** The filter with every `'{openid}'` string value replaced by the caller's openid. */
export function substituteOpenid(filter: Doc, openid: string | undefined): Doc {
  return replace(filter, openid) as Doc
}

function replace(value: unknown, openid: string | undefined): unknown {
  if (value === OPENID_PLACEHOLDER) return openid ?? value
  if (Array.isArray(value)) return value.map((v) => replace(v, openid))
  if (
    value !== null &&
    typeof value === 'object' &&
    Object.getPrototypeOf(value) === Object.prototype
  ) {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = replace(v, openid)
    return out
  }
  return value
}
