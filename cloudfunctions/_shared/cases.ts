// The mediation case as every function that touches one sees it: the stored shape of a
// `mediation_cases` document, who the caller is *for this case*, and the one way to run a case
// command (core transition → audit chain → timeline events → versioned write, in one transaction).
import {
  mediationCaseMachine,
  type CaseCommand,
  type MediationCaseEntity,
} from '../../miniprogram/core/machines/mediation-case'
import { transition, type DomainEvent } from '../../miniprogram/core/machines/machine'
import type { Actor, ActorKind } from '../../miniprogram/core/machines/actor'
import { normaliseEntityName } from '../../miniprogram/core/recommendation/normalise'
import type { IdType, PartyType } from '../../typings/api/common'
import { appendAudit, type AuditHead } from './audit'
import type { Caller } from './caller'
import { COLLECTIONS } from './collections'
import { keyedHash } from './crypto'
import { AppError, fail } from './errors'
import { findById, type StoredDoc } from './store'
import { takeTimelineSeqs, timelineSeqOf } from './timeline-seq'
import type { Tx } from './transaction'

/** A party as recorded on the case: masked values for display, sealed values and blind indexes. */
export interface CasePartyRecord {
  readonly partyType: PartyType
  readonly maskedName: string
  readonly nameEnc: string
  /** `personNameHash` of the name (persons) — what declared affiliations are compared with. */
  readonly nameHash: string
  /** Enterprise names are public registration data, kept in clear for conflict checks. */
  readonly enterpriseName: string | null
  readonly idType: IdType | null
  readonly idNumberEnc: string | null
  readonly idNumberHash: string | null
  readonly maskedIdNumber: string | null
  readonly uscc: string | null
  readonly usccHash: string | null
  readonly maskedUscc: string | null
  readonly phoneEnc: string | null
  readonly phoneHash: string | null
  readonly maskedPhone: string | null
  readonly addressEnc: string | null
  /** The verified identity the party acts under (applicant at submit, respondent at join). */
  readonly identityId: string | null
}

export interface EvidenceRecord {
  readonly fileId: string
  readonly name: string
  readonly kind: 'image' | 'document'
  readonly check: 'pending' | 'not_applicable' | 'pass' | 'review' | 'risky'
  readonly traceId: string | null
  /** Reason shown with a `review` / `risky` verdict (set when the push arrives). */
  readonly checkNote?: string | null
  readonly checkedAt?: Date | string | null
}

export interface InvitationRecord {
  /** sha256 of the one-time token; the token itself is never stored. */
  readonly tokenHash: string | null
  readonly expiresAt: Date | string
  readonly issuedAt: Date | string
  readonly qrFileId: string | null
  readonly usedAt: Date | string | null
}

export interface RatingRecord {
  readonly score: number
  readonly comment: string | null
  readonly at: Date | string
}

export interface CaseDoc extends MediationCaseEntity, Record<string, unknown> {
  readonly caseNumber: string | null
  readonly applicantOpenid: string
  readonly respondentOpenid: string | null
  /** Openids of both parties once known: what "cases of a user" queries use. */
  readonly partyOpenids: readonly string[]
  /** The organisation handling the case (its staff may see it): the chosen mediator's. */
  readonly organisationId: string | null
  readonly disputeType: string | null
  readonly description: string | null
  readonly descriptionCheck: 'pass' | 'review' | null
  readonly amountFen: number | null
  readonly claims: readonly string[]
  readonly evidence: readonly EvidenceRecord[]
  readonly region: { readonly provinceCode: string; readonly cityCode: string } | null
  readonly applicant: CasePartyRecord | null
  readonly respondent: CasePartyRecord | null
  readonly invitation: InvitationRecord | null
  /** Mediators chosen and not yet answered count against their capacity (`pendingCount`). */
  readonly ratings?: Partial<Record<'applicant' | 'respondent', RatingRecord>>
  readonly auditSeq?: number
  readonly auditHash?: string
  /** Last timeline position taken (`case_events.seq`); see `timeline-seq.ts`. */
  readonly timelineSeq?: number
  readonly createdAt: Date | string
  readonly updatedAt: Date | string
}

