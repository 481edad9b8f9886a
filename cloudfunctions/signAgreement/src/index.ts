/**
 * signAgreement: the parties and the mediator read and sign the mediation agreement (调解协议).
 *
 * - `get(caseId)`: the agreement's text, version and SHA-256 hash, the signers and who signed —
 *   for a party of the case or its mediator only.
 * - `sign(caseId, version, hash, signatureImageFileId)`: refused unless the version and hash are
 *   the current ones, the signer is a verified party whose identity matches the party recorded
 *   on the case (or the case's mediator), has not signed yet, and the signature image lies under
 *   the caller's own private storage prefix. Signatures that arrive at the same moment both
 *   count: each runs in a transaction on the agreement's version and is retried on conflict.
 *   The last signature makes the agreement effective (人民调解法 第29条), settles the case and
 *   starts the 30-day window for judicial confirmation (deadline stored on case and agreement).
 *   Each signature image goes to `security.mediaCheckAsync` once (trace id recorded with the
 *   signature in `signatureChecks`); mediationCase receives the verdict push and applies it
 *   (_shared/signature-verdicts.ts), and a verdict pushed before the signature committed is applied here.
 *
 * Caller: `miniprogram/services/agreements.ts`.
 * Auth: OPENID; case role from `mediation_cases` (parties) and `mediators` (the case's mediator).
 * Reads/writes: `agreements`, `mediation_cases`, `case_events`, `audit_events`, `mediators`,
 *   `messages`, `subscribe_grants`, `idempotency_keys`; reads `identities`.
 * Errors: `NO_AGREEMENT`, `NOT_SIGNING`, `STALE_REVISION`, `HASH_MISMATCH`, `NOT_A_SIGNER`,
 *   `ALREADY_SIGNED`, `IDENTITY_REQUIRED`, `IDENTITY_MISMATCH`, `FILE_NOT_OWNED`, plus the common codes.
 */
