// A `wxa_media_check` verdict on a handwritten signature image (signAgreement asks for the check;
// the platform pushes every verdict to mediationCase, and signAgreement applies one that came
// before its signature committed — hence server-shared code). The core rule decides; this writes it: a
// doubtful image is flagged for the mediator and staff, a risky one withdraws the signature while
// the agreement is still being signed, and on an effective agreement goes to staff unchanged.
import {
  SIGNATURE_ESCALATED_NOTE,
  SIGNATURE_REVIEW_NOTE,
  SIGNATURE_VOIDED_MESSAGE,
  SIGNATURE_WITHDRAWN_NOTE,
  signatureVerdictAction,
  type SignatureCheckRecord,
  type SignatureVerdict,
  type SignatureVerdictAction,
} from '../../miniprogram/core/signature-verdict'
import type { AgreementDoc } from './agreements'
import { appendAudit } from './audit'
import { addTimeline, PARTY_SIDE_LABELS } from './case-access'
import type { CaseDoc } from './cases'
import { COLLECTIONS } from './collections'
import { retryOnConflict } from './conflict-retry'
import { notify, type NotifyContext } from './notifier'
import { staffOpenidsOf } from './staff-notify'
import { findById, findMany, type StoredDoc } from './store'
import { runTransaction, type Tx } from './transaction'

/** The agreement fields this check owns (kept next to the ones the agreement machine owns). */
export interface SignatureChecked {
  readonly signatureChecks?: readonly SignatureCheckRecord[]
}

type Agreement = StoredDoc<AgreementDoc & SignatureChecked>

const SYSTEM = 'system:mediaCheck'
const APPLY_ATTEMPTS = 5

const signerLabel = (role: SignatureCheckRecord['role']) =>
  role === 'mediator' ? '调解员' : PARTY_SIDE_LABELS[role]

/** The note the mediator and staff see for an applied outcome. */
export function signatureCheckNote(outcome: SignatureVerdictAction | null): string | null {
  if (outcome === 'flag') return SIGNATURE_REVIEW_NOTE
  if (outcome === 'escalate') return SIGNATURE_ESCALATED_NOTE
  if (outcome === 'void') return SIGNATURE_WITHDRAWN_NOTE
  return null
}

async function openidOfSigner(
  record: SignatureCheckRecord,
  caseDoc: CaseDoc | undefined,
): Promise<string | null> {
  if (record.role === 'applicant') return caseDoc?.applicantOpenid ?? null
  if (record.role === 'respondent') return caseDoc?.respondentOpenid ?? null
  const m = await findById<{ openid?: string | null }>(COLLECTIONS.mediators, record.signerId)
  return m?.openid ?? null
}

async function mediatorOpenidOf(agreement: Agreement): Promise<string | null> {
  const m = await findById<{ openid?: string | null }>(COLLECTIONS.mediators, agreement.mediatorId)
  return m?.openid ?? null
}

interface VerdictWrite {
  readonly tx: Tx
  readonly current: Agreement
  readonly record: SignatureCheckRecord
  readonly checks: readonly SignatureCheckRecord[]
  readonly ctx: NotifyContext
}

/**
 * Writes what a verdict did: the check records (and `patch`), an audit event when it changed
 * or escalated the agreement, and the case's timeline entry (`internal`: mediator and staff).
 */
async function writeVerdict(
  w: VerdictWrite,
  o: {
    readonly event?: string
    readonly visibility?: 'all' | 'internal'
    readonly audited?: boolean
    readonly patch?: Readonly<Record<string, unknown>>
  },
): Promise<void> {
  const { tx, current, ctx } = w
  const head =
    o.audited && o.event
      ? await appendAudit(tx, current, {
          entity: COLLECTIONS.agreements,
          entityId: current._id,
          actorRole: 'system',
          actorHash: SYSTEM,
          action: o.event,
          from: current.status,
          to: current.status,
          at: ctx.now,
        })
      : {}
  await tx.updateVersioned(COLLECTIONS.agreements, current._id, current.version, {
    ...o.patch,
    signatureChecks: w.checks,
    ...head,
    updatedAt: ctx.now,
  })
  if (!o.event) return
  const caseDoc = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, current.caseId)
  await addTimeline(tx, current.caseId, [
    {
      type: o.event,
      at: ctx.now,
      actorKind: 'system',
      status: caseDoc?.status ?? (current.status === 'effective' ? 'settled' : 'agreement_sent'),
      data: { signer: signerLabel(w.record.role), version: current.revision },
      visibility: o.visibility ?? 'all',
    },
  ])
}

