// Helpers every organisation desk page shares: China-time stamps and the reason a refusal needs.
import { MAX_REASON_LENGTH } from '../../core/limits'

/** "2026-12-01 14:05" in China time; empty for a missing or unreadable time. */
export { chinaMinute as chinaTime } from '../../core/china-time'

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
