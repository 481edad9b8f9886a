// Race-free document numbers (案件编号 TJ…, 立案号 LA…, 调解书 WS…): each series has a per-day
// counter document that is read and advanced inside the transaction writing the numbered entity, so
// the transactions the database serialises never collide on a number. The `cn_<number>` document
// (a reservation, or the case's submit event) still makes a number impossible to reuse; a writer
// that loses a race anyway retries with the counter as it then stands.
import { formatCaseNumber, type CaseNumberKind } from '../../miniprogram/core/case-number'
import { COLLECTIONS } from './collections'
import { retryOnConflict } from './conflict-retry'
import { AppError, conflict, fail } from './errors'
import { findById, findMany } from './store'
import type { Tx } from './transaction'

/** Runs in all: a burst of N writers taking numbers at once needs up to N for the last one. */
const NUMBER_ATTEMPTS = 40

/** A short, jittered pause before taking the next number, so a burst spreads out instead of
 * colliding again in lockstep. */
function numberCollisionPause(attempt: number): Promise<void> {
  const ms = (5 + Math.random() * 20) * Math.min(attempt, 6)
  return new Promise((resolve) => setTimeout(resolve, ms))
}

export function reservationId(number: string): string {
  return `cn_${number}`
}

/** The last sequence of the series issued on `day` (e.g. `TJ20261202`), 0 if none. The counter
 * starts from it, so numbers issued before the day's counter existed are never issued again. */
export type NumberFloor = (day: string) => Promise<number>

/** The highest sequence among the day's `cn_` reservations (the floor of reserving series). */
export const lastReservedSequence: NumberFloor = async (day) => {
  const [last] = await findMany<{ number?: string }>(
    COLLECTIONS.caseEvents,
    { type: 'number.reserved', numberDay: day },
    { orderBy: [['number', 'desc']], limit: 1 },
  )
  return sequenceOf(last?.number)
}

/** The sequence part of a number, 0 for none or a malformed one. */
export function sequenceOf(number: string | null | undefined): number {
  const seq = number ? Number(number.slice(-6)) : 0
  return Number.isFinite(seq) ? seq : 0
}

export interface TakeOptions {
  /** Writes the `cn_` reservation naming this entity (series whose entity has no `cn_` event). */
  readonly reserveFor?: string
  /** The number the caller already used (from `peek`): a moved counter is a CONFLICT, retried. */
  readonly expected?: string
}

export interface Numbering {
  /** The number the next take gives unless another writer comes first, read outside any
   * transaction: for callers that must print the number before they write (a rendered PDF). */
  peek(): Promise<string>
  /** Reads and advances the day's counter inside `tx` and gives the number taken. */
  take(tx: Tx, options?: TakeOptions): Promise<string>
}

/** The day's series is used up: a CONFLICT for the caller, but no use retrying. */
class NumbersExhausted extends AppError {
  constructor() {
    super('CONFLICT', '今日编号已用完，请明日再办理')
  }
}

type Counter = {
  value?: number
  version?: number
}

/**
 * Runs `run` with the numbering of `kind` today; a CONFLICT it throws (another writer took the
 * number or changed the entity) runs it again after a short pause, NUMBER_ATTEMPTS runs in all.
 */
export async function withNextNumber<T>(
  kind: CaseNumberKind,
  now: Date,
  run: (numbering: Numbering) => Promise<T>,
  floor: NumberFloor = lastReservedSequence,
): Promise<T> {
  const first = formatCaseNumber(kind, now, 1)
  if (!first.ok) return fail('INTERNAL', first.error.message)
  const day = first.value.slice(0, 10)
  const counterId = `seq_${kind}_${day}`
  const format = (seq: number): string => {
    const number = formatCaseNumber(kind, now, seq)
    if (!number.ok) throw new NumbersExhausted()
    return number.value
  }
  // The floor query runs only for the day's first number, before the counter exists.
  const next = async (counter: Counter | undefined) =>
    counter ? (counter.value ?? 0) + 1 : (await floor(day)) + 1
  const numbering: Numbering = {
    async peek() {
      return format(await next(await findById<Counter>(COLLECTIONS.caseEvents, counterId)))
    },
    async take(tx, options = {}) {
      const counter = await tx.get<Counter>(COLLECTIONS.caseEvents, counterId)
      const seq = await next(counter)
      const number = format(seq)
      if (options.expected !== undefined && options.expected !== number) conflict()
      if (counter) {
        await tx.updateVersioned(COLLECTIONS.caseEvents, counterId, counter.version ?? 0, {
          value: seq,
        })
      } else {
        await tx.create(COLLECTIONS.caseEvents, counterId, {
          type: 'number.counter',
          numberDay: day,
          value: seq,
          version: 1,
        })
      }
      if (options.reserveFor !== undefined) {
        await tx.create(COLLECTIONS.caseEvents, reservationId(number), {
          type: 'number.reserved',
          numberDay: day,
          number,
          entityId: options.reserveFor,
          at: now,
        })
      }
      return number
    },
  }
  return retryOnConflict(NUMBER_ATTEMPTS, () => run(numbering), {
    pause: numberCollisionPause,
    final: (e) => e instanceof NumbersExhausted,
  })
}