/** Withdraws the signature: the signer is back to 待签 and told why; the others see it happen. */
async function voidSignature(w: VerdictWrite, signerOpenid: string | null): Promise<void> {
  const { current, record } = w
  const signatures = current.signatures.filter(
    (s) => !(s.signerId === record.signerId && s.revision === current.revision),
  )
  await writeVerdict(w, {
    event: 'agreement.signature_withdrawn',
    audited: true,
    patch: { signatures },
  })
  if (!signerOpenid) return
  await notify(
    w.tx,
    {
      toOpenid: signerOpenid,
      kind: 'sign_request',
      title: '签名未通过检测，请重新签署',
      body: `案件 ${current.caseNumber} 的调解协议：${SIGNATURE_VOIDED_MESSAGE}。`,
      link: `/pages/case/agreement/index?caseId=${current.caseId}`,
    },
    w.ctx,
  )
}

/** Keeps the effective agreement as it is and puts the image before the mediator and staff. */
async function escalate(
  w: VerdictWrite,
  tellOpenids: readonly string[],
  mediatorOpenid: string | null,
): Promise<void> {
  const { current, record } = w
  await writeVerdict(w, {
    event: 'agreement.signature_escalated',
    audited: true,
    visibility: 'internal',
  })
  for (const toOpenid of tellOpenids) {
    await notify(
      w.tx,
      {
        toOpenid,
        kind: 'case_progress',
        title: '已生效协议的签名需核查',
        body: `案件 ${current.caseNumber}：${signerLabel(record.role)}的签名图片未通过内容安全检测。${SIGNATURE_ESCALATED_NOTE}。`,
        // The mediator's editor lists the signature checks; staff read the agreement itself.
        link:
          toOpenid === mediatorOpenid
            ? `/pages/mediator/agreement-editor/index?caseId=${current.caseId}`
            : `/pages/case/agreement/index?caseId=${current.caseId}`,
      },
      w.ctx,
    )
  }
}

/**
 * Applies a verdict to the signature image checked under that trace id. Answers whether an
 * agreement had that trace id still waiting for its verdict.
 */
export async function applySignatureVerdict(
  traceId: string,
  verdict: SignatureVerdict,
  ctx: NotifyContext,
): Promise<boolean> {
  const [found] = await findMany<AgreementDoc & SignatureChecked>(
    COLLECTIONS.agreements,
    { 'signatureChecks.traceId': traceId },
    { limit: 1 },
  )
  if (!found) return false
  // Who to tell is read before the transaction (transactions address documents by id only).
  const peek = found.signatureChecks?.find((c) => c.traceId === traceId)
  if (!peek) return false
  const caseDoc = await findById<CaseDoc>(COLLECTIONS.mediationCases, found.caseId)
  const signerOpenid = await openidOfSigner(peek, caseDoc)
  const mediatorTo = await mediatorOpenidOf(found)
  const staff = await staffOpenidsOf(found.organisationId)
  const attempt = () =>
    runTransaction(async (tx) => {
      const current = await tx.get<AgreementDoc & SignatureChecked>(
        COLLECTIONS.agreements,
        found._id,
      )
      const record = current?.signatureChecks?.find((c) => c.traceId === traceId)
      if (!current || !record) return false
      const action = signatureVerdictAction({
        verdict,
        agreementStatus: current.status,
        revision: current.revision,
        record,
        signedNow: current.signatures
          .filter((s) => s.revision === current.revision)
          .map((s) => s.signerId),
        currentImages: current.signatureImages,
      })
      if (action === null) return false
      const checks = (current.signatureChecks ?? []).map((c) =>
        c.traceId === traceId ? { ...c, check: verdict, outcome: action, checkedAt: ctx.now } : c,
      )
      const w: VerdictWrite = { tx, current, record, checks, ctx }
      if (action === 'void') await voidSignature(w, signerOpenid)
      else if (action === 'escalate') {
        await escalate(
          w,
          [...new Set([mediatorTo, ...staff].filter((o): o is string => !!o))],
          mediatorTo,
        )
      } else if (action === 'flag') {
        await writeVerdict(w, { event: 'agreement.signature_flagged', visibility: 'internal' })
      } else await writeVerdict(w, {})
      return true
    })
  // A signature committing at the same moment moves the agreement's version; the verdict is
  // already held, so it must land on a later try rather than be lost.
  return retryOnConflict(APPLY_ATTEMPTS, attempt)
}
