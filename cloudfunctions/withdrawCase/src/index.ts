/**
 * withdrawCase: the filing party withdraws a filing.
 *
 * - `withdraw(filingId, reason)`: before acceptance (submitted / rejected) it takes effect at
 *   once (撤回); after acceptance it becomes a `withdrawal_requests` document (撤诉申请,
 *   民诉法 第148条: for the deciding body to allow) and the filing waits for staff.
 * - `status(filingId)`: the filing's withdrawal state, for the filer and the organisation's staff.
 * - staff `grant(withdrawalRequestId)` / `refuse(withdrawalRequestId, reason)`: decided here
 *   (not in orgDesk), so the request and the filing change in one transaction with one audit
 *   chain per entity.
 *
 * Caller: `miniprogram/services/filings.ts`; staff actions from the organisation desk.
 * Auth: OPENID; only the filing party (with the identity the filing was made under — the
 *   identity lock) may withdraw; staff of the filing's organisation decide.
 * Reads/writes: `filings`, `withdrawal_requests`, `audit_events`, `messages`, `subscribe_grants`,
 *   `idempotency_keys`; reads `identities`, `staff_members`.
 * Errors: `NOT_FILER`, `IDENTITY_REQUIRED`, `IDENTITY_MISMATCH`, `INVALID_TRANSITION`,
 *   `NO_WITHDRAWAL_REQUEST`, `CONTENT_RISKY`, plus the common codes.
 */
