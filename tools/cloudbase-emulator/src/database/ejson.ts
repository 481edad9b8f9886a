import { Binary, BSONRegExp, EJSON, ObjectId } from 'bson'
import { TcbCode, TcbError } from '../server/errors'

export type Doc = Record<string, unknown>

const SERVER_DATE = '$tcb_server_date'

function isPlainObject(value: unknown): value is Doc {
  if (value === null || typeof value !== 'object') return false
  const proto = Object.getPrototypeOf(value) as unknown
  return proto === Object.prototype || proto === null
}

/**
 * Turns relaxed-EJSON output into the plain JS values mingo understands: BSON regexes become
 * RegExp (only the flags JS shares with MongoDB), ObjectIds become their hex string, and
 * `db.serverDate({offset})` becomes the emulator clock's time — in data and in queries alike.
 */
export function revive(value: unknown, now: number): unknown {
  if (Array.isArray(value)) return value.map((item) => revive(item, now))
  if (value instanceof BSONRegExp) {
    return new RegExp(value.pattern, value.options.replace(/[^imsu]/g, ''))
  }
  if (value instanceof ObjectId) return value.toHexString()
  if (value instanceof Binary) return Buffer.from(value.buffer)
  if (!isPlainObject(value)) return value
  const keys = Object.keys(value)
  if (keys.length === 1 && keys[0] === SERVER_DATE) {
    const spec = value[SERVER_DATE]
    const offset = isPlainObject(spec) && typeof spec['offset'] === 'number' ? spec['offset'] : 0
    return new Date(now + offset)
  }
  const out: Doc = {}
  for (const key of keys) out[key] = revive(value[key], now)
  return out
}

/** Parses one EJSON string from the wire; malformed input is a typed INVALID_PARAM error. */
export function parseWire(text: unknown, what: string, now: number): unknown {
  if (typeof text !== 'string')
    throw new TcbError(TcbCode.INVALID_PARAM, `${what} 必须是 EJSON 字符串`)
  let parsed: unknown
  try {
    parsed = EJSON.parse(text, { relaxed: true })
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err)
    throw new TcbError(TcbCode.INVALID_PARAM, `${what} 不是合法的 EJSON：${detail}`)
  }
  return revive(parsed, now)
}

export function parseWireObject(text: unknown, what: string, now: number): Doc {
  const value = parseWire(text, what, now)
  if (!isPlainObject(value)) throw new TcbError(TcbCode.INVALID_PARAM, `${what} 必须是对象`)
  return value
}

/** Canonical EJSON, the form CloudBase returns documents in (and the export format). */
export function toWire(doc: unknown): string {
  return EJSON.stringify(doc as Doc, { relaxed: false })
}

export function fromCanonical(text: string): Doc {
  const value = revive(EJSON.parse(text, { relaxed: true }), 0)
  if (!isPlainObject(value)) throw new Error('EJSON 行不是对象')
  return value
}

export { isPlainObject }
