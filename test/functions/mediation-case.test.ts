import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, useSdkInProcess, type Harness } from './harness'
import {
  agreedCase,
  application,
  ENV,
  evidenceFile,
  expectNoPlainPersonalData,
  faceVerified,
  IDS,
  markAccepted,
  submitCase,
  tokenOf,
} from './mediation-case-support'

let h: Harness
const A = PEOPLE.applicant
const R = PEOPLE.respondent
const S = PEOPLE.stranger
const SECRETS = [IDS.applicant, IDS.respondent, '13812345678', '张伟', '李娜']

beforeAll(async () => {
  h = await startHarness(['profile', 'verifyIdentity', 'mediationCase'])
  await seedRoles(h)
  await faceVerified(h, A, '张伟', IDS.applicant)
  await faceVerified(h, R, '李娜', IDS.respondent)
  await faceVerified(h, S, '王芳', '110105198001010024')
})
afterAll(async () => {
  await h.stop()
})

async function chainOf(caseId: string) {
  useSdkInProcess(h)
  const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
  const doc = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
  return verifyAuditChain('mediation_cases', caseId, {
    auditSeq: doc?.['auditSeq'] as number,
    auditHash: doc?.['auditHash'] as string,
  })
}

function errorOf(res: { ok: boolean; error?: { code: string; field?: string } }) {
  return res.ok ? undefined : res.error
}

