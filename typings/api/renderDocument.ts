// Contract of the `renderDocument` function: a case document as a PDF (embedded, subset CJK
// font) in cloud storage under the case's path, with a short-lived download URL the function
// issues (the storage rule lets a client read only its own uploads); the client opens it with
// wx.downloadFile + wx.openDocument.
import type { ActionContract } from './envelope'

export type RenderKind = 'agreement' | 'confirmation_application' | 'mediation_document'

export interface RenderRequest {
  readonly caseId: string
  readonly kind: RenderKind
}

export interface RenderResponse {
  readonly fileId: string
  readonly fileName: string
  /** SHA-256 (hex) of the PDF bytes. */
  readonly sha256: string
  readonly bytes: number
  readonly pages: number
  /** A temporary download URL of the PDF, valid for 10 minutes. */
  readonly url: string
  /** When `url` stops working (ISO 8601). */
  readonly urlExpiresAt: string
}

export type RenderErrorCodes =
  | 'NO_AGREEMENT'
  | 'NO_CONFIRMATION'
  | 'NO_DOCUMENT_REQUEST'
  | 'DOCUMENT_NOT_ISSUED'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'UPSTREAM_UNAVAILABLE'

export interface RenderDocumentContracts {
  readonly render: ActionContract<RenderRequest, RenderResponse, RenderErrorCodes>
}
