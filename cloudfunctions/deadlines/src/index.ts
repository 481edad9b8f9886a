/**
 * deadlines — the hourly timer trigger (`config.json` trigger `hourly`, `0 0 * * * * *`).
 *
 * Caller: only the platform's timer. Any call that carries an OPENID is a user and is refused
 * (`FORBIDDEN`); there are no client actions.
 *
 * Each run, with the decision in the core (`core/deadlines.ts`, the case machine's `expire`):
 * - closes cases whose mediation period ran out (→ closed_without_agreement, reason expired) and
 *   tells both parties; reminds at D-7 / D-2 before the period ends (once each);
 * - reminds at D-7 / D-2 before the judicial-confirmation window closes and marks the window
 *   closed on the case once 30 days from the agreement taking effect have passed;
 * - flags manual identity reviews past their 4-hour SLA and respondent invitations that lapsed
 *   unanswered (the applicant is told);
 * - expires call invitations still ringing after 2 minutes;
 * - erases ID photos 30 days after their review and forgets request results after 7 days.
 * Every change is a versioned write in a transaction with its audit event, and is keyed on a
 * state the change itself clears, so a second firing at the same time changes nothing.
 *
 * Reads/writes: `mediation_cases`, `case_events`, `agreements` (read), `identities`,
 * `call_invitations`, `audit_events`, `messages`, `idempotency_keys`; deletes ID photo files.
 * Errors: `FORBIDDEN` (a user called it), `UNKNOWN_ACTION`.
 */
import { defineFunction, callerOpenid, type Main, type TimerContext } from '../../_shared'
import type { ApiResult } from '../../../typings/api/envelope'
import type { DeadlinesRunSummary } from '../../../typings/api/deadlines'
import { sweepCases } from './case-sweeps'
import { sweepCallInvitations, sweepIdentityReviews } from './other-sweeps'
import { sweepIdempotencyKeys, sweepIdPhotos } from './retention-sweeps'
import { newTally } from './tally'

async function run(ctx: TimerContext): Promise<DeadlinesRunSummary> {
  const tally = newTally()
  await sweepCases(ctx, tally)
  await sweepIdentityReviews(ctx, tally)
  await sweepCallInvitations(ctx, tally)
  await sweepIdPhotos(ctx, tally)
  await sweepIdempotencyKeys(ctx, tally)
  return tally
}

const inner = defineFunction('deadlines', { actions: {}, timer: run })

export const main: Main = async (event, context): Promise<ApiResult<unknown>> => {
  // The kernel only runs the timer for caller-less Timer events; anything a user sends is
  // answered here, before the kernel could treat it as an (unknown) action.
  if (callerOpenid()) {
    return { ok: false, error: { code: 'FORBIDDEN', message: '此功能仅由系统定时任务执行' } }
  }
  return inner(event, context)
}
