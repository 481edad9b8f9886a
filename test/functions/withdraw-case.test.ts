import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { directFilingRequest } from '../support/arrange-core'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { APPLICANT, chainOf, verifiedParty } from './support/case-fixtures'
import { seedOrganisations } from './support/settled-case-fixtures'

let h: Harness

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'fileCase', 'withdrawCase'])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

const direct = () => directFilingRequest('org_b')

describe('identity lock and withdrawal', () => {
  it('locks the filing after the identity is deleted, until the same identity verifies again', async () => {
    await verifiedParty(h, APPLICANT)
    const submitted = await h.call(PEOPLE.applicant, 'fileCase', 'submit', direct(), rid())
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error))
    const filingId = submitted.data.filingId
    expect((await h.call(PEOPLE.applicant, 'verifyIdentity', 'delete', {}, rid())).ok).toBe(true)

    for (const res of [
      await h.call(PEOPLE.applicant, 'fileCase', 'detail', { filingId }),
      await h.call(PEOPLE.applicant, 'fileCase', 'resubmit', { filingId }, rid()),
      await h.call(
        PEOPLE.applicant,
        'withdrawCase',
        'withdraw',
        { filingId, reason: '已和解' },
        rid(),
      ),
      await h.call(PEOPLE.applicant, 'withdrawCase', 'status', { filingId }),
    ]) {
      expect(res).toMatchObject({ ok: false, error: { code: 'IDENTITY_REQUIRED' } })
      if (!res.ok) expect(res.error.message).toContain('重新完成实名认证')
    }
    const list = await h.call(PEOPLE.applicant, 'fileCase', 'listMine', {})
    const row = list.ok ? list.data.items.find((i) => i.filingId === filingId) : undefined
    expect(row).toMatchObject({ identityLocked: true, allowedActions: [] })

    await verifiedParty(h, APPLICANT)
    const withdrawn = await h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId, reason: '双方已自行和解' },
      rid(),
    )
    expect(withdrawn).toMatchObject({
      ok: true,
      data: { status: 'withdrawn', effect: 'immediate', withdrawalRequestId: null },
    })
  })

  it('after acceptance a withdrawal is a request that staff refuse or grant', async () => {
    await verifiedParty(h, APPLICANT)
    const submitted = await h.call(PEOPLE.applicant, 'fileCase', 'submit', direct(), rid())
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error))
    const filingId = submitted.data.filingId
    await h.call(PEOPLE.staffB, 'fileCase', 'accept', { filingId }, rid())

    expect(
      await h.call(
        PEOPLE.respondent,
        'withdrawCase',
        'withdraw',
        { filingId, reason: '不想打了' },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'NOT_FILER' } })
    expect(
      await h.call(
        PEOPLE.applicant,
        'withdrawCase',
        'withdraw',
        { filingId, reason: '对方涉嫌赌博洗钱' },
        rid(),
      ),
    ).toMatchObject({ ok: false, error: { code: 'CONTENT_RISKY', field: 'payload.reason' } })
    const requestId = rid()
    const requested = await h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId, reason: '对方已付款' },
      requestId,
    )
    if (!requested.ok) throw new Error(JSON.stringify(requested.error))
    expect(requested.data).toMatchObject({
      status: 'withdrawal_requested',
      effect: 'requested',
      requestStatus: 'pending',
      reason: '对方已付款',
    })
    expect(
      await h.call(
        PEOPLE.applicant,
        'withdrawCase',
        'withdraw',
        { filingId, reason: '对方已付款' },
        requestId,
      ),
    ).toEqual(requested)
    const wr = requested.data.withdrawalRequestId ?? ''
    expect(
      await h.call(PEOPLE.staffA, 'withdrawCase', 'grant', { withdrawalRequestId: wr }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
    const refused = await h.call(
      PEOPLE.staffB,
      'withdrawCase',
      'refuse',
      { withdrawalRequestId: wr, reason: '付款凭证不完整' },
      rid(),
    )
    expect(refused).toMatchObject({
      ok: true,
      data: { status: 'accepted', requestStatus: 'refused', refusedReason: '付款凭证不完整' },
    })
    const again = await h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId, reason: '已补充付款凭证' },
      rid(),
    )
    if (!again.ok) throw new Error(JSON.stringify(again.error))
    expect(again.data.withdrawalRequestId).not.toBe(wr)
    const granted = await h.call(
      PEOPLE.staffB,
      'withdrawCase',
      'grant',
      { withdrawalRequestId: again.data.withdrawalRequestId ?? '' },
      rid(),
    )
    expect(granted).toMatchObject({
      ok: true,
      data: { status: 'withdrawn', requestStatus: 'granted' },
    })
    expect(
      await h.call(PEOPLE.staffB, 'withdrawCase', 'grant', { withdrawalRequestId: wr }, rid()),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_TRANSITION' } })
    const status = await h.call(PEOPLE.staffB, 'withdrawCase', 'status', { filingId })
    expect(status).toMatchObject({ ok: true, data: { status: 'withdrawn' } })
    expect(await chainOf(h, 'filings', filingId)).toMatchObject({ ok: true, length: 6 })
    expect(await chainOf(h, 'withdrawal_requests', wr)).toMatchObject({ ok: true, length: 2 })
  })
})
