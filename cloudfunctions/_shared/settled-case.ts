// What the functions working a case after mediation ended share (judicial confirmation, mediation
// document, rendering): the caller's side on the case, the effective agreement, the organisation,
// and where the case's generated documents live in cloud storage.
import type { OrganisationDoc } from './organisation-doc'
import { agreementIdFor, type AgreementDoc } from './agreements'
import type { Caller } from './caller'
import { assertPartyIdentity, partyRecordOf, type PartySide } from './case-access'
import { loadVisibleCase, type CaseDoc, type CaseRole } from './cases'
import { getCloud } from './cloud'
import { COLLECTIONS } from './collections'
import { fail } from './errors'
import { findById, type StoredDoc } from './store'

export type { OrganisationDoc } from './organisation-doc'

export function sideOf(roles: readonly CaseRole[]): PartySide | undefined {
  if (roles.includes('applicant')) return 'applicant'
  if (roles.includes('respondent')) return 'respondent'
  return undefined
}

export interface CaseAccess {
  readonly doc: StoredDoc<CaseDoc>
  readonly roles: CaseRole[]
  readonly side: PartySide | undefined
  readonly staff: boolean
  /** The case's assigned mediator (admitted only by `member`: read-only views). */
  readonly mediator: boolean
}

/**
 * Loads a case for a party (whose identity must still be the one on the case) or its
 * organisation's staff; `who` narrows it to one of them. `member` also admits the case's
 * mediator, for what they may read but not act on.
 */
export async function caseFor(
  caseId: string,
  caller: Caller,
  who: 'party' | 'staff' | 'party_or_staff' | 'member',
): Promise<CaseAccess> {
  const { doc, roles } = await loadVisibleCase(caseId, caller)
  const side = sideOf(roles)
  const staff = roles.includes('staff')
  const mediator = roles.includes('mediator')
  if (who === 'party' && !side) fail('FORBIDDEN', '仅本案当事人可以办理')
  if (who === 'staff' && !staff) fail('FORBIDDEN', '仅受理本案的工商联工作人员可以办理')
  if (who === 'party_or_staff' && !side && !staff) {
    fail('FORBIDDEN', '仅本案当事人和受理机构工作人员可以查看')
  }
  if (side && (who === 'party' || (!staff && !mediator))) {
    await assertPartyIdentity(caller, partyRecordOf(doc, side))
  }
  return { doc, roles, side, staff, mediator }
}

export function assertSettled(doc: CaseDoc): void {
  if (doc.status !== 'settled') fail('NOT_SETTLED', '本案尚未达成并签署调解协议')
}

export async function effectiveAgreement(caseId: string): Promise<StoredDoc<AgreementDoc>> {
  const a = await findById<AgreementDoc>(COLLECTIONS.agreements, agreementIdFor(caseId))
  if (!a || a.status !== 'effective') return fail('NO_AGREEMENT', '本案没有已生效的调解协议')
  return a
}

export async function organisationOf(id: string | null): Promise<StoredDoc<OrganisationDoc>> {
  const org = id ? await findById<OrganisationDoc>(COLLECTIONS.organisations, id) : undefined
  return org ?? fail('NOT_FOUND', '受理机构不存在')
}

/** Generated documents of a case: `cases/<caseId>/documents/<name>` (never a user's prefix). */
export function caseDocumentPath(caseId: string, name: string): string {
  return `cases/${caseId}/documents/${name}`
}

export async function uploadCaseFile(cloudPath: string, content: Buffer): Promise<string> {
  const res = (await getCloud().uploadFile({ cloudPath, fileContent: content })) as {
    fileID?: string
  }
  return res.fileID ?? fail('INTERNAL', '文件保存失败，请稍后重试')
}

export const iso = (d: Date | string | null | undefined): string | null =>
  d ? new Date(d).toISOString() : null
