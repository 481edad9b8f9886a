// mediaCheckAsync verdicts as they were pushed, kept as the push's idempotency record (the trace
// id is its request id): the first push per trace id wins, and a verdict that arrives before the
// image it is about is committed (evidence of a case being submitted, a signature being signed)
// waits here until that write looks it up.
import type { SignatureVerdict } from '../../miniprogram/core/signature-verdict'
import { COLLECTIONS } from './collections'
import { idempotencyKey } from './idempotency'
import { findById } from './store'
import { runTransaction } from './transaction'

/** The function WeChat's message push delivers `wxa_media_check` to (云开发控制台 → 消息推送). */
export const MEDIA_CHECK_PUSH_FUNCTION = 'mediationCase'

function heldKey(traceId: string): string {
  return idempotencyKey(MEDIA_CHECK_PUSH_FUNCTION, 'push:wxa_media_check', 'platform', traceId)
}

/** Keeps the verdict; false when this trace id was already pushed (the repeat changes nothing). */
export function holdVerdict(
  traceId: string,
  verdict: SignatureVerdict,
  now: Date,
): Promise<boolean> {
  return runTransaction(async (tx) => {
    const key = heldKey(traceId)
    if (await tx.get(COLLECTIONS.idempotencyKeys, key)) return false
    await tx.create(COLLECTIONS.idempotencyKeys, key, {
      functionName: MEDIA_CHECK_PUSH_FUNCTION,
      action: 'push:wxa_media_check',
      callerHash: 'platform',
      data: { traceId, verdict },
      at: now,
    })
    return true
  })
}

/** The verdict pushed for a trace id, if one came. */
export async function heldVerdict(traceId: string): Promise<SignatureVerdict | undefined> {
  const held = await findById<{ data?: { verdict?: unknown } }>(
    COLLECTIONS.idempotencyKeys,
    heldKey(traceId),
  )
  const verdict = held?.data?.verdict
  return verdict === 'pass' || verdict === 'review' || verdict === 'risky' ? verdict : undefined
}