describe('mediationCase: submit', () => {
  it('refuses an applicant without a verified identity', async () => {
    const res = await h.call('o_unverified', 'mediationCase', 'submit', application(), rid())
    expect(errorOf(res)?.code).toBe('IDENTITY_REQUIRED')
    expect(h.emulator.database.collection(ENV, 'mediation_cases').count()).toBe(0)
  })

  it('fills the applicant from the verified identity; masked data only; sealed at rest', async () => {
    const res = await h.call(A, 'mediationCase', 'submit', application(), rid())
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data).toMatchObject({ status: 'submitted', statusLabel: '已提交', version: 1 })
    expect(res.data.caseNumber).toMatch(/^TJ\d{8}\d{6}$/)
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(res.data.caseId)
    expect(stored).toMatchObject({
      applicantOpenid: A,
      caseNumber: res.data.caseNumber,
      applicant: { partyType: 'person', maskedName: '张*', idType: 'resident_id' },
      respondent: { partyType: 'person', maskedName: '李*', maskedPhone: '138****5678' },
    })
    expectNoPlainPersonalData(stored?.['applicant'], [IDS.applicant, '张伟'])
    expectNoPlainPersonalData(stored?.['respondent'], [IDS.respondent, '13812345678', '李娜'])
    const detail = await h.call(A, 'mediationCase', 'detail', { caseId: res.data.caseId })
    expect(detail.ok).toBe(true)
    if (!detail.ok) return
    expect(detail.data.applicant).toMatchObject({
      maskedName: '张*',
      maskedIdNumber: '110***********002X',
    })
    expect(detail.data.timeline.map((t) => t.type)).toEqual(['case.submitted'])
    expect(detail.data.allowedActions).toEqual(expect.arrayContaining(['invite', 'withdraw']))
    expectNoPlainPersonalData(detail.data, SECRETS)
    expect(await chainOf(res.data.caseId)).toMatchObject({ ok: true, length: 1 })
  })

  it('ignores nothing the client says about the applicant: an applicant field is refused', async () => {
    const res = await h.raw(A, 'mediationCase', {
      action: 'submit',
      payload: { ...application(), applicant: { name: '冒充者' } },
      requestId: rid(),
    })
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'payload.applicant' },
    })
  })

  it('refuses bad input with typed errors and Chinese messages, writing nothing', async () => {
    const before = h.emulator.database.collection(ENV, 'mediation_cases').count()
    const cases: [Record<string, unknown>, string, string | undefined][] = [
      [{ disputeType: 'no_such_type' }, 'DISPUTE_TYPE_UNKNOWN', 'payload.disputeType'],
      [{ amountFen: 12.5 }, 'INVALID_INPUT', 'payload.amountFen'],
      [{ amountFen: -1 }, 'INVALID_INPUT', 'payload.amountFen'],
      [{ claims: [] }, 'INVALID_INPUT', 'payload.claims'],
      [{ description: 'x'.repeat(2001) }, 'INVALID_INPUT', 'payload.description'],
      [{ description: '对方涉嫌赌博洗钱' }, 'CONTENT_RISKY', 'payload.description'],
      [
        { respondent: { ...application().respondent, phone: '12345' } },
        'INVALID_INPUT',
        'payload.respondent.phone',
      ],
      [
        { respondent: { ...application().respondent, idNumber: '110105200002290014' } },
        'INVALID_INPUT',
        'payload.respondent.idNumber',
      ],
      [
        { respondent: { ...application().respondent, idNumber: IDS.applicant } },
        'INVALID_INPUT',
        'payload.respondent',
      ],
      [
        { region: { provinceCode: '330000', cityCode: '440100' } },
        'INVALID_INPUT',
        'payload.region.cityCode',
      ],
      [
        {
          evidence: [
            {
              fileId: 'cloud://demo-local.bucket/private/someone/x.jpg',
              name: '合同',
              kind: 'image',
            },
          ],
        },
        'FILE_NOT_OWNED',
        'payload.evidence.0.fileId',
      ],
    ]
    for (const [patch, code, field] of cases) {
      const res = await h.raw(A, 'mediationCase', {
        action: 'submit',
        payload: { ...application(), ...patch },
        requestId: rid(),
      })
      expect(res, JSON.stringify(patch).slice(0, 80)).toMatchObject({
        ok: false,
        error: { code, field },
      })
      expect((res as { error: { message: string } }).error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(h.emulator.database.collection(ENV, 'mediation_cases').count()).toBe(before)
  })

  it('a repeated request returns the first result and creates one case', async () => {
    const requestId = rid()
    const first = await h.call(A, 'mediationCase', 'submit', application(), requestId)
    const again = await h.call(A, 'mediationCase', 'submit', application(), requestId)
    expect(again).toEqual(first)
    if (!first.ok) return
    expect(
      h.emulator.database
        .collection(ENV, 'mediation_cases')
        .count({ caseNumber: first.data.caseNumber }),
    ).toBe(1)
  })

  // A burst larger than a naive retry budget: the last writer loses one round per writer before it.
  it('a burst of 16 concurrent submissions gets distinct, consecutive case numbers', async () => {
    // 16 warm instances first, so the submissions really run at the same moment.
    await Promise.all(
      Array.from({ length: 16 }, () => h.call(A, 'mediationCase', 'listMine', { role: 'any' })),
    )
    const results = await Promise.all(
      Array.from({ length: 16 }, () => h.call(A, 'mediationCase', 'submit', application(), rid())),
    )
    const numbers = results.map((r) => (r.ok ? r.data.caseNumber : `error ${JSON.stringify(r)}`))
    expect(new Set(numbers).size).toBe(16)
    const seqs = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)
    expect(seqs[15]! - seqs[0]!).toBe(15)
  })

  it('without the day counter the next number follows the highest case of the day; then the counter rules', async () => {
    const { caseId, caseNumber } = await submitCase(h, A)
    const day = caseNumber.slice(0, 10)
    const cases = h.emulator.database.collection(ENV, 'mediation_cases')
    await cases.update({ _id: caseId }, { $set: { caseNumber: `${day}000500` } })
    const counters = h.emulator.database.collection(ENV, 'case_events')
    expect(await counters.remove({ _id: `seq_mediation_case_${day}` })).toBe(1)
    expect((await submitCase(h, A)).caseNumber).toBe(`${day}000501`)
    expect(counters.get(`seq_mediation_case_${day}`)).toMatchObject({ value: 501 })
    // Once the counter exists, the cases are not consulted again.
    await cases.update({ _id: caseId }, { $set: { caseNumber: `${day}000900` } })
    expect((await submitCase(h, A)).caseNumber).toBe(`${day}000502`)
  })

  it('evidence under the own prefix is accepted; images start the asynchronous media check', async () => {
    const fileId = await evidenceFile(h, A, 'contract.jpg')
    const doc = await evidenceFile(h, A, 'invoice.pdf')
    const { caseId } = await submitCase(h, A, {
      evidence: [
        { fileId, name: '采购合同', kind: 'image' },
        { fileId: doc, name: '发票', kind: 'document' },
      ],
    })
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    const evidence = stored?.['evidence'] as { check: string; traceId: string | null }[]
    expect(evidence[0]).toMatchObject({ check: 'pending', traceId: expect.any(String) as unknown })
    expect(evidence[1]).toMatchObject({ check: 'not_applicable', traceId: null })
    const detail = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(detail.ok && detail.data.evidence.map((e) => e.url?.startsWith('http'))).toEqual([
      true,
      true,
    ])
  })
})

