// Handwritten signature images go through mediaCheckAsync like evidence images. The emulator
// pushes each verdict to mediationCase as the platform would; a pass changes nothing visible, a
// doubtful image is flagged for the mediator and staff, a risky one withdraws the signature of
// an agreement still being signed, and on an effective agreement goes to staff unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SIGNATURE_VOIDED_MESSAGE } from '../../miniprogram/core/signature-verdict'
import { PUSH_SOURCE } from '../../tools/cloudbase-emulator/src/openapi/index'
import { pushEventOf } from '../../tools/cloudbase-emulator/src/openapi/media-check-push'
import type { AgreementReadView, AgreementView } from '../../typings/api/signAgreement'
import {
  PEOPLE,
  rid,
  seedRoles,
  startHarness,
  upload,
  useSdkInProcess,
  type Harness,
} from './harness'
import {
  APPLICANT,
  RESPONDENT,
  TERMS,
  caseAwaitingMediator,
  chainOf,
} from './support/case-fixtures'

const A = APPLICANT.openid
const R = RESPONDENT.openid
const M = PEOPLE.mediator

let h: Harness

beforeAll(async () => {
  // Only the control endpoint delivers, so each step sees the state it expects.
  process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '-1'
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'signAgreement', 'mediationCase'])
  await seedRoles(h)
})
afterAll(async () => {
  delete process.env['EMULATOR_MEDIA_CHECK_DELAY_MS']
  await h.stop()
})

async function data<T>(p: Promise<{ ok: boolean; data?: T; error?: unknown }>): Promise<T> {
  const res = await p
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data as T
}

/** A signature image; the emulator's checker decides by the file name (EMULATOR-RISKY-…). */
async function signatureOf(openid: string, name: string): Promise<string> {
  useSdkInProcess(h)
  const { privatePrefix } = await import('../../cloudfunctions/_shared/storage')
  return upload(h, `${privatePrefix(openid)}signatures/${name}-${rid()}.png`)
}

async function signingCase(): Promise<{ caseId: string; agreement: AgreementView }> {
  const caseId = await caseAwaitingMediator(h)
  await data(h.call(M, 'mediatorDesk', 'accept', { caseId }, rid()))
  await data(
    h.call(
      M,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '双方因货款结算发生争议。', terms: TERMS },
      rid(),
    ),
  )
  const agreement = await data<AgreementView>(
    h.call(M, 'mediatorDesk', 'sendForSigning', { caseId, version: 1 }, rid()),
  )
  return { caseId, agreement }
}

const sign = (
  openid: string,
  caseId: string,
  a: AgreementView,
  fileId: string,
  requestId = rid(),
) =>
  h.call(
    openid,
    'signAgreement',
    'sign',
    { caseId, version: a.version, hash: a.hash, signatureImageFileId: fileId },
    requestId,
  )

interface CheckRow {
  signerId: string
  role: string
  fileId: string
  traceId: string | null
  check: string
  outcome: string | null
}

async function agreementDoc(caseId: string) {
  const [doc] = await h.docs('agreements', { caseId })
  return doc as
    { status: string; signatures: { signerId: string }[]; signatureChecks?: CheckRow[] } | undefined
}

async function checkOf(caseId: string, fileId: string): Promise<CheckRow> {
  const row = (await agreementDoc(caseId))?.signatureChecks?.find((c) => c.fileId === fileId)
  if (!row) throw new Error(`no check recorded for ${fileId}`)
  return row
}

async function deliver(traceId: string) {
  const res = await fetch(`${h.emulator.baseUrl}/__emulator/media-checks/deliver`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ traceId }),
  })
  const body = (await res.json()) as { delivered: { traceId: string; ok: boolean }[] }
  return body.delivered
}

/** How many checks the emulator was asked for (its collection exists from the first one on). */
const checksRecorded = () =>
  h.emulator.database.listCollections('demo-local').includes('emulator_media_checks')
    ? h.emulator.database.collection('demo-local', 'emulator_media_checks').find({}).length
    : 0

