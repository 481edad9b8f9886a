import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  buildOrganisations,
  generateMediators,
  REFERENCE_DATE,
  type SeedMediator,
} from '../../tools/cloudbase-emulator/seed/index'
import { PEOPLE, rid, startHarness, useSdkInProcess, type Harness } from './harness'
import {
  agreedCase,
  ENV,
  expectNoPlainPersonalData,
  faceVerified,
  IDS,
} from './mediation-case-support'
import { hangzhouMediator } from './support/mediator-fixtures'

let h: Harness
const A = PEOPLE.applicant
const R = PEOPLE.respondent
const S = PEOPLE.stranger
const TOTAL = 600
let mediators: SeedMediator[]
let caseId: string

beforeAll(async () => {
  h = await startHarness(['profile', 'verifyIdentity', 'mediationCase', 'recommendMediator'])
  await h.insert(
    'organisations',
    buildOrganisations(REFERENCE_DATE) as unknown as Record<string, unknown>[],
  )
  mediators = generateMediators(TOTAL, 'f1-recommend-test')
  await h.insert('mediators', mediators as unknown as Record<string, unknown>[])
  useSdkInProcess(h)
  const { personNameHash } = await import('../../cloudfunctions/_shared/cases')
  await h.insert('mediators', [
    hangzhouMediator('med_conflict', {
      casesSettled: 199,
      affiliations: [{ kind: 'person', nameHash: personNameHash('李娜'), relation: '近亲属' }],
    }),
    hangzhouMediator('med_unbound', { openid: null, casesSettled: 150 }),
    hangzhouMediator('med_full', { currentCaseload: 9, pendingCount: 1, casesSettled: 140 }),
    hangzhouMediator('med_last_slot', { currentCaseload: 9, casesSettled: 130 }),
    hangzhouMediator('med_open', { casesSettled: 120 }),
    hangzhouMediator('med_other', { casesSettled: 110 }),
  ])
  await faceVerified(h, A, '张伟', IDS.applicant)
  await faceVerified(h, R, '李娜', IDS.respondent)
  await faceVerified(h, S, '王芳', '110105198001010024')
  caseId = await agreedCase(h, A, R)
})
afterAll(async () => {
  await h.stop()
})

const mediatorDoc = (id: string) => h.emulator.database.collection(ENV, 'mediators').get(id)
const errorOf = (res: { ok: boolean; error?: { code: string; field?: string } }) =>
  res.ok ? undefined : res.error

describe('recommendMediator: recommend', () => {
  it('ranks candidates from indexed queries with breakdown and reasons; conflicts excluded', async () => {
    const res = await h.call(A, 'recommendMediator', 'recommend', { caseId, limit: 20 })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    const { items } = res.data
    expect(items.length).toBeGreaterThan(5)
    expect(items.map((i) => i.rank)).toEqual(items.map((_, n) => n + 1))
    for (const [i, item] of items.entries()) {
      const b = item.breakdown
      const sum = b.specialty + b.region + b.caseload + b.successRate + b.rating + b.availability
      expect(Math.abs(sum - item.score)).toBeLessThan(0.35)
      if (i > 0) expect(item.score).toBeLessThanOrEqual(items[i - 1]!.score)
      expect(item.summary).toBe(item.reasons.join(' · '))
    }
    const ids = items.map((i) => i.mediator.mediatorId)
    expect(ids).not.toContain('med_conflict')
    expect(ids).not.toContain('med_full')
    expect(res.data.excluded.conflictOfInterest).toBeGreaterThanOrEqual(1)
    expect(res.data.excluded.atCapacity).toBeGreaterThanOrEqual(1)
    const open = items.find((i) => i.mediator.mediatorId === 'med_open')
    expect(open?.reasons).toEqual(expect.arrayContaining(['擅长该纠纷类型', '同城']))
    expect(open?.mediator).toMatchObject({
      acceptingCases: true,
      organisationName: expect.stringMatching(/工商联|商会/) as unknown,
    })
    // Shown, but marked: an account not yet bound cannot take the case.
    expect(
      items.find((i) => i.mediator.mediatorId === 'med_unbound')?.mediator.acceptingCases,
    ).toBe(false)
    // The plan never fetches more than 400 distinct candidates out of the whole collection.
    expect(res.data.candidateCount).toBeLessThanOrEqual(400)
    expect(res.data.candidateCount).toBeLessThan(TOTAL)
    const text = JSON.stringify(res)
    for (const hidden of ['openid', 'affiliations', 'searchPrefixes', 'nameHash']) {
      expect(text).not.toContain(hidden)
    }
  })

  it('the respondent may ask too; anyone else is refused', async () => {
    expect((await h.call(R, 'recommendMediator', 'recommend', { caseId })).ok).toBe(true)
    const stranger = await h.call(S, 'recommendMediator', 'recommend', { caseId })
    expect(errorOf(stranger)?.code).toBe('FORBIDDEN')
    const mediator = await h.call('o_med_open', 'recommendMediator', 'recommend', { caseId })
    expect(errorOf(mediator)?.code).toBe('FORBIDDEN')
    const missing = await h.call(A, 'recommendMediator', 'recommend', { caseId: 'case_none' })
    expect(errorOf(missing)?.code).toBe('NOT_FOUND')
    const tooMany = await h.call(A, 'recommendMediator', 'recommend', { caseId, limit: 500 })
    expect(errorOf(tooMany)?.field).toBe('payload.limit')
  })
})

