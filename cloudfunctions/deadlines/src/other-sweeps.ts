// Deadlines outside the case document: manual identity reviews past their SLA (flagged for the
// desks) and call invitations that rang for 2 minutes without an answer (expired).
import {
  appendAudit,
  COLLECTIONS,
  command,
  conflict,
  findMany,
  runTransaction,
  type AuditHead,
  type DocData,
  type TimerContext,
} from '../../_shared'
import { isCallInvitationExpired, isManualReviewOverdue } from '../../../miniprogram/core/deadlines'
import { attempt, msOf, SWEEP_LIMIT, SYSTEM_HASH, type Tally } from './tally'

interface Versioned extends DocData, AuditHead {
  readonly version: number
  readonly status?: unknown
}

/** One versioned change of a document together with its audit event, in a transaction. */
export async function markWithAudit(
  collection: string,
  id: string,
  version: number,
  action: string,
  patch: (cur: Versioned) => DocData,
  ctx: TimerContext,
): Promise<boolean> {
  return runTransaction(async (tx) => {
    const cur = await tx.get<Versioned>(collection, id)
    if (!cur || cur.version !== version) return conflict()
    const status = typeof cur.status === 'string' ? cur.status : null
    const fields = patch(cur)
    const to = typeof fields['status'] === 'string' ? fields['status'] : status
    const head = await appendAudit(tx, cur, {
      entity: collection,
      entityId: id,
      actorRole: 'system',
      actorHash: SYSTEM_HASH,
      action,
      from: status,
      to,
      at: ctx.now,
    })
    await tx.updateVersioned(collection, id, version, { ...fields, ...head, updatedAt: ctx.now })
    return true
  })
}

export async function sweepIdentityReviews(ctx: TimerContext, tally: Tally): Promise<void> {
  const rows = await findMany<
    Versioned & { manualSubmittedAt?: unknown; reviewOverdueAt?: unknown }
  >(
    COLLECTIONS.identities,
    { status: 'manual_pending' },
    { orderBy: [['manualSubmittedAt', 'asc']], limit: Math.min(SWEEP_LIMIT, 100) },
  )
  for (const doc of rows) {
    if (doc.reviewOverdueAt != null) continue
    const submitted = msOf(doc.manualSubmittedAt)
    if (submitted === undefined) continue
    const overdue = isManualReviewOverdue(submitted, ctx.now)
    if (!overdue.ok || !overdue.value) continue
    const changed = await attempt(tally, 'identity_review', doc._id, () =>
      markWithAudit(
        COLLECTIONS.identities,
        doc._id,
        doc.version,
        'review_overdue',
        () => ({ reviewOverdueAt: ctx.now }),
        ctx,
      ),
    )
    if (changed) tally.overdueIdentityReviews += 1
  }
}

export async function sweepCallInvitations(ctx: TimerContext, tally: Tally): Promise<void> {
  const _ = command()
  const rows = await findMany<Versioned & { createdAt?: unknown }>(
    COLLECTIONS.callInvitations,
    { status: 'ringing', expiresAt: _.lte(ctx.now) },
    { limit: 100 },
  )
  for (const doc of rows) {
    const created = msOf(doc.createdAt)
    if (created === undefined) continue
    const expired = isCallInvitationExpired(created, ctx.now)
    if (!expired.ok || !expired.value) continue
    const changed = await attempt(tally, 'call_invitation', doc._id, () =>
      markWithAudit(
        COLLECTIONS.callInvitations,
        doc._id,
        doc.version,
        'invitation_expired',
        () => ({ status: 'expired', expiredAt: ctx.now }),
        ctx,
      ),
    )
    if (changed) tally.expiredCallInvitations += 1
  }
}