async function faults(config: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${h.emulator.baseUrl}/__emulator/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(config),
  })
  if (!res.ok) throw new Error(`faults ${res.status}`)
}

const get = (openid: string, caseId: string) =>
  data<AgreementReadView>(h.call(openid, 'signAgreement', 'get', { caseId }))

const signedRoles = (v: AgreementView) => v.signers.filter((s) => s.signed).map((s) => s.role)

const timeline = (caseId: string, type: string) => h.docs('case_events', { caseId, type })

describe('signAgreement asks for the check of each signature image', () => {
  it('records one pending check per signature; a repeat or a second try asks for none', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(A, 'clean')
    const before = checksRecorded()
    const requestId = rid()
    const first = await sign(A, caseId, agreement, file, requestId)
    expect(first).toMatchObject({ ok: true, data: { effective: false } })
    const row = await checkOf(caseId, file)
    expect(row).toMatchObject({ role: 'applicant', check: 'pending', outcome: null })
    expect(row.traceId).toMatch(/^local-/)
    expect(checksRecorded()).toBe(before + 1)

    const repeat = await sign(A, caseId, agreement, file, requestId)
    expect(repeat).toEqual(first)
    const again = await sign(A, caseId, agreement, file)
    expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_SIGNED' } })
    expect(checksRecorded()).toBe(before + 1)
    expect((await agreementDoc(caseId))?.signatureChecks).toHaveLength(1)
  })

  it('a passing image changes nothing anyone sees', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(A, 'clean')
    await data(sign(A, caseId, agreement, file))
    const { traceId } = await checkOf(caseId, file)
    expect(await deliver(traceId ?? '')).toEqual([expect.objectContaining({ ok: true })])
    expect(await checkOf(caseId, file)).toMatchObject({ check: 'pass', outcome: 'clear' })
    expect(signedRoles(await get(A, caseId))).toEqual(['applicant'])
    expect((await get(M, caseId)).signatureChecks).toEqual([])
    expect(await h.docs('messages', { toOpenid: A, title: '签名未通过检测，请重新签署' })).toEqual(
      [],
    )
  })
})

describe('a signature image that could not be sent to the check', () => {
  it('still counts as signed and goes to the mediator and staff as unchecked', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(A, 'clean')
    const before = checksRecorded()
    // The image's temporary URL cannot be made, so no check can be asked for.
    await faults({ storage: { failNext: 1 }, match: { functions: ['signAgreement'] } })
    const res = await sign(A, caseId, agreement, file)
    await fetch(`${h.emulator.baseUrl}/__emulator/faults`, { method: 'DELETE' })
    expect(res).toMatchObject({ ok: true, data: { effective: false } })
    expect(checksRecorded()).toBe(before)
    expect(await checkOf(caseId, file)).toMatchObject({
      traceId: null,
      check: 'review',
      outcome: 'flag',
    })
    expect((await get(M, caseId)).signatureChecks).toEqual([
      expect.objectContaining({
        role: 'applicant',
        outcome: 'flag',
        note: '签名图片未能提交内容安全检测，请人工核对签名图片',
      }),
    ])
    expect((await get(A, caseId)).signatureChecks).toEqual([])
    const [entry] = await timeline(caseId, 'agreement.signature_flagged')
    expect(entry).toMatchObject({ visibility: 'internal', data: { signer: '申请人' } })
  })
})

describe('a doubtful signature image', () => {
  it('is flagged for the mediator and staff; the parties and the signature are unchanged', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(R, 'EMULATOR-REVIEW-sig')
    await data(sign(R, caseId, agreement, file))
    await deliver((await checkOf(caseId, file)).traceId ?? '')
    expect(await checkOf(caseId, file)).toMatchObject({ check: 'review', outcome: 'flag' })

    for (const reviewer of [M, PEOPLE.staffA]) {
      const view = await get(reviewer, caseId)
      expect(view.signatureChecks).toEqual([
        expect.objectContaining({
          role: 'respondent',
          roleLabel: '被申请人',
          outcome: 'flag',
          note: expect.stringContaining('人工复核') as unknown,
          version: 1,
        }),
      ])
    }
    const party = await get(R, caseId)
    expect(party.signatureChecks).toEqual([])
    expect(signedRoles(party)).toEqual(['respondent'])
    const [entry] = await timeline(caseId, 'agreement.signature_flagged')
    expect(entry).toMatchObject({ visibility: 'internal', data: { signer: '被申请人' } })
  })
})

