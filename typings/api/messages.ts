// Contract of the `messages` function: the in-app inbox (消息 tab).
import type { ActionContract } from './envelope'
import type { IsoTime, NoticeKind, Page, PageRequest } from './common'

export interface MessageItem {
  readonly id: string
  readonly kind: NoticeKind
  readonly title: string
  readonly body: string
  /** Page path to open, e.g. `/pages/identity/status/index`. */
  readonly link: string
  readonly read: boolean
  readonly createdAt: IsoTime
}

export interface ListMessagesRequest extends PageRequest {
  readonly unreadOnly?: boolean
}

export interface ListMessagesResponse extends Page<MessageItem> {
  readonly unreadCount: number
}

export interface MarkReadRequest {
  readonly ids: readonly string[]
}

export interface MarkReadResponse {
  /** How many of the given messages changed from unread to read. */
  readonly updated: number
  readonly unreadCount: number
}

export interface MessagesContracts {
  readonly list: ActionContract<ListMessagesRequest, ListMessagesResponse, never>
  readonly markRead: ActionContract<MarkReadRequest, MarkReadResponse, never>
  readonly markAllRead: ActionContract<Record<string, never>, MarkReadResponse, never>
}
