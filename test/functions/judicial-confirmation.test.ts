import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { chainOf } from './support/case-fixtures'
import {
  privateFile,
  seedOrganisations,
  settledCase,
  settledCopy,
} from './support/settled-case-fixtures'

let h: Harness
const DAY = 86_400_000
const COURT = '北京市西城区人民法院'

beforeAll(async () => {
  h = await startHarness([
    'verifyIdentity',
    'mediatorDesk',
    'signAgreement',
    'judicialConfirmation',
  ])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

const initiate = (caseId: string, requestId = rid()) =>
  h.call(
    PEOPLE.applicant,
    'judicialConfirmation',
    'initiate',
    { caseId, courtBasis: 'organisation_seat', courtName: COURT },
    requestId,
  )

describe('judicialConfirmation.preview', () => {
  it('shows the generated application with masked parties and the competent courts', async () => {
    const caseId = await settledCase(h)
    const res = await h.call(PEOPLE.respondent, 'judicialConfirmation', 'preview', { caseId })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    const p = res.data
    expect(p.eligible).toBe(true)
    expect(p.ineligibleReason).toBeNull()
    expect(p.organisationName).toBe('北京市工商联商会调解中心')
    expect(p.parties.map((x) => x.maskedName)).toEqual(['张*', '李*'])
    expect(p.parties[0]?.maskedIdNumber).not.toContain('19491231')
    expect(JSON.stringify(p)).not.toMatch(/张伟|李娜|11010519491231002X/)
    expect(p.request).toContain('请求人民法院确认')
    expect(p.agreement.hash).toMatch(/^[0-9a-f]{64}$/)
    const court = p.courtOptions.find((c) => c.courtName === COURT)
    expect(court?.bases).toEqual(['party_domicile', 'subject_location', 'organisation_seat'])
    expect(court?.basisLabels).toContain('调解组织所在地')
    expect(new Date(p.deadline ?? 0).getTime() - Date.now()).toBeGreaterThan(29 * DAY)
  })

  it('is not eligible after 30 days or for dispute types courts do not confirm', async () => {
    const source = await settledCase(h)
    const old = await settledCopy(h, source, {
      agreementFields: { effectiveAt: new Date(Date.now() - 40 * DAY) },
    })
    const late = await h.call(PEOPLE.applicant, 'judicialConfirmation', 'preview', { caseId: old })
    expect(late).toMatchObject({ ok: true, data: { eligible: false } })
    if (late.ok) expect(late.data.ineligibleReason).toMatch(/30/)
    const refused = await initiate(old)
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_WINDOW_CLOSED' } })

    const equity = await settledCopy(h, source, {
      caseFields: { disputeType: 'equity_and_company' },
    })
    const res = await initiate(equity)
    expect(res).toMatchObject({ ok: false, error: { code: 'NOT_COURT_CONFIRMABLE' } })
    if (!res.ok) expect(res.error.message).toContain('调解书')
  })

  it('refuses strangers, unsettled cases and courts outside the options', async () => {
    const caseId = await settledCase(h)
    expect(
      await h.call(PEOPLE.stranger, 'judicialConfirmation', 'preview', { caseId }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(
        PEOPLE.applicant,
        'judicialConfirmation',
        'initiate',
        { caseId, courtBasis: 'organisation_seat', courtName: '上海市黄浦区人民法院' },
        rid(),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'COURT_NOT_AVAILABLE', field: 'payload.courtName' },
    })
    expect(
      await h.call(
        PEOPLE.applicant,
        'judicialConfirmation',
        'initiate',
        { caseId, courtBasis: 'nowhere' as never, courtName: COURT },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'payload.courtBasis' } })
  })
})

describe('judicialConfirmation journey', () => {
  it('initiate → consent → submitted to the organisation → forwarded → confirmed', async () => {
    const caseId = await settledCase(h)
    const requestId = rid()
    const started = await initiate(caseId, requestId)
    expect(started).toMatchObject({
      ok: true,
      data: {
        status: 'awaiting_consent',
        initiatedByMe: true,
        courtName: COURT,
        courtBasisLabel: '调解组织所在地',
        allowedActions: ['cancel'],
      },
    })
    expect(await initiate(caseId, requestId)).toEqual(started)
    expect(await initiate(caseId)).toMatchObject({ ok: false, error: { code: 'ALREADY_APPLIED' } })

    const inbox = await h.docs('messages', { toOpenid: PEOPLE.respondent })
    expect(inbox.some((m) => String(m['title']).includes('共同申请司法确认'))).toBe(true)

    // The initiator cannot consent for both sides; staff cannot forward before consent.
    expect(
      await h.call(PEOPLE.applicant, 'judicialConfirmation', 'consent', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'CONSENT_BY_INITIATOR' } })
    expect(
      await h.call(
        PEOPLE.staffA,
        'judicialConfirmation',
        'forward',
        { caseId, courtName: COURT },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } })

    const status = await h.call(PEOPLE.respondent, 'judicialConfirmation', 'status', { caseId })
    expect(status).toMatchObject({
      ok: true,
      data: { initiatedByMe: false, allowedActions: ['consent', 'refuse_consent'] },
    })

    const consentId = rid()
    const consented = await h.call(
      PEOPLE.respondent,
      'judicialConfirmation',
      'consent',
      { caseId },
      consentId,
    )
    expect(consented).toMatchObject({
      ok: true,
      data: {
        status: 'submitted_to_org',
        progressText: '已提交至北京市工商联商会调解中心，待转交人民法院',
      },
    })
    expect(
      await h.call(PEOPLE.respondent, 'judicialConfirmation', 'consent', { caseId }, consentId),
    ).toEqual(consented)
    const [stored] = await h.docs('judicial_confirmations', { caseId })
    expect(stored?.['consentDigest']).toMatch(/^[0-9a-f]{64}$/)
    const staffInbox = await h.docs('messages', { toOpenid: PEOPLE.staffA })
    expect(staffInbox.some((m) => String(m['title']).includes('司法确认申请已提交'))).toBe(true)

    // Staff of another organisation and parties cannot act as staff.
    expect(
      await h.call(
        PEOPLE.staffB,
        'judicialConfirmation',
        'forward',
        { caseId, courtName: COURT },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    expect(
      await h.call(
        PEOPLE.applicant,
        'judicialConfirmation',
        'forward',
        { caseId, courtName: COURT },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const forwarded = await h.call(
      PEOPLE.staffA,
      'judicialConfirmation',
      'forward',
      { caseId, courtName: COURT },
      rid(),
    )
    expect(forwarded).toMatchObject({ ok: true, data: { status: 'forwarded_to_court' } })
    if (forwarded.ok) expect(forwarded.data.progressText).toContain(`已转交${COURT}`)

    const ruling = await privateFile(h, PEOPLE.staffA, `rulings/${caseId}.pdf`)
    const strangerFile = await privateFile(h, PEOPLE.applicant, `rulings/${caseId}.pdf`)
    expect(
      await h.call(
        PEOPLE.staffA,
        'judicialConfirmation',
        'recordOutcome',
        {
          caseId,
          outcome: 'confirmed',
          rulingFileId: strangerFile,
          rulingNumber: '(2026)京0102民特1号',
        },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'FILE_NOT_OWNED' } })
    expect(
      await h.call(
        PEOPLE.staffA,
        'judicialConfirmation',
        'recordOutcome',
        { caseId, outcome: 'confirmed', rulingFileId: ruling },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const done = await h.call(
      PEOPLE.staffA,
      'judicialConfirmation',
      'recordOutcome',
      { caseId, outcome: 'confirmed', rulingFileId: ruling, rulingNumber: '(2026)京0102民特1号' },
      rid(),
    )
    expect(done).toMatchObject({
      ok: true,
      data: { status: 'confirmed', rulingNumber: '(2026)京0102民特1号', rulingFileId: ruling },
    })
    const result = await h.docs('messages', {
      toOpenid: PEOPLE.applicant,
      kind: 'confirmation_result',
    })
    expect(result.length).toBe(1)

    const [doc] = await h.docs('judicial_confirmations', { caseId })
    expect(await chainOf(h, 'judicial_confirmations', String(doc?.['_id']))).toMatchObject({
      ok: true,
      length: 5,
    })
  })

  it('refusal by the other party ends it; the application may be started again', async () => {
    const caseId = await settledCase(h)
    await initiate(caseId)
    const refused = await h.call(
      PEOPLE.respondent,
      'judicialConfirmation',
      'refuse',
      { caseId, reason: '希望先履行再说' },
      rid(),
    )
    expect(refused).toMatchObject({
      ok: true,
      data: { status: 'consent_refused', refusalReason: '希望先履行再说' },
    })
    const again = await initiate(caseId)
    expect(again).toMatchObject({
      ok: true,
      data: { status: 'awaiting_consent', refusalReason: null },
    })
    const cancelled = await h.call(
      PEOPLE.applicant,
      'judicialConfirmation',
      'cancel',
      { caseId },
      rid(),
    )
    expect(cancelled).toMatchObject({ ok: true, data: { status: 'cancelled' } })
    const [doc] = await h.docs('judicial_confirmations', { caseId })
    expect(await chainOf(h, 'judicial_confirmations', String(doc?.['_id']))).toMatchObject({
      ok: true,
      length: 4,
    })
  })

  it('a party whose identity was deleted cannot act on the case', async () => {
    const caseId = await settledCase(h)
    await initiate(caseId)
    const del = await h.call(PEOPLE.respondent, 'verifyIdentity', 'delete', {}, rid())
    expect(del.ok).toBe(true)
    expect(
      await h.call(PEOPLE.respondent, 'judicialConfirmation', 'consent', { caseId }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'IDENTITY_REQUIRED' } })
  })
})
