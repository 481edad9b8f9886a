// Times shown to users and written into messages are China time (UTC+8, no daylight saving)
// whatever zone the phone or the server runs in, like the dates in the case documents.

export const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** The China wall-clock fields of an instant given as UTC milliseconds. */
export function chinaParts(ms: number): {
  readonly y: number
  readonly m: number
  readonly d: number
  readonly hh: string
  readonly mm: string
} {
  const t = new Date(ms + CHINA_OFFSET_MS)
  return {
    y: t.getUTCFullYear(),
    m: t.getUTCMonth() + 1,
    d: t.getUTCDate(),
    hh: pad(t.getUTCHours()),
    mm: pad(t.getUTCMinutes()),
  }
}

/** "10:42" in China time. */
export function chinaClock(ms: number): string {
  const p = chinaParts(ms)
  return `${p.hh}:${p.mm}`
}

/** "2026-12-01 14:05" in China time; empty for a missing or unreadable time. */
export function chinaMinute(iso: string | null | undefined): string {
  if (!iso) return ''
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const p = chinaParts(ms)
  return `${p.y}-${pad(p.m)}-${pad(p.d)} ${p.hh}:${p.mm}`
}
