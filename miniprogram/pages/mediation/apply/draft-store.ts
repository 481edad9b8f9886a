// Keeps the half-filled application on this device too: the server does not hand a draft's
// evidence file ids back, so only this copy restores the whole form.
import type { ApplyForm } from './logic'

const KEY = 'mediation-apply-draft'

export interface StoredDraft {
  readonly caseId?: string
  readonly form: unknown
}

export function loadDraft(): StoredDraft | undefined {
  try {
    const value = wx.getStorageSync<unknown>(KEY)
    if (typeof value === 'object' && value !== null && 'form' in value) return value
  } catch {
    // A broken storage entry only loses the draft.
  }
  return undefined
}

export function storeDraft(form: ApplyForm, caseId: string | undefined): void {
  try {
    wx.setStorageSync(KEY, caseId === undefined ? { form } : { form, caseId })
  } catch {
    // Storage full: the server-side draft still holds the case fields.
  }
}

export function clearDraft(): void {
  try {
    wx.removeStorageSync(KEY)
  } catch {
    // Nothing to clear.
  }
}
