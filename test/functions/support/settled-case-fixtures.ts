// Cases after mediation for the tests of judicialConfirmation, mediationDocument, fileCase,
// withdrawCase and renderDocument. Settled and closed cases are reached through the real actions
// (mediatorDesk accept → draft → send, signAgreement by all three; mediatorDesk closeCase); cases
// that need a state those actions cannot reach quickly (an agreement effective 40 days ago, a
// dispute type courts do not confirm) are copies of a real settled case with those fields changed.
import { inflateSync } from 'node:zlib'
import {
  type PDFArray,
  type PDFDict,
  PDFDocument,
  PDFName,
  type PDFRawStream,
  PDFRef,
} from 'pdf-lib'
import type { AgreementView } from '../../../typings/api/signAgreement'
import { PEOPLE, rid, upload, useSdkInProcess, type Harness } from '../harness'
import { TERMS, caseAwaitingMediator } from './case-fixtures'

/** Organisations as the seed stores them: region, jurisdiction, seat address and courts. */
export async function seedOrganisations(h: Harness): Promise<void> {
  const beijing = { provinceCode: '110000', cityCode: '110100', cityName: '北京市' }
  const shanghai = { provinceCode: '310000', cityCode: '310100', cityName: '上海市' }
  await h.insert('organisations', [
    {
      _id: 'org_a',
      name: '北京市工商联商会调解中心',
      type: 'commercial_mediation_org',
      region: beijing,
      jurisdiction: ['110100'],
      address: '北京市西城区复兴门内大街 101 号',
      courts: [
        { name: '北京市西城区人民法院', level: 'basic', region: beijing },
        { name: '北京市第二中级人民法院', level: 'intermediate', region: beijing },
      ],
      version: 1,
    },
    {
      _id: 'org_b',
      name: '上海市工商联人民调解委员会',
      type: 'people_mediation_committee',
      region: shanghai,
      jurisdiction: ['310100', '110000'],
      address: '上海市黄浦区某路 1 号',
      courts: [{ name: '上海市黄浦区人民法院', level: 'basic', region: shanghai }],
      version: 1,
    },
  ])
  await h.insert('staff_members', [
    { _id: 'stf_a', openid: PEOPLE.staffA, organisationId: 'org_a', role: 'reviewer', version: 1 },
    { _id: 'stf_b', openid: PEOPLE.staffB, organisationId: 'org_b', role: 'reviewer', version: 1 },
  ])
  await h.insert('mediators', [
    { _id: 'med_1', openid: PEOPLE.mediator, organisationId: 'org_a', name: '王调解', version: 1 },
  ])
}

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const res = await p
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data as T
}

/** A file uploaded under the user's private prefix (signature images, rulings, documents). */
export async function privateFile(h: Harness, openid: string, name: string): Promise<string> {
  useSdkInProcess(h)
  const { privatePrefix } = await import('../../../cloudfunctions/_shared/storage')
  return upload(h, `${privatePrefix(openid)}${name}`)
}

/** Changes fields of a stored document straight in the engine (set-up only). */
export async function patchDoc(
  h: Harness,
  collection: string,
  id: string,
  fields: Record<string, unknown>,
): Promise<void> {
  await h.emulator.database.engine.update(
    h.emulator.envId,
    collection,
    { _id: id },
    { $set: fields },
  )
}

/**
 * A case in `awaiting_mediator` with a dispute type from the catalogue (the shared fixture's
 * `sales_contract` is not a catalogue code, and courts only confirm known types).
 */
export async function awaitingMediator(h: Harness): Promise<string> {
  const caseId = await caseAwaitingMediator(h)
  await patchDoc(h, 'mediation_cases', caseId, { disputeType: 'sale_contract' })
  return caseId
}

/** A case the seeded mediator accepted (status `accepted`, ready for a call or a draft). */
export async function acceptedCase(h: Harness): Promise<string> {
  const caseId = await awaitingMediator(h)
  await ok(h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid()))
  return caseId
}

