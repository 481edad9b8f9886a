import { PDFDocument } from 'pdf-lib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { download, pdfText, seedOrganisations, settledCase } from './support/settled-case-fixtures'

let h: Harness

beforeAll(async () => {
  h = await startHarness([
    'verifyIdentity',
    'mediatorDesk',
    'signAgreement',
    'judicialConfirmation',
    'renderDocument',
  ])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

async function urlBytes(url: string): Promise<Buffer> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  return Buffer.from(await res.arrayBuffer())
}

describe('renderDocument.render', () => {
  it('renders the signed agreement as a PDF with an embedded subset CJK font', async () => {
    const caseId = await settledCase(h)
    const res = await h.call(PEOPLE.applicant, 'renderDocument', 'render', {
      caseId,
      kind: 'agreement',
    })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    expect(res.data.fileId).toMatch(new RegExp(`/cases/${caseId}/documents/agreement-v1\\.pdf$`))
    const bytes = await download(h, res.data.fileId)
    expect(bytes.length).toBe(res.data.bytes)
    // The client opens the function-issued URL: it cannot read a function-made file itself.
    expect(await urlBytes(res.data.url)).toEqual(bytes)
    expect(Date.parse(res.data.urlExpiresAt) - Date.now()).toBeGreaterThan(500_000)
    expect(Date.parse(res.data.urlExpiresAt) - Date.now()).toBeLessThanOrEqual(600_000)
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7')
    const pdf = await PDFDocument.load(bytes)
    expect(pdf.getPageCount()).toBe(res.data.pages)
    expect(pdf.getTitle()).toBe('调解协议书')
    const { text, baseFont, fontBytes } = await pdfText(bytes)
    expect(baseFont).toMatch(/^\/[A-Z]{6}\+NotoSansSC-Regular$/)
    // A subset: the full font is 10 MB; the embedded one holds only the glyphs used.
    expect(fontBytes).toBeGreaterThan(1_000)
    expect(fontBytes).toBeLessThan(300_000)
    expect(text).toContain('调解协议书')
    expect(text).toContain('张伟')
    expect(text).toContain('李娜')
    expect(text).toContain('签署记录')
    expect(text).not.toContain('11010519491231002X')
    expect(text).not.toContain('�')

    const mediator = await h.call(PEOPLE.mediator, 'renderDocument', 'render', {
      caseId,
      kind: 'agreement',
    })
    expect(mediator).toMatchObject({ ok: true })
    const staff = await h.call(PEOPLE.staffA, 'renderDocument', 'render', {
      caseId,
      kind: 'agreement',
    })
    expect(staff).toMatchObject({ ok: true })
  })

  it('renders the judicial confirmation application with the court and full names', async () => {
    const caseId = await settledCase(h)
    expect(
      await h.call(PEOPLE.applicant, 'renderDocument', 'render', {
        caseId,
        kind: 'confirmation_application',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_CONFIRMATION' } })
    await h.call(
      PEOPLE.applicant,
      'judicialConfirmation',
      'initiate',
      { caseId, courtBasis: 'organisation_seat', courtName: '北京市西城区人民法院' },
      rid(),
    )
    await h.call(PEOPLE.respondent, 'judicialConfirmation', 'consent', { caseId }, rid())
    const res = await h.call(PEOPLE.respondent, 'renderDocument', 'render', {
      caseId,
      kind: 'confirmation_application',
    })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    const fromUrl = await urlBytes(res.data.url)
    expect(fromUrl.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const { text } = await pdfText(fromUrl)
    expect(text).toContain('司法确认申请书')
    expect(text).toContain('北京市西城区人民法院')
    expect(text).toContain('申请人：张伟')
    expect(text).toContain('被申请人：李娜')
    expect(text).toContain('由其转交人民法院')
    expect(text).toContain('调解组织所在地')
  })

  it('refuses strangers, mediators for other documents, and unknown kinds', async () => {
    const caseId = await settledCase(h)
    expect(
      await h.call(PEOPLE.stranger, 'renderDocument', 'render', { caseId, kind: 'agreement' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.staffB, 'renderDocument', 'render', { caseId, kind: 'agreement' }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.mediator, 'renderDocument', 'render', {
        caseId,
        kind: 'confirmation_application',
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.applicant, 'renderDocument', 'render', {
        caseId,
        kind: 'mediation_document',
      }),
    ).toMatchObject({ ok: false, error: { code: 'NO_DOCUMENT_REQUEST' } })
    expect(
      await h.call(PEOPLE.applicant, 'renderDocument', 'render', {
        caseId,
        kind: 'poster' as never,
      }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payload.kind' } })
  })
})
