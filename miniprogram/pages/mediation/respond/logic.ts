// The respondent's landing page rules: reading the one-time token from a share path or the
// mini-program code's scene, the safe summary of the case, and the decline reason.
import { MAX_REASON_LENGTH } from '../../../core/limits'
import { formatMoney } from '../../../core/money'
import type { CaseDetail } from '../../../../typings/api/mediationCase'
import { textLength } from '../apply/logic'

const TOKEN = /^[A-Za-z0-9_-]{16,64}$/

/**
 * The invitation token: `token` from a share path, or `scene` from a scanned code (WeChat passes
 * the scene URI-encoded). Undefined when neither holds a well-formed token.
 */
export function inviteToken(
  query: Readonly<Record<string, string | undefined>>,
): string | undefined {
  for (const raw of [query['token'], query['scene']]) {
    if (!raw) continue
    let value = raw
    try {
      value = decodeURIComponent(raw)
    } catch {
      // A malformed escape is simply not a token.
    }
    value = value.trim().replace(/^token=/, '')
    if (TOKEN.test(value)) return value
  }
  return undefined
}

export interface SummaryRow {
  readonly label: string
  readonly value: string
}

/** What the respondent sees before agreeing: masked parties, type, amount and claims. */
export function safeSummary(detail: CaseDetail): readonly SummaryRow[] {
  const rows: SummaryRow[] = [
    { label: '案件编号', value: detail.caseNumber ?? '待生成' },
    { label: '纠纷类型', value: detail.disputeTypeLabel ?? '' },
    { label: '申请人', value: detail.applicant?.maskedName ?? '' },
    {
      label: '争议金额',
      value:
        detail.amountFen !== null && detail.amountFen > 0
          ? formatMoney(detail.amountFen)
          : '非金钱请求',
    },
    { label: '当前状态', value: detail.statusLabel },
  ]
  if (detail.claims.length)
    rows.push({
      label: '调解请求',
      value: detail.claims.map((c, i) => `${i + 1}. ${c}`).join('\n'),
    })
  return rows
}

/** The error for a decline reason ('' when fine): a reason is required and bounded. */
export function checkDeclineReason(reason: string): string {
  const text = reason.trim()
  if (text === '') return '请填写拒绝调解的原因'
  if (textLength(text) > MAX_REASON_LENGTH) return `原因不能超过 ${MAX_REASON_LENGTH} 字`
  return ''
}
