// Helpers every organisation desk page shares: China-time stamps and the reason a refusal needs.
import { MAX_REASON_LENGTH } from '../../core/limits'

// Desk times are China time whatever the phone's zone, like the dates in the case documents.
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** "2026-12-01 14:05" in China time; empty for a missing or unreadable time. */
export function chinaTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const t = new Date(ms + CHINA_OFFSET_MS)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}`
}

/**
 * The error to show under a reason field, or '' when it can be sent. `what` names the reason
 * ("驳回理由", "不准许撤诉的理由") so the message says what is missing.
 */
export function reasonError(reason: string, what: string): string {
  const text = reason.trim()
  if (!text) return `请填写${what}`
  if (text.length > MAX_REASON_LENGTH) return `${what}不能超过 ${MAX_REASON_LENGTH} 字`
  return ''
}

/** The query value of a page option, or '' (pages then show the 参数缺失 state). */
export function optionOf(options: Record<string, string | undefined>, key: string): string {
  const v = options[key]
  return typeof v === 'string' ? decodeURIComponent(v).trim() : ''
}
