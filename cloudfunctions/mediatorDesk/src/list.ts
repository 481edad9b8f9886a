// The mediator's case list by tab, newest activity first, from an indexed query on mediatorId.
import { remaining } from '../../../miniprogram/core/deadlines'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../miniprogram/core/limits'
import {
  CASE_STATUS_LABELS,
  caseMediationDeadline,
  type CaseStatus,
} from '../../../miniprogram/core/machines/mediation-case'
import type { Page } from '../../../typings/api/common'
import type { AssignedCase, DeskTab, ListAssignedRequest } from '../../../typings/api/mediatorDesk'
import {
  COLLECTIONS,
  command,
  findMany,
  int,
  obj,
  oneOf,
  opt,
  type ActionDefinition,
  type CaseDoc,
} from '../../_shared'
import { mediatorOf } from './desk-case'

export const TAB_STATUSES: Readonly<Record<DeskTab, readonly CaseStatus[]>> = {
  pending: ['awaiting_mediator'],
  active: ['accepted', 'mediating', 'agreement_drafted', 'signing'],
  closed: ['settled', 'closed_without_agreement'],
}

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)

export const listAssigned: ActionDefinition<ListAssignedRequest, Page<AssignedCase>> = {
  schema: obj({
    tab: oneOf('列表', ['pending', 'active', 'closed']),
    page: opt(int('页码', { min: 1, max: 1000 })),
    pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
  }),
  actors: ['mediator'],
  mutating: false,
  async handle({ tab, page = 1, pageSize = DEFAULT_PAGE_SIZE }, ctx) {
    const who = mediatorOf(ctx.caller)
    const _ = command()
    const rows = await findMany<CaseDoc>(
      COLLECTIONS.mediationCases,
      { mediatorId: who.actor.id, status: _.in([...TAB_STATUSES[tab]]) },
      { orderBy: [['updatedAt', 'desc']], skip: (page - 1) * pageSize, limit: pageSize + 1 },
    )
    const items = rows.slice(0, pageSize).map((doc): AssignedCase => {
      const deadline = tab === 'active' ? caseMediationDeadline(doc) : undefined
      const left = deadline?.ok ? remaining(deadline.value, ctx.now) : undefined
      return {
        caseId: doc._id,
        caseNumber: doc.caseNumber ?? '',
        status: doc.status,
        statusLabel: CASE_STATUS_LABELS[doc.status],
        tab,
        disputeType: doc.disputeType ?? null,
        applicantName: doc.applicant?.maskedName ?? '',
        respondentName: doc.respondent?.maskedName ?? '',
        deadline: deadline?.ok ? new Date(deadline.value).toISOString() : null,
        deadlineText: left?.ok ? left.value.text : null,
        updatedAt: iso(doc.updatedAt),
      }
    })
    return { items, page, pageSize, hasMore: rows.length > pageSize }
  },
}
