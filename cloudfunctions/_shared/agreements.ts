// The mediation agreement (调解协议) as stored and as its parties and mediator see it. One per
// case (`agreements/agr_<caseId>`), so two drafts of the same case collide instead of coexisting.
import {
  renderAgreementText,
  type AgreementParty,
  type AgreementTerms,
} from '../../miniprogram/core/agreement-text'
import {
  AGREEMENT_STATUS_LABELS,
  type AgreementEntity,
} from '../../miniprogram/core/machines/agreement'
import { getIdType } from '../../miniprogram/core/identity/id-types'
import type {
  AgreementTermsInput,
  AgreementView,
  SignerRoleView,
} from '../../typings/api/signAgreement'
import type { AuditHead } from './audit'
import { PARTY_SIDE_LABELS, type PartySide } from './case-access'
import type { CaseDoc, CasePartyRecord } from './cases'
import { actorHash, decryptField, sha256Hex } from './crypto'
import type { StoredDoc } from './store'

export function agreementIdFor(caseId: string): string {
  return `agr_${caseId}`.slice(0, 64)
}

export interface SignerMeta {
  readonly id: string
  readonly role: SignerRoleView
  readonly maskedName: string
}

export interface SignatureImage {
  readonly fileId: string
  readonly revision: number
}

export interface AgreementDoc extends AgreementEntity, AuditHead, Record<string, unknown> {
  readonly caseId: string
  readonly caseNumber: string
  readonly organisationId: string | null
  readonly mediatorId: string
  readonly text: string
  readonly facts: string
  readonly terms: AgreementTermsInput
  readonly signerMeta: readonly SignerMeta[]
  readonly signatureImages: Readonly<Record<string, SignatureImage>>
  readonly contentCheck: 'pass' | 'review'
  readonly confirmationDeadline?: Date | null
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** The signer id of a party: what the case actor of that party carries (`Caller.hash`). */
export const partySignerId = (openid: string): string => actorHash(openid)

function fullName(record: CasePartyRecord): string {
  if (record.partyType === 'enterprise' && record.enterpriseName) return record.enterpriseName
  try {
    return decryptField(record.nameEnc)
  } catch {
    return record.maskedName
  }
}

function address(record: CasePartyRecord): string | null {
  if (!record.addressEnc) return null
  try {
    return decryptField(record.addressEnc)
  } catch {
    return null
  }
}

/**
 * A party as the agreement names them: full name (they are signing a contract with each other),
 * identity numbers masked as on every shared copy.
 */
export function agreementParty(side: PartySide, record: CasePartyRecord): AgreementParty {
  const enterprise = record.partyType === 'enterprise'
  const idType = record.idType ? getIdType(record.idType) : undefined
  const idTypeLabel = enterprise ? '统一社会信用代码' : idType?.ok ? idType.value.label : '证件'
  const masked = (enterprise ? record.maskedUscc : record.maskedIdNumber) ?? '未登记'
  return {
    role: side,
    partyType: record.partyType,
    name: fullName(record),
    idTypeLabel,
    maskedIdNumber: masked,
    address: address(record),
  }
}

export interface Rendered {
  readonly text: string
  readonly hash: string
}

export function renderFor(
  doc: CaseDoc,
  organisationName: string,
  mediatorName: string,
  facts: string,
  terms: AgreementTermsInput,
): Rendered {
  const parties: AgreementParty[] = []
  if (doc.applicant) parties.push(agreementParty('applicant', doc.applicant))
  if (doc.respondent) parties.push(agreementParty('respondent', doc.respondent))
  const structured: AgreementTerms = { ...terms }
  const text = renderAgreementText({
    caseNumber: doc.caseNumber ?? '',
    organisationName,
    mediatorName,
    parties,
    facts,
    terms: structured,
  })
  return { text, hash: sha256Hex(text) }
}

/** Signers: both parties (by their case actor id) and the case's mediator. */
export function signersFor(doc: CaseDoc, mediatorId: string): SignerMeta[] {
  const out: SignerMeta[] = []
  for (const side of ['applicant', 'respondent'] as const) {
    const openid = side === 'applicant' ? doc.applicantOpenid : doc.respondentOpenid
    const record = side === 'applicant' ? doc.applicant : doc.respondent
    if (openid && record) {
      out.push({ id: partySignerId(openid), role: side, maskedName: record.maskedName })
    }
  }
  out.push({ id: mediatorId, role: 'mediator', maskedName: '' })
  return out
}

const ROLE_LABELS: Readonly<Record<SignerRoleView, string>> = {
  ...PARTY_SIDE_LABELS,
  mediator: '调解员',
}

/** What a party or the mediator sees; `viewerSignerId` decides `mySignaturePending`. */
export function toAgreementView(
  doc: StoredDoc<AgreementDoc>,
  viewerSignerId: string | undefined,
  mediatorName: string,
): AgreementView {
  const current = new Map(
    doc.signatures.filter((s) => s.revision === doc.revision).map((s) => [s.signerId, s]),
  )
  return {
    agreementId: doc._id,
    caseId: doc.caseId,
    caseNumber: doc.caseNumber,
    status: doc.status,
    statusLabel: AGREEMENT_STATUS_LABELS[doc.status],
    version: doc.revision,
    text: doc.text,
    hash: doc.contentHash,
    facts: doc.facts,
    terms: doc.terms,
    signers: doc.signerMeta.map((m) => {
      const signed = current.get(m.id)
      return {
        role: m.role,
        roleLabel: ROLE_LABELS[m.role],
        maskedName: m.role === 'mediator' ? mediatorName : m.maskedName,
        signed: signed !== undefined,
        signedAt: iso(signed?.signedAt),
      }
    }),
    mySignaturePending:
      doc.status === 'signing' &&
      viewerSignerId !== undefined &&
      doc.signerMeta.some((m) => m.id === viewerSignerId) &&
      !current.has(viewerSignerId),
    contentFlagged: doc.contentCheck === 'review',
    sentForSigningAt: iso(doc.sentForSigningAt),
    effectiveAt: iso(doc.effectiveAt),
    confirmationDeadline: iso(doc.confirmationDeadline),
  }
}
