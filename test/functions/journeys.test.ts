// Journeys of the user manual through the functions only, as the different users, ending with
// the audit chains of everything they touched verifying.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResult } from '../../typings/api/envelope'
import { directFilingRequest } from '../support/arrange-core'
import { PEOPLE, rid, startHarness, upload, type Harness } from './harness'
import { tokenOf } from './mediation-case-support'
import { APPLICANT, RESPONDENT, TERMS, chainOf, verifiedParty } from './support/case-fixtures'
import { openMediator } from './support/mediator-fixtures'
import { closedCase, privateFile, seedOrganisations } from './support/settled-case-fixtures'

let h: Harness
const MEDIATOR = 'o_mediator_0003'

beforeAll(async () => {
  h = await startHarness([
    'profile',
    'verifyIdentity',
    'mediationCase',
    'recommendMediator',
    'mediatorDesk',
    'videoMediation',
    'signAgreement',
    'judicialConfirmation',
    'mediationDocument',
    'fileCase',
    'withdrawCase',
    'orgDesk',
  ])
  await seedOrganisations(h)
  // A mediator as the organisation desk creates one: specialties, region, capacity, search keys.
  await h.insert('mediators', [
    openMediator('med_zhouqiang', {
      name: '周强',
      organisationId: 'org_a',
      specialties: ['sale_contract'],
      expertiseTags: [],
      region: {
        provinceCode: '110000',
        provinceName: '北京市',
        cityCode: '110100',
        cityName: '北京市',
      },
      rating: 4.8,
      ratingCount: 40,
      casesHandled: 120,
      casesSettled: 100,
      searchKeys: ['周强'],
      searchPrefixes: ['周', '周强'],
      openid: MEDIATOR,
    }),
  ])
})
afterAll(async () => {
  await h.stop()
})

const filing = () => directFilingRequest('org_b')

function ok<T>(res: ApiResult<T>): T {
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data
}

async function queueIds(staff: string): Promise<string[]> {
  const q = await h.call(staff, 'orgDesk', 'queue', {})
  if (!q.ok) throw new Error(q.error.message)
  return q.data.items.map((i) => i.id)
}

