// The agreement's structured fields, with a bound on every one (core/limits).
import {
  MAX_ADDRESS_LENGTH,
  MAX_AMOUNT_FEN,
  MAX_CLAIM_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_REASON_LENGTH,
  MIN_AMOUNT_FEN,
} from '../../../miniprogram/core/limits'
import { PERFORMANCE_METHODS } from '../../../miniprogram/core/agreement-text'
import { bool, fail, int, list, obj, oneOf, opt, text } from '../../_shared'

/** Most further numbered terms one agreement carries. */
export const MAX_OTHER_TERMS = 10

const [firstMethod, ...otherMethods] = PERFORMANCE_METHODS

export const agreementFields = {
  facts: text('纠纷事实', { max: MAX_DESCRIPTION_LENGTH }),
  terms: obj({
    amountFen: int('金额', { min: MIN_AMOUNT_FEN, max: MAX_AMOUNT_FEN }),
    method: oneOf('履行方式', [firstMethod ?? 'bank_transfer', ...otherMethods]),
    place: text('履行地点', { max: MAX_ADDRESS_LENGTH }),
    performanceDeadline: text('履行期限', {
      max: 10,
      pattern: /^\d{4}-\d{2}-\d{2}$/,
      patternMessage: '履行期限须为日期（年-月-日）',
    }),
    breachClause: text('违约责任', { max: MAX_REASON_LENGTH }),
    applyForConfirmation: bool('是否申请司法确认'),
    otherTerms: opt(
      list('其他条款', text('条款', { max: MAX_CLAIM_LENGTH }), { max: MAX_OTHER_TERMS }),
    ),
  }),
}

/** A real calendar date, not before today in Shanghai (performance cannot be due in the past). */
export function checkDeadline(date: string, now: Date): void {
  const parsed = new Date(`${date}T00:00:00+08:00`)
  const roundTrip = new Date(parsed.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  const field = 'payload.terms.performanceDeadline'
  if (Number.isNaN(parsed.getTime()) || roundTrip !== date) {
    fail('INVALID_INPUT', '履行期限不是有效的日期', field)
  }
  const today = new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
  if (date < today) fail('INVALID_INPUT', '履行期限不能早于今天', field)
}
