// Hands the form values from the identity page to the manual-review page in memory, so an ID
// number never travels in a page URL (URLs end up in logs, analytics and share cards).
import type { IdentityFormValues } from './form'

let pending: IdentityFormValues | undefined

/** Keeps the values the user typed for the next page. */
export function holdIdentityDraft(values: IdentityFormValues): void {
  pending = values
}

/** The values held for this page, if any. */
export function takeIdentityDraft(): IdentityFormValues | undefined {
  return pending
}

/** Forgets the values once they have been submitted. */
export function clearIdentityDraft(): void {
  pending = undefined
}
