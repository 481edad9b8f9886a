// One command on an entity that hangs off a settled case (a judicial confirmation, a mediation
// document request), inside the caller's transaction: re-read the entity, run the machine (audit
// chain, versioned write) and put its events on the case timeline, all or nothing.
import type { Actor } from '../../miniprogram/core/machines/actor'
import type { Machine, MachineEntity } from '../../miniprogram/core/machines/machine'
import type { AuditHead } from './audit'
import { addTimeline } from './case-access'
import { applyEntity, type EntityApplied } from './entity-apply'
import { fail } from './errors'
import type { Tx } from './transaction'

export interface CaseEntityStep<E, C extends string> {
  readonly collection: string
  readonly id: string
  readonly caseId: string
  /** The case's status, recorded on the timeline entries (the case itself does not move). */
  readonly caseStatus: string
  readonly command: C
  readonly actor: Actor
  readonly hash: string
  readonly now: Date
  readonly input?: unknown
  readonly patch?: (current: E) => Readonly<Record<string, unknown>>
  /** Extra checks on the current entity before the machine runs (throw a typed error). */
  readonly guard?: (current: E) => void
  /** The typed error when the entity does not exist yet. */
  readonly missing: { readonly code: string; readonly message: string }
}

export async function stepCaseEntity<
  M extends MachineEntity<S>,
  S extends string,
  C extends string,
  E extends M & AuditHead & Record<string, unknown>,
>(tx: Tx, machine: Machine<M, S, C>, step: CaseEntityStep<E, C>): Promise<EntityApplied<E>> {
  const current = await tx.get<E>(step.collection, step.id)
  if (!current) return fail(step.missing.code, step.missing.message)
  step.guard?.(current)
  const applied = await applyEntity(
    tx,
    step.collection,
    step.id,
    current,
    machine,
    step.command,
    { actor: step.actor, hash: step.hash },
    step.now,
    { input: step.input, ...(step.patch ? { patch: step.patch(current) } : {}) },
  )
  await addTimeline(
    tx,
    step.caseId,
    applied.events.map((e) => ({
      type: e.type,
      at: e.at,
      actorKind: step.actor.kind,
      status: step.caseStatus,
    })),
  )
  return applied
}
