import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SubmitFilingRequest } from '../../typings/api/fileCase'
import { BEIJING, directFilingRequest } from '../support/arrange-core'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { APPLICANT, caseAwaitingMediator, chainOf, verifiedParty } from './support/case-fixtures'
import { closedCase, privateFile, seedOrganisations } from './support/settled-case-fixtures'

let h: Harness
const SHANGHAI = { provinceCode: '310000', cityCode: '310100' }

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'fileCase'])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

const direct = (extra: Partial<SubmitFilingRequest> = {}) => directFilingRequest('org_b', extra)

const transfer = (
  caseId: string,
  extra: Partial<SubmitFilingRequest> = {},
): SubmitFilingRequest => ({
  caseId,
  organisationId: 'org_a',
  region: BEIJING,
  claims: ['判令被申请人支付货款五万元'],
  factsAndReasons: '双方签订买卖合同，申请人已交货，被申请人至今未付款，调解未果。',
  evidence: [],
  ...extra,
})

describe('fileCase', () => {
  it('prefills from a case closed without agreement, with the competent organisations', async () => {
    const caseId = await closedCase(h)
    const res = await h.call(PEOPLE.applicant, 'fileCase', 'prefill', { caseId })
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    expect(res.data.parties.map((p) => [p.role, p.maskedName])).toEqual([
      ['plaintiff', '张*'],
      ['defendant', '李*'],
    ])
    expect(res.data.claims).toEqual(['支付货款五万元'])
    expect(res.data.organisations.map((o) => o.organisationId)).toEqual(['org_a', 'org_b'])
    expect(JSON.stringify(res.data)).not.toMatch(/张伟|李娜|11010519491231002X/)
    expect(
      await h.call(PEOPLE.applicant, 'fileCase', 'listOrganisations', { region: SHANGHAI }),
    ).toMatchObject({ ok: true, data: [{ organisationId: 'org_b' }] })
    expect(await h.call(PEOPLE.stranger, 'fileCase', 'prefill', { caseId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const open = await caseAwaitingMediator(h)
    expect(await h.call(PEOPLE.applicant, 'fileCase', 'prefill', { caseId: open })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FILEABLE' },
    })
  })

  it('submit → reject → resubmit → accept with a filing number; repeats are idempotent', async () => {
    const caseId = await closedCase(h)
    const evidence = await privateFile(h, PEOPLE.applicant, `filings/${caseId}/contract.jpg`)
    const foreign = await privateFile(h, PEOPLE.respondent, `filings/${caseId}/x.jpg`)
    expect(
      await h.call(
        PEOPLE.applicant,
        'fileCase',
        'submit',
        transfer(caseId, { evidence: [{ fileId: foreign, name: '合同' }] }),
        rid(),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'FILE_NOT_OWNED', field: 'payload.evidence.0.fileId' },
    })
    expect(
      await h.call(
        PEOPLE.applicant,
        'fileCase',
        'submit',
        transfer(caseId, { region: SHANGHAI }),
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'ORGANISATION_NOT_COMPETENT' } })

    const requestId = rid()
    const submitted = await h.call(
      PEOPLE.applicant,
      'fileCase',
      'submit',
      transfer(caseId, { evidence: [{ fileId: evidence, name: '买卖合同' }] }),
      requestId,
    )
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error))
    const filingId = submitted.data.filingId
    expect(submitted.data).toMatchObject({
      route: 'transfer',
      status: 'submitted',
      organisationName: '北京市工商联商会调解中心',
      identityLocked: false,
    })
    expect(submitted.data.parties.map((p) => p.maskedName)).toEqual(['张*', '李*'])
    expect(JSON.stringify(submitted.data)).not.toMatch(/张伟|李娜/)
    expect(
      await h.call(PEOPLE.applicant, 'fileCase', 'submit', transfer(caseId), requestId),
    ).toEqual(submitted)
    expect(
      await h.call(PEOPLE.applicant, 'fileCase', 'submit', transfer(caseId), rid()),
    ).toMatchObject({ ok: false, error: { code: 'ALREADY_FILED' } })
    const [stored] = await h.docs('filings', { _id: filingId })
    expect(JSON.stringify(stored)).not.toMatch(/张伟|11010519491231002X/)
    expect((stored?.['identitySnapshot'] as Record<string, unknown>)['lockHash']).toMatch(
      /^[0-9a-f]{64}$/,
    )

    const staffInbox = await h.docs('messages', {
      toOpenid: PEOPLE.staffA,
      kind: 'filing_progress',
    })
    expect(staffInbox.length).toBeGreaterThan(0)

    expect(await h.call(PEOPLE.applicant, 'fileCase', 'accept', { filingId }, rid())).toMatchObject(
      { ok: false, error: { code: 'FORBIDDEN' } },
    )
    expect(await h.call(PEOPLE.staffB, 'fileCase', 'accept', { filingId }, rid())).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    })
    const rejected = await h.call(
      PEOPLE.staffA,
      'fileCase',
      'reject',
      { filingId, reason: '请补充被申请人的送达地址' },
      rid(),
    )
    expect(rejected).toMatchObject({
      ok: true,
      data: { status: 'rejected', rejectReason: '请补充被申请人的送达地址' },
    })
    const mine = await h.call(PEOPLE.applicant, 'fileCase', 'detail', { filingId })
    expect(mine).toMatchObject({ ok: true, data: { allowedActions: ['resubmit', 'withdraw'] } })
    const resubmitted = await h.call(
      PEOPLE.applicant,
      'fileCase',
      'resubmit',
      {
        filingId,
        factsAndReasons: '双方签订买卖合同，被申请人住所为北京市东城区某路1号，至今未付款。',
      },
      rid(),
    )
    expect(resubmitted).toMatchObject({
      ok: true,
      data: { status: 'submitted', rejectReason: null },
    })

    const acceptId = rid()
    const accepted = await h.call(PEOPLE.staffA, 'fileCase', 'accept', { filingId }, acceptId)
    if (!accepted.ok) throw new Error(JSON.stringify(accepted.error))
    expect(accepted.data.status).toBe('accepted')
    expect(accepted.data.filingNumber).toMatch(/^LA\d{14}$/)
    expect(await h.call(PEOPLE.staffA, 'fileCase', 'accept', { filingId }, acceptId)).toEqual(
      accepted,
    )
    expect(await h.call(PEOPLE.staffA, 'fileCase', 'accept', { filingId }, rid())).toMatchObject({
      ok: false,
      error: { code: 'INVALID_TRANSITION' },
    })
    const told = await h.docs('messages', { toOpenid: PEOPLE.applicant, title: '立案完成' })
    expect(told.length).toBe(1)
    expect(await chainOf(h, 'filings', filingId)).toMatchObject({ ok: true, length: 4 })
  })

  it('direct filing: defendants required, sealed and masked; two acceptances get two numbers', async () => {
    await verifiedParty(h, APPLICANT)
    expect(
      await h.call(
        PEOPLE.applicant,
        'fileCase',
        'submit',
        { ...direct(), defendants: undefined as never },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const before = (await h.docs('filings', {})).length
    expect(
      await h.call(
        PEOPLE.applicant,
        'fileCase',
        'submit',
        direct({ factsAndReasons: '对方涉嫌赌博洗钱，拒不归还预付款两万元。' }),
        rid(),
      ),
    ).toMatchObject({
      ok: false,
      error: { code: 'CONTENT_RISKY', field: 'payload.factsAndReasons' },
    })
    expect((await h.docs('filings', {})).length).toBe(before)
    const a = await h.call(PEOPLE.applicant, 'fileCase', 'submit', direct(), rid())
    const b = await h.call(PEOPLE.applicant, 'fileCase', 'submit', direct(), rid())
    if (!a.ok || !b.ok) throw new Error('submit failed')
    expect(a.data.route).toBe('direct')
    expect(a.data.parties[1]).toMatchObject({
      partyType: 'enterprise',
      roleLabel: '被申请人（被告）',
    })
    expect(JSON.stringify(a.data)).not.toMatch(/91110105MA01ABCD2X|13800138000/)
    const [x, y] = await Promise.all([
      h.call(PEOPLE.staffB, 'fileCase', 'accept', { filingId: a.data.filingId }, rid()),
      h.call(PEOPLE.staffB, 'fileCase', 'accept', { filingId: b.data.filingId }, rid()),
    ])
    if (!x.ok || !y.ok) throw new Error(JSON.stringify([x, y]))
    expect(x.data.filingNumber).not.toBe(y.data.filingNumber)
    const list = await h.call(PEOPLE.applicant, 'fileCase', 'listMine', { pageSize: 50 })
    expect(list.ok && list.data.items.length).toBeGreaterThanOrEqual(2)
  })

  it('refuses a filer who is not verified', async () => {
    expect(await h.call(PEOPLE.stranger, 'fileCase', 'submit', direct(), rid())).toMatchObject({
      ok: false,
      error: { code: 'IDENTITY_REQUIRED' },
    })
  })
})
