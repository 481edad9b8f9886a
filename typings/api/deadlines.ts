// Contract of the `deadlines` function: the hourly timer. It has no client actions at all — a call
// from the mini-program is refused — so its only "response" is the summary of one timer run.

/** Counts of what one run changed (a second run at the same time changes nothing). */
export interface DeadlinesRunSummary {
  readonly expiredCases: number
  readonly mediationReminders: number
  readonly confirmationReminders: number
  readonly confirmationWindowsClosed: number
  readonly overdueIdentityReviews: number
  readonly overdueInvitations: number
  readonly expiredCallInvitations: number
  /** Identities whose ID photos were erased (30 days after the review). */
  readonly erasedIdPhotos: number
  /** Stored request results removed after their TTL (7 days). */
  readonly expiredRequestResults: number
  /** Documents skipped because another writer changed them first (the next run retries). */
  readonly conflicts: number
}

/** No actions: the function only runs from its timer trigger. */
export type DeadlinesContracts = Record<never, never>
