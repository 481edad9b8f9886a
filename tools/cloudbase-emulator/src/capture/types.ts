// What the privacy capture keeps: everything the platform delivered to someone during a run
// (function answers, in-app messages, subscribe messages, SMS) or wrote where operators read it
// (function logs), plus each invocation's request, so a scanner can tell what a caller had
// supplied themselves. Plain JSON values, so the control route can serve them unchanged.

/** Who called what: shared by an invocation's request and its answer. */
interface InvocationFields {
  readonly seq: number
  readonly invocationId: string
  readonly function: string
  readonly action: string
  /** The caller's openid; '' for timer and admin invocations. */
  readonly openid: string
  /** TCB_SOURCE: `wx_client`, `wx_client,scf` (from another function), `timer`… */
  readonly source: string
}

export interface CapturedRequest extends InvocationFields {
  readonly kind: 'request'
  readonly event: unknown
}

export interface CapturedResponse extends InvocationFields {
  readonly kind: 'response'
  /** The function's return value as the caller got it, or the platform error. */
  readonly body: unknown
}

export interface CapturedLog {
  readonly kind: 'log'
  readonly seq: number
  readonly invocationId: string
  readonly function: string
  readonly level: string
  readonly text: string
}

export interface CapturedMessage {
  readonly kind: 'message'
  readonly seq: number
  readonly docId: string
  readonly change: 'add' | 'update' | 'replace'
  /** The addressee (`toOpenid` of the `messages` document). */
  readonly toOpenid: string
  readonly doc: unknown
}

export interface CapturedSubscribe {
  readonly kind: 'subscribe'
  readonly seq: number
  readonly function: string
  readonly touser: string
  readonly errcode: number
  readonly params: unknown
}

export interface CapturedSms {
  readonly kind: 'sms'
  readonly seq: number
  readonly function: string
  readonly apiName: string
  readonly errcode: number
  readonly params: unknown
}

export type CaptureEntry =
  | CapturedRequest
  | CapturedResponse
  | CapturedLog
  | CapturedMessage
  | CapturedSubscribe
  | CapturedSms

export type CaptureKind = CaptureEntry['kind']

export const CAPTURE_KINDS: readonly CaptureKind[] = [
  'request',
  'response',
  'log',
  'message',
  'subscribe',
  'sms',
]

export type CaptureCounts = Readonly<Record<CaptureKind, number>>

/** `GET /__emulator/capture` answers this. */
export interface CaptureSnapshot {
  readonly counts: CaptureCounts
  readonly entries: readonly CaptureEntry[]
}
