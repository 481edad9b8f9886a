// Runs one command of any table-driven machine on a stored entity inside a transaction: the pure
// transition decides, the entity's own audit chain gets the events, and the entity is written
// only if its version is unchanged (or created, for the first command of a new entity).
import type { Machine, MachineEntity, DomainEvent } from '../../miniprogram/core/machines/machine'
import { transition } from '../../miniprogram/core/machines/machine'
import { appendAudit, type AuditHead } from './audit'
import { refuse, type Who } from './machine-apply'
import type { Tx } from './transaction'

export interface EntityApplied<E> {
  readonly next: E
  readonly events: readonly DomainEvent[]
}

export async function applyEntity<
  M extends MachineEntity<S>,
  S extends string,
  C extends string,
  E extends M & AuditHead,
>(
  tx: Tx,
  collection: string,
  id: string,
  doc: E,
  machine: Machine<M, S, C>,
  command: C,
  who: Who,
  now: Date,
  options: { input?: unknown; patch?: Readonly<Record<string, unknown>>; create?: boolean } = {},
): Promise<EntityApplied<E>> {
  const res = transition(machine, doc, command, who.actor, now, options.input)
  if (!res.ok) refuse(res.error)
  let head: AuditHead = { auditSeq: doc.auditSeq, auditHash: doc.auditHash }
  for (const event of res.events) {
    head = await appendAudit(tx, head, {
      entity: collection,
      entityId: id,
      actorRole: event.actorKind,
      actorHash: who.hash,
      action: event.type,
      from: event.from,
      to: event.to,
      at: event.at,
    })
  }
  const merged = {
    ...res.next,
    ...options.patch,
    ...head,
    updatedAt: now,
  } as unknown as Record<string, unknown>
  delete merged._id
  delete merged.version
  if (options.create) {
    await tx.create(collection, id, { ...merged, version: doc.version + 1 })
  } else {
    await tx.updateVersioned(collection, id, doc.version, merged)
  }
  return {
    next: { ...merged, _id: id, version: doc.version + 1 } as unknown as E,
    events: res.events,
  }
}
