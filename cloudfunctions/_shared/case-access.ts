// Case helpers for the functions that work a case after acceptance (mediator desk, video,
// signing), on top of `cases.ts`: a party's identity check, the party records by side, and
// timeline entries that are not state changes (calls, internal mediation notes).
import { randomUUID } from 'node:crypto'
import type { Caller } from './caller'
import { usccHash, type CaseDoc, type CasePartyRecord } from './cases'
import { COLLECTIONS } from './collections'
import { fail } from './errors'
import { identityIdFor } from './identity-ids'
import { findById } from './store'
import { takeTimelineSeqs } from './timeline-seq'
import type { Tx } from './transaction'

export type PartySide = 'applicant' | 'respondent'

export const PARTY_SIDE_LABELS: Readonly<Record<PartySide, string>> = {
  applicant: '申请人',
  respondent: '被申请人',
}

export function partyOpenidOf(doc: CaseDoc, side: PartySide): string | null {
  return side === 'applicant' ? doc.applicantOpenid : doc.respondentOpenid
}

export function partyRecordOf(doc: CaseDoc, side: PartySide): CasePartyRecord | null {
  return side === 'applicant' ? doc.applicant : doc.respondent
}

/** Openids of the parties who can be reached in the mini-program. */
export function partyOpenidsOf(doc: CaseDoc): string[] {
  return [doc.applicantOpenid, doc.respondentOpenid].filter(
    (o): o is string => typeof o === 'string' && o.length > 0,
  )
}

interface IdentityLike extends Record<string, unknown> {
  readonly status?: string
  readonly idNumberHash?: string | null
  readonly enterprise?: { readonly uscc?: string } | null
}

/** Whether a verified identity is the party recorded on the case: an enterprise by its USCC, a
 * person by their ID number, and a party recorded without either by the identity document. */
function sameParty(record: CasePartyRecord, identity: IdentityLike, identityId: string): boolean {
  if (record.partyType === 'enterprise' && record.usccHash) {
    const uscc = identity.enterprise?.uscc
    return typeof uscc === 'string' && usccHash(uscc) === record.usccHash
  }
  if (record.idNumberHash) return identity.idNumberHash === record.idNumberHash
  return record.identityId !== null && record.identityId === identityId
}

/**
 * A party may act on a case only while their current verified identity is the one recorded on
 * it: after deleting the identity, or verifying again as someone else, every operation on the
 * case is refused until the same identity is verified again.
 */
export async function assertPartyIdentity(
  caller: Caller,
  record: CasePartyRecord | null,
): Promise<void> {
  const id = identityIdFor(caller.openid)
  const identity = await findById<IdentityLike>(COLLECTIONS.identities, id)
  if (identity?.status !== 'verified') {
    fail('IDENTITY_REQUIRED', '请先完成实名认证后再操作本案')
  }
  if (record === null || !sameParty(record, identity, id)) {
    fail('IDENTITY_MISMATCH', '您当前的实名认证信息与本案记录的当事人身份不一致，暂不能操作本案')
  }
}

export interface TimelineEntry {
  readonly type: string
  readonly at: Date
  readonly actorKind: string
  readonly status: string
  readonly data?: Readonly<Record<string, string | number | boolean | null>>
  /**
   * `internal`: only the case's mediator and its organisation's staff may see it (mediation
   * notes); a party's timeline must leave these out.
   */
  readonly visibility?: 'all' | 'internal'
}

/**
 * Appends timeline entries inside `tx`, so they exist exactly when the change does, each at the
 * case's next timeline position (`seq`, taken in the same transaction).
 */
export async function addTimeline(
  tx: Tx,
  caseId: string,
  entries: readonly TimelineEntry[],
): Promise<string[]> {
  const ids: string[] = []
  const seqs = await takeTimelineSeqs(tx, caseId, entries.length)
  for (const [i, e] of entries.entries()) {
    const id = `${caseId}:x${randomUUID().replace(/-/g, '').slice(0, 20)}`
    await tx.create(COLLECTIONS.caseEvents, id, {
      caseId,
      seq: seqs[i],
      type: e.type,
      actorKind: e.actorKind,
      from: e.status,
      to: e.status,
      at: e.at,
      data: e.data ?? {},
      visibility: e.visibility ?? 'all',
    })
    ids.push(id)
  }
  return ids
}
