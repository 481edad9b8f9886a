// Renders a case document and stores it under the case's path in cloud storage.
import { createHash } from 'node:crypto'
import { caseDocumentPath, uploadCaseFile } from '../settled-case'
import { documentFont } from './font-file'
import { renderPdf, type PdfDocumentSpec } from './pdf-writer'

export interface StoredPdf {
  readonly fileId: string
  readonly fileName: string
  readonly sha256: string
  readonly bytes: number
  readonly pages: number
}

export async function renderToCase(
  caseId: string,
  fileName: string,
  spec: PdfDocumentSpec,
): Promise<StoredPdf> {
  const { bytes, pages } = renderPdf(documentFont(), spec)
  const fileId = await uploadCaseFile(caseDocumentPath(caseId, fileName), bytes)
  return {
    fileId,
    fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    bytes: bytes.length,
    pages,
  }
}