import { confirmationWindowClosesAt } from '../../../miniprogram/core/deadlines'
import type { Actor } from '../../../miniprogram/core/machines/actor'
import { agreementMachine } from '../../../miniprogram/core/machines/agreement'
import { transition } from '../../../miniprogram/core/machines/machine'
import type {
  AgreementReadView,
  SignAgreementRequest,
  SignAgreementResponse,
} from '../../../typings/api/signAgreement'
import {
  applyCaseCommand,
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  fileId,
  findById,
  int,
  isAppError,
  retryOnConflict,
  isOwnPrivateFile,
  loadVisibleCase,
  notify,
  obj,
  text,
  type Caller,
  type CaseDoc,
  type CaseRole,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import {
  agreementIdFor,
  partySignerId,
  toAgreementView,
  type AgreementDoc,
} from '../../_shared/agreements'
import {
  addTimeline,
  assertPartyIdentity,
  partyOpenidsOf,
  partyRecordOf,
  PARTY_SIDE_LABELS,
} from '../../_shared/case-access'
import { applyAgreement, refuse } from '../../_shared/machine-apply'
import { heldVerdict } from '../../_shared/held-media-verdicts'
import { applySignatureVerdict, type SignatureChecked } from '../../_shared/signature-verdicts'
import { checkRecordFor, signatureCheckViews, signatureTraceFor } from './signature-check'

/** How often a signature is retried when another signature committed first. */
const SIGN_ATTEMPTS = 5

interface Signing {
  readonly role: 'applicant' | 'respondent' | 'mediator'
  readonly actor: Actor
  readonly signerId: string
}

function signingAs(caller: Caller, roles: readonly CaseRole[]): Signing {
  if (roles.includes('applicant') || roles.includes('respondent')) {
    const role = roles.includes('applicant') ? 'applicant' : 'respondent'
    return {
      role,
      actor: { kind: role, id: partySignerId(caller.openid) },
      signerId: partySignerId(caller.openid),
    }
  }
  if (roles.includes('mediator') && caller.mediator) {
    const id = caller.mediator.id
    return { role: 'mediator', actor: { kind: 'mediator', id }, signerId: id }
  }
  return fail('FORBIDDEN', '仅本案当事人和调解员可以查看和签署调解协议')
}

async function mediatorName(doc: CaseDoc): Promise<string> {
  if (!doc.mediatorId) return '调解员'
  const m = await findById<{ name?: string }>(COLLECTIONS.mediators, doc.mediatorId)
  return m?.name ?? '调解员'
}

type Agreement = StoredDoc<AgreementDoc & SignatureChecked>

async function agreementOf(caseId: string): Promise<Agreement> {
  const doc = await findById<AgreementDoc & SignatureChecked>(
    COLLECTIONS.agreements,
    agreementIdFor(caseId),
  )
  return doc ?? fail('NO_AGREEMENT', '本案尚未拟定调解协议')
}

/** Refuses a signature the agreement would not take, before anything is written or requested. */
function assertSignable(
  agreement: Agreement,
  me: Signing,
  payload: SignAgreementRequest,
  now: Date,
): void {
  const signedCurrent = agreement.signatures.some(
    (s) => s.signerId === me.signerId && s.revision === agreement.revision,
  )
  if (agreement.status === 'effective' && signedCurrent) {
    fail('ALREADY_SIGNED', '您已签署本协议')
  }
  if (agreement.status === 'draft') {
    fail('NOT_SIGNING', '调解员尚未发起协议签署')
  }
  const res = transition(agreementMachine, agreement, 'sign', me.actor, now, {
    revision: payload.version,
    hash: payload.hash,
  })
  if (!res.ok) refuse(res.error)
}

async function settle(
  tx: Tx,
  caseId: string,
  agreement: StoredDoc<AgreementDoc>,
  ctx: HandlerContext,
): Promise<Date> {
  const effectiveAt = new Date(agreement.effectiveAt ?? ctx.now)
  const closes = confirmationWindowClosesAt(effectiveAt)
  const deadline = new Date(closes.ok ? closes.value : effectiveAt.getTime())
  const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  if (!current) return fail('NOT_FOUND', '案件不存在或已被删除')
  const { next } = await applyCaseCommand(
    tx,
    caseId,
    current,
    'all_signed',
    { actor: { kind: 'system', id: 'signAgreement' }, hash: 'system:signAgreement' },
    ctx.now,
    { patch: { confirmationDeadline: deadline } },
  )
  await tx.update(COLLECTIONS.agreements, agreement._id, { confirmationDeadline: deadline })
  if (current.mediatorId) {
    const m = await tx.get<{ currentCaseload?: number }>(COLLECTIONS.mediators, current.mediatorId)
    if (m) {
      await tx.update(COLLECTIONS.mediators, current.mediatorId, {
        currentCaseload: Math.max(0, (m.currentCaseload ?? 0) - 1),
      })
    }
  }
  const day = deadline.toISOString().slice(0, 10)
  for (const toOpenid of partyOpenidsOf(next)) {
    await notify(
      tx,
      {
        toOpenid,
        kind: 'case_progress',
        title: '调解协议已生效',
        body:
          `案件 ${next.caseNumber ?? ''} 的调解协议已由各方签署生效。` +
          `如需申请司法确认，请于 ${day} 前（协议生效之日起 30 日内）共同提出申请。`,
        link: `/pages/case/agreement/index?caseId=${caseId}`,
        templateData: {
          character_string1: (next.caseNumber ?? '').slice(0, 32),
          thing2: '调解协议已生效',
          time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
        },
      },
      ctx,
    )
  }
  return deadline
}

async function wouldSign(payload: SignAgreementRequest, me: Signing, now: Date): Promise<boolean> {
  try {
    assertSignable(await agreementOf(payload.caseId), me, payload, now)
    return true
  } catch (e) {
    if (isAppError(e)) return false
    throw e
  }
}

export const main = defineFunction('signAgreement', {
  actions: {
    get: {
      schema: obj({ caseId: docId('案件编号') }),
      actors: ['user'],
      mutating: false,
      async handle({ caseId }, ctx): Promise<AgreementReadView> {
        const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
        // The organisation's staff read the agreement (they relay it to the court) but never sign.
        const readOnlyStaff = roles.every((r) => r === 'staff')
        const me = readOnlyStaff ? undefined : signingAs(ctx.caller, roles)
        const agreement = await agreementOf(caseId)
        const reviewer = readOnlyStaff || me?.role === 'mediator'
        return {
          ...toAgreementView(agreement, me?.signerId, await mediatorName(doc)),
          signatureChecks: reviewer ? signatureCheckViews(agreement) : [],
        }
      },
    },

    sign: {
      schema: obj({
        caseId: docId('案件编号'),
        version: int('协议版本', { min: 1, max: 1000 }),
        hash: text('协议内容摘要', {
          max: 64,
          pattern: /^[0-9a-f]{64}$/,
          patternMessage: '协议内容摘要格式不正确',
        }),
        signatureImageFileId: fileId('签名图片'),
      }),
      actors: ['user'],
      mutating: true,
      async handle(payload: SignAgreementRequest, ctx): Promise<SignAgreementResponse> {
        const { doc, roles } = await loadVisibleCase(payload.caseId, ctx.caller)
        const me = signingAs(ctx.caller, roles)
        if (me.role === 'applicant' || me.role === 'respondent') {
          await assertPartyIdentity(ctx.caller, partyRecordOf(doc, me.role))
        }
        if (!isOwnPrivateFile(ctx.caller.openid, payload.signatureImageFileId)) {
          fail('FILE_NOT_OWNED', '签名图片须由您本人上传', 'payload.signatureImageFileId')
        }
        const name = await mediatorName(doc)
        // The check is asked once per signature, outside the retried transaction, and only for a
        // signature the agreement would take; a refused one goes on to the transaction, which
        // answers a concurrent repeat of this request with its stored result, or the refusal.
        const signable = await wouldSign(payload, me, ctx.now)
        const traceId = signable ? await signatureTraceFor(ctx, payload.signatureImageFileId) : null
        const attempt = () =>
          ctx.transact(async (tx): Promise<SignAgreementResponse> => {
            const agreement = await tx.get<AgreementDoc & SignatureChecked>(
              COLLECTIONS.agreements,
              agreementIdFor(payload.caseId),
            )
            if (!agreement) return fail('NO_AGREEMENT', '本案尚未拟定调解协议')
            assertSignable(agreement, me, payload, ctx.now)
            const check = checkRecordFor(
              me,
              payload.signatureImageFileId,
              agreement.revision,
              traceId,
              ctx.now,
            )
            const { next, events } = await applyAgreement(
              tx,
              agreement,
              'sign',
              { actor: me.actor, hash: ctx.caller.hash },
              ctx.now,
              { revision: payload.version, hash: payload.hash },
              {
                signatureImages: {
                  ...agreement.signatureImages,
                  [me.signerId]: {
                    fileId: payload.signatureImageFileId,
                    revision: agreement.revision,
                  },
                },
                signatureChecks: [...(agreement.signatureChecks ?? []), check],
              },
            )
            const effective = next.status === 'effective'
            const label =
              me.role === 'mediator'
                ? '调解员'
                : PARTY_SIDE_LABELS[me.role === 'applicant' ? 'applicant' : 'respondent']
            await addTimeline(
              tx,
              payload.caseId,
              events.map((e) => ({
                type: e.type,
                at: e.at,
                actorKind: me.role,
                status: doc.status,
                data: { version: next.revision, signer: label },
              })),
            )
            if (traceId === null) {
              await addTimeline(tx, payload.caseId, [
                {
                  type: 'agreement.signature_flagged',
                  at: ctx.now,
                  actorKind: 'system',
                  status: doc.status,
                  data: { version: next.revision, signer: label },
                  visibility: 'internal',
                },
              ])
            }
            let view = next
            if (effective) {
              const deadline = await settle(tx, payload.caseId, next, ctx)
              view = { ...next, confirmationDeadline: deadline }
            }
            return { agreement: toAgreementView(view, me.signerId, name), effective }
          })
        if (traceId !== null) {
          // The verdict may have been pushed before this signature was committed.
          ctx.afterCommit(async () => {
            const verdict = await heldVerdict(traceId)
            if (verdict) await applySignatureVerdict(traceId, verdict, ctx)
          })
        }
        return retryOnConflict(SIGN_ATTEMPTS, attempt)
      },
    },
  },
})
