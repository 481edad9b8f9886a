// "Nothing doubled": a mutating call carries a client request id; the first result is stored under
// function + action + caller + request id, and a repeat gets that result back without re-running.
import { COLLECTIONS } from './collections'
import { sha256Hex } from './crypto'
import { findById, insert } from './store'

export interface IdempotencyRecord extends Record<string, unknown> {
  readonly functionName: string
  readonly action: string
  readonly callerHash: string
  readonly data: unknown
  readonly at: Date
}

export function idempotencyKey(
  functionName: string,
  action: string,
  openid: string,
  requestId: string,
): string {
  return (
    'idem_' +
    sha256Hex(`${functionName}\u0000${action}\u0000${openid}\u0000${requestId}`).slice(0, 40)
  )
}

export async function findPriorResult(key: string): Promise<{ data: unknown } | undefined> {
  const prior = await findById<IdempotencyRecord>(COLLECTIONS.idempotencyKeys, key)
  return prior ? { data: prior.data } : undefined
}

/** Stores a result after a change that could not share a transaction with it. */
export async function rememberResult(key: string, record: IdempotencyRecord): Promise<void> {
  try {
    await insert(COLLECTIONS.idempotencyKeys, { _id: key, ...record })
  } catch {
    // A concurrent identical request stored it first; the stored result stands.
  }
}

/** Thrown inside a transaction when the same request already committed: roll back, answer it. */
export class Replay extends Error {
  constructor(readonly data: unknown) {
    super('replay')
  }
}
