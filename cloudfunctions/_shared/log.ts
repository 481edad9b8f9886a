// Structured logs that never carry personal data: openids become short keyed pseudonyms, anything
// that looks like an ID or phone number is masked, free text is cut short.
import { createHash } from 'node:crypto'

const ID_LIKE = /[0-9A-Za-z]{6}[0-9]{8,}[0-9Xx]?/g
const PHONE_LIKE = /(?<!\d)1[3-9]\d{9}(?!\d)/g
const MAX_TEXT = 120

function pseudonym(openid: string): string {
  return 'u_' + createHash('sha256').update(`log:${openid}`).digest('hex').slice(0, 10)
}

function maskText(text: string): string {
  const cut = text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text
  return cut
    .replace(
      ID_LIKE,
      (m) => `${m.slice(0, 3)}${'*'.repeat(Math.max(0, m.length - 7))}${m.slice(-4)}`,
    )
    .replace(PHONE_LIKE, (m) => `${m.slice(0, 3)}****${m.slice(-4)}`)
}

const SECRET_KEYS = /name|idNumber|cert|phone|mobile|address|photo|secret|token|key/i

/** Redacts a value for logging (exported for tests). */
export function redact(value: unknown, key = '', depth = 0): unknown {
  if (value == null || typeof value === 'number' || typeof value === 'boolean') return value
  if (typeof value === 'string') {
    if (/openid/i.test(key)) return pseudonym(value)
    if (SECRET_KEYS.test(key)) return value.length ? `[redacted:${value.length}]` : ''
    return maskText(value)
  }
  if (value instanceof Date) return value.toISOString()
  if (value instanceof Error) return { name: value.name, message: maskText(value.message) }
  if (depth > 3) return '[…]'
  if (Array.isArray(value)) return value.slice(0, 10).map((v) => redact(v, key, depth + 1))
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = redact(v, k, depth + 1)
    }
    return out
  }
  return '[unloggable]'
}

function emit(level: 'info' | 'warn' | 'error', event: string, fields?: Record<string, unknown>) {
  const line = JSON.stringify({ level, event, ...(fields ? (redact(fields) as object) : {}) })
  if (level === 'info') console.log(line)
  else if (level === 'warn') console.warn(line)
  else console.error(line)
}

export const log = {
  info: (event: string, fields?: Record<string, unknown>) => emit('info', event, fields),
  warn: (event: string, fields?: Record<string, unknown>) => emit('warn', event, fields),
  error: (event: string, fields?: Record<string, unknown>) => emit('error', event, fields),
}

const warned = new Set<string>()

/** A configuration warning printed once per cold start. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return
  warned.add(key)
  console.warn(JSON.stringify({ level: 'warn', event: key, message }))
}