describe('mediationCase: drafts', () => {
  it('saves a partial draft, then submits it; others cannot touch it', async () => {
    const saved = await h.call(
      A,
      'mediationCase',
      'saveDraft',
      { disputeType: 'lease', respondent: { name: '李娜' } },
      rid(),
    )
    expect(saved).toMatchObject({ ok: true, data: { status: 'draft', version: 1 } })
    if (!saved.ok) return
    const caseId = saved.data.caseId
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    expectNoPlainPersonalData(stored, ['李娜'])
    const foreign = await h.call(S, 'mediationCase', 'saveDraft', { caseId, amountFen: 1 }, rid())
    expect(errorOf(foreign)?.code).toBe('NOT_FOUND')
    const list = await h.call(A, 'mediationCase', 'listMine', {
      role: 'applicant',
      status: 'draft',
    })
    expect(list.ok && list.data.items.map((i) => i.caseId)).toContain(caseId)
    const restored = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(restored.ok && restored.data.draftRespondent).toEqual({ name: '李娜' })
    const submitted = await h.call(
      A,
      'mediationCase',
      'submit',
      { ...application(), caseId },
      rid(),
    )
    expect(submitted).toMatchObject({ ok: true, data: { caseId, status: 'submitted', version: 2 } })
    const after = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(after.ok && after.data.draftRespondent).toBeNull()
    const again = await h.call(A, 'mediationCase', 'saveDraft', { caseId, amountFen: 1 }, rid())
    expect(errorOf(again)?.code).toBe('INVALID_TRANSITION')
  })
})

