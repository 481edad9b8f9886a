// How every page shows an amount of money, so 案件详情, the respondent's page and the mediator's
// workspace never disagree on the same figure (one said 123456 元, another ¥123,456.00).
import { formatAmount } from './agreement-text'

/**
 * `¥123,456.00` from integer fen. Stored amounts are non-negative whole fen; anything else is not
 * an amount and shows as '' rather than a misleading figure.
 */
export function formatMoney(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) return ''
  return `¥${formatAmount(fen)}`
}
