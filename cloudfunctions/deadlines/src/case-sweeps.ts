// Deadlines that live on mediation cases: the mediation period (expiry and D-7/D-2 reminders), the
// judicial-confirmation window (reminders and closing) and respondent invitations left unanswered.
import {
  applyCaseCommand,
  appendCaseNote,
  COLLECTIONS,
  command,
  conflict,
  findById,
  findMany,
  notify,
  runTransaction,
  type CaseDoc,
  type StoredDoc,
  type TimerContext,
  type Tx,
} from '../../_shared'
import { caseMediationDeadline } from '../../../miniprogram/core/machines/mediation-case'
import {
  confirmationWindowClosesAt,
  dueReminder,
  type ReminderKey,
} from '../../../miniprogram/core/deadlines'
import { attempt, msOf, SWEEP_LIMIT, SYSTEM_ACTOR, SYSTEM_HASH, type Tally } from './tally'

const RUNNING = ['accepted', 'mediating', 'agreement_drafted', 'signing']
/** Judicial confirmations that still use (or used) the window: no reminder is needed then. */
const CONFIRMATION_ENDED = ['consent_refused', 'dismissed', 'cancelled']
const PAGE = 100

type Case = StoredDoc<CaseDoc>

async function casesWhere(where: Record<string, unknown>): Promise<Case[]> {
  const out: Case[] = []
  for (let skip = 0; skip < SWEEP_LIMIT; skip += PAGE) {
    const page = await findMany<CaseDoc>(COLLECTIONS.mediationCases, where, {
      orderBy: [['_id', 'asc']],
      skip,
      limit: PAGE,
    })
    out.push(...page)
    if (page.length < PAGE) break
  }
  return out
}

/** Re-reads the case inside the transaction: it must still be the version the sweep decided on. */
async function current(tx: Tx, doc: Case): Promise<CaseDoc> {
  const cur = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, doc._id)
  if (!cur || cur.version !== doc.version) return conflict()
  return cur
}

type CaseCounter = Exclude<keyof Tally, 'conflicts'>

/**
 * One case's change in one transaction, on the version the sweep decided on; counted under
 * `counter` when it went through (a lost race is left for the next run).
 */
async function sweepCase(
  tally: Tally,
  what: string,
  doc: Case,
  counter: CaseCounter,
  change: (tx: Tx, cur: CaseDoc) => Promise<void>,
): Promise<void> {
  const changed = await attempt(tally, what, doc._id, () =>
    runTransaction(async (tx) => {
      await change(tx, await current(tx, doc))
      return true
    }),
  )
  if (changed) tally[counter] += 1
}

/** A system note on the timeline and audit chain, written together with `fields` on the case. */
async function noteCase(
  tx: Tx,
  id: string,
  cur: CaseDoc,
  type: string,
  fields: Record<string, unknown>,
  ctx: TimerContext,
  data?: Record<string, string>,
): Promise<void> {
  const head = await appendCaseNote(
    tx,
    id,
    cur,
    type,
    { actorKind: 'system', hash: SYSTEM_HASH },
    ctx.now,
    data,
  )
  await tx.updateVersioned(COLLECTIONS.mediationCases, id, cur.version, {
    ...fields,
    ...head,
    updatedAt: ctx.now,
  })
}

const caseLink = (id: string) => `/pages/case/detail/index?caseId=${id}`

async function tellParties(
  tx: Tx,
  doc: CaseDoc,
  id: string,
  title: string,
  body: string,
  ctx: TimerContext,
): Promise<void> {
  for (const openid of new Set(doc.partyOpenids)) {
    await notify(
      tx,
      { toOpenid: openid, kind: 'case_progress', title, body, link: caseLink(id) },
      ctx,
    )
  }
}

const DAYS_LEFT: Record<ReminderKey, number> = { 'D-7': 7, 'D-2': 2 }

type ReminderField = 'mediationReminders' | 'confirmationReminders'

/**
 * Sends the reminder due before `deadline` (D-7, D-2) unless it went out already: a timeline and
 * audit note, the key recorded as sent in the same write, and a message to each party.
 */
async function remind(
  doc: Case,
  ctx: TimerContext,
  tally: Tally,
  r: {
    readonly field: ReminderField
    readonly type: string
    readonly deadline: number
    readonly title: (days: number) => string
    readonly body: (days: number) => string
  },
): Promise<void> {
  const sentOf = (d: CaseDoc) => (Array.isArray(d[r.field]) ? (d[r.field] as string[]) : [])
  const due = dueReminder(r.deadline, ctx.now, sentOf(doc))
  if (!due.ok || due.value === null) return
  const key = due.value
  const days = DAYS_LEFT[key]
  await sweepCase(tally, r.type, doc, r.field, async (tx, cur) => {
    const fields = { [r.field]: [...sentOf(cur), key] }
    await noteCase(tx, doc._id, cur, r.type, fields, ctx, { reminder: key })
    await tellParties(tx, cur, doc._id, r.title(days), r.body(days), ctx)
  })
}