describe('mediationCase: invitation, join, respond', () => {
  it('invite → token (stored hashed), share path, QR file, no SMS configured; only the applicant', async () => {
    const { caseId } = await submitCase(h, A)
    const denied = await h.call(S, 'mediationCase', 'invite', { caseId }, rid())
    expect(errorOf(denied)?.code).toBe('FORBIDDEN')
    const requestId = rid()
    const inv = await h.call(A, 'mediationCase', 'invite', { caseId }, requestId)
    expect(inv.ok).toBe(true)
    if (!inv.ok) return
    expect(inv.data.sharePath).toMatch(
      /^pages\/mediation\/respond\/index\?token=[A-Za-z0-9_-]{24}$/,
    )
    expect(inv.data.qrFileId).toMatch(
      new RegExp(`^cloud://.+/cases/${caseId}/invitation-\\d+\\.png$`),
    )
    // The page shows the code through this URL: clients cannot read function-made files.
    const qr = await fetch(inv.data.qrUrl)
    expect(qr.status).toBe(200)
    expect(
      Buffer.from(await qr.arrayBuffer())
        .subarray(1, 4)
        .toString('latin1'),
    ).toBe('PNG')
    expect(inv.data.sms.status).toBe('not_configured')
    expect(inv.data.sms.message).toMatch(/[\u4e00-\u9fff]/)
    const token = tokenOf(inv.data.sharePath)
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    expect(stored?.['status']).toBe('awaiting_respondent')
    expect(JSON.stringify(stored)).not.toContain(token)
    expect(await h.call(A, 'mediationCase', 'invite', { caseId }, requestId)).toEqual(inv)
  })

  it('join: verified respondent matched by name + ID; others refused; the token is one-time', async () => {
    const { caseId } = await submitCase(h, A)
    const inv = await h.call(A, 'mediationCase', 'invite', { caseId }, rid())
    if (!inv.ok) throw new Error('invite failed')
    const token = tokenOf(inv.data.sharePath)
    const unverified = await h.call('o_nobody', 'mediationCase', 'join', { token }, rid())
    expect(errorOf(unverified)?.code).toBe('IDENTITY_REQUIRED')
    const stranger = await h.call(S, 'mediationCase', 'join', { token }, rid())
    expect(errorOf(stranger)?.code).toBe('IDENTITY_MISMATCH')
    const self = await h.call(A, 'mediationCase', 'join', { token }, rid())
    expect(errorOf(self)?.code).toBe('FORBIDDEN')
    const bogus = await h.call(R, 'mediationCase', 'join', { token: 'A'.repeat(24) }, rid())
    expect(errorOf(bogus)?.code).toBe('INVITATION_INVALID')
    const joined = await h.call(R, 'mediationCase', 'join', { token }, rid())
    expect(joined).toMatchObject({ ok: true, data: { caseId, status: 'awaiting_respondent' } })
    const reused = await h.call(R, 'mediationCase', 'join', { token }, rid())
    expect(errorOf(reused)?.code).toBe('INVITATION_INVALID')
    const listed = await h.call(R, 'mediationCase', 'listMine', { role: 'respondent' })
    const item = listed.ok ? listed.data.items.find((i) => i.caseId === caseId) : undefined
    expect(item).toMatchObject({ role: 'respondent', allowedActions: ['respond'] })
    expectNoPlainPersonalData(listed, SECRETS)
    const notes = await h.docs('messages', { toOpenid: A, title: '被申请人已加入' })
    expect(notes.length).toBeGreaterThan(0)
  })

  it('join without an ID on record checks the phone the respondent gives', async () => {
    const { respondent } = application()
    const { caseId } = await submitCase(h, A, {
      respondent: {
        partyType: 'person',
        name: '李娜',
        phone: respondent.phone,
        address: respondent.address,
      },
    })
    const inv = await h.call(A, 'mediationCase', 'invite', { caseId }, rid())
    if (!inv.ok) throw new Error('invite failed')
    const token = tokenOf(inv.data.sharePath)
    expect(errorOf(await h.call(R, 'mediationCase', 'join', { token }, rid()))?.code).toBe(
      'PHONE_REQUIRED',
    )
    const wrong = await h.call(R, 'mediationCase', 'join', { token, phone: '13900000000' }, rid())
    expect(errorOf(wrong)?.code).toBe('IDENTITY_MISMATCH')
    const ok = await h.call(R, 'mediationCase', 'join', { token, phone: '138 1234 5678' }, rid())
    expect(ok.ok).toBe(true)
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    // The respondent's verified ID is recorded once they joined (for filing later).
    expect(stored?.['respondent']).toMatchObject({
      idType: 'resident_id',
      maskedIdNumber: '110***********0013',
    })
  })

  it('respond: agree → awaiting mediator; only the respondent; decline closes with the reason', async () => {
    const caseId = await agreedCase(h, A, R)
    const applicantView = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(applicantView.ok && applicantView.data.allowedActions).toEqual(
      expect.arrayContaining(['chooseMediator', 'withdraw']),
    )
    expect(applicantView.ok && applicantView.data.respondent?.joined).toBe(true)

    const { caseId: second } = await submitCase(h, A)
    const inv = await h.call(A, 'mediationCase', 'invite', { caseId: second }, rid())
    if (!inv.ok) throw new Error('invite failed')
    await h.call(R, 'mediationCase', 'join', { token: tokenOf(inv.data.sharePath) }, rid())
    const byApplicant = await h.call(
      A,
      'mediationCase',
      'respond',
      { caseId: second, agree: true },
      rid(),
    )
    expect(errorOf(byApplicant)?.code).toBe('FORBIDDEN')
    const noReason = await h.call(
      R,
      'mediationCase',
      'respond',
      { caseId: second, agree: false },
      rid(),
    )
    expect(errorOf(noReason)).toMatchObject({ code: 'INVALID_INPUT', field: 'payload.reason' })
    const declined = await h.call(
      R,
      'mediationCase',
      'respond',
      { caseId: second, agree: false, reason: '已通过诉讼解决' },
      rid(),
    )
    expect(declined).toMatchObject({ ok: true, data: { status: 'closed_without_agreement' } })
    const detail = await h.call(A, 'mediationCase', 'detail', { caseId: second })
    expect(detail.ok && detail.data.closeReason).toEqual({
      kind: 'respondent_declined',
      label: '被申请人拒绝调解',
      note: '已通过诉讼解决',
    })
    expect(await chainOf(second)).toMatchObject({ ok: true })
  })
})

