/**
 * messages: the in-app inbox (消息 tab) that the notifier fills for every event a user must act on.
 *
 * Caller: `miniprogram/services/messages.ts`.
 * Auth: any signed-in user; each user sees and marks only messages addressed to them (`toOpenid`).
 * Reads/writes: `messages`, `idempotency_keys`.
 * Errors: common codes only (`INVALID_INPUT`, `UNAUTHENTICATED`, …).
 */
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../miniprogram/core/limits'
import type { MessageItem } from '../../../typings/api/messages'
import type { NoticeKind } from '../../../typings/api/common'
import {
  COLLECTIONS,
  bool,
  command,
  countWhere,
  defineFunction,
  docId,
  findMany,
  int,
  list,
  obj,
  opt,
  updateWhere,
} from '../../_shared'

interface MessageDoc extends Record<string, unknown> {
  toOpenid: string
  kind: NoticeKind
  title: string
  body: string
  link: string
  read: boolean
  createdAt: Date | string
}

/** The deepest page a list can reach; beyond it old messages are not worth a skip scan. */
const MAX_PAGE = 200

const toItem = (m: MessageDoc & { _id: string }): MessageItem => ({
  id: m._id,
  kind: m.kind,
  title: m.title,
  body: m.body,
  link: m.link,
  read: m.read,
  createdAt: new Date(m.createdAt).toISOString(),
})

const unread = (openid: string) =>
  countWhere(COLLECTIONS.messages, { toOpenid: openid, read: false })

export const main = defineFunction('messages', {
  actions: {
    list: {
      schema: obj({
        page: opt(int('页码', { min: 1, max: MAX_PAGE })),
        pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
        unreadOnly: opt(bool('仅看未读')),
      }),
      actors: ['user'],
      mutating: false,
      async handle({ page = 1, pageSize = DEFAULT_PAGE_SIZE, unreadOnly = false }, { caller }) {
        const where = unreadOnly
          ? { toOpenid: caller.openid, read: false }
          : { toOpenid: caller.openid }
        // One extra row tells whether another page exists without a second count query.
        const rows = await findMany<MessageDoc>(COLLECTIONS.messages, where, {
          orderBy: [['createdAt', 'desc']],
          skip: (page - 1) * pageSize,
          limit: pageSize + 1,
        })
        return {
          items: rows.slice(0, pageSize).map(toItem),
          page,
          pageSize,
          hasMore: rows.length > pageSize,
          unreadCount: await unread(caller.openid),
        }
      },
    },

    markRead: {
      schema: obj({ ids: list('消息', docId('消息编号'), { min: 1, max: MAX_PAGE_SIZE }) }),
      actors: ['user'],
      mutating: true,
      async handle({ ids }, { caller, now }) {
        const _ = command()
        // The owner condition is part of the update itself: someone else's ids match nothing.
        const updated = await updateWhere(
          COLLECTIONS.messages,
          { _id: _.in([...new Set(ids)]), toOpenid: caller.openid, read: false },
          { read: true, readAt: now, version: _.inc(1) },
        )
        return { updated, unreadCount: await unread(caller.openid) }
      },
    },

    markAllRead: {
      schema: obj({}),
      actors: ['user'],
      mutating: true,
      async handle(_payload, { caller, now }) {
        const _ = command()
        const updated = await updateWhere(
          COLLECTIONS.messages,
          { toOpenid: caller.openid, read: false },
          { read: true, readAt: now, version: _.inc(1) },
        )
        return { updated, unreadCount: await unread(caller.openid) }
      },
    },
  },
})
