// The 消息 tab: the user's in-app inbox.
import type { ListMessagesRequest } from '../../typings/api/messages'
import { call } from './call'
import type { Intent } from './intent'

export const listMessages = (request: ListMessagesRequest = {}) => call('messages', 'list', request)

export const markRead = (ids: readonly string[], intent: Intent) =>
  call('messages', 'markRead', { ids }, { requestId: intent.requestIdFor('read') })

export const markAllRead = (intent: Intent) =>
  call('messages', 'markAllRead', {}, { requestId: intent.requestIdFor('readall') })
