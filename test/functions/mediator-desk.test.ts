import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, type Harness } from './harness'
import {
  APPLICANT,
  RESPONDENT,
  TERMS,
  caseAwaitingMediator,
  chainOf,
  issueBindCode,
  seedMoreMediators,
} from './support/case-fixtures'

let h: Harness
const OTHER_MEDIATOR = 'o_mediator_0002'

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk'])
  await seedRoles(h)
  await seedMoreMediators(h)
})
afterAll(async () => {
  await h.stop()
})

const code = <T>(res: { ok: boolean; error?: { code: string } } & T) =>
  res.ok ? 'ok' : (res.error?.code ?? '?')

async function acceptedCase(): Promise<string> {
  const caseId = await caseAwaitingMediator(h)
  const res = await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return caseId
}

describe('mediatorDesk.bind', () => {
  it('binds the caller to the mediator once; the code cannot be used again', async () => {
    const expires = new Date(Date.now() + 86_400_000)
    await issueBindCode(h, 'BINDCODE23', 'med_3', expires)
    const before = await h.call('o_new_mediator', 'mediatorDesk', 'listAssigned', {
      tab: 'pending',
    })
    expect(code(before)).toBe('FORBIDDEN')

    const requestId = rid()
    const res = await h.call(
      'o_new_mediator',
      'mediatorDesk',
      'bind',
      { code: 'bind-code 23' },
      requestId,
    )
    expect(res).toEqual({
      ok: true,
      data: { mediatorId: 'med_3', organisationId: 'org_a', name: '孙调解' },
    })
    // Same request again: the first answer, not an "already bound" error.
    const repeat = await h.call(
      'o_new_mediator',
      'mediatorDesk',
      'bind',
      { code: 'BINDCODE23' },
      requestId,
    )
    expect(repeat).toEqual(res)

    const [mediator] = await h.docs('mediators', { _id: 'med_3' })
    expect(mediator?.['openid']).toBe('o_new_mediator')
    const after = await h.call('o_new_mediator', 'mediatorDesk', 'listAssigned', {
      tab: 'pending',
    })
    expect(after.ok).toBe(true)

    const reuse = await h.call(
      'o_someone_else',
      'mediatorDesk',
      'bind',
      { code: 'BINDCODE23' },
      rid(),
    )
    expect(reuse.ok).toBe(false)
    if (!reuse.ok) {
      expect(reuse.error.code).toBe('BIND_CODE_USED')
      expect(reuse.error.message).toMatch(/已被使用/)
    }
    expect(await chainOf(h, 'mediators', 'med_3')).toMatchObject({ ok: true, length: 1 })
  })

  it('refuses expired, unknown and malformed codes with clear errors, writing nothing', async () => {
    await issueBindCode(h, 'EXPIRED234', 'med_3', new Date(Date.now() - 1000))
    const expired = await h.call('o_x1', 'mediatorDesk', 'bind', { code: 'EXPIRED234' }, rid())
    expect(code(expired)).toBe('BIND_CODE_EXPIRED')
    const unknown = await h.call('o_x1', 'mediatorDesk', 'bind', { code: 'NOSUCHCODE' }, rid())
    expect(code(unknown)).toBe('BIND_CODE_INVALID')
    const malformed = await h.call('o_x1', 'mediatorDesk', 'bind', { code: '短码!' }, rid())
    expect(malformed.ok).toBe(false)
    if (!malformed.ok) {
      expect(malformed.error).toMatchObject({ code: 'BIND_CODE_INVALID', field: 'payload.code' })
    }
    const tooLong = await h.call('o_x1', 'mediatorDesk', 'bind', { code: 'A'.repeat(40) }, rid())
    expect(code(tooLong)).toBe('INVALID_INPUT')
    expect(await h.docs('mediators', { openid: 'o_x1' })).toHaveLength(0)
  })

  it('a caller who already is a mediator cannot bind another account; anonymous is refused', async () => {
    await issueBindCode(h, 'SECONDCODE', 'med_3', new Date(Date.now() + 86_400_000))
    const res = await h.call(PEOPLE.mediator, 'mediatorDesk', 'bind', { code: 'SECONDCODE' }, rid())
    expect(code(res)).toBe('ALREADY_BOUND')
    const anon = await h.call(undefined, 'mediatorDesk', 'bind', { code: 'SECONDCODE' }, rid())
    expect(code(anon)).toBe('UNAUTHENTICATED')
  })
})