async function mediationPeriod(doc: Case, ctx: TimerContext, tally: Tally): Promise<void> {
  const deadline = caseMediationDeadline(doc)
  if (!deadline.ok) return
  const number = doc.caseNumber ?? ''
  if (ctx.now.getTime() >= deadline.value) {
    await sweepCase(tally, 'expire', doc, 'expiredCases', async (tx, cur) => {
      await applyCaseCommand(
        tx,
        doc._id,
        cur,
        'expire',
        { actor: SYSTEM_ACTOR, hash: SYSTEM_HASH },
        ctx.now,
      )
      await tellParties(
        tx,
        cur,
        doc._id,
        '调解期限届满，案件已结束',
        `案件 ${number} 的调解期限已届满，未能达成调解协议，案件已结束。如需继续解决纠纷，可申请在线立案。`,
        ctx,
      )
    })
    return
  }
  await remind(doc, ctx, tally, {
    field: 'mediationReminders',
    type: 'mediation_deadline_reminder',
    deadline: deadline.value,
    title: (days) => `调解期限还剩 ${days} 天`,
    body: (days) =>
      `案件 ${number} 的调解期限将于 ${days} 天后届满。如需更多时间，双方可在期限内协商延长。`,
  })
}

async function effectiveAtOf(doc: Case): Promise<number | undefined> {
  if (doc.agreementId) {
    const agreement = await findById<{ effectiveAt?: unknown; status?: unknown }>(
      COLLECTIONS.agreements,
      doc.agreementId,
    )
    const at = msOf(agreement?.effectiveAt)
    if (at !== undefined) return at
  }
  return msOf(doc.settledAt)
}

async function confirmationInUse(caseId: string): Promise<boolean> {
  const rows = await findMany<{ status?: unknown }>(
    COLLECTIONS.judicialConfirmations,
    { caseId },
    { limit: 20 },
  )
  return rows.some((r) => typeof r.status === 'string' && !CONFIRMATION_ENDED.includes(r.status))
}

async function confirmationWindow(doc: Case, ctx: TimerContext, tally: Tally): Promise<void> {
  if (doc['confirmationWindowClosedAt'] != null) return
  const effective = await effectiveAtOf(doc)
  if (effective === undefined) return
  const closes = confirmationWindowClosesAt(effective)
  if (!closes.ok) return
  const number = doc.caseNumber ?? ''
  const inUse = await confirmationInUse(doc._id)
  if (ctx.now.getTime() >= closes.value) {
    await sweepCase(
      tally,
      'confirmation_window',
      doc,
      'confirmationWindowsClosed',
      async (tx, cur) => {
        const fields = { confirmationWindowClosedAt: ctx.now }
        await noteCase(tx, doc._id, cur, 'confirmation_window_closed', fields, ctx)
        if (inUse) return
        await tellParties(
          tx,
          cur,
          doc._id,
          '司法确认申请期限已届满',
          `案件 ${number} 的调解协议生效已满 30 日，已不能再申请司法确认。协议仍对双方具有约束力。`,
          ctx,
        )
      },
    )
    return
  }
  if (inUse) return
  await remind(doc, ctx, tally, {
    field: 'confirmationReminders',
    type: 'confirmation_deadline_reminder',
    deadline: closes.value,
    title: (days) => `司法确认申请期限还剩 ${days} 天`,
    body: (days) =>
      `案件 ${number} 的调解协议申请司法确认的期限将于 ${days} 天后届满，如需申请请尽快办理。`,
  })
}

async function lapsedInvitation(doc: Case, ctx: TimerContext, tally: Tally): Promise<void> {
  const inv = doc.invitation
  if (!inv || inv.usedAt != null || doc.respondentOpenid != null) return
  const expires = msOf(inv.expiresAt)
  if (expires === undefined || ctx.now.getTime() < expires) return
  // Keyed on the invitation itself: a fresh invitation that lapses again is flagged again.
  const token = inv.tokenHash ?? msOf(inv.issuedAt)?.toString() ?? ''
  if (doc['invitationLapsedFor'] === token) return
  await sweepCase(tally, 'invitation', doc, 'overdueInvitations', async (tx, cur) => {
    const fields = { invitationLapsedFor: token, invitationLapsedAt: ctx.now }
    await noteCase(tx, doc._id, cur, 'invitation_lapsed', fields, ctx)
    await notify(
      tx,
      {
        toOpenid: cur.applicantOpenid,
        kind: 'case_progress',
        title: '被申请人未在期限内响应邀请',
        body: `案件 ${cur.caseNumber ?? ''} 的被申请人未在邀请有效期内加入。您可以重新发送邀请，或撤回申请。`,
        link: caseLink(doc._id),
      },
      ctx,
    )
  })
}

export async function sweepCases(ctx: TimerContext, tally: Tally): Promise<void> {
  const _ = command()
  for (const doc of await casesWhere({ status: _.in(RUNNING) })) {
    await mediationPeriod(doc, ctx, tally)
  }
  for (const doc of await casesWhere({ status: 'settled' })) {
    await confirmationWindow(doc, ctx, tally)
  }
  for (const doc of await casesWhere({ status: 'awaiting_respondent' })) {
    await lapsedInvitation(doc, ctx, tally)
  }
}
