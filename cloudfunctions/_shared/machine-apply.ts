// Runs one command of the agreement machine inside a transaction: the pure transition decides, this
// writes the entity with the version check and appends its audit events, all in one go.
import type { Actor } from '../../miniprogram/core/machines/actor'
import { agreementMachine, type AgreementCommand } from '../../miniprogram/core/machines/agreement'
import { transition, type DomainEvent } from '../../miniprogram/core/machines/machine'
import type { AgreementDoc } from './agreements'
import { COLLECTIONS } from './collections'
import { appendAudit, type AuditHead } from './audit'
import { AppError } from './errors'
import type { StoredDoc } from './store'
import type { Tx } from './transaction'

/** Engine codes that mean the same as an API code; machine-specific codes pass through. */
const ENGINE_CODES: Readonly<Record<string, string>> = {
  FORBIDDEN_ACTOR: 'FORBIDDEN',
  INVALID_ENTITY: 'INTERNAL',
  INVALID_ACTOR: 'FORBIDDEN',
  UNKNOWN_STATE: 'INTERNAL',
}

export interface Who {
  readonly actor: Actor
  /** `Caller.hash` of whoever acts, or the system's fixed name. */
  readonly hash: string
}

export interface Applied<E> {
  readonly next: E
  readonly events: readonly DomainEvent[]
}

/** Throws the core's refusal as an API error (field paths under `payload`). */
export function refuse(error: { code: string; message: string; field?: string }): never {
  const field = error.field === undefined ? undefined : `payload.${error.field}`
  throw new AppError(ENGINE_CODES[error.code] ?? error.code, error.message, field)
}

/**
 * Applies an agreement command to the stored `doc` in `tx`. `patch` adds fields the server owns
 * (text, terms). The write is conditional on `doc.version`; the audit chain is the agreement's.
 */
export async function applyAgreement(
  tx: Tx,
  doc: StoredDoc<AgreementDoc>,
  command: AgreementCommand,
  who: Who,
  now: Date,
  input?: unknown,
  patch: Readonly<Record<string, unknown>> = {},
): Promise<Applied<StoredDoc<AgreementDoc>>> {
  const res = transition(agreementMachine, doc, command, who.actor, now, input)
  if (!res.ok) refuse(res.error)
  let head: AuditHead = { auditSeq: doc.auditSeq, auditHash: doc.auditHash }
  for (const event of res.events) {
    head = await appendAudit(tx, head, {
      entity: COLLECTIONS.agreements,
      entityId: doc._id,
      actorRole: event.actorKind,
      actorHash: who.hash,
      action: event.type,
      from: event.from,
      to: event.to,
      at: event.at,
    })
  }
  const { _id, version: _v, ...fields } = { ...res.next, ...patch, ...head }
  await tx.updateVersioned(COLLECTIONS.agreements, _id, doc.version, { ...fields, updatedAt: now })
  const next = {
    ...fields,
    _id,
    version: doc.version + 1,
    updatedAt: now,
  } as StoredDoc<AgreementDoc>
  return { next, events: res.events }
}
