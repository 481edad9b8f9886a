/**
 * orgDesk — the desk of an organisation's staff (调解组织工作台).
 *
 * Caller: staff only (a `staff_members` doc with the caller's openid); a staff member sees and
 * changes only their own organisation's items and mediators (others answer NOT_FOUND).
 * - `queue`: identity reviews (shared by all organisations, as `verifyIdentity` decided), filings,
 *   judicial confirmations to forward, mediation document requests and withdrawal requests, oldest
 *   first, each with its service-level due time and an overdue mark; paged.
 * - `listMediators`, `createMediator`, `updateMediator` (search keys rebuilt on a rename),
 *   `issueBindCode` (random one-time code shown once; only its keyed hash is stored).
 * - `statistics`: cases by dispute type and status, settlement rate, average duration, per month,
 *   per mediator, overdue counts — computed with `aggregate()`.
 * Reads: `identities`, `filings`, `judicial_confirmations`, `document_requests`,
 * `withdrawal_requests`, `mediation_cases`. Writes: `mediators`, `bind_codes`, `audit_events`.
 * Errors: `NOT_FOUND`, `CONFLICT`, `INVALID_NAME`, `ALREADY_BOUND`, plus the common codes.
 */
import { defineFunction } from '../../_shared'
import { createMediator, issueBindCode, listMediators, updateMediator } from './mediators'
import { queue } from './queue'
import { statistics } from './statistics'

export const main = defineFunction('orgDesk', {
  actions: { queue, listMediators, createMediator, updateMediator, issueBindCode, statistics },
})
