import { beforeAll, describe, expect, it } from 'vitest'
import { arrangeCase, PARTIES, type ArrangedCase } from './support/arrange'
import { ok, readCollection } from './support/emulator'
import {
  evaluate,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForSelector,
  waitUntil,
  type Element,
} from './support/harness'
import { textIn, waitForText } from './support/page-text'

// 申请出具调解书: 张伟's page offers 申请; 王芳 applies on her phone first, so 张伟's tap is
// refused with its message and his page shows her request; the chamber's staff process and
// issue the document; 张伟 sees 已出具 with the document number, and 下载 opens a real PDF.

useFreshData()
const applicant = useApp({ as: PARTIES.applicant })

let arranged: ArrangedCase
let staff = ''
beforeAll(async () => {
  arranged = await arrangeCase('settled')
  const [caseDoc] = await readCollection('mediation_cases', { _id: arranged.caseId })
  const [member] = await readCollection('staff_members', {
    organisationId: caseDoc?.['organisationId'],
  })
  staff = (member?.['openid'] as string | undefined) ?? ''
})

interface Opened {
  fileType: string
  head: string
  size: number
}

/**
 * Taps 下载 with `wx.openDocument` replaced by a probe that reports what the page hands WeChat's
 * viewer, then reads that downloaded temp file in the app: it must be a real PDF.
 */
async function openedOnTap(button: Element): Promise<Opened> {
  const seen: { filePath: string; fileType?: string }[] = []
  await applicant.mp.exposeFunction('reportOpenedDocument', (o: unknown) =>
    seen.push(o as { filePath: string; fileType?: string }),
  )
  await applicant.mp.mockWxMethod(
    'openDocument',
    function (options: { filePath: string; fileType?: string }) {
      ;(globalThis as unknown as { reportOpenedDocument(o: unknown): void }).reportOpenedDocument({
        filePath: options.filePath,
        fileType: options.fileType,
      })
      return { errMsg: 'openDocument:ok' }
    },
  )
  let opened: { filePath: string; fileType?: string }
  try {
    await button.tap()
    opened = await waitUntil('openDocument 被调用', () => seen[0], 30_000)
  } finally {
    await applicant.mp.restoreWxMethod('openDocument')
  }
  const bytes = await evaluate<{ head: string; size: number }>(
    applicant.mp,
    async (filePath: string) => {
      const data = new Uint8Array(await (await fetch(filePath)).arrayBuffer())
      return { head: String.fromCharCode(...data.slice(0, 5)), size: data.length }
    },
    opened.filePath,
  )
  return { fileType: opened.fileType ?? '', ...bytes }
}

describe('申请出具调解书', () => {
  it('refuses a second application with its message, then shows the issued document', async () => {
    expect(staff).not.toBe('')
    const url = `/pages/case/document/index?caseId=${arranged.caseId}`
    const page = await relaunch(applicant.mp, url)
    await waitForSelector(page, '#apply-document', 15_000)
    expect(await textIn(page, '#document-status')).toBe('未申请')

    await ok(PARTIES.respondent, 'mediationDocument', 'apply', { caseId: arranged.caseId })
    await (await waitForSelector(page, '#apply-document')).tap()
    await waitForText(page, '#t-message', '本案已申请出具调解书')
    await waitForText(page, '#document-status', '已申请')
    expect(await page.$('#apply-document')).toBeNull()
    expect(await page.$('#download-document')).toBeNull()

    await ok(staff, 'mediationDocument', 'process', { caseId: arranged.caseId })
    const issued = await ok(staff, 'mediationDocument', 'issue', {
      caseId: arranged.caseId,
      generate: true,
    })
    expect(issued.status).toBe('issued')

    const again = await relaunch(applicant.mp, url)
    const done = await waitForText(again, '#document-issued', '调解书已出具')
    expect(done).toContain(issued.documentNumber ?? '')
    expect(await textIn(again, '#document-status')).toBe('已出具')
    const download = await waitForSelector(again, '#download-document')
    expect(await textOf(download)).toBe('下载调解书 PDF')
    const opened = await openedOnTap(download)
    expect(opened.fileType).toBe('pdf')
    expect(opened.head).toBe('%PDF-')
    expect(opened.size).toBeGreaterThan(1000)

    const [stored] = await readCollection('document_requests', { caseId: arranged.caseId })
    expect(stored?.['status']).toBe('issued')
    expect((stored?.['documentFileId'] as string | undefined) ?? '').not.toBe('')
  })
})