describe('a risky signature image before the agreement is effective', () => {
  let caseId: string
  let agreement: AgreementView
  let file: string

  beforeAll(async () => {
    ;({ caseId, agreement } = await signingCase())
    await data(sign(R, caseId, agreement, await signatureOf(R, 'clean')))
    file = await signatureOf(A, 'EMULATOR-RISKY-sig')
    await data(sign(A, caseId, agreement, file))
    await deliver((await checkOf(caseId, file)).traceId ?? '')
  })

  it('withdraws that signature only: the signer is back to 待签', async () => {
    expect(await checkOf(caseId, file)).toMatchObject({ check: 'risky', outcome: 'void' })
    const mine = await get(A, caseId)
    expect(mine).toMatchObject({ status: 'signing', mySignaturePending: true })
    expect(signedRoles(mine)).toEqual(['respondent'])
    const audit = await h.docs('audit_events', { action: 'agreement.signature_withdrawn' })
    expect(audit.filter((e) => String(e['entityId']).includes(caseId))).toHaveLength(1)
    expect(await chainOf(h, 'agreements', mine.agreementId)).toMatchObject({ ok: true })
  })

  it('tells the signer in 消息 and shows the other party and the mediator a timeline entry', async () => {
    const told = await h.docs('messages', { toOpenid: A, title: '签名未通过检测，请重新签署' })
    expect(told).toHaveLength(1)
    expect(told[0]?.['body']).toContain(SIGNATURE_VOIDED_MESSAGE)
    expect(told[0]?.['link']).toBe(`/pages/case/agreement/index?caseId=${caseId}`)
    const [entry] = await timeline(caseId, 'agreement.signature_withdrawn')
    expect(entry).toMatchObject({ visibility: 'all', data: { signer: '申请人' } })
    const detail = await data(h.call(R, 'mediationCase', 'detail', { caseId }))
    expect(detail.timeline.map((t) => t.label)).toContain(
      '签名图片未通过内容安全检测，签名已撤回待重新签署',
    )
    expect((await get(M, caseId)).signatureChecks).toEqual([
      expect.objectContaining({ role: 'applicant', outcome: 'void' }),
    ])
  })

  it('takes a new signature with a clean image, which the mediator then completes', async () => {
    const clean = await signatureOf(A, 'clean-again')
    const res = await sign(A, caseId, agreement, clean)
    expect(res).toMatchObject({ ok: true, data: { effective: false } })
    const done = await data(sign(M, caseId, agreement, await signatureOf(M, 'clean')))
    expect(done.effective).toBe(true)
    expect((await agreementDoc(caseId))?.signatureChecks).toHaveLength(4)
  })

  it('applies each trace id once: a repeated, contradicting push changes nothing', async () => {
    const { traceId } = await checkOf(caseId, file)
    const record = h.emulator.database
      .collection('demo-local', 'emulator_media_checks')
      .findOne({ traceId })
    const repeat = { ...pushEventOf(record ?? {}), result: { suggest: 'pass', label: 100 } }
    const out = await h.functions.invoke('mediationCase', repeat, { source: PUSH_SOURCE })
    expect('result' in out && out.result).toEqual({
      ok: true,
      data: { traceId, outcome: 'duplicate', verdict: 'pass' },
    })
    expect(await checkOf(caseId, file)).toMatchObject({ check: 'risky', outcome: 'void' })
    expect((await agreementDoc(caseId))?.status).toBe('effective')
  })

  it('refuses the push shape from the mini-program', async () => {
    const { traceId } = await checkOf(caseId, file)
    const forged = {
      MsgType: 'event',
      Event: 'wxa_media_check',
      trace_id: traceId,
      version: 2,
      result: { suggest: 'risky', label: 20002 },
    }
    for (const openid of [A, undefined]) {
      expect(await h.raw(openid, 'mediationCase', forged)).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: '该事件只能由微信平台推送' },
      })
    }
  })
})

