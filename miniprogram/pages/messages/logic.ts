// Pure view logic of the 消息 tab: rows, times in China time, and local read marks.
import { TABS } from '../../custom-tab-bar/tabs'
import type { MessageItem } from '../../../typings/api/messages'
import { chinaParts } from '../../core/china-time'

/** One row of the inbox as the page renders it. */
export interface MessageRow {
  readonly id: string
  readonly title: string
  readonly body: string
  readonly link: string
  readonly read: boolean
  readonly time: string
}

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** "刚刚", "5 分钟前", "14:05" today, "12-01 14:05" this year, else "2025-12-01". */
export function messageTime(createdAt: string, now: number): string {
  const at = Date.parse(createdAt)
  if (Number.isNaN(at)) return ''
  const diff = now - at
  if (diff >= 0 && diff < 60_000) return '刚刚'
  if (diff >= 0 && diff < 3_600_000) return `${Math.floor(diff / 60_000)} 分钟前`
  const a = chinaParts(at)
  const n = chinaParts(now)
  if (a.y === n.y && a.m === n.m && a.d === n.d) return `${a.hh}:${a.mm}`
  if (a.y === n.y) return `${pad(a.m)}-${pad(a.d)} ${a.hh}:${a.mm}`
  return `${a.y}-${pad(a.m)}-${pad(a.d)}`
}

export function messageRow(item: MessageItem, now: number): MessageRow {
  return {
    id: item.id,
    title: item.title,
    body: item.body,
    link: item.link,
    read: item.read,
    time: messageTime(item.createdAt, now),
  }
}

/** How a link opens: tab pages need `switchTab`, other pages `navigateTo`; none when empty. */
export function openMode(link: string): 'switchTab' | 'navigateTo' | 'none' {
  if (!link.startsWith('/pages/')) return 'none'
  const path = link.split('?')[0]
  return TABS.some((t) => t.pagePath === path) ? 'switchTab' : 'navigateTo'
}

/** The `setData` patch that shows every row as read (only the rows that change). */
export function readAllPatch(rows: readonly MessageRow[]): Record<string, boolean> {
  const patch: Record<string, boolean> = {}
  rows.forEach((r, i) => {
    if (!r.read) patch[`messages[${i}].read`] = true
  })
  return patch
}
