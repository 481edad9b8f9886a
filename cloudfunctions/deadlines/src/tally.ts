// The counts one timer run reports, and the one way a single document's change is attempted: a
// lost race (CONFLICT) is counted and left for the next run instead of failing the whole sweep.
import { isAppError, log } from '../../_shared'
import type { DeadlinesRunSummary } from '../../../typings/api/deadlines'

export type Tally = { -readonly [K in keyof DeadlinesRunSummary]: DeadlinesRunSummary[K] }

export function newTally(): Tally {
  return {
    expiredCases: 0,
    mediationReminders: 0,
    confirmationReminders: 0,
    confirmationWindowsClosed: 0,
    overdueIdentityReviews: 0,
    overdueInvitations: 0,
    expiredCallInvitations: 0,
    erasedIdPhotos: 0,
    expiredRequestResults: 0,
    conflicts: 0,
  }
}

/** Runs one document's change; `true` when it changed something. */
export async function attempt(
  tally: Tally,
  what: string,
  id: string,
  fn: () => Promise<boolean>,
): Promise<boolean> {
  try {
    return await fn()
  } catch (e) {
    if (isAppError(e) && e.code === 'CONFLICT') {
      tally.conflicts += 1
      return false
    }
    // One broken document must not stop every other deadline from being kept.
    log.error('deadlines.item_failed', { what, id, error: e })
    return false
  }
}

/** Epoch ms of a stored time (Date or ISO string), or undefined. */
export function msOf(value: unknown): number | undefined {
  if (value instanceof Date) return Number.isFinite(value.getTime()) ? value.getTime() : undefined
  if (typeof value === 'string' || typeof value === 'number') {
    const ms = new Date(value).getTime()
    return Number.isFinite(ms) ? ms : undefined
  }
  return undefined
}

export const SYSTEM_HASH = 'system:deadlines'
export const SYSTEM_ACTOR = { kind: 'system', id: 'deadlines' } as const
/** Documents looked at per sweep and run; the rest wait for the next hour. */
export const SWEEP_LIMIT = 200
