// The `wxa_media_check` push: WeChat's asynchronous verdict on an evidence image. `review` flags the
// image for the mediator and staff (parties keep seeing 审核中); `risky` hides it from everyone but
// its owner and the organisation's staff, with a reason for the owner; `pass` clears it. A verdict
// changes only an image still pending under that trace id, and each trace id counts once. The
// platform pushes every verdict here, so one on a signature image goes on to _shared/signature-verdicts.ts.
import type { EvidenceCheck } from '../../../typings/api/mediationCase'
import {
  COLLECTIONS,
  fail,
  findMany,
  notify,
  runTransaction,
  type CaseDoc,
  type EvidenceRecord,
  type PushContext,
} from '../../_shared'
import type { NotifyContext } from '../../_shared/notifier'
import { heldVerdict, holdVerdict } from '../../_shared/held-media-verdicts'
import { applySignatureVerdict } from '../../_shared/signature-verdicts'

type Verdict = Exclude<EvidenceCheck, 'pending' | 'not_applicable'>

const MAX_TRACE_ID = 128

/** What the owner of a risky image is told, in the case detail and in 消息. */
export const RISKY_REASON =
  '该图片未通过微信内容安全审核，已对对方当事人和调解员隐藏，请删除后重新上传合规材料'
/** What the mediator and staff see next to an image that needs a human look. */
export const REVIEW_NOTE = '内容安全提示需人工复核，请调解员核实后再采信'

export interface MediaVerdictOutcome {
  readonly traceId: string
  readonly outcome: 'applied' | 'duplicate' | 'held'
  readonly verdict: Verdict
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : undefined
}

/**
 * The verdict of a push event: version 2 carries `result.suggest`; version 1 only `isrisky`.
 * A file the checker could not download (`status_code` ≠ 0) goes to a human, never to `pass`.
 */
export function verdictOf(event: Readonly<Record<string, unknown>>): {
  traceId: string
  verdict: Verdict
} {
  const traceId = event['trace_id']
  if (typeof traceId !== 'string' || traceId === '' || traceId.length > MAX_TRACE_ID) {
    return fail('INVALID_INPUT', '内容审核结果缺少任务编号', 'trace_id')
  }
  const status = event['status_code']
  if (status !== undefined && status !== 0) return { traceId, verdict: 'review' }
  const suggest = asRecord(event['result'])?.['suggest']
  if (suggest === 'pass' || suggest === 'review' || suggest === 'risky') {
    return { traceId, verdict: suggest }
  }
  const isRisky = event['isrisky']
  if (isRisky === 0 || isRisky === 1) return { traceId, verdict: isRisky === 1 ? 'risky' : 'pass' }
  return fail('INVALID_INPUT', '内容审核结果格式不正确', 'result')
}

function withVerdict(record: EvidenceRecord, verdict: Verdict, at: Date): EvidenceRecord {
  return {
    ...record,
    check: verdict,
    checkNote: verdict === 'risky' ? RISKY_REASON : verdict === 'review' ? REVIEW_NOTE : null,
    checkedAt: at,
  }
}

/** Applies a verdict to the evidence image still pending under that trace id, if there is one. */
async function applyVerdict(
  traceId: string,
  verdict: Verdict,
  ctx: NotifyContext,
): Promise<boolean> {
  const [found] = await findMany<CaseDoc>(
    COLLECTIONS.mediationCases,
    { 'evidence.traceId': traceId },
    { limit: 1 },
  )
  if (!found) return false
  const caseId = found._id
  return runTransaction(async (tx) => {
    const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
    const record = current?.evidence.find((e) => e.traceId === traceId)
    if (!current || record?.check !== 'pending') return false
    const evidence = current.evidence.map((e) =>
      e.traceId === traceId ? withVerdict(e, verdict, ctx.now) : e,
    )
    // No version bump: a verdict is not a step of the case, and a party acting at the same
    // moment must not be told the case changed. Commands never rewrite evidence they did not
    // set (applyCaseCommand), and this read-modify-write is one transaction.
    await tx.update(COLLECTIONS.mediationCases, caseId, { evidence })
    if (verdict === 'risky') {
      await notify(
        tx,
        {
          toOpenid: current.applicantOpenid,
          kind: 'case_progress',
          title: '证据图片未通过审核',
          body: `您提交的证据「${record.name.slice(0, 60)}」${RISKY_REASON}。`,
          link: `/pages/case/detail/index?caseId=${caseId}`,
        },
        ctx,
      )
    }
    return true
  })
}

export async function onMediaCheck(
  event: Readonly<Record<string, unknown>>,
  ctx: PushContext,
): Promise<MediaVerdictOutcome> {
  const { traceId, verdict } = verdictOf(event)
  const first = await holdVerdict(traceId, verdict, ctx.now)
  if (!first) return { traceId, outcome: 'duplicate', verdict }
  const applied =
    (await applyVerdict(traceId, verdict, ctx)) ||
    (await applySignatureVerdict(traceId, verdict, ctx))
  // `held`: no pending image has this trace id yet (its case or signature is still being
  // committed), or none ever will (not a check we started); either way the verdict is kept.
  return { traceId, outcome: applied ? 'applied' : 'held', verdict }
}

/** After a submit commits: verdicts that were pushed before the case existed are applied now. */
export async function applyHeldVerdicts(
  records: readonly EvidenceRecord[],
  ctx: NotifyContext,
): Promise<void> {
  for (const r of records) {
    if (r.traceId === null || r.check !== 'pending') continue
    const verdict = await heldVerdict(r.traceId)
    if (verdict) await applyVerdict(r.traceId, verdict, ctx)
  }
}
