// Handwritten signature images are user-generated images, so each one goes to WeChat's
// asynchronous media check before its signature counts for good. The verdict is pushed to
// mediationCase (the project's single 消息推送 target for `wxa_media_check`), which applies it
// through the shared signature rule; this side asks for the check and records its trace id.
import {
  SIGNATURE_UNCHECKED_NOTE,
  type SignatureCheckRecord,
} from '../../../miniprogram/core/signature-verdict'
import type { SignatureCheckView, SignerRoleView } from '../../../typings/api/signAgreement'
import { requestImageChecks, type HandlerContext, type StoredDoc } from '../../_shared'
import { findPriorResult, idempotencyKey, rememberResult } from '../../_shared/idempotency'
import type { AgreementDoc } from '../../_shared/agreements'
import { PARTY_SIDE_LABELS } from '../../_shared/case-access'
import { signatureCheckNote, type SignatureChecked } from '../../_shared/signature-verdicts'

/**
 * Asks for the check of one signature image; the trace id, or null when the request failed (the
 * signature then goes to a human instead of counting as checked).
 */
async function requestSignatureCheck(openid: string, fileId: string): Promise<string | null> {
  const traces = await requestImageChecks(openid, [fileId], 'signature.mediaCheck.failed')
  return traces.get(fileId) ?? null
}

/**
 * The trace id of this signing request's check. A retry of the same request (same requestId and
 * image) after its write failed reuses the check it asked for, so one signature is checked once
 * and a verdict already pushed for that check still finds it.
 */
export async function signatureTraceFor(
  ctx: HandlerContext,
  fileId: string,
): Promise<string | null> {
  const key =
    ctx.requestId === undefined
      ? undefined
      : idempotencyKey(ctx.functionName, 'sign:media_check', ctx.caller.openid, ctx.requestId)
  const prior = key
    ? ((await findPriorResult(key))?.data as Record<string, unknown> | undefined)
    : undefined
  if (prior?.['fileId'] === fileId && typeof prior['traceId'] === 'string') return prior['traceId']
  const traceId = await requestSignatureCheck(ctx.caller.openid, fileId)
  if (key && traceId !== null) {
    await rememberResult(key, {
      functionName: ctx.functionName,
      action: 'sign:media_check',
      callerHash: ctx.caller.hash,
      data: { fileId, traceId },
      at: ctx.now,
    })
  }
  return traceId
}

/** The record a new signature adds; without a trace id it is flagged for a human at once. */
export function checkRecordFor(
  signer: { readonly signerId: string; readonly role: SignerRoleView },
  fileId: string,
  revision: number,
  traceId: string | null,
  now: Date,
): SignatureCheckRecord {
  return {
    signerId: signer.signerId,
    role: signer.role,
    fileId,
    revision,
    traceId,
    check: traceId === null ? 'review' : 'pending',
    outcome: traceId === null ? 'flag' : null,
    requestedAt: now,
    checkedAt: traceId === null ? now : null,
  }
}

const ROLE_LABELS: Readonly<Record<SignerRoleView, string>> = {
  ...PARTY_SIDE_LABELS,
  mediator: '调解员',
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null)

/**
 * What the mediator and staff are shown: doubtful images of the current version, withdrawn
 * signatures of it, and every escalation (an effective agreement keeps its versions' records).
 */
export function signatureCheckViews(
  doc: StoredDoc<AgreementDoc & SignatureChecked>,
): SignatureCheckView[] {
  const out: SignatureCheckView[] = []
  for (const c of doc.signatureChecks ?? []) {
    const outcome = c.outcome
    if (outcome !== 'flag' && outcome !== 'void' && outcome !== 'escalate') continue
    if (outcome !== 'escalate' && c.revision !== doc.revision) continue
    const note = c.traceId === null ? SIGNATURE_UNCHECKED_NOTE : (signatureCheckNote(outcome) ?? '')
    out.push({
      role: c.role,
      roleLabel: ROLE_LABELS[c.role],
      outcome,
      note,
      checkedAt: iso(c.checkedAt),
      version: c.revision,
    })
  }
  return out
}
