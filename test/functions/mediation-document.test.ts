import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { chainOf } from './support/case-fixtures'
import {
  download,
  pdfText,
  privateFile,
  seedOrganisations,
  settledCase,
} from './support/settled-case-fixtures'

let h: Harness

beforeAll(async () => {
  h = await startHarness([
    'verifyIdentity',
    'mediatorDesk',
    'signAgreement',
    'mediationDocument',
    'renderDocument',
  ])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

describe('mediationDocument', () => {
  it('apply → process → issue (generated PDF) and the parties see the number and file', async () => {
    const caseId = await settledCase(h)
    const requestId = rid()
    const applied = await h.call(
      PEOPLE.applicant,
      'mediationDocument',
      'apply',
      { caseId },
      requestId,
    )
    expect(applied).toMatchObject({
      ok: true,
      data: { status: 'applied', appliedByMe: true, allowedActions: ['withdraw'] },
    })
    expect(
      await h.call(PEOPLE.applicant, 'mediationDocument', 'apply', { caseId }, requestId),
    ).toEqual(applied)
    expect(
      await h.call(PEOPLE.respondent, 'mediationDocument', 'apply', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_APPLIED' } })
    expect(
      await h.call(PEOPLE.respondent, 'mediationDocument', 'withdraw', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.applicant, 'mediationDocument', 'process', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.staffB, 'mediationDocument', 'process', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(PEOPLE.staffA, 'mediationDocument', 'issue', { caseId, generate: true }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } })

    const processing = await h.call(
      PEOPLE.staffA,
      'mediationDocument',
      'process',
      { caseId },
      rid(),
    )
    expect(processing).toMatchObject({ ok: true, data: { status: 'processing' } })
    const issueId = rid()
    const issued = await h.call(
      PEOPLE.staffA,
      'mediationDocument',
      'issue',
      { caseId, generate: true },
      issueId,
    )
    if (!issued.ok) throw new Error(JSON.stringify(issued.error))
    expect(issued.data.status).toBe('issued')
    expect(issued.data.documentNumber).toMatch(/^WS\d{8}\d{6}$/)
    expect(issued.data.documentFileId).toContain(`cases/${caseId}/documents/`)
    expect(
      await h.call(
        PEOPLE.staffA,
        'mediationDocument',
        'issue',
        { caseId, generate: true },
        issueId,
      ),
    ).toEqual(issued)

    const seen = await h.call(PEOPLE.respondent, 'mediationDocument', 'status', { caseId })
    expect(seen).toMatchObject({
      ok: true,
      data: { status: 'issued', appliedByMe: false, documentNumber: issued.data.documentNumber },
    })
    const inbox = await h.docs('messages', { toOpenid: PEOPLE.respondent })
    expect(inbox.some((m) => String(m['title']) === '调解书已出具')).toBe(true)

    const pdf = await pdfText(await download(h, issued.data.documentFileId ?? ''))
    expect(pdf.text).toContain('调解书')
    expect(pdf.text).toContain(issued.data.documentNumber)
    expect(pdf.text).toContain('张伟')
    expect(pdf.text).toContain('北京市工商联商会调解中心')
    expect(pdf.baseFont).toMatch(/^\/[A-Z]{6}\+NotoSansSC-Regular$/)
    expect(pdf.fontBytes).toBeLessThan(200_000)

    const rendered = await h.call(PEOPLE.applicant, 'renderDocument', 'render', {
      caseId,
      kind: 'mediation_document',
    })
    expect(rendered).toMatchObject({ ok: true })

    const [doc] = await h.docs('document_requests', { caseId })
    expect(await chainOf(h, 'document_requests', String(doc?.['_id']))).toMatchObject({
      ok: true,
      length: 3,
    })
  })

  it('staff may issue an uploaded file or refuse with a reason; strangers see nothing', async () => {
    const caseId = await settledCase(h)
    expect(await h.call(PEOPLE.stranger, 'mediationDocument', 'status', { caseId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    expect(await h.call(PEOPLE.applicant, 'mediationDocument', 'status', { caseId })).toEqual({
      ok: true,
      data: null,
    })
    await h.call(PEOPLE.respondent, 'mediationDocument', 'apply', { caseId }, rid())
    await h.call(PEOPLE.staffA, 'mediationDocument', 'process', { caseId }, rid())
    const foreign = await privateFile(h, PEOPLE.applicant, `docs/${caseId}.pdf`)
    expect(
      await h.call(
        PEOPLE.staffA,
        'mediationDocument',
        'issue',
        { caseId, documentFileId: foreign },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'FILE_NOT_OWNED' } })
    expect(
      await h.call(PEOPLE.staffA, 'mediationDocument', 'reject', { caseId, reason: '' }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payload.reason' } })
    const own = await privateFile(h, PEOPLE.staffA, `docs/${caseId}.pdf`)
    const issued = await h.call(
      PEOPLE.staffA,
      'mediationDocument',
      'issue',
      { caseId, documentFileId: own },
      rid(),
    )
    expect(issued).toMatchObject({ ok: true, data: { status: 'issued', documentFileId: own } })
    const render = await h.call(PEOPLE.respondent, 'renderDocument', 'render', {
      caseId,
      kind: 'mediation_document',
    })
    expect(render).toMatchObject({ ok: true, data: { fileId: own } })
    // The staff member's upload reaches the party through the URL the function issues.
    const issuedUrl = render.ok ? render.data.url : ''
    const served = await fetch(issuedUrl)
    expect(Buffer.from(await served.arrayBuffer())).toEqual(await download(h, own))

    const other = await settledCase(h)
    await h.call(PEOPLE.applicant, 'mediationDocument', 'apply', { caseId: other }, rid())
    const rejected = await h.call(
      PEOPLE.staffA,
      'mediationDocument',
      'reject',
      { caseId: other, reason: '协议内容需先补充履行期限' },
      rid(),
    )
    expect(rejected).toMatchObject({
      ok: true,
      data: { status: 'rejected', rejectReason: '协议内容需先补充履行期限', allowedActions: [] },
    })
  })

  // Each PDF is rendered with its number before the transaction takes it: the issue that loses
  // the number renders again with the next one, so no PDF carries another document's number.
  it('two issues at once get consecutive numbers, each printed in its own PDF', async () => {
    const caseIds = [await settledCase(h), await settledCase(h)]
    for (const caseId of caseIds) {
      await h.call(PEOPLE.applicant, 'mediationDocument', 'apply', { caseId }, rid())
      await h.call(PEOPLE.staffA, 'mediationDocument', 'process', { caseId }, rid())
    }
    const issued = await Promise.all(
      caseIds.map((caseId) =>
        h.call(PEOPLE.staffA, 'mediationDocument', 'issue', { caseId, generate: true }, rid()),
      ),
    )
    const views = issued.map((r) => (r.ok ? r.data : undefined))
    expect(views.map((v) => v?.status)).toEqual(['issued', 'issued'])
    const seqs = views.map((v) => Number(v?.documentNumber?.slice(-6))).sort((a, b) => a - b)
    expect(seqs[1]! - seqs[0]!).toBe(1)
    for (const v of views) {
      const pdf = await pdfText(await download(h, v?.documentFileId ?? ''))
      expect(pdf.text).toContain(v?.documentNumber)
    }
  })

  it('refuses a case that has not settled', async () => {
    const { caseAwaitingMediator } = await import('./support/case-fixtures')
    const caseId = await caseAwaitingMediator(h)
    expect(
      await h.call(PEOPLE.applicant, 'mediationDocument', 'apply', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'NOT_SETTLED' } })
  })
})
