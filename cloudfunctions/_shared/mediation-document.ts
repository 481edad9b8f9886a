// The issued mediation document of a case, shared by mediationDocument (which issues it) and
// renderDocument (which hands it out).
import type { AgreementDoc } from './agreements'
import { mediationDocumentSpec } from './case-documents'
import type { CaseDoc } from './cases'
import { COLLECTIONS } from './collections'
import { fail } from './errors'
import { renderToCase, type StoredPdf } from './pdf/store-pdf'
import { findById } from './store'

export const documentRequestIdFor = (caseId: string) => `dr_${caseId}`.slice(0, 64)

export interface IssuedDocument {
  readonly number: string
  readonly issuedAt: Date
  readonly fileId: string
  /** True when staff uploaded their own file rather than generating it. */
  readonly uploaded: boolean
  readonly sha256: string | null
  readonly bytes: number | null
  readonly pages: number | null
}

interface RequestLike extends Record<string, unknown> {
  readonly status: string
  readonly documentNumber?: string | null
  readonly documentFileId?: string | null
  readonly documentSource?: 'uploaded' | 'generated' | null
  readonly documentSha256?: string | null
  readonly documentBytes?: number | null
  readonly documentPages?: number | null
  readonly issuedAt?: Date | null
}

export async function issuedDocumentOf(caseId: string): Promise<IssuedDocument> {
  const r = await findById<RequestLike>(COLLECTIONS.documentRequests, documentRequestIdFor(caseId))
  if (!r) return fail('NO_DOCUMENT_REQUEST', '本案尚未申请出具调解书')
  if (r.status !== 'issued' || !r.documentFileId || !r.documentNumber) {
    return fail('DOCUMENT_NOT_ISSUED', '调解书尚未出具')
  }
  return {
    number: r.documentNumber,
    issuedAt: new Date(r.issuedAt ?? 0),
    fileId: r.documentFileId,
    uploaded: r.documentSource === 'uploaded',
    sha256: r.documentSha256 ?? null,
    bytes: r.documentBytes ?? null,
    pages: r.documentPages ?? null,
  }
}

export function renderMediationDocument(
  doc: CaseDoc & { _id: string },
  agreement: AgreementDoc,
  organisationName: string,
  number: string,
  issuedAt: Date,
): Promise<StoredPdf> {
  return renderToCase(
    doc._id,
    `mediation-document-${number}.pdf`,
    mediationDocumentSpec(doc, agreement, organisationName, number, issuedAt),
  )
}