/** A case settled through the real actions: agreement drafted, sent and signed by all. */
export async function settledCase(h: Harness): Promise<string> {
  const caseId = await acceptedCase(h)
  await ok(
    h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '双方因货款结算发生争议。', terms: TERMS },
      rid(),
    ),
  )
  const a = await ok<AgreementView>(
    h.call(PEOPLE.mediator, 'mediatorDesk', 'sendForSigning', { caseId, version: 1 }, rid()),
  )
  for (const openid of [PEOPLE.applicant, PEOPLE.respondent, PEOPLE.mediator]) {
    const fileId = await privateFile(h, openid, `signatures/${caseId}.png`)
    await ok(
      h.call(
        openid,
        'signAgreement',
        'sign',
        { caseId, version: a.version, hash: a.hash, signatureImageFileId: fileId },
        rid(),
      ),
    )
  }
  return caseId
}

/** A case the mediator closed as failed: what online filing starts from. */
export async function closedCase(h: Harness): Promise<string> {
  const caseId = await acceptedCase(h)
  await ok(
    h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'closeCase',
      { caseId, kind: 'failed', reason: '双方对金额分歧过大' },
      rid(),
    ),
  )
  return caseId
}

let copies = 0

/** A copy of a settled case (and its agreement) with some fields changed. */
export async function settledCopy(
  h: Harness,
  sourceCaseId: string,
  changes: { caseFields?: Record<string, unknown>; agreementFields?: Record<string, unknown> },
): Promise<string> {
  copies += 1
  const caseId = `${sourceCaseId}_c${copies}`
  const [c] = await h.docs('mediation_cases', { _id: sourceCaseId })
  const [a] = await h.docs('agreements', { _id: `agr_${sourceCaseId}` })
  if (!c || !a) throw new Error('source case not settled')
  const caseNumber = `TJ20261201${String(800000 + copies)}`
  await h.insert('mediation_cases', [{ ...c, ...changes.caseFields, _id: caseId, caseNumber }])
  await h.insert('agreements', [
    { ...a, ...changes.agreementFields, _id: `agr_${caseId}`, caseId, caseNumber },
  ])
  return caseId
}

/** Downloads a stored file as the test runner (the path was checked by the function). */
export async function download(h: Harness, fileId: string): Promise<Buffer> {
  useSdkInProcess(h)
  const cloud = await import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const res = (await cloud.downloadFile({ fileID: fileId })) as { fileContent: Buffer }
  return res.fileContent
}

/** The text of every page, decoded through the embedded font's ToUnicode map. */
export async function pdfText(
  bytes: Buffer,
): Promise<{ text: string; baseFont: string; fontBytes: number }> {
  const pdf = await PDFDocument.load(bytes)
  const ctx = pdf.context
  const deref = <T>(x: unknown): T => (x instanceof PDFRef ? ctx.lookup(x) : x) as T
  const streamBytes = (s: PDFRawStream) => Buffer.from(inflateSync(s.contents))
  let text = ''
  let baseFont = ''
  let fontBytes = 0
  for (const page of pdf.getPages()) {
    const fonts = deref<PDFDict>(deref<PDFDict>(page.node.Resources()).get(PDFName.of('Font')))
    const f1 = deref<PDFDict>(fonts.get(PDFName.of('F1')))
    baseFont = String(f1.get(PDFName.of('BaseFont')))
    const cmap = streamBytes(deref<PDFRawStream>(f1.get(PDFName.of('ToUnicode')))).toString(
      'latin1',
    )
    const map = new Map<string, string>()
    for (const m of cmap.matchAll(/<([0-9A-F]{4})> <([0-9A-F]+)>/g)) {
      map.set(m[1]!, Buffer.from(m[2]!, 'hex').swap16().toString('utf16le'))
    }
    const cid = deref<PDFDict>(deref<PDFArray>(f1.get(PDFName.of('DescendantFonts'))).get(0))
    const descriptor = deref<PDFDict>(cid.get(PDFName.of('FontDescriptor')))
    fontBytes = streamBytes(deref<PDFRawStream>(descriptor.get(PDFName.of('FontFile2')))).length
    const contents = streamBytes(deref<PDFRawStream>(page.node.get(PDFName.of('Contents'))))
    for (const m of contents.toString('latin1').matchAll(/<([0-9A-F]*)> Tj/g)) {
      text += (m[1]!.match(/.{4}/g) ?? []).map((g) => map.get(g) ?? '�').join('') + '\n'
    }
  }
  return { text, baseFont, fontBytes }
}
