// Mediation documents (调解书) and the case PDFs: apply for a document, follow its status, and
// render a case PDF (agreement, judicial confirmation application, mediation document) with its
// temporary download URL; utils/open-document.ts opens it.
import type { RenderKind } from '../../typings/api/renderDocument'
import { call } from './call'
import type { Intent } from './intent'

export const applyForDocument = (caseId: string, intent: Intent) =>
  call('mediationDocument', 'apply', { caseId }, { requestId: intent.requestIdFor('apply') })

export const withdrawDocumentRequest = (caseId: string, intent: Intent) =>
  call('mediationDocument', 'withdraw', { caseId }, { requestId: intent.requestIdFor('withdraw') })

export const documentStatus = (caseId: string) => call('mediationDocument', 'status', { caseId })

export const renderCaseDocument = (caseId: string, kind: RenderKind) =>
  call('renderDocument', 'render', { caseId, kind })