import { MAX_REASON_LENGTH } from '../../../miniprogram/core/limits'
import { FILING_STATUS_LABELS, filingMachine } from '../../../miniprogram/core/machines/filing'
import type { WithdrawalView } from '../../../typings/api/withdrawCase'
import {
  appendAudit,
  checkText,
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  findById,
  findMany,
  notify,
  obj,
  text,
  type AuditHead,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import { applyEntity } from '../../_shared/entity-apply'
import { filingActor, loadFiling, type FilingDoc } from '../../_shared/filings'
import { iso } from '../../_shared/settled-case'
import { staffOpenidsOf } from '../../_shared/staff-notify'

interface WithdrawalDoc extends AuditHead, Record<string, unknown> {
  readonly filingId: string
  readonly organisationId: string
  readonly filerOpenid: string
  readonly reason: string
  readonly status: 'pending' | 'granted' | 'refused'
  readonly refusedReason: string | null
  readonly requestedAt: Date
  readonly decidedAt: Date | null
  readonly deciderStaffId: string | null
  readonly version: number
}

const LINK = (id: string) => `/pages/filing/detail/index?filingId=${id}`

function view(
  filing: StoredDoc<FilingDoc>,
  req: StoredDoc<WithdrawalDoc> | undefined,
): WithdrawalView {
  return {
    filingId: filing._id,
    status: filing.status,
    statusLabel: FILING_STATUS_LABELS[filing.status],
    effect: req ? 'requested' : 'immediate',
    withdrawalRequestId: req?._id ?? null,
    requestStatus: req?.status ?? null,
    reason: req?.reason ?? filing.withdrawalReason ?? null,
    refusedReason: req?.refusedReason ?? null,
    requestedAt: iso(req?.requestedAt ?? filing.withdrawalRequestedAt ?? filing.withdrawnAt),
    decidedAt: iso(req?.decidedAt ?? null),
  }
}

async function tellFiler(
  tx: Tx,
  ctx: HandlerContext,
  filing: FilingDoc,
  id: string,
  title: string,
  body: string,
) {
  await notify(
    tx,
    {
      toOpenid: filing.filerOpenid,
      kind: 'filing_progress',
      title,
      body,
      link: LINK(id),
      templateData: {
        character_string1: (filing.filingNumber ?? '').slice(0, 32),
        thing2: title.slice(0, 20),
        time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
      },
    },
    ctx,
  )
}

async function decide(
  ctx: HandlerContext,
  requestId: string,
  grant: boolean,
  reason: string | undefined,
): Promise<WithdrawalView> {
  const req = await findById<WithdrawalDoc>(COLLECTIONS.withdrawalRequests, requestId)
  if (!req) return fail('NO_WITHDRAWAL_REQUEST', '撤诉申请不存在')
  const { doc } = await loadFiling(req.filingId, ctx.caller, 'staff')
  const actor = filingActor('staff', ctx.caller)
  return ctx.transact(async (tx) => {
    const current = await tx.get<WithdrawalDoc>(COLLECTIONS.withdrawalRequests, requestId)
    const filing = await tx.get<FilingDoc>(COLLECTIONS.filings, doc._id)
    if (!current || !filing) return fail('NO_WITHDRAWAL_REQUEST', '撤诉申请不存在')
    if (current.status !== 'pending') fail('INVALID_TRANSITION', '该撤诉申请已处理')
    const { next } = await applyEntity(
      tx,
      COLLECTIONS.filings,
      filing._id,
      filing,
      filingMachine,
      grant ? 'grant_withdrawal' : 'refuse_withdrawal',
      { actor, hash: ctx.caller.hash },
      ctx.now,
      { input: grant ? undefined : { reason }, patch: { pendingWithdrawalId: null } },
    )
    const status = grant ? 'granted' : 'refused'
    const head = await appendAudit(tx, current, {
      entity: COLLECTIONS.withdrawalRequests,
      entityId: requestId,
      actorRole: 'staff',
      actorHash: ctx.caller.hash,
      action: `withdrawal_request.${status}`,
      from: 'pending',
      to: status,
      at: ctx.now,
    })
    const patch = {
      status,
      refusedReason: grant ? null : (reason ?? null),
      decidedAt: ctx.now,
      deciderStaffId: ctx.caller.staff?.id ?? null,
      ...head,
    } as const
    await tx.updateVersioned(COLLECTIONS.withdrawalRequests, requestId, current.version, patch)
    await tellFiler(
      tx,
      ctx,
      next,
      filing._id,
      grant ? '撤诉申请已准许' : '撤诉申请未获准许',
      grant
        ? `您的撤诉申请已获准许，案号 ${next.filingNumber ?? ''} 的立案申请已撤回。`
        : `您的撤诉申请未获准许：${reason ?? ''}。`,
    )
    return view(
      { ...next, _id: filing._id },
      { ...current, ...patch, version: current.version + 1, _id: requestId },
    )
  })
}

export const main = defineFunction('withdrawCase', {
  actions: {
    withdraw: {
      schema: obj({
        filingId: docId('立案申请编号'),
        reason: text('撤回原因', { max: MAX_REASON_LENGTH }),
      }),
      actors: ['user'],
      mutating: true,
      async handle({ filingId, reason }, ctx) {
        const { doc } = await loadFiling(filingId, ctx.caller, 'filer')
        await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
        const actor = filingActor('filer', ctx.caller)
        const staff = await staffOpenidsOf(doc.organisationId ?? null)
        return ctx.transact(async (tx) => {
          const filing = await tx.get<FilingDoc>(COLLECTIONS.filings, filingId)
          if (!filing || filing.version !== doc.version)
            return fail('CONFLICT', '数据已被他人更新，请刷新后重试')
          const requested = filing.status === 'accepted'
          const requestId = requested
            ? `wr_${filingId}_${(filing.auditSeq ?? 0) + 1}`.slice(0, 64)
            : null
          const { next } = await applyEntity(
            tx,
            COLLECTIONS.filings,
            filingId,
            filing,
            filingMachine,
            'withdraw',
            { actor, hash: ctx.caller.hash },
            ctx.now,
            {
              input: { reason },
              patch: { pendingWithdrawalId: requestId },
            },
          )
          let req: StoredDoc<WithdrawalDoc> | undefined
          if (requestId) {
            const head = await appendAudit(
              tx,
              {},
              {
                entity: COLLECTIONS.withdrawalRequests,
                entityId: requestId,
                actorRole: 'party',
                actorHash: ctx.caller.hash,
                action: 'withdrawal_request.submitted',
                from: null,
                to: 'pending',
                at: ctx.now,
              },
            )
            const body: WithdrawalDoc = {
              filingId,
              organisationId: filing.organisationId ?? '',
              filerOpenid: ctx.caller.openid,
              reason,
              status: 'pending',
              refusedReason: null,
              requestedAt: ctx.now,
              decidedAt: null,
              deciderStaffId: null,
              version: 1,
              ...head,
            }
            await tx.create(COLLECTIONS.withdrawalRequests, requestId, body)
            req = { ...body, _id: requestId }
          }
          for (const toOpenid of staff) {
            if (toOpenid === ctx.caller.openid) continue
            await notify(
              tx,
              {
                toOpenid,
                kind: 'filing_progress',
                title: requested ? '新的撤诉申请' : '立案申请已撤回',
                body: requested
                  ? `案号 ${filing.filingNumber ?? ''} 的当事人申请撤诉，请审查是否准许。`
                  : '一件待审核的立案申请已由当事人撤回。',
                link: LINK(filingId),
              },
              ctx,
            )
          }
          return view({ ...next, _id: filingId }, req)
        })
      },
    },

    status: {
      schema: obj({ filingId: docId('立案申请编号') }),
      actors: ['user'],
      mutating: false,
      async handle({ filingId }, ctx) {
        const { doc } = await loadFiling(filingId, ctx.caller, 'either')
        const id = doc.pendingWithdrawalId
        // Without a pending request the filer still needs the latest ruling (and its reason).
        const req = id
          ? await findById<WithdrawalDoc>(COLLECTIONS.withdrawalRequests, id)
          : (
              await findMany<WithdrawalDoc>(
                COLLECTIONS.withdrawalRequests,
                { filingId },
                { orderBy: [['requestedAt', 'desc']], limit: 1 },
              )
            )[0]
        return view(doc, req)
      },
    },

    grant: {
      schema: obj({ withdrawalRequestId: docId('撤诉申请编号') }),
      actors: ['staff'],
      mutating: true,
      async handle({ withdrawalRequestId }, ctx) {
        return decide(ctx, withdrawalRequestId, true, undefined)
      },
    },

    refuse: {
      schema: obj({
        withdrawalRequestId: docId('撤诉申请编号'),
        reason: text('不准许撤诉的理由', { max: MAX_REASON_LENGTH }),
      }),
      actors: ['staff'],
      mutating: true,
      async handle({ withdrawalRequestId, reason }, ctx) {
        await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
        return decide(ctx, withdrawalRequestId, false, reason)
      },
    },
  },
})