describe('mediationCase: withdraw, end, extension, rating', () => {
  it('withdraw before acceptance by the applicant only', async () => {
    const caseId = await agreedCase(h, A, R)
    const byRespondent = await h.call(
      R,
      'mediationCase',
      'withdraw',
      { caseId, reason: '不想调了' },
      rid(),
    )
    expect(errorOf(byRespondent)?.code).toBe('FORBIDDEN')
    const byStranger = await h.call(
      S,
      'mediationCase',
      'withdraw',
      { caseId, reason: '不想调了' },
      rid(),
    )
    expect(errorOf(byStranger)?.code).toBe('FORBIDDEN')
    const requestId = rid()
    const done = await h.call(
      A,
      'mediationCase',
      'withdraw',
      { caseId, reason: '双方已自行和解' },
      requestId,
    )
    expect(done).toMatchObject({ ok: true, data: { status: 'closed_without_agreement' } })
    expect(
      await h.call(A, 'mediationCase', 'withdraw', { caseId, reason: '双方已自行和解' }, requestId),
    ).toEqual(done)
    const twice = await h.call(
      A,
      'mediationCase',
      'withdraw',
      { caseId, reason: '再撤一次' },
      rid(),
    )
    expect(errorOf(twice)?.code).toBe('INVALID_TRANSITION')
  })

  it('after acceptance: extension by both parties within 60 days, end by a party, one rating each', async () => {
    const caseId = await agreedCase(h, A, R)
    const early = await h.call(A, 'mediationCase', 'requestExtension', { caseId, days: 10 }, rid())
    expect(errorOf(early)?.code).toBe('INVALID_TRANSITION')
    await markAccepted(h, caseId, 'med_1', new Date())
    const tooLong = await h.call(
      A,
      'mediationCase',
      'requestExtension',
      { caseId, days: 31 },
      rid(),
    )
    expect(errorOf(tooLong)?.code).toBe('EXTENSION_LIMIT')
    const asked = await h.call(A, 'mediationCase', 'requestExtension', { caseId, days: 30 }, rid())
    expect(asked.ok).toBe(true)
    const own = await h.call(A, 'mediationCase', 'consentExtension', { caseId, agree: true }, rid())
    expect(errorOf(own)?.code).toBe('ALREADY_CONSENTED')
    const consented = await h.call(
      R,
      'mediationCase',
      'consentExtension',
      { caseId, agree: true },
      rid(),
    )
    expect(consented.ok).toBe(true)
    const detail = await h.call(R, 'mediationCase', 'detail', { caseId })
    expect(detail.ok && detail.data.countdown).toMatchObject({
      mediationDays: 30,
      extendedDays: 30,
      pendingExtension: null,
      daysLeft: 60,
    })
    const more = await h.call(R, 'mediationCase', 'requestExtension', { caseId, days: 1 }, rid())
    expect(errorOf(more)?.code).toBe('EXTENSION_LIMIT')
    const rateEarly = await h.call(A, 'mediationCase', 'rate', { caseId, score: 5 }, rid())
    expect(errorOf(rateEarly)?.code).toBe('INVALID_TRANSITION')
    const ended = await h.call(R, 'mediationCase', 'end', { caseId, reason: '双方分歧过大' }, rid())
    expect(ended).toMatchObject({ ok: true, data: { status: 'closed_without_agreement' } })
    const rated = await h.call(
      A,
      'mediationCase',
      'rate',
      { caseId, score: 4, comment: '调解员很耐心' },
      rid(),
    )
    expect(rated).toEqual({ ok: true, data: { caseId, score: 4 } })
    const again = await h.call(A, 'mediationCase', 'rate', { caseId, score: 1 }, rid())
    expect(errorOf(again)?.code).toBe('ALREADY_RATED')
    const outOfRange = await h.call(R, 'mediationCase', 'rate', { caseId, score: 6 }, rid())
    expect(errorOf(outOfRange)?.field).toBe('payload.score')
    const mediator = h.emulator.database.collection(ENV, 'mediators').get('med_1')
    expect(mediator).toMatchObject({ rating: 4, ratingCount: 1 })
    const final = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(final.ok && final.data.timeline.map((t) => t.type)).toEqual([
      'case.submitted',
      'case.respondent_invited',
      'case.respondent_joined',
      'case.respondent_consented',
      'case.extension_requested',
      'case.extension_consented',
      'case.extended',
      'case.ended_by_party',
      'case.rated',
    ])
    expect(final.ok && final.data.myRating).toEqual({ score: 4, comment: '调解员很耐心' })
    expect(await chainOf(caseId)).toMatchObject({ ok: true, length: 9 })
  })
})