describe('mediatorDesk.accept / decline', () => {
  it('only the assigned mediator accepts; the period starts; parties are told', async () => {
    const caseId = await caseAwaitingMediator(h)
    const stranger = await h.call(PEOPLE.stranger, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(code(stranger)).toBe('FORBIDDEN')
    const party = await h.call(APPLICANT.openid, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(code(party)).toBe('FORBIDDEN')
    const staff = await h.call(PEOPLE.staffA, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(code(staff)).toBe('FORBIDDEN')
    const other = await h.call(OTHER_MEDIATOR, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(code(other)).toBe('NOT_FOUND')

    const res = await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data).toMatchObject({ caseId, status: 'accepted', statusLabel: '已受理' })
    const deadline = new Date(res.data.mediationDeadline ?? 0).getTime()
    expect(deadline - Date.now()).toBeGreaterThan(29 * 86_400_000)
    expect(deadline - Date.now()).toBeLessThanOrEqual(30 * 86_400_000)

    for (const openid of [APPLICANT.openid, RESPONDENT.openid]) {
      const inbox = await h.docs('messages', { toOpenid: openid, title: '调解员已受理您的案件' })
      expect(inbox.length).toBeGreaterThan(0)
    }
    const [mediator] = await h.docs('mediators', { _id: 'med_1' })
    expect(mediator?.['currentCaseload']).toBeGreaterThan(0)
  })

  it('a double tap (two request ids at once) makes exactly one transition', async () => {
    const caseId = await caseAwaitingMediator(h)
    const taps = await Promise.all(
      [rid(), rid(), rid()].map((r) =>
        h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, r),
      ),
    )
    for (const t of taps) expect(t).toMatchObject({ ok: true, data: { status: 'accepted' } })
    const accepted = await h.docs('audit_events', {
      entityId: caseId,
      action: 'case.mediator_accepted',
    })
    expect(accepted).toHaveLength(1)
    const [doc] = await h.docs('mediation_cases', { _id: caseId })
    expect(doc?.['version']).toBe(5)
    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true, length: 1 })
  })

  it('decline returns the case to choosing and bars this mediator', async () => {
    const caseId = await caseAwaitingMediator(h)
    const empty = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'decline',
      { caseId, reason: ' ' },
      rid(),
    )
    expect(empty.ok).toBe(false)
    if (!empty.ok)
      expect(empty.error).toMatchObject({ code: 'INVALID_INPUT', field: 'payload.reason' })

    const res = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'decline',
      { caseId, reason: '与当事人存在利害关系' },
      rid(),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'awaiting_mediator' } })
    const [doc] = await h.docs('mediation_cases', { _id: caseId })
    expect(doc?.['mediatorId']).toBeNull()
    expect(doc?.['declinedMediatorIds']).toEqual(['med_1'])
    const again = await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(code(again)).toBe('NOT_ASSIGNED_MEDIATOR')
    const told = await h.docs('messages', {
      toOpenid: APPLICANT.openid,
      title: '调解员未受理，请重新选择',
    })
    expect(told.length).toBeGreaterThan(0)
  })
})

describe('mediatorDesk.listAssigned', () => {
  it('lists the caller’s cases by tab with masked names and the deadline', async () => {
    const active = await acceptedCase()
    const pending = await caseAwaitingMediator(h)
    const list = await h.call(PEOPLE.mediator, 'mediatorDesk', 'listAssigned', {
      tab: 'active',
      pageSize: 50,
    })
    expect(list.ok).toBe(true)
    if (!list.ok) return
    const row = list.data.items.find((i) => i.caseId === active)
    expect(row).toMatchObject({
      status: 'accepted',
      tab: 'active',
      applicantName: '张*',
      respondentName: '李*',
    })
    expect(row?.deadlineText).toMatch(/^剩余 (29|30) 天/)
    expect(list.data.items.some((i) => i.caseId === pending)).toBe(false)
    const wire = JSON.stringify(list)
    expect(wire).not.toContain(APPLICANT.name)
    expect(wire).not.toContain(RESPONDENT.idNumber)

    const pend = await h.call(PEOPLE.mediator, 'mediatorDesk', 'listAssigned', { tab: 'pending' })
    expect(pend.ok && pend.data.items.some((i) => i.caseId === pending)).toBe(true)
    const other = await h.call(OTHER_MEDIATOR, 'mediatorDesk', 'listAssigned', { tab: 'active' })
    expect(other.ok && other.data.items.some((i) => i.caseId === active)).toBe(false)
    const bad = await h.call(PEOPLE.mediator, 'mediatorDesk', 'listAssigned', {
      tab: 'all' as 'active',
    })
    expect(code(bad)).toBe('INVALID_INPUT')
  })
})

