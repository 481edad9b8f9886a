// Journeys through the functions only, as the different users, ending with the audit chains of
// everything they touched verifying. (Only the filing journeys so far; see the helper's report.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { SubmitFilingRequest } from '../../typings/api/fileCase'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { APPLICANT, chainOf, verifiedParty } from './support/case-fixtures'
import { seedOrganisations } from './support/settled-case-fixtures'

let h: Harness

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'fileCase', 'withdrawCase', 'orgDesk'])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

const filing = (): SubmitFilingRequest => ({
  organisationId: 'org_b',
  region: { provinceCode: '110000', cityCode: '110100' },
  defendants: [
    {
      partyType: 'enterprise',
      name: '北京某某贸易有限公司',
      idNumber: '91110105MA01ABCD2X',
      address: '北京市朝阳区某路 2 号',
      phone: '13800138000',
    },
  ],
  claims: ['判令被申请人返还预付款两万元'],
  factsAndReasons: '申请人向被申请人预付货款两万元，被申请人未按约交货，经催告仍未返还。',
  evidence: [],
})

async function queueIds(staff: string): Promise<string[]> {
  const q = await h.call(staff, 'orgDesk', 'queue', {})
  if (!q.ok) throw new Error(q.error.message)
  return q.data.items.map((i) => i.id)
}

describe('journeys', () => {
  it('direct filing, seen on the desk, withdrawn before acceptance', async () => {
    await verifiedParty(h, APPLICANT)
    const submitted = await h.call(PEOPLE.applicant, 'fileCase', 'submit', filing(), rid())
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error))
    const filingId = submitted.data.filingId
    expect(await queueIds(PEOPLE.staffB)).toContain(filingId)
    expect(await queueIds(PEOPLE.staffA)).not.toContain(filingId)

    const withdrawn = await h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId, reason: '双方已自行和解' },
      rid(),
    )
    expect(withdrawn).toMatchObject({
      ok: true,
      data: { status: 'withdrawn', effect: 'immediate' },
    })
    expect(await queueIds(PEOPLE.staffB)).not.toContain(filingId)
    expect(await chainOf(h, 'filings', filingId)).toEqual(expect.objectContaining({ ok: true }))
  })

  it('identity deletion blocks the filing, re-verification unblocks it; accepted, withdrawal ruled by staff', async () => {
    await verifiedParty(h, APPLICANT)
    const submitted = await h.call(PEOPLE.applicant, 'fileCase', 'submit', filing(), rid())
    if (!submitted.ok) throw new Error(JSON.stringify(submitted.error))
    const filingId = submitted.data.filingId
    expect((await h.call(PEOPLE.applicant, 'verifyIdentity', 'delete', {}, rid())).ok).toBe(true)
    expect(await h.call(PEOPLE.applicant, 'fileCase', 'detail', { filingId })).toMatchObject({
      ok: false,
      error: { code: 'IDENTITY_REQUIRED' },
    })
    await verifiedParty(h, APPLICANT)
    expect((await h.call(PEOPLE.applicant, 'fileCase', 'detail', { filingId })).ok).toBe(true)

    expect((await h.call(PEOPLE.staffB, 'fileCase', 'accept', { filingId }, rid())).ok).toBe(true)
    const asked = await h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId, reason: '双方已达成和解协议' },
      rid(),
    )
    if (!asked.ok) throw new Error(JSON.stringify(asked.error))
    const wr = asked.data.withdrawalRequestId ?? ''
    expect(await queueIds(PEOPLE.staffB)).toContain(wr)
    const granted = await h.call(
      PEOPLE.staffB,
      'withdrawCase',
      'grant',
      { withdrawalRequestId: wr },
      rid(),
    )
    expect(granted.ok).toBe(true)
    expect(await queueIds(PEOPLE.staffB)).not.toContain(wr)
    expect(await chainOf(h, 'filings', filingId)).toEqual(expect.objectContaining({ ok: true }))
    expect(await chainOf(h, 'withdrawal_requests', wr)).toEqual(
      expect.objectContaining({ ok: true }),
    )
  })
})