describe('mediationCase: repeats', () => {
  it('every party action answers a repeated request id with its first result, changing nothing', async () => {
    const caseId = await agreedCase(h, A, R)
    await markAccepted(h, caseId, 'med_1', new Date())
    const steps: [string, string, Record<string, unknown>][] = [
      [A, 'requestExtension', { caseId, days: 10 }],
      [R, 'consentExtension', { caseId, agree: false }],
      [R, 'end', { caseId, reason: '无法达成一致' }],
      [R, 'rate', { caseId, score: 3 }],
    ]
    for (const [who, action, payload] of steps) {
      const requestId = rid()
      const first = await h.raw(who, 'mediationCase', { action, payload, requestId })
      const version = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)?.[
        'version'
      ]
      const again = await h.raw(who, 'mediationCase', { action, payload, requestId })
      expect(first, action).toMatchObject({ ok: true })
      expect(again, action).toEqual(first)
      expect(h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)?.['version']).toBe(
        version,
      )
    }
    const draftId = rid()
    const draft = await h.call(A, 'mediationCase', 'saveDraft', { amountFen: 100 }, draftId)
    expect(await h.call(A, 'mediationCase', 'saveDraft', { amountFen: 100 }, draftId)).toEqual(
      draft,
    )
    expect(await chainOf(caseId)).toMatchObject({ ok: true })
  })
})

describe('mediationCase: visibility and malformed input', () => {
  it('a case is visible to its parties, its mediator and its organisation staff only', async () => {
    const caseId = await agreedCase(h, A, R)
    await markAccepted(h, caseId, 'med_1', new Date())
    await h.emulator.database
      .collection(ENV, 'mediation_cases')
      .update({ _id: caseId }, { $set: { organisationId: 'org_a' } })
    const expectations: [string, boolean][] = [
      [A, true],
      [R, true],
      [PEOPLE.mediator, true],
      [PEOPLE.staffA, true],
      [PEOPLE.staffB, false],
      [S, false],
    ]
    for (const [who, allowed] of expectations) {
      const res = await h.call(who, 'mediationCase', 'detail', { caseId })
      expect(res.ok, who).toBe(allowed)
      if (res.ok) expectNoPlainPersonalData(res, SECRETS)
      else expect(res.error.code).toBe('FORBIDDEN')
    }
    const anonymous = await h.call(undefined, 'mediationCase', 'detail', { caseId })
    expect(errorOf(anonymous)?.code).toBe('UNAUTHENTICATED')
  })

  it('malformed events always get a typed error, never an exception', async () => {
    const events: unknown[] = [
      null,
      [],
      'submit',
      { action: 'nope' },
      { action: 'submit', payload: null, requestId: rid() },
      { action: 'submit', payload: application() },
      { action: 'detail', payload: { caseId: '../etc' } },
      { action: 'listMine', payload: { role: 'judge' } },
      { action: 'listMine', payload: { role: 'applicant', pageSize: 1000 } },
      { action: 'join', payload: { token: 'short' }, requestId: rid() },
      { action: 'rate', payload: { caseId: 'case_x', score: '5' }, requestId: rid() },
      { action: 'detail', payload: { caseId: 'case_missing' } },
    ]
    for (const event of events) {
      const res = (await h.raw(A, 'mediationCase', event)) as {
        ok: boolean
        error?: { code: string }
      }
      expect(res.ok, JSON.stringify(event)).toBe(false)
      expect(['INVALID_INPUT', 'UNKNOWN_ACTION', 'NOT_FOUND']).toContain(res.error?.code)
    }
  })
})
