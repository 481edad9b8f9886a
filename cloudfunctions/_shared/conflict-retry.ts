// A versioned write that lost to a concurrent writer fails with CONFLICT; running the whole
// read-decide-write again sees the winner's write and decides on it. Every other error, and the
// last attempt's CONFLICT, reaches the caller.
import { isAppError, type AppError } from './errors'

export interface ConflictRetryOptions {
  /** Waited before attempt `n + 1` (n counts from 1), e.g. a jittered pause against lockstep. */
  readonly pause?: (attempt: number) => Promise<void>
  /** A CONFLICT that no retry can cure (e.g. the day's numbers are used up). */
  readonly final?: (e: AppError) => boolean
}

/** Runs `run` up to `attempts` times while it fails with a retryable CONFLICT. */
export async function retryOnConflict<T>(
  attempts: number,
  run: () => Promise<T>,
  options: ConflictRetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run()
    } catch (e) {
      const retry = isAppError(e) && e.code === 'CONFLICT' && !(options.final?.(e) ?? false)
      if (!retry || attempt >= attempts) throw e
      await options.pause?.(attempt)
    }
  }
}
