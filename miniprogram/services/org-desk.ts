// The organisation staff desk: queue, mediators, bind codes and statistics.
import type { PageRequest } from '../../typings/api/common'
import type {
  MediatorFields,
  QueueRequest,
  StatisticsRequest,
  UpdateMediatorRequest,
} from '../../typings/api/orgDesk'
import { call } from './call'
import type { Intent } from './intent'

export const deskQueue = (request: QueueRequest = {}) => call('orgDesk', 'queue', request)

export const listOrgMediators = (request: PageRequest = {}) =>
  call('orgDesk', 'listMediators', request)

export const createMediator = (fields: MediatorFields, intent: Intent) =>
  call('orgDesk', 'createMediator', fields, { requestId: intent.requestIdFor('create') })

export const updateMediator = (request: UpdateMediatorRequest, intent: Intent) =>
  call('orgDesk', 'updateMediator', request, { requestId: intent.requestIdFor('update') })

/** Each call issues a fresh code (and retires the previous unused one): show it once. */
export const issueBindCode = (mediatorId: string) =>
  call('orgDesk', 'issueBindCode', { mediatorId })

export const orgStatistics = (request: StatisticsRequest = {}) =>
  call('orgDesk', 'statistics', request)