describe('a risky signature image on an effective agreement', () => {
  it('leaves the agreement signed and puts it before the mediator and staff', async () => {
    const { caseId, agreement } = await signingCase()
    await data(sign(A, caseId, agreement, await signatureOf(A, 'clean')))
    await data(sign(R, caseId, agreement, await signatureOf(R, 'clean')))
    const file = await signatureOf(M, 'EMULATOR-RISKY-sig')
    expect(await data(sign(M, caseId, agreement, file))).toMatchObject({ effective: true })
    await deliver((await checkOf(caseId, file)).traceId ?? '')

    expect(await checkOf(caseId, file)).toMatchObject({ check: 'risky', outcome: 'escalate' })
    const view = await get(A, caseId)
    expect(view.status).toBe('effective')
    expect(signedRoles(view)).toEqual(['applicant', 'respondent', 'mediator'])
    const [c] = await h.docs('mediation_cases', { _id: caseId })
    expect(c?.['status']).toBe('settled')
    const audit = await h.docs('audit_events', { action: 'agreement.signature_escalated' })
    expect(audit.filter((e) => String(e['entityId']).includes(caseId))).toHaveLength(1)
    const links = {
      [M]: `/pages/mediator/agreement-editor/index?caseId=${caseId}`,
      [PEOPLE.staffA]: `/pages/case/agreement/index?caseId=${caseId}`,
    }
    for (const [openid, link] of Object.entries(links)) {
      const told = await h.docs('messages', { toOpenid: openid, title: '已生效协议的签名需核查' })
      const mine = told.filter((m) => String(m['body']).includes(agreement.caseNumber))
      expect(mine.map((m) => m['link'])).toEqual([link])
    }
    expect((await get(PEOPLE.staffA, caseId)).signatureChecks).toEqual([
      expect.objectContaining({ role: 'mediator', outcome: 'escalate' }),
    ])
    const [entry] = await timeline(caseId, 'agreement.signature_escalated')
    expect(entry).toMatchObject({ visibility: 'internal' })
    expect(await h.docs('messages', { toOpenid: M, title: '签名未通过检测，请重新签署' })).toEqual(
      [],
    )
  })
})

describe('a verdict pushed before its signature is committed', () => {
  it('is held, and applied when the retried signature commits with the same check', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(A, 'EMULATOR-RISKY-late')
    const before = checksRecorded()
    // The first write of the signature fails after the check was asked for.
    await faults({
      database: { failNext: 1 },
      match: { functions: ['signAgreement'], collections: ['agreements'] },
    })
    const requestId = rid()
    const failed = await sign(A, caseId, agreement, file, requestId)
    await fetch(`${h.emulator.baseUrl}/__emulator/faults`, { method: 'DELETE' })
    expect(failed.ok).toBe(false)
    expect((await agreementDoc(caseId))?.signatures).toEqual([])
    const [record] = h.emulator.database
      .collection('demo-local', 'emulator_media_checks')
      .find({})
      .slice(before)
    const traceId = String(record?.['traceId'])
    const pushed = await h.functions.invoke('mediationCase', pushEventOf(record ?? {}), {
      source: PUSH_SOURCE,
    })
    expect('result' in pushed && pushed.result).toEqual({
      ok: true,
      data: { traceId, outcome: 'held', verdict: 'risky' },
    })

    const retried = await sign(A, caseId, agreement, file, requestId)
    expect(retried).toMatchObject({ ok: true, data: { effective: false } })
    expect(checksRecorded()).toBe(before + 1)
    expect(await checkOf(caseId, file)).toMatchObject({ traceId, check: 'risky', outcome: 'void' })
    expect((await get(A, caseId)).mySignaturePending).toBe(true)
    const told = await h.docs('messages', { toOpenid: A, title: '签名未通过检测，请重新签署' })
    expect(told.filter((m) => String(m['body']).includes(agreement.caseNumber))).toHaveLength(1)
  })
})
