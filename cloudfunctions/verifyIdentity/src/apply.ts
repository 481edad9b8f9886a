// Runs one identity-machine command inside a transaction: the pure transition decides, this
// writes the document, its audit events and the version check in one go.
import type { Actor } from '../../../miniprogram/core/machines/actor'
import {
  identityMachine,
  type IdentityCommand,
  type IdentityEntity,
} from '../../../miniprogram/core/machines/identity'
import { transition } from '../../../miniprogram/core/machines/machine'
import { AppError, COLLECTIONS, appendAudit, type AuditHead, type Tx } from '../../_shared'
import type { IdentityDoc } from './identity-doc'

export interface Applied {
  readonly next: IdentityDoc
}

const ENGINE_CODES: Record<string, string> = {
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  FORBIDDEN_ACTOR: 'FORBIDDEN',
}

/** A fresh user's identity before anything was stored. */
export function blankIdentity(openid: string): IdentityDoc {
  return { openid, status: 'unverified', version: 0 }
}

/** Whether the command is allowed now (to refuse before calling WeChat or writing anything). */
export function check(
  doc: IdentityDoc,
  command: IdentityCommand,
  actor: Actor,
  now: Date,
  input?: unknown,
): void {
  const res = transition(identityMachine, doc as IdentityEntity, command, actor, now, input)
  if (!res.ok) {
    throw new AppError(
      ENGINE_CODES[res.error.code] ?? 'INVALID_INPUT',
      res.error.message,
      res.error.field,
    )
  }
}

export async function apply(
  tx: Tx,
  id: string,
  doc: IdentityDoc,
  command: IdentityCommand,
  who: { actor: Actor; hash: string },
  now: Date,
  patch: Partial<IdentityDoc>,
  input?: unknown,
): Promise<Applied> {
  const res = transition(identityMachine, doc, command, who.actor, now, input)
  if (!res.ok) {
    throw new AppError(
      ENGINE_CODES[res.error.code] ?? 'INVALID_INPUT',
      res.error.message,
      res.error.field,
    )
  }
  let head: AuditHead = { auditSeq: doc.auditSeq, auditHash: doc.auditHash }
  for (const event of res.events) {
    head = await appendAudit(tx, head, {
      entity: COLLECTIONS.identities,
      entityId: id,
      actorRole: event.actorKind,
      actorHash: who.hash,
      action: event.type,
      from: event.from,
      to: event.to,
      at: event.at,
    })
  }
  const {
    _id: _ignored,
    version: _v,
    ...fields
  } = { ...res.next, ...patch, ...head } as IdentityDoc & {
    _id?: string
  }
  const next = { ...fields, version: doc.version + 1 } as IdentityDoc
  if (doc.version === 0) {
    await tx.create(COLLECTIONS.identities, id, {
      ...fields,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
  } else {
    await tx.updateVersioned(COLLECTIONS.identities, id, doc.version, { ...fields, updatedAt: now })
  }
  return { next }
}
