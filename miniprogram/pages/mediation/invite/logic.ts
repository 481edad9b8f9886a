// What the invitation page shows and shares: the share card and the validity in China time.
import type { InviteResponse } from '../../../../typings/api/mediationCase'

export interface ShareCard {
  readonly title: string
  readonly path: string
}

/** The share card: the path opens the respondent's landing page with the one-time token. */
export function shareCard(invite: Pick<InviteResponse, 'sharePath'>): ShareCard {
  const path = invite.sharePath.startsWith('/') ? invite.sharePath : `/${invite.sharePath}`
  return { title: '您有一件商事纠纷调解邀请，请查看并确认是否参加调解', path }
}

/** `2026-12-08T06:30:00Z` → `12月8日 14:30` (China time, the user's clock). */
export function chinaTime(iso: string): string {
  const t = new Date(iso).getTime()
  if (Number.isNaN(t)) return ''
  const d = new Date(t + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}