describe('journeys', () => {
  it('face and manual verification → apply → recommend, search, choose → accept → video → agreement signed by all → judicial confirmation with consent → forwarded, ruling recorded', async () => {
    const A = APPLICANT.openid
    const R = RESPONDENT.openid
    await verifiedParty(h, APPLICANT)

    // The respondent verifies by manual review: photos under their own prefix, staff approve.
    const who = ok(await h.call(R, 'profile', 'whoAmI', {}))
    const photo = (n: string) => upload(h, `${who.storagePrefix}identity/${n}.jpg`)
    const pending = ok(
      await h.call(
        R,
        'verifyIdentity',
        'submitManual',
        {
          partyType: 'person',
          idType: 'resident_id',
          name: RESPONDENT.name,
          idNumber: RESPONDENT.idNumber,
          photos: {
            front: await photo('front'),
            back: await photo('back'),
            handheld: await photo('handheld'),
          },
        },
        rid(),
      ),
    )
    expect(pending.status).toBe('manual_pending')
    const review = ok(await h.call(PEOPLE.staffA, 'verifyIdentity', 'listPending', {}))
    const item = review.items.find((i) => i.maskedName === pending.maskedName)
    if (!item) throw new Error('identity not in the review queue')
    ok(
      await h.call(
        PEOPLE.staffA,
        'verifyIdentity',
        'approve',
        { identityId: item.identityId },
        rid(),
      ),
    )
    expect(ok(await h.call(R, 'verifyIdentity', 'status', {})).status).toBe('verified')

    const submitted = ok(
      await h.call(
        A,
        'mediationCase',
        'submit',
        {
          disputeType: 'sale_contract',
          description: '双方签订办公设备买卖合同，我方已交货，对方至今未支付货款。',
          amountFen: 8_000_000,
          claims: ['支付货款八万元'],
          evidence: [],
          region: { provinceCode: '110000', cityCode: '110100' },
          respondent: {
            partyType: 'person',
            name: RESPONDENT.name,
            phone: '13912345678',
            idType: 'resident_id',
            idNumber: RESPONDENT.idNumber,
            address: '北京市东城区某路 1 号',
          },
        },
        rid(),
      ),
    )
    const caseId = submitted.caseId
    const invitation = ok(await h.call(A, 'mediationCase', 'invite', { caseId }, rid()))
    ok(await h.call(R, 'mediationCase', 'join', { token: tokenOf(invitation.sharePath) }, rid()))
    ok(await h.call(R, 'mediationCase', 'respond', { caseId, agree: true }, rid()))

    const recommended = ok(await h.call(A, 'recommendMediator', 'recommend', { caseId }))
    expect(recommended.items.map((i) => i.mediator.mediatorId)).toContain('med_zhouqiang')
    const top = recommended.items.find((i) => i.mediator.mediatorId === 'med_zhouqiang')
    expect(top?.reasons.join(' ')).toContain('擅长')
    const found = ok(await h.call(A, 'recommendMediator', 'search', { keyword: '周' }))
    expect(found.items.map((i) => i.mediatorId)).toContain('med_zhouqiang')
    ok(
      await h.call(
        A,
        'recommendMediator',
        'choose',
        { caseId, mediatorId: 'med_zhouqiang' },
        rid(),
      ),
    )
    ok(await h.call(MEDIATOR, 'mediatorDesk', 'accept', { caseId }, rid()))

    const call = ok(
      await h.call(MEDIATOR, 'videoMediation', 'start', { caseId, room: 'all' }, rid()),
    )
    for (const openid of [A, R, MEDIATOR]) {
      const joined = ok(
        await h.call(openid, 'videoMediation', 'join', { callId: call.callId }, rid()),
      )
      expect(joined.signature).toMatch(/^[0-9a-f]{64}$/)
    }
    const ended = ok(
      await h.call(MEDIATOR, 'videoMediation', 'end', { callId: call.callId }, rid()),
    )
    expect(ended.status).toBe('ended')

    const draft = ok(
      await h.call(
        MEDIATOR,
        'mediatorDesk',
        'draftAgreement',
        { caseId, facts: '双方因办公设备货款发生争议，经调解达成如下协议。', terms: TERMS },
        rid(),
      ),
    )
    const sent = ok(
      await h.call(
        MEDIATOR,
        'mediatorDesk',
        'sendForSigning',
        { caseId, version: draft.version },
        rid(),
      ),
    )
    for (const openid of [A, R, MEDIATOR]) {
      ok(
        await h.call(
          openid,
          'signAgreement',
          'sign',
          {
            caseId,
            version: sent.version,
            hash: sent.hash,
            signatureImageFileId: await privateFile(h, openid, `signatures/${caseId}.png`),
          },
          rid(),
        ),
      )
    }
    const agreement = ok(await h.call(A, 'signAgreement', 'get', { caseId }))
    expect(agreement.status).toBe('effective')
    expect(agreement.confirmationDeadline).not.toBeNull()

    const preview = ok(await h.call(A, 'judicialConfirmation', 'preview', { caseId }))
    expect(preview.eligible).toBe(true)
    const court = preview.courtOptions[0]
    if (!court) throw new Error('no court to choose')
    const initiated = ok(
      await h.call(
        A,
        'judicialConfirmation',
        'initiate',
        { caseId, courtBasis: court.bases[0] ?? 'organisation_seat', courtName: court.courtName },
        rid(),
      ),
    )
    expect(initiated.status).toBe('awaiting_consent')
    expect(await queueIds(PEOPLE.staffA)).not.toContain(initiated.confirmationId)
    const consented = ok(await h.call(R, 'judicialConfirmation', 'consent', { caseId }, rid()))
    expect(consented.status).toBe('submitted_to_org')
    expect(consented.progressText).toContain('转交人民法院')
    expect(await queueIds(PEOPLE.staffA)).toContain(initiated.confirmationId)

    const forwarded = ok(
      await h.call(
        PEOPLE.staffA,
        'judicialConfirmation',
        'forward',
        { caseId, courtName: court.courtName },
        rid(),
      ),
    )
    expect(forwarded.status).toBe('forwarded_to_court')
    const ruled = ok(
      await h.call(
        PEOPLE.staffA,
        'judicialConfirmation',
        'recordOutcome',
        {
          caseId,
          outcome: 'confirmed',
          rulingFileId: await privateFile(h, PEOPLE.staffA, `rulings/${caseId}.pdf`),
          rulingNumber: '（2026）京0102民特88号',
        },
        rid(),
      ),
    )
    expect(ruled.status).toBe('confirmed')
    // The mediator follows the court's answer; the parties see it too.
    expect(ok(await h.call(MEDIATOR, 'judicialConfirmation', 'status', { caseId }))).toMatchObject({
      status: 'confirmed',
      rulingNumber: '（2026）京0102民特88号',
    })
    expect(ok(await h.call(R, 'judicialConfirmation', 'status', { caseId }))?.status).toBe(
      'confirmed',
    )

    const detail = ok(await h.call(A, 'mediationCase', 'detail', { caseId }))
    expect(detail.status).toBe('settled')
    expect(detail.timeline.map((t) => t.type)).toEqual(
      expect.arrayContaining([
        'case.mediator_accepted',
        'call.started',
        'call.ended',
        'case.settled',
      ]),
    )
    for (const [collection, id] of [
      ['mediation_cases', caseId],
      ['agreements', sent.agreementId],
      ['calls', call.callId],
      ['judicial_confirmations', initiated.confirmationId],
      ['identities', item.identityId],
    ] as const) {
      expect(await chainOf(h, collection, id), `${collection} ${id}`).toMatchObject({ ok: true })
    }

    // Document application on the same settled case: applied → processing → issued.
    const applied = ok(await h.call(R, 'mediationDocument', 'apply', { caseId }, rid()))
    expect(applied.status).toBe('applied')
    expect(await queueIds(PEOPLE.staffA)).toContain(applied.requestId)
    ok(await h.call(PEOPLE.staffA, 'mediationDocument', 'process', { caseId }, rid()))
    const issued = ok(
      await h.call(PEOPLE.staffA, 'mediationDocument', 'issue', { caseId, generate: true }, rid()),
    )
    expect(issued).toMatchObject({ status: 'issued' })
    expect(issued.documentNumber).toMatch(/\S/)
    expect(issued.documentFileId).toMatch(/^cloud:\/\//)
    expect(ok(await h.call(A, 'mediationDocument', 'status', { caseId }))?.status).toBe('issued')
    expect(await queueIds(PEOPLE.staffA)).not.toContain(applied.requestId)
    expect(await chainOf(h, 'document_requests', applied.requestId)).toMatchObject({ ok: true })
  }, 240_000)

  it('failed mediation → transfer to filing → staff accept → withdrawal request → staff refuse', async () => {
    const caseId = await closedCase(h)
    const prefill = ok(await h.call(APPLICANT.openid, 'fileCase', 'prefill', { caseId }))
    expect(prefill.claims.length).toBeGreaterThan(0)
    const organisationId = prefill.organisations[0]?.organisationId
    if (!organisationId) throw new Error('no organisation for the transfer')
    const filed = ok(
      await h.call(
        APPLICANT.openid,
        'fileCase',
        'submit',
        {
          caseId,
          organisationId,
          region: prefill.region ?? { provinceCode: '110000', cityCode: '110100' },
          claims: prefill.claims,
          // The party completes the pre-filled facts before filing.
          factsAndReasons: `${prefill.factsAndReasons}经调解未能达成协议，现申请立案。`,
          evidence: prefill.evidence,
        },
        rid(),
      ),
    )
    expect(filed).toMatchObject({ route: 'transfer', caseId, status: 'submitted' })
    const staff = organisationId === 'org_a' ? PEOPLE.staffA : PEOPLE.staffB
    expect(await queueIds(staff)).toContain(filed.filingId)

    const accepted = ok(
      await h.call(staff, 'fileCase', 'accept', { filingId: filed.filingId }, rid()),
    )
    expect(accepted.status).toBe('accepted')
    expect(accepted.filingNumber).toMatch(/\S/)
    const asked = ok(
      await h.call(
        APPLICANT.openid,
        'withdrawCase',
        'withdraw',
        { filingId: filed.filingId, reason: '希望先行协商' },
        rid(),
      ),
    )
    expect(asked).toMatchObject({ effect: 'requested', requestStatus: 'pending' })
    const wr = asked.withdrawalRequestId ?? ''
    expect(await queueIds(staff)).toContain(wr)
    const refused = ok(
      await h.call(
        staff,
        'withdrawCase',
        'refuse',
        { withdrawalRequestId: wr, reason: '案件已进入审理程序，暂不准许撤回' },
        rid(),
      ),
    )
    expect(refused).toMatchObject({ requestStatus: 'refused', status: 'accepted' })
    const seen = ok(
      await h.call(APPLICANT.openid, 'withdrawCase', 'status', { filingId: filed.filingId }),
    )
    expect(seen?.refusedReason).toBe('案件已进入审理程序，暂不准许撤回')
    expect(await queueIds(staff)).not.toContain(wr)
    expect(await chainOf(h, 'filings', filed.filingId)).toMatchObject({ ok: true })
    expect(await chainOf(h, 'withdrawal_requests', wr)).toMatchObject({ ok: true })
  }, 120_000)

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