describe('recommendMediator: search and profile', () => {
  it('finds by name prefix, full pinyin and initials (equality on stored prefixes)', async () => {
    const target = mediators[20]!
    const [name, pinyin, initials] = target.searchKeys as [string, string, string]
    for (const keyword of [
      name,
      name.slice(0, 1),
      pinyin,
      pinyin.slice(0, 3),
      initials,
      pinyin.toUpperCase(),
    ]) {
      const res = await h.call(A, 'recommendMediator', 'search', { keyword, pageSize: 50 })
      expect(res.ok, keyword).toBe(true)
      if (!res.ok) continue
      const key = keyword.toLowerCase()
      for (const item of res.data.items) {
        const doc = mediators.find((m) => m._id === item.mediatorId) ?? {
          searchKeys: ['周强', 'zhouqiang', 'zq'],
        }
        expect(
          doc.searchKeys.some((k) => k.startsWith(key)),
          `${keyword} → ${item.name}`,
        ).toBe(true)
      }
      if (keyword === name) expect(res.data.items.map((i) => i.mediatorId)).toContain(target._id)
    }
  })

  it('filters by specialty, organisation and city; pages; refuses empty or unsafe criteria', async () => {
    const res = await h.call(A, 'recommendMediator', 'search', {
      filters: { specialty: 'lease', city: '330100' },
      pageSize: 3,
    })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data.items.length).toBeGreaterThan(0)
    for (const item of res.data.items) {
      expect(item.specialties.map((s) => s.code)).toContain('lease')
      expect(item.specialties.find((s) => s.code === 'lease')?.label).toMatch(/[\u4e00-\u9fff]/)
    }
    const expected = mediators.filter(
      (m) => m.specialties.includes('lease') && m.region.cityCode === '330100',
    ).length
    expect(res.data.hasMore).toBe(expected > 3)
    const page2 = await h.call(A, 'recommendMediator', 'search', {
      filters: { specialty: 'lease', city: '330100' },
      pageSize: 3,
      page: 2,
    })
    const firstIds = new Set(res.data.items.map((i) => i.mediatorId))
    expect(page2.ok && page2.data.items.some((i) => firstIds.has(i.mediatorId))).toBe(false)
    const byOrg = await h.call(A, 'recommendMediator', 'search', {
      filters: { organisationId: 'org_zhejiang' },
      pageSize: 50,
    })
    expect(byOrg.ok && byOrg.data.items.every((i) => i.organisationId === 'org_zhejiang')).toBe(
      true,
    )
    expect(byOrg.ok && byOrg.data.items[0]?.organisationName).toMatch(/[\u4e00-\u9fff]/)
    const none = await h.call(A, 'recommendMediator', 'search', {})
    expect(errorOf(none)?.code).toBe('SEARCH_CRITERIA_REQUIRED')
    for (const keyword of ['.*', '^张', 'a|b', '张(']) {
      const bad = await h.call(A, 'recommendMediator', 'search', { keyword })
      expect(errorOf(bad), keyword).toMatchObject({
        code: 'INVALID_INPUT',
        field: 'payload.keyword',
      })
    }
    const badType = await h.call(A, 'recommendMediator', 'search', { filters: { specialty: 'x' } })
    expect(errorOf(badType)?.field).toBe('payload.filters.specialty')
  })

  it('profile shows the public profile only', async () => {
    const res = await h.call(A, 'recommendMediator', 'profile', { mediatorId: 'med_conflict' })
    expect(res.ok).toBe(true)
    if (!res.ok) return
    expect(res.data).toMatchObject({
      mediatorId: 'med_conflict',
      name: '周强',
      successRatePercent: 100,
    })
    expect(JSON.stringify(res.data)).not.toMatch(/openid|affiliation|nameHash|近亲属/)
    const missing = await h.call(A, 'recommendMediator', 'profile', { mediatorId: 'med_nobody' })
    expect(errorOf(missing)?.code).toBe('NOT_FOUND')
  })
})

