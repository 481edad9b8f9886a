// The one envelope every cloud function answers with. Functions never throw to the client:
// expected failures come back as `ok: false` with a Chinese message the page can show as is.

export interface ApiError<C extends string = string> {
  readonly code: C
  readonly message: string
  readonly field?: string
}

export type ApiResult<T, C extends string = string> =
  { readonly ok: true; readonly data: T } | { readonly ok: false; readonly error: ApiError<C> }

/** What the client sends to a function: the action, its payload and, for writes, a request id. */
export interface ApiEvent<A extends string = string, P = unknown> {
  readonly action: A
  readonly payload: P
  /** Client-generated id of a mutating call; a repeat with the same id returns the first result. */
  readonly requestId?: string
}

/** One action's contract: what it takes, what it gives, which error codes it can answer. */
export interface ActionContract<Req, Res, Codes extends string = string> {
  readonly request: Req
  readonly response: Res
  readonly errors: Codes
}

/** Error codes any action may return, on top of its own. */
export type CommonErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_ACTION'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'RATE_LIMITED'
  | 'INTERNAL'
