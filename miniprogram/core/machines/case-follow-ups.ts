// The next steps of a closed mediation case that other functions own (在线立案, 司法确认,
// 调解书). The case detail answer lists them with its own actions, so the page shows exactly
// what the server allows and the owning functions check the same rule again when called.
import { getDisputeType } from '../catalogues/dispute-types'
import { checkConfirmationWindow, type Instant } from '../deadlines'
import { canTransferToFiling, type CaseStatus } from './mediation-case'

/** A step another function takes the case to. */
export type CaseFollowUp = 'fileCase' | 'applyConfirmation' | 'applyDocument'

/** The case facts the follow-ups depend on. */
export interface FollowUpFacts {
  readonly status: CaseStatus
  readonly disputeType?: string | null
  /** When the last signature made the agreement effective (the case settled). */
  readonly settledAt?: Instant | null
}

/**
 * The follow-ups open to a caller now. Only the two parties have them: 在线立案 after mediation
 * ended without agreement; 申请出具调解书 once settled; 申请司法确认 once settled when a court
 * confirms this dispute type and the 30-day window since the agreement took effect is open.
 */
export function caseFollowUps(
  facts: FollowUpFacts,
  isParty: boolean,
  now: Instant,
): CaseFollowUp[] {
  if (!isParty) return []
  if (canTransferToFiling(facts)) return ['fileCase']
  if (facts.status !== 'settled') return []
  const type = getDisputeType(facts.disputeType)
  const confirmable = type.ok && type.value.courtConfirmable === 'yes'
  const windowOpen = checkConfirmationWindow(facts.settledAt ?? undefined, now) === undefined
  return confirmable && windowOpen ? ['applyConfirmation', 'applyDocument'] : ['applyDocument']
}
