// Race-free document numbers (立案号 LA…, 调解书 WS…): a number is taken by creating the
// reservation document `cn_<number>` in the same transaction as the entity that carries it, so two
// writers can never share one; the loser retries with the next sequence.
import { formatCaseNumber, type CaseNumberKind } from '../../miniprogram/core/case-number'
import { COLLECTIONS } from './collections'
import { AppError, fail } from './errors'
import { countWhere } from './store'
import type { Tx } from './transaction'

/** A burst of N writers taking numbers at once needs up to N rounds for the last one. */
export const NUMBER_ATTEMPTS = 40

/** A short, jittered pause before taking the next number, so a burst spreads out instead of
 * colliding again in lockstep. */
export function numberCollisionPause(attempt: number): Promise<void> {
  const ms = (5 + Math.random() * 20) * Math.min(attempt + 1, 6)
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function reservationId(number: string): string {
  return `cn_${number}`
}

/** Runs `write(number, reserve)` with the next free number of `kind` today, retrying on collision. */
export async function withNextNumber<T>(
  kind: CaseNumberKind,
  now: Date,
  run: (number: string, reserve: (tx: Tx, entityId: string) => Promise<void>) => Promise<T>,
): Promise<T> {
  const first = formatCaseNumber(kind, now, 1)
  if (!first.ok) return fail('INTERNAL', first.error.message)
  const day = first.value.slice(0, 10)
  let seq =
    (await countWhere(COLLECTIONS.caseEvents, { type: 'number.reserved', numberDay: day })) + 1
  for (let attempt = 0; ; attempt += 1) {
    const number = formatCaseNumber(kind, now, seq)
    if (!number.ok) return fail('CONFLICT', '今日编号已用完，请明日再办理')
    const reserve = (tx: Tx, entityId: string) =>
      tx.create(COLLECTIONS.caseEvents, reservationId(number.value), {
        type: 'number.reserved',
        numberDay: day,
        number: number.value,
        entityId,
        at: now,
      })
    try {
      return await run(number.value, reserve)
    } catch (e) {
      if (e instanceof AppError && e.code === 'CONFLICT' && attempt < NUMBER_ATTEMPTS) {
        seq += 1
        await numberCollisionPause(attempt)
        continue
      }
      throw e
    }
  }
}