export type CaseRole = 'applicant' | 'respondent' | 'mediator' | 'staff'

/** Blind index of a person's name for conflict-of-interest checks (mediators' declared ties). */
export function personNameHash(name: string): string {
  return keyedHash('person-name', normaliseEntityName(name))
}

export function usccHash(uscc: string): string {
  return keyedHash('uscc', uscc.replace(/\s+/g, '').toUpperCase())
}

export function phoneHash(phone: string): string {
  return keyedHash('phone', phone.replace(/\D/g, '').replace(/^86(?=1\d{10}$)/, ''))
}

/** Every role the caller plays on the case (a staff member may also be a party elsewhere). */
export function caseRolesOf(doc: CaseDoc, caller: Caller): CaseRole[] {
  const roles: CaseRole[] = []
  if (doc.applicantOpenid === caller.openid) roles.push('applicant')
  if (doc.respondentOpenid != null && doc.respondentOpenid === caller.openid)
    roles.push('respondent')
  if (caller.mediator && doc.mediatorId != null && doc.mediatorId === caller.mediator.id) {
    roles.push('mediator')
  }
  if (
    caller.staff &&
    doc.organisationId != null &&
    doc.organisationId === caller.staff.organisationId
  ) {
    roles.push('staff')
  }
  return roles
}

/** The core actor for a role: ids are what the case stores for that role. */
export function caseActor(role: CaseRole, caller: Caller): Actor {
  if (role === 'mediator' && caller.mediator) return { kind: 'mediator', id: caller.mediator.id }
  if (role === 'staff' && caller.staff) return { kind: 'staff', id: caller.staff.id }
  return { kind: role, id: caller.hash }
}

/** Loads a case the caller may see, with their roles on it; anyone else is refused. */
export async function loadVisibleCase(
  caseId: string,
  caller: Caller,
): Promise<{ doc: StoredDoc<CaseDoc>; roles: CaseRole[] }> {
  const doc = await findById<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  if (!doc) return fail('NOT_FOUND', '案件不存在或已被删除')
  const roles = caseRolesOf(doc, caller)
  if (roles.length === 0) return fail('FORBIDDEN', '您不是本案当事人，无权查看或操作')
  return { doc, roles }
}

const ENGINE_CODES: Record<string, string> = {
  INVALID_TRANSITION: 'INVALID_TRANSITION',
  FORBIDDEN_ACTOR: 'FORBIDDEN',
  INVALID_INPUT: 'INVALID_INPUT',
}

function coreFailure(code: string, message: string, field?: string): AppError {
  return new AppError(ENGINE_CODES[code] ?? code, message, field ? `payload.${field}` : undefined)
}

/** Refuses early (before any external call) when the core would refuse the command. */
export function checkCaseCommand(
  doc: CaseDoc,
  command: CaseCommand,
  actor: Actor,
  now: Date,
  input?: unknown,
): void {
  const res = transition(mediationCaseMachine, doc, command, actor, now, input)
  if (!res.ok) throw coreFailure(res.error.code, res.error.message, res.error.field)
}

/** Event data kept on the timeline: reasons and numbers, never personal data. */
function timelineData(e: DomainEvent): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(e.data ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null) {
      out[k] = typeof v === 'string' ? v.slice(0, 500) : v
    }
  }
  return out
}

export interface AppliedCase {
  readonly next: CaseDoc
  readonly events: readonly DomainEvent[]
}

/**
 * Runs one case command inside `tx`: the core decides, then the audit events, the timeline
 * (`case_events`) and the case itself are written, the case only if its version is unchanged.
 * `eventIds` may fix the id of the n-th timeline event (the submit event's id reserves the
 * case number, so two submissions can never share one).
 */