describe('recommendMediator: choose', () => {
  it('only the applicant; conflicts, unbound and full mediators refused; nothing written', async () => {
    const byRespondent = await h.call(
      R,
      'recommendMediator',
      'choose',
      { caseId, mediatorId: 'med_open' },
      rid(),
    )
    expect(errorOf(byRespondent)?.code).toBe('FORBIDDEN')
    const byStranger = await h.call(
      S,
      'recommendMediator',
      'choose',
      { caseId, mediatorId: 'med_open' },
      rid(),
    )
    expect(errorOf(byStranger)?.code).toBe('FORBIDDEN')
    const cases: [string, string][] = [
      ['med_conflict', 'CONFLICT_OF_INTEREST'],
      ['med_unbound', 'MEDIATOR_UNAVAILABLE'],
      ['med_full', 'MEDIATOR_AT_CAPACITY'],
      ['med_nobody', 'NOT_FOUND'],
    ]
    for (const [mediatorId, code] of cases) {
      const res = await h.call(A, 'recommendMediator', 'choose', { caseId, mediatorId }, rid())
      expect(errorOf(res)?.code, mediatorId).toBe(code)
    }
    const doc = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    expect(doc?.['mediatorId']).toBeNull()
  })

  it('choose → awaiting the mediator, pending count +1, mediator notified; repeat and re-choose', async () => {
    const requestId = rid()
    const chosen = await h.call(
      A,
      'recommendMediator',
      'choose',
      { caseId, mediatorId: 'med_open' },
      requestId,
    )
    expect(chosen).toMatchObject({
      ok: true,
      data: {
        caseId,
        status: 'awaiting_mediator',
        statusLabel: '待调解员受理',
        mediatorId: 'med_open',
      },
    })
    expect(
      await h.call(A, 'recommendMediator', 'choose', { caseId, mediatorId: 'med_open' }, requestId),
    ).toEqual(chosen)
    expect(mediatorDoc('med_open')).toMatchObject({ pendingCount: 1 })
    const inbox = await h.docs('messages', { toOpenid: 'o_med_open' })
    expect(inbox.map((m) => m['title'])).toContain('新案件待受理')
    const same = await h.call(
      A,
      'recommendMediator',
      'choose',
      { caseId, mediatorId: 'med_open' },
      rid(),
    )
    expect(errorOf(same)?.code).toBe('INVALID_TRANSITION')
    const other = await h.call(
      A,
      'recommendMediator',
      'choose',
      { caseId, mediatorId: 'med_other' },
      rid(),
    )
    expect(other.ok).toBe(true)
    expect(mediatorDoc('med_open')).toMatchObject({ pendingCount: 0 })
    expect(mediatorDoc('med_other')).toMatchObject({ pendingCount: 1 })
    const stored = h.emulator.database.collection(ENV, 'mediation_cases').get(caseId)
    expect(stored).toMatchObject({ organisationId: 'org_zhejiang', mediatorId: 'med_other' })
    const detail = await h.call(A, 'mediationCase', 'detail', { caseId })
    expect(detail.ok && detail.data.mediator).toMatchObject({
      mediatorId: 'med_other',
      accepted: false,
    })
    expectNoPlainPersonalData(detail, [IDS.applicant, IDS.respondent, '13812345678'])
    useSdkInProcess(h)
    const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
    const chain = await verifyAuditChain('mediation_cases', caseId, {
      auditSeq: stored?.['auditSeq'] as number,
      auditHash: stored?.['auditHash'] as string,
    })
    expect(chain).toMatchObject({ ok: true })
  })

  it('two cases racing for the last place: exactly one gets the mediator', async () => {
    const second = await agreedCase(h, S, R)
    const third = await agreedCase(h, A, R)
    const results = await Promise.all([
      h.call(
        S,
        'recommendMediator',
        'choose',
        { caseId: second, mediatorId: 'med_last_slot' },
        rid(),
      ),
      h.call(
        A,
        'recommendMediator',
        'choose',
        { caseId: third, mediatorId: 'med_last_slot' },
        rid(),
      ),
    ])
    const ok = results.filter((r) => r.ok)
    expect(ok).toHaveLength(1)
    const failed = results.find((r) => !r.ok)
    expect(['MEDIATOR_AT_CAPACITY', 'CONFLICT']).toContain(failed && errorOf(failed)?.code)
    expect(mediatorDoc('med_last_slot')).toMatchObject({ pendingCount: 1 })
  })
})

describe('recommendMediator: a withdrawn choice frees the place', () => {
  it('withdrawing while the chosen mediator has not answered releases the pending count', async () => {
    expect(mediatorDoc('med_other')).toMatchObject({ pendingCount: 1 })
    const res = await h.call(
      A,
      'mediationCase',
      'withdraw',
      { caseId, reason: '已自行协商' },
      rid(),
    )
    expect(res).toMatchObject({ ok: true, data: { status: 'closed_without_agreement' } })
    expect(mediatorDoc('med_other')).toMatchObject({ pendingCount: 0 })
    const inbox = await h.docs('messages', { toOpenid: 'o_med_other' })
    expect(inbox.map((m) => m['title'])).toContain('申请人撤回调解申请')
    const late = await h.call(A, 'recommendMediator', 'recommend', { caseId })
    expect(errorOf(late)?.code).toBe('INVALID_TRANSITION')
  })
})
