// View helpers the 调解协议, 司法确认 and 调解书 pages share: China-time stamps, the window
// countdown and path-based list patches (a changed row is sent alone, never the whole list).
import { remaining } from '../../../core/deadlines'

/** `2026年12月1日 14:05`, China time; '' for a missing or unreadable time. */
export function formatChinaTime(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const d = new Date(ms + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** The 30-day judicial-confirmation window as a countdown; '' when no window runs. */
export function windowCountdown(deadline: string | null | undefined, now: number): string {
  if (!deadline) return ''
  const left = remaining(Date.parse(deadline), now)
  if (!left.ok) return ''
  if (left.value.expired) return '申请期限已届满'
  return `申请司法确认${left.value.text}（截至 ${formatChinaTime(deadline)}）`
}

/**
 * The setData patch turning list `prev` into `next` under `key`: changed or added rows by path;
 * the whole list only when it shrank (a path update cannot remove rows).
 */
export function listPatch<T>(
  key: string,
  prev: readonly T[],
  next: readonly T[],
): Record<string, unknown> {
  if (next.length < prev.length) return { [key]: next }
  const patch: Record<string, unknown> = {}
  next.forEach((item, i) => {
    if (i >= prev.length || JSON.stringify(prev[i]) !== JSON.stringify(item))
      patch[`${key}[${i}]`] = item
  })
  return patch
}
