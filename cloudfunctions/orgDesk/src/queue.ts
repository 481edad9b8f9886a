// The staff queue: everything waiting for staff, oldest first, with its service-level due time.
// Identity reviews are shared by every organisation (any staff member may review, as
// `verifyIdentity.review` allows), each with who holds its review claim (审核中); everything else
// belongs to the caller's organisation only.
import { deskItemDueAt, manualReviewDueAt, remaining } from '../../../miniprogram/core/deadlines'
import { readReviewClaim, reviewClaimView } from '../../../miniprogram/core/identity/review-claim'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../miniprogram/core/limits'
import type { OrgDeskContracts, QueueItem, QueueKind } from '../../../typings/api/orgDesk'
import {
  COLLECTIONS,
  command,
  findMany,
  int,
  obj,
  oneOf,
  opt,
  type ActionDefinition,
} from '../../_shared'

const KINDS = [
  'identity_review',
  'filing',
  'judicial_confirmation',
  'document_request',
  'withdrawal_request',
] as const satisfies readonly QueueKind[]

const LABELS: Record<QueueKind, string> = {
  identity_review: '身份人工审核',
  filing: '在线立案',
  judicial_confirmation: '司法确认转交',
  document_request: '调解书申请',
  withdrawal_request: '撤回申请',
}

/** Per kind: collection, condition, which field holds "waiting since". */
function sources(org: string) {
  const _ = command()
  return {
    identity_review: {
      collection: COLLECTIONS.identities,
      where: { status: 'manual_pending' },
      since: 'manualSubmittedAt',
    },
    filing: {
      collection: COLLECTIONS.filings,
      where: { organisationId: org, status: 'submitted' },
      since: 'submittedAt',
    },
    judicial_confirmation: {
      collection: COLLECTIONS.judicialConfirmations,
      where: { organisationId: org, status: 'submitted_to_org' },
      since: 'submittedAt',
    },
    document_request: {
      collection: COLLECTIONS.documentRequests,
      where: { organisationId: org, status: _.in(['applied', 'processing']) },
      since: 'appliedAt',
    },
    withdrawal_request: {
      collection: COLLECTIONS.withdrawalRequests,
      where: { organisationId: org, status: 'pending' },
      since: 'requestedAt',
    },
  } as const
}

/** Per kind, at most this many of the oldest are considered (a desk never has more waiting). */
const PER_KIND = 200

const ms = (v: unknown): number | undefined => {
  const t = v instanceof Date ? v.getTime() : typeof v === 'string' ? Date.parse(v) : NaN
  return Number.isFinite(t) ? t : undefined
}

function dueAt(kind: QueueKind, since: number): number {
  const due = kind === 'identity_review' ? manualReviewDueAt(since) : deskItemDueAt(kind, since)
  return due.ok ? due.value : since
}

/** Who holds the review claim on an identity review, as the staff member `staffId` is told. */
function claimOf(kind: QueueKind, r: Record<string, unknown>, staffId: string, now: Date) {
  if (kind !== 'identity_review') return null
  const view = reviewClaimView(readReviewClaim(r['claim']), staffId, now.getTime())
  return view && { ...view, expiresAt: new Date(view.expiresAt).toISOString() }
}

/** Every waiting item of the caller's desk (both for the queue and the overdue statistics). */
export async function waitingItems(
  org: string,
  now: Date,
  only?: QueueKind,
  staffId = '',
): Promise<QueueItem[]> {
  const src = sources(org)
  const items: QueueItem[] = []
  for (const kind of KINDS) {
    if (only && only !== kind) continue
    const s = src[kind]
    const rows = await findMany<Record<string, unknown>>(s.collection, s.where, {
      orderBy: [[s.since, 'asc']],
      limit: Math.min(PER_KIND, 100),
    })
    for (const r of rows) {
      const since = ms(r[s.since])
      if (since === undefined) continue
      const due = dueAt(kind, since)
      const left = remaining(due, now)
      items.push({
        kind,
        kindLabel: LABELS[kind],
        id: r._id,
        caseNumber: typeof r['caseNumber'] === 'string' ? r['caseNumber'] : null,
        caseId: typeof r['caseId'] === 'string' ? r['caseId'] : null,
        filingId:
          kind === 'filing' ? r._id : typeof r['filingId'] === 'string' ? r['filingId'] : null,
        waitingSince: new Date(since).toISOString(),
        dueAt: new Date(due).toISOString(),
        overdue: left.ok ? left.value.expired : true,
        dueText: left.ok ? left.value.text : '已到期',
        claim: claimOf(kind, r, staffId, now),
      })
    }
  }
  return items.sort((a, b) => a.waitingSince.localeCompare(b.waitingSince))
}

export const queue: ActionDefinition<
  OrgDeskContracts['queue']['request'],
  OrgDeskContracts['queue']['response']
> = {
  schema: obj({
    kind: opt(oneOf('事项类型', KINDS)),
    page: opt(int('页码', { min: 1, max: 100 })),
    pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
  }),
  actors: ['staff'],
  mutating: false,
  async handle({ kind, page = 1, pageSize = DEFAULT_PAGE_SIZE }, ctx) {
    const staff = ctx.caller.staff
    const all = await waitingItems(staff?.organisationId ?? '', ctx.now, kind, staff?.id)
    const start = (page - 1) * pageSize
    return {
      items: all.slice(start, start + pageSize),
      page,
      pageSize,
      hasMore: all.length > start + pageSize,
      overdueCount: all.filter((i) => i.overdue).length,
    }
  },
}