export async function applyCaseCommand(
  tx: Tx,
  caseId: string,
  doc: CaseDoc,
  command: CaseCommand,
  who: { readonly actor: Actor; readonly hash: string },
  now: Date,
  options: {
    readonly input?: unknown
    readonly patch?: Partial<CaseDoc>
    readonly create?: boolean
    readonly eventIds?: readonly (string | undefined)[]
  } = {},
): Promise<AppliedCase> {
  const res = transition(mediationCaseMachine, doc, command, who.actor, now, options.input)
  if (!res.ok) throw coreFailure(res.error.code, res.error.message, res.error.field)
  let head: AuditHead = { auditSeq: doc.auditSeq, auditHash: doc.auditHash }
  const seqs = await takeTimelineSeqs(
    tx,
    caseId,
    res.events.length,
    options.create ? doc : undefined,
  )
  let index = 0
  for (const event of res.events) {
    head = await appendAudit(tx, head, {
      entity: COLLECTIONS.mediationCases,
      entityId: caseId,
      actorRole: event.actorKind,
      actorHash: who.hash,
      action: event.type,
      from: event.from,
      to: event.to,
      at: event.at,
    })
    await tx.create(
      COLLECTIONS.caseEvents,
      options.eventIds?.[index] ?? `${caseId}:${String(head.auditSeq).padStart(6, '0')}`,
      {
        caseId,
        seq: seqs[index],
        type: event.type,
        actorKind: event.actorKind,
        from: event.from,
        to: event.to,
        at: event.at,
        data: timelineData(event),
      },
    )
    index += 1
  }
  const timelineSeq = timelineSeqOf(tx, caseId) ?? doc.timelineSeq
  const merged = {
    ...res.next,
    ...options.patch,
    ...head,
    ...(timelineSeq === undefined ? {} : { timelineSeq }),
    updatedAt: now,
  } as CaseDoc & {
    _id?: string
  }
  const { _id: _ignored, version: _v, ...fields } = merged
  const next = { ...fields, version: doc.version + 1 } as CaseDoc
  if (options.create) {
    await tx.create(COLLECTIONS.mediationCases, caseId, { ...fields, version: doc.version + 1 })
  } else {
    // Evidence verdicts arrive by push at any time without bumping the version (a party must
    // not get a conflict for them), so a command rewrites evidence only when it sets it.
    const { evidence: _evidence, ...rest } = fields
    const write = options.patch?.evidence !== undefined ? fields : rest
    await tx.updateVersioned(COLLECTIONS.mediationCases, caseId, doc.version, write)
  }
  return { next, events: res.events }
}

/** Appends a timeline-only entry (no state change): e.g. the respondent joined, a re-invitation. */
export async function appendCaseNote(
  tx: Tx,
  caseId: string,
  doc: CaseDoc,
  type: string,
  who: { readonly actorKind: ActorKind; readonly hash: string },
  now: Date,
  data: Record<string, string | number | boolean | null> = {},
): Promise<{ auditSeq: number; auditHash: string; timelineSeq: number }> {
  const head = await appendAudit(
    tx,
    { auditSeq: doc.auditSeq, auditHash: doc.auditHash },
    {
      entity: COLLECTIONS.mediationCases,
      entityId: caseId,
      actorRole: who.actorKind,
      actorHash: who.hash,
      action: type,
      from: doc.status,
      to: doc.status,
      at: now,
    },
  )
  const [seq = 0] = await takeTimelineSeqs(tx, caseId, 1)
  await tx.create(COLLECTIONS.caseEvents, `${caseId}:${String(head.auditSeq).padStart(6, '0')}`, {
    caseId,
    seq,
    type,
    actorKind: who.actorKind,
    from: doc.status,
    to: doc.status,
    at: now,
    data,
  })
  return { ...head, timelineSeq: seq }
}
