/** A rule broken, in words a user can act on: `code` for programs, `message` (Chinese) for people. */
export interface CoreError<C extends string = string> {
  readonly code: C
  readonly message: string
  /** The input field the error belongs to, so a form can show it under that field. */
  readonly field?: string
}

/** What a core decision returns instead of throwing. */
export type Outcome<T, C extends string = string> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CoreError<C> }

export function success<T>(value: T): { readonly ok: true; readonly value: T } {
  return { ok: true, value }
}

export function failure<C extends string>(
  code: C,
  message: string,
  field?: string,
): { readonly ok: false; readonly error: CoreError<C> } {
  return { ok: false, error: field === undefined ? { code, message } : { code, message, field } }
}
