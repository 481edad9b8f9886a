/**
 * renderDocument: a case document as a PDF with an embedded, subset CJK font (Noto Sans SC,
 * shipped next to the bundle as `assets/NotoSansSC-Regular.ttf` by the build's `build.assets`).
 *
 * - `render(caseId, kind)`: `agreement` (the signed text with its hash and the signature record),
 *   `confirmation_application` (司法确认申请书, full names of the parties) or `mediation_document`
 *   (the issued 调解书: the stored file when staff uploaded one, otherwise generated). Stored
 *   under `cases/<caseId>/documents/`; returns the fileID and a 10-minute temp URL, which the
 *   client opens with `wx.downloadFile` + `wx.openDocument`. The URL comes from here because
 *   the storage rule (storage/rules.json) lets a client read only files it uploaded itself.
 *
 * Caller: `miniprogram/services/documents.ts`.
 * Auth: OPENID; the case's parties (identity must still match the case) and the staff of its
 *   organisation; the case's mediator may render the agreement.
 * Reads: `mediation_cases`, `agreements`, `judicial_confirmations`, `document_requests`,
 *   `organisations`, `identities`; writes cloud storage only.
 * Errors: `NO_AGREEMENT`, `NO_CONFIRMATION`, `NO_DOCUMENT_REQUEST`, `DOCUMENT_NOT_ISSUED`,
 *   `IDENTITY_REQUIRED`, `IDENTITY_MISMATCH`, `UPSTREAM_UNAVAILABLE` (no download URL), plus
 *   the common codes.
 */
import type { RenderKind, RenderResponse } from '../../../typings/api/renderDocument'
import {
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  findById,
  type HandlerContext,
  loadVisibleCase,
  obj,
  oneOf,
} from '../../_shared'
import { agreementIdFor, type AgreementDoc } from '../../_shared/agreements'
import { agreementDocument, confirmationApplication } from '../../_shared/case-documents'
import { issuedDocumentOf, renderMediationDocument } from '../../_shared/mediation-document'
import { renderToCase } from '../../_shared/pdf/store-pdf'
import { caseFor, organisationOf } from '../../_shared/settled-case'
import { tempUrls } from '../../_shared/storage'

/** How long the download URL of a rendered document works. */
const URL_SECONDS = 600

type StoredDocument = Omit<RenderResponse, 'url' | 'urlExpiresAt'>

/** The stored document with a fresh download URL; the client cannot get one itself. */
async function withUrl(stored: StoredDocument, now: Date): Promise<RenderResponse> {
  const urls = await tempUrls([stored.fileId], URL_SECONDS)
  const url = urls[stored.fileId]
  if (!url) return fail('UPSTREAM_UNAVAILABLE', '文件下载地址获取失败，请稍后重试')
  const urlExpiresAt = new Date(now.getTime() + URL_SECONDS * 1000).toISOString()
  return { ...stored, url, urlExpiresAt }
}

interface ConfirmationLike extends Record<string, unknown> {
  readonly courtBasis: 'party_domicile' | 'subject_location' | 'organisation_seat'
  readonly requestedCourt: string
  readonly courtName?: string | null
  readonly submittedAt?: Date | null
}

const BASIS: Readonly<Record<ConfirmationLike['courtBasis'], string>> = {
  party_domicile: '当事人住所地',
  subject_location: '标的物所在地',
  organisation_seat: '调解组织所在地',
}

export const main = defineFunction('renderDocument', {
  actions: {
    render: {
      schema: obj({
        caseId: docId('案件编号'),
        kind: oneOf('文书类型', [
          'agreement',
          'confirmation_application',
          'mediation_document',
        ] as const),
      }),
      actors: ['user'],
      mutating: false,
      async handle({ caseId, kind }, ctx): Promise<RenderResponse> {
        return withUrl(await renderStored(caseId, kind, ctx), ctx.now)
      },
    },
  },
})

async function renderStored(
  caseId: string,
  kind: RenderKind,
  ctx: HandlerContext,
): Promise<StoredDocument> {
  const visible = await loadVisibleCase(caseId, ctx.caller)
  const mediatorOnly = visible.roles.length === 1 && visible.roles[0] === 'mediator'
  if (mediatorOnly && kind !== 'agreement') {
    fail('FORBIDDEN', '调解员仅可下载本案调解协议')
  }
  // Parties and staff go through caseFor, which also applies the party-identity checks.
  const { doc } = mediatorOnly ? visible : await caseFor(caseId, ctx.caller, 'party_or_staff')
  const agreement = await findById<AgreementDoc>(COLLECTIONS.agreements, agreementIdFor(caseId))
  if (!agreement || agreement.status !== 'effective') {
    return fail('NO_AGREEMENT', '本案没有已生效的调解协议')
  }
  if (kind === 'agreement') {
    return renderToCase(
      caseId,
      `agreement-v${agreement.revision}.pdf`,
      agreementDocument(agreement),
    )
  }
  const org = await organisationOf(doc.organisationId)
  if (kind === 'confirmation_application') {
    const jc = await findById<ConfirmationLike>(
      COLLECTIONS.judicialConfirmations,
      `jc_${caseId}`.slice(0, 64),
    )
    if (!jc) return fail('NO_CONFIRMATION', '本案尚未发起司法确认申请')
    return renderToCase(
      caseId,
      'confirmation-application.pdf',
      confirmationApplication(doc, agreement, {
        organisationName: org.name,
        courtName: jc.courtName ?? jc.requestedCourt,
        courtBasisLabel: BASIS[jc.courtBasis],
        submittedAt: jc.submittedAt ?? null,
      }),
    )
  }
  const issued = await issuedDocumentOf(caseId)
  if (issued.uploaded) {
    return {
      fileId: issued.fileId,
      fileName: `mediation-document-${issued.number}.pdf`,
      sha256: issued.sha256 ?? '',
      bytes: issued.bytes ?? 0,
      pages: issued.pages ?? 0,
    }
  }
  return renderMediationDocument(doc, agreement, org.name, issued.number, issued.issuedAt)
}