describe('mediatorDesk.addNote', () => {
  it('adds an internal timeline entry; harsh text is flagged, risky text refused', async () => {
    const caseId = await acceptedCase()
    const res = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'addNote',
      { caseId, text: '第一次调解：双方就付款期限分歧较大。' },
      rid(),
    )
    expect(res).toMatchObject({ ok: true, data: { flagged: false } })
    const notes = await h.docs('case_events', { caseId, type: 'note.added' })
    expect(notes).toHaveLength(1)
    expect(notes[0]?.['visibility']).toBe('internal')
    const other = await h.call(
      OTHER_MEDIATOR,
      'mediatorDesk',
      'addNote',
      { caseId, text: '备注' },
      rid(),
    )
    expect(code(other)).toBe('NOT_FOUND')
  })
})

describe('mediatorDesk: agreement drafting', () => {
  it('drafts from the structure, revises to a new version, and sends for signing', async () => {
    const caseId = await acceptedCase()
    const early = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'sendForSigning',
      { caseId, version: 1 },
      rid(),
    )
    expect(code(early)).toBe('NO_AGREEMENT')

    const past = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      {
        caseId,
        facts: '双方因货款发生争议。',
        terms: { ...TERMS, performanceDeadline: '2020-01-01' },
      },
      rid(),
    )
    expect(past.ok).toBe(false)
    if (!past.ok) expect(past.error.field).toBe('payload.terms.performanceDeadline')

    const draft = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '双方因货款发生争议。', terms: TERMS },
      rid(),
    )
    expect(draft.ok).toBe(true)
    if (!draft.ok) return
    expect(draft.data).toMatchObject({ status: 'draft', version: 1, caseId })
    expect(draft.data.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(draft.data.text).toContain('申请人：张伟')
    expect(draft.data.text).toContain('人民币30,000.00元（大写：叁万元整）')
    expect(draft.data.text).not.toContain(APPLICANT.idNumber)
    expect(draft.data.text).not.toContain(RESPONDENT.idNumber)
    expect(draft.data.signers.map((s) => s.role)).toEqual(['applicant', 'respondent', 'mediator'])
    const [c1] = await h.docs('mediation_cases', { _id: caseId })
    expect(c1?.['status']).toBe('agreement_drafted')

    const twice = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '再拟一份。', terms: TERMS },
      rid(),
    )
    expect(code(twice)).toBe('AGREEMENT_EXISTS')

    const stale = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'reviseAgreement',
      { caseId, version: 7, facts: '修改。', terms: TERMS },
      rid(),
    )
    expect(code(stale)).toBe('STALE_REVISION')
    const revised = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'reviseAgreement',
      { caseId, version: 1, facts: '双方因货款发生争议，经核对欠款三万元。', terms: TERMS },
      rid(),
    )
    expect(revised).toMatchObject({ ok: true, data: { version: 2, status: 'draft' } })
    if (!revised.ok) return
    expect(revised.data.hash).not.toBe(draft.data.hash)

    const sent = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'sendForSigning',
      { caseId, version: 2 },
      rid(),
    )
    expect(sent).toMatchObject({ ok: true, data: { status: 'signing', version: 2 } })
    const [c2] = await h.docs('mediation_cases', { _id: caseId })
    expect(c2?.['status']).toBe('signing')
    const asks = await h.docs('messages', { toOpenid: RESPONDENT.openid, title: '请签署调解协议' })
    expect(asks.length).toBeGreaterThan(0)

    const agreementId = draft.data.agreementId
    expect(await chainOf(h, 'agreements', agreementId)).toMatchObject({ ok: true, length: 3 })
    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })
  })

  it('refuses a party, another mediator and invalid terms', async () => {
    const caseId = await acceptedCase()
    const payload = { caseId, facts: '事实。', terms: TERMS }
    expect(
      code(await h.call(APPLICANT.openid, 'mediatorDesk', 'draftAgreement', payload, rid())),
    ).toBe('FORBIDDEN')
    expect(
      code(await h.call(OTHER_MEDIATOR, 'mediatorDesk', 'draftAgreement', payload, rid())),
    ).toBe('NOT_FOUND')
    const negative = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { ...payload, terms: { ...TERMS, amountFen: -1 } },
      rid(),
    )
    expect(negative.ok).toBe(false)
    if (!negative.ok) expect(negative.error.field).toBe('payload.terms.amountFen')
    const risky = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { ...payload, facts: '双方约定代开发票抵账。' },
      rid(),
    )
    expect(risky.ok).toBe(false)
    if (!risky.ok)
      expect(risky.error).toMatchObject({ code: 'CONTENT_RISKY', field: 'payload.facts' })
    expect(await h.docs('agreements', { caseId })).toHaveLength(0)
    const extra = await h.raw(PEOPLE.mediator, 'mediatorDesk', {
      action: 'draftAgreement',
      payload: { ...payload, terms: { ...TERMS, secret: 1 } },
      requestId: rid(),
    })
    expect(extra).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })

    // Harsh words are kept for the mediator and staff to look at, not silently dropped.
    const flagged = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { ...payload, facts: '申请人称被申请人是骗子，双方争执。' },
      rid(),
    )
    expect(flagged).toMatchObject({ ok: true, data: { contentFlagged: true } })
  })
})

