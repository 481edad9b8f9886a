// Cases for the tests of the functions that work a case after the mediator was chosen
// (mediatorDesk, videoMediation, signAgreement). Parties verify through the real verifyIdentity
// face flow; the case document is written in exactly the shape mediationCase stores
// (`cloudfunctions/_shared/cases.ts`), so these tests do not depend on the intake journey.
import type { CaseDoc, CasePartyRecord } from '../../../cloudfunctions/_shared/cases'
import { decideFace, rid, useSdkInProcess, type Harness } from '../harness'

export { AGREEMENT_TERMS as TERMS } from '../../support/arrange-core'

export interface PartySpec {
  readonly openid: string
  readonly name: string
  readonly idNumber: string
}

/** Test people with valid resident IDs (check digits computed independently). */
export const APPLICANT: PartySpec = {
  openid: 'o_party_applicant',
  name: '张伟',
  idNumber: '11010519491231002X',
}
export const RESPONDENT: PartySpec = {
  openid: 'o_party_respondent',
  name: '李娜',
  idNumber: '110105200002290013',
}

/** Verifies a party by face (idempotent: a verified party is left as is). */
export async function verifiedParty(h: Harness, p: PartySpec): Promise<Record<string, unknown>> {
  const status = await h.call(p.openid, 'verifyIdentity', 'status', {})
  if (!(status.ok && status.data.status === 'verified')) {
    const start = await h.call(
      p.openid,
      'verifyIdentity',
      'startFace',
      { name: p.name, idNumber: p.idNumber },
      rid(),
    )
    if (!start.ok) throw new Error(`startFace: ${JSON.stringify(start.error)}`)
    await decideFace(h, start.data.verifyId, 'success')
    const done = await h.call(
      p.openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    if (!done.ok || done.data.outcome !== 'verified') {
      throw new Error(`confirmFace: ${JSON.stringify(done)}`)
    }
  }
  const [doc] = await h.docs('identities', { openid: p.openid })
  if (!doc) throw new Error(`no identity for ${p.openid}`)
  return doc
}

async function kernel(h: Harness) {
  useSdkInProcess(h)
  return import('../../../cloudfunctions/_shared')
}

async function partyRecord(
  h: Harness,
  p: PartySpec,
  identity: Record<string, unknown>,
  address: string | null,
): Promise<CasePartyRecord> {
  const k = await kernel(h)
  return {
    partyType: 'person',
    maskedName: identity['maskedName'] as string,
    nameEnc: identity['nameEnc'] as string,
    nameHash: k.personNameHash(p.name),
    enterpriseName: null,
    idType: 'resident_id',
    idNumberEnc: identity['idNumberEnc'] as string,
    idNumberHash: identity['idNumberHash'] as string,
    maskedIdNumber: identity['maskedIdNumber'] as string,
    uscc: null,
    usccHash: null,
    maskedUscc: null,
    phoneEnc: null,
    phoneHash: null,
    maskedPhone: null,
    addressEnc: address === null ? null : k.encryptField(address),
    identityId: identity['_id'] as string,
  }
}

let sequence = 0

export interface CaseOptions {
  readonly caseId?: string
  readonly mediatorId?: string
  readonly organisationId?: string
  readonly applicant?: PartySpec
  readonly respondent?: PartySpec
}

/**
 * A case in `awaiting_mediator` with the mediator chosen: both parties verified and joined, as
 * mediationCase leaves it after the respondent consented and the applicant chose.
 */
export async function caseAwaitingMediator(h: Harness, o: CaseOptions = {}): Promise<string> {
  sequence += 1
  const caseId = o.caseId ?? `case_f2_${Date.now().toString(36)}_${sequence}`
  const a = o.applicant ?? APPLICANT
  const r = o.respondent ?? RESPONDENT
  const [ai, ri] = [await verifiedParty(h, a), await verifiedParty(h, r)]
  const now = new Date()
  const doc: Omit<CaseDoc, 'auditSeq' | 'auditHash'> & { _id: string } = {
    _id: caseId,
    status: 'awaiting_mediator',
    version: 4,
    caseNumber: `TJ20261201${String(900000 + sequence)}`,
    applicantOpenid: a.openid,
    respondentOpenid: r.openid,
    partyOpenids: [a.openid, r.openid],
    organisationId: o.organisationId ?? 'org_a',
    mediatorId: o.mediatorId ?? 'med_1',
    declinedMediatorIds: [],
    mediationDays: 30,
    extendedDays: 0,
    extensionRequest: null,
    disputeType: 'sales_contract',
    description: '买卖合同货款纠纷。',
    descriptionCheck: 'pass',
    amountFen: 5_000_000,
    claims: ['支付货款五万元'],
    evidence: [],
    region: { provinceCode: '110000', cityCode: '110100' },
    applicant: await partyRecord(h, a, ai, null),
    respondent: await partyRecord(h, r, ri, '北京市东城区某路1号'),
    invitation: null,
    submittedAt: now,
    createdAt: now,
    updatedAt: now,
  }
  await h.insert('mediation_cases', [doc])
  return caseId
}

/** Mediators beyond `seedRoles`: another organisation's, and one still to bind. */
export async function seedMoreMediators(h: Harness): Promise<void> {
  await h.insert('mediators', [
    {
      _id: 'med_2',
      openid: 'o_mediator_0002',
      organisationId: 'org_b',
      name: '赵调解',
      version: 1,
    },
    { _id: 'med_3', openid: null, organisationId: 'org_a', name: '孙调解', version: 1 },
  ])
}

/** Issues a bind code as the organisation desk does (only the keyed hash is stored). */
export async function issueBindCode(
  h: Harness,
  code: string,
  mediatorId: string,
  expiresAt: Date,
): Promise<void> {
  useSdkInProcess(h)
  const bc = await import('../../../cloudfunctions/_shared/bind-codes')
  await h.insert('bind_codes', [
    {
      _id: bc.bindCodeId(code),
      codeHash: bc.bindCodeHash(code),
      mediatorId,
      organisationId: 'org_a',
      expiresAt,
      usedAt: null,
      version: 1,
    },
  ])
}

/** Checks an entity's audit chain against the head stored on it. */
export async function chainOf(h: Harness, collection: string, id: string) {
  useSdkInProcess(h)
  const { verifyAuditChain } = await import('../../../cloudfunctions/_shared/audit')
  const [doc] = await h.docs(collection, { _id: id })
  return verifyAuditChain(collection, id, {
    auditSeq: doc?.['auditSeq'] as number,
    auditHash: doc?.['auditHash'] as string,
  })
}
