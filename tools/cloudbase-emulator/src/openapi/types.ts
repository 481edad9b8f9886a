// Shared shapes of the open-API handlers.
import type { EmulatorContext } from '../server/contracts'
import type { CallerIdentity } from '../functions/sdk-env'
import type { OpenApiState } from './state'

export interface OpenApiCall {
  readonly apiName: string
  readonly params: Record<string, unknown>
  readonly envName: string
  /** The user of the invocation that made the call, when it came from a function instance. */
  readonly caller: CallerIdentity | undefined
  readonly functionName: string | undefined
  readonly emu: EmulatorContext
  readonly state: OpenApiState
}

export type OpenApiResult =
  | { readonly kind: 'json'; readonly body: Record<string, unknown> }
  | { readonly kind: 'binary'; readonly contentType: string; readonly body: Buffer }

export type OpenApiHandler = (call: OpenApiCall) => Promise<OpenApiResult>

export function wxError(errcode: number, errmsg: string): OpenApiResult {
  return { kind: 'json', body: { errcode, errmsg } }
}

export function wxOk(body: Record<string, unknown>): OpenApiResult {
  return { kind: 'json', body: { errcode: 0, errmsg: 'ok', ...body } }
}

export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value
  if (typeof value === 'number' && Number.isFinite(value)) return String(value)
  return undefined
}
