// The audit trail: an append-only hash chain **per entity** (one chain for each document that
// changes state, e.g. `identities/<id>`). The entity document holds the chain head
// (`auditSeq`, `auditHash`), and every change writes the entity and its next event in one
// transaction, so concurrent changes serialise on the entity's version and can never fork the
// chain. Event ids are `<entity>:<entityId>:<seq>` — a second writer of the same seq collides.
import { COLLECTIONS } from './collections'
import { sha256Hex } from './crypto'
import { findMany, type DocData } from './store'
import type { Tx } from './transaction'

export interface AuditHead {
  readonly auditSeq?: number | undefined
  readonly auditHash?: string | undefined
}

export interface AuditInput {
  readonly entity: string
  readonly entityId: string
  /** The role the actor played for this entity (core `ActorKind`, e.g. 'party', 'staff'). */
  readonly actorRole: string
  /** `Caller.hash` (keyed HMAC of the openid), or a fixed system name. */
  readonly actorHash: string
  readonly action: string
  readonly from: string | null
  readonly to: string | null
  readonly at: Date
}

export interface AuditEvent extends AuditInput {
  readonly seq: number
  readonly prevHash: string
  readonly hash: string
}

export const GENESIS_HASH = '0'.repeat(64)

export function auditEventId(entity: string, entityId: string, seq: number): string {
  return `${entity}:${entityId}:${String(seq).padStart(8, '0')}`
}

function toDate(at: unknown): Date {
  return at instanceof Date ? at : new Date(at as string)
}

/** The hash covers every field in a fixed order, so no field can change unnoticed. */
export function hashAuditEvent(e: Omit<AuditEvent, 'hash'>): string {
  return sha256Hex(
    JSON.stringify([
      e.entity,
      e.entityId,
      e.seq,
      e.actorRole,
      e.actorHash,
      e.action,
      e.from,
      e.to,
      toDate(e.at).toISOString(),
      e.prevHash,
    ]),
  )
}

/**
 * Appends the next event of an entity's chain inside `tx` and returns the new head, which the
 * caller must write onto the entity document in the same transaction.
 */
export async function appendAudit(
  tx: Tx,
  head: AuditHead,
  input: AuditInput,
): Promise<{ auditSeq: number; auditHash: string }> {
  const seq = (head.auditSeq ?? 0) + 1
  const prevHash = head.auditHash ?? GENESIS_HASH
  const body = { ...input, seq, prevHash }
  const hash = hashAuditEvent(body)
  await tx.create(COLLECTIONS.auditEvents, auditEventId(input.entity, input.entityId, seq), {
    ...body,
    hash,
  })
  return { auditSeq: seq, auditHash: hash }
}

export type ChainCheck =
  | { readonly ok: true; readonly length: number; readonly head: string }
  | {
      readonly ok: false
      readonly length: number
      readonly brokenAt: number
      readonly reason: string
    }

/**
 * Re-reads an entity's chain and checks every link: consecutive seq from 1, each prevHash equal
 * to the previous hash, each hash recomputed; and, when given, that the entity's stored head
 * matches the last event (a deleted tail would otherwise go unnoticed).
 */
export async function verifyAuditChain(
  entity: string,
  entityId: string,
  expectedHead?: AuditHead,
): Promise<ChainCheck> {
  let prev = GENESIS_HASH
  let seq = 0
  for (;;) {
    const page = await findMany<DocData>(
      COLLECTIONS.auditEvents,
      { entity, entityId },
      { orderBy: [['seq', 'asc']], skip: seq, limit: 100 },
    )
    for (const raw of page) {
      const e = raw as unknown as AuditEvent
      seq += 1
      if (e.seq !== seq) return { ok: false, length: seq - 1, brokenAt: seq, reason: 'seq gap' }
      if (e.prevHash !== prev) return { ok: false, length: seq - 1, brokenAt: seq, reason: 'link' }
      const { hash, ...rest } = e
      const recomputed = hashAuditEvent({
        entity: rest.entity,
        entityId: rest.entityId,
        seq: rest.seq,
        actorRole: rest.actorRole,
        actorHash: rest.actorHash,
        action: rest.action,
        from: rest.from,
        to: rest.to,
        at: rest.at,
        prevHash: rest.prevHash,
      })
      if (recomputed !== hash) return { ok: false, length: seq - 1, brokenAt: seq, reason: 'hash' }
      prev = hash
    }
    if (page.length < 100) break
  }
  if (expectedHead && (expectedHead.auditSeq ?? 0) !== seq) {
    return { ok: false, length: seq, brokenAt: seq + 1, reason: 'head mismatch' }
  }
  if (expectedHead?.auditHash !== undefined && expectedHead.auditHash !== prev) {
    return { ok: false, length: seq, brokenAt: seq, reason: 'head hash mismatch' }
  }
  return { ok: true, length: seq, head: prev }
}
