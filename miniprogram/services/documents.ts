// Mediation documents (调解书) and the case PDFs: apply for a document, follow its status, and
// open a rendered PDF (agreement, judicial confirmation application, mediation document) with
// wx.downloadFile + wx.openDocument.
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

/** Renders the document and opens it in the system viewer; `false` when any step failed. */
export async function openCaseDocument(caseId: string, kind: RenderKind): Promise<boolean> {
  const rendered = await renderCaseDocument(caseId, kind)
  if (!rendered.ok) return false
  const urls = await wx.cloud.getTempFileURL({ fileList: [rendered.data.fileId] })
  const url = urls.fileList[0]?.tempFileURL
  if (!url) return false
  const filePath = await new Promise<string | undefined>((resolve) => {
    wx.downloadFile({
      url,
      success: (res) => resolve(res.statusCode === 200 ? res.tempFilePath : undefined),
      fail: () => resolve(undefined),
    })
  })
  if (!filePath) return false
  try {
    await wx.openDocument({ filePath, fileType: 'pdf', showMenu: true })
    return true
  } catch {
    return false
  }
}

/** A short-lived download URL of a cloud file; undefined when storage refused or failed. */
export async function cloudFileUrl(fileId: string): Promise<string | undefined> {
  try {
    const res = await wx.cloud.getTempFileURL({ fileList: [fileId] })
    return res.fileList[0]?.tempFileURL || undefined
  } catch {
    return undefined
  }
}