describe('mediatorDesk.closeCase', () => {
  it('closes as failed, unlocks filing and tells both parties; a closed case stays closed', async () => {
    const caseId = await acceptedCase()
    const requestId = rid()
    const res = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'closeCase',
      { caseId, kind: 'failed', reason: '双方对金额分歧过大' },
      requestId,
    )
    expect(res).toMatchObject({
      ok: true,
      data: {
        status: 'closed_without_agreement',
        closeReason: 'mediation_failed',
        filingUnlocked: true,
      },
    })
    const repeat = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'closeCase',
      { caseId, kind: 'failed', reason: '双方对金额分歧过大' },
      requestId,
    )
    expect(repeat).toEqual(res)
    const again = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'closeCase',
      { caseId, kind: 'terminated', reason: '重复结案' },
      rid(),
    )
    expect(code(again)).toBe('INVALID_TRANSITION')
    for (const openid of [APPLICANT.openid, RESPONDENT.openid]) {
      const told = await h.docs('messages', { toOpenid: openid, title: '案件已结案（调解不成功）' })
      expect(told.length).toBeGreaterThan(0)
      expect(String(told[0]?.['body'])).toMatch(/在线立案/)
    }
    const [doc] = await h.docs('mediation_cases', { _id: caseId })
    expect(doc?.['closeReason']).toMatchObject({ kind: 'mediation_failed', by: 'mediator' })
    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true, length: 2 })
  })

  it('terminates with a reason; a reason is required', async () => {
    const caseId = await acceptedCase()
    const none = await h.raw(PEOPLE.mediator, 'mediatorDesk', {
      action: 'closeCase',
      payload: { caseId, kind: 'terminated' },
      requestId: rid(),
    })
    expect(none).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'payload.reason' },
    })
    const res = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'closeCase',
      { caseId, kind: 'terminated', reason: '被申请人无法联系' },
      rid(),
    )
    expect(res).toMatchObject({ ok: true, data: { closeReason: 'terminated' } })
  })
})

describe('mediatorDesk: a repeated request returns the first answer and writes nothing more', () => {
  it('accept, addNote, draft, revise, send and decline', async () => {
    const caseId = await caseAwaitingMediator(h)
    const twice = async <T>(run: (requestId: string) => Promise<T>): Promise<T> => {
      const requestId = rid()
      const first = await run(requestId)
      expect(await run(requestId)).toEqual(first)
      return first
    }
    await twice((r) => h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, r))
    await twice((r) =>
      h.call(PEOPLE.mediator, 'mediatorDesk', 'addNote', { caseId, text: '电话联系双方。' }, r),
    )
    expect(await h.docs('case_events', { caseId, type: 'note.added' })).toHaveLength(1)
    await twice((r) =>
      h.call(
        PEOPLE.mediator,
        'mediatorDesk',
        'draftAgreement',
        { caseId, facts: '事实。', terms: TERMS },
        r,
      ),
    )
    await twice((r) =>
      h.call(
        PEOPLE.mediator,
        'mediatorDesk',
        'reviseAgreement',
        { caseId, version: 1, facts: '修改后的事实。', terms: TERMS },
        r,
      ),
    )
    const sent = await twice((r) =>
      h.call(PEOPLE.mediator, 'mediatorDesk', 'sendForSigning', { caseId, version: 2 }, r),
    )
    expect(sent).toMatchObject({ ok: true, data: { status: 'signing', version: 2 } })
    const [agreement] = await h.docs('agreements', { caseId })
    expect(agreement).toMatchObject({ revision: 2, status: 'signing' })
    const audit = await h.docs('audit_events', { entityId: caseId })
    expect(audit.map((e) => e['action']).sort()).toEqual([
      'case.agreement_drafted',
      'case.mediation_started',
      'case.mediator_accepted',
      'case.signing_started',
    ])

    const other = await caseAwaitingMediator(h)
    await twice((r) =>
      h.call(PEOPLE.mediator, 'mediatorDesk', 'decline', { caseId: other, reason: '时间冲突' }, r),
    )
    const declined = await h.docs('audit_events', {
      entityId: other,
      action: 'case.mediator_declined',
    })
    expect(declined).toHaveLength(1)
  })
})
