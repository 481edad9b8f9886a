// Opens a case PDF in WeChat's document viewer: render it (renderDocument, which answers a
// temporary download URL: the storage rule lets the client read only its own uploads, so it
// cannot ask for one itself), wx.downloadFile, wx.openDocument. Every failure comes back with
// the Chinese message to show, the function's own when the render was refused.
import type { RenderKind } from '../../typings/api/renderDocument'
import { renderCaseDocument } from '../services/documents'

export type OpenResult = { readonly ok: true } | { readonly ok: false; readonly message: string }

const DOWNLOAD_FAILED = '文件下载失败，请检查网络后重试'
const OPEN_FAILED = '无法打开文件，请稍后重试'

function download(url: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    wx.downloadFile({
      url,
      success: (res) => resolve(res.statusCode === 200 ? res.tempFilePath : undefined),
      fail: () => resolve(undefined),
    })
  })
}

/** Downloads a PDF from a temporary URL and opens it. */
export async function openPdf(url: string): Promise<OpenResult> {
  const filePath = await download(url)
  if (!filePath) return { ok: false, message: DOWNLOAD_FAILED }
  try {
    await wx.openDocument({ filePath, fileType: 'pdf', showMenu: true })
    return { ok: true }
  } catch {
    return { ok: false, message: OPEN_FAILED }
  }
}

/** Renders the case document of this kind and opens it. */
export async function openCaseDocument(caseId: string, kind: RenderKind): Promise<OpenResult> {
  const rendered = await renderCaseDocument(caseId, kind)
  if (!rendered.ok) return { ok: false, message: rendered.error.message }
  return openPdf(rendered.data.url)
}
