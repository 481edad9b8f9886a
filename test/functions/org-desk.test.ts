import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { pinyin } from 'pinyin-pro'
import { PEOPLE, rid, seedRoles, startHarness, useSdkInProcess, type Harness } from './harness'

const HOUR = 3_600_000
const DAY = 24 * HOUR
let h: Harness
const now = Date.now()
const ago = (ms: number) => new Date(now - ms)

beforeAll(async () => {
  h = await startHarness(['orgDesk', 'mediatorDesk'])
  await seedRoles(h)
  await h.insert('mediators', [
    { _id: 'med_b', name: '另机构', openid: null, organisationId: 'org_b', version: 1 },
  ])
  await h.insert('identities', [
    { _id: 'idt_old', status: 'manual_pending', manualSubmittedAt: ago(5 * HOUR), version: 2 },
    { _id: 'idt_new', status: 'manual_pending', manualSubmittedAt: ago(HOUR), version: 2 },
  ])
  await h.insert('filings', [
    {
      _id: 'fil_a',
      organisationId: 'org_a',
      status: 'submitted',
      caseNumber: 'F-1',
      submittedAt: ago(2 * DAY),
      version: 2,
    },
    {
      _id: 'fil_b',
      organisationId: 'org_b',
      status: 'submitted',
      caseNumber: 'F-2',
      submittedAt: ago(2 * DAY),
      version: 2,
    },
  ])
  await h.insert('withdrawal_requests', [
    {
      _id: 'wr_a',
      filingId: 'fil_w',
      organisationId: 'org_a',
      status: 'pending',
      requestedAt: ago(4 * DAY),
      version: 1,
    },
  ])
  const c = (id: string, status: string, extra: Record<string, unknown> = {}) => ({
    _id: id,
    organisationId: 'org_a',
    status,
    disputeType: 'sale_contract',
    mediatorId: 'med_1',
    submittedAt: new Date('2026-10-05T02:00:00Z'),
    acceptedAt: new Date('2026-10-06T02:00:00Z'),
    version: 3,
    ...extra,
  })
  await h.insert('mediation_cases', [
    c('s1', 'settled', { settledAt: new Date('2026-10-16T02:00:00Z') }),
    c('s2', 'closed_without_agreement', { closedAt: new Date('2026-10-26T02:00:00Z') }),
    c('s3', 'mediating', { disputeType: 'lease', submittedAt: new Date('2026-11-03T02:00:00Z') }),
    c('s4', 'settled', { organisationId: 'org_b', settledAt: new Date('2026-10-10T02:00:00Z') }),
  ])
})
afterAll(async () => {
  await h.stop()
})

describe('orgDesk', () => {
  it('refuses anyone who is not staff', async () => {
    for (const who of [PEOPLE.applicant, PEOPLE.mediator]) {
      const res = await h.call(who, 'orgDesk', 'queue', {})
      expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作' } })
    }
    expect((await h.call(undefined, 'orgDesk', 'queue', {})).ok).toBe(false)
  })

  it('queues identity reviews and own-organisation items oldest first, with SLA and overdue marks', async () => {
    const res = await h.call(PEOPLE.staffA, 'orgDesk', 'queue', {})
    if (!res.ok) throw new Error(res.error.message)
    expect(res.data.items.map((i) => [i.kind, i.id, i.overdue])).toEqual([
      ['withdrawal_request', 'wr_a', true],
      ['filing', 'fil_a', false],
      ['identity_review', 'idt_old', true],
      ['identity_review', 'idt_new', false],
    ])
    expect(res.data.overdueCount).toBe(2)
    expect(res.data.items.map((i) => [i.filingId, i.caseId])).toEqual([
      ['fil_w', null],
      ['fil_a', null],
      [null, null],
      [null, null],
    ])
    expect(res.data.items[2]?.dueText).toBe('已到期')
    const b = await h.call(PEOPLE.staffB, 'orgDesk', 'queue', { kind: 'filing' })
    expect(b.ok && b.data.items.map((i) => i.id)).toEqual(['fil_b'])
    const paged = await h.call(PEOPLE.staffA, 'orgDesk', 'queue', { page: 2, pageSize: 3 })
    expect(paged.ok && [paged.data.items.length, paged.data.hasMore]).toEqual([1, false])
  })

  it('creates and renames a mediator with search keys as pinyin-pro reads the name', async () => {
    const requestId = rid()
    const created = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { name: '曾晓明', specialties: ['sale_contract'], capacity: 8, available: true },
      requestId,
    )
    if (!created.ok) throw new Error(created.error.message)
    const again = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { name: '曾晓明', specialties: ['sale_contract'], capacity: 8, available: true },
      requestId,
    )
    expect(again).toEqual(created)
    const id = created.data.mediatorId
    const [doc] = await h.docs('mediators', { _id: id })
    expect(doc?.['searchKeys']).toContain(
      pinyin('曾晓明', { toneType: 'none', type: 'array', surname: 'head', v: true }).join(''),
    )
    expect(doc?.['organisationId']).toBe('org_a')

    const renamed = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'updateMediator',
      { mediatorId: id, version: created.data.version, name: '单丽', capacity: 3 },
      rid(),
    )
    expect(renamed.ok && [renamed.data.name, renamed.data.capacity]).toEqual(['单丽', 3])
    const [after] = await h.docs('mediators', { _id: id })
    expect(after?.['searchKeys']).toContain('shanli')
    useSdkInProcess(h)
    const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
    const chain = await verifyAuditChain('mediators', id, {
      auditSeq: after?.['auditSeq'] as number,
      auditHash: after?.['auditHash'] as string,
    })
    expect(chain).toEqual(expect.objectContaining({ ok: true }))
    const stale = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'updateMediator',
      { mediatorId: id, version: created.data.version, capacity: 4 },
      rid(),
    )
    expect(!stale.ok && stale.error.code).toBe('CONFLICT')
    const other = await h.call(
      PEOPLE.staffB,
      'orgDesk',
      'updateMediator',
      { mediatorId: id, version: 2, capacity: 4 },
      rid(),
    )
    expect(!other.ok && other.error.code).toBe('NOT_FOUND')
    const bad = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { name: '王', specialties: ['not_a_type' as never], capacity: 0, available: true },
      rid(),
    )
    expect(!bad.ok && bad.error.code).toBe('INVALID_INPUT')
  })

  it('lists only its own mediators', async () => {
    const res = await h.call(PEOPLE.staffB, 'orgDesk', 'listMediators', {})
    expect(res.ok && res.data.items.map((m) => m.mediatorId)).toEqual(['med_b'])
  })

  it('issues a one-time bind code, stored only as a hash, that a person redeems once', async () => {
    const res = await h.call(PEOPLE.staffB, 'orgDesk', 'issueBindCode', { mediatorId: 'med_b' })
    if (!res.ok) throw new Error(res.error.message)
    expect(res.data.code).toMatch(/^[A-HJ-NP-Z2-9]{10}$/)
    const stored = JSON.stringify(await h.docs('bind_codes'))
    expect(stored).not.toContain(res.data.code)
    expect(JSON.stringify(await h.docs('idempotency_keys'))).not.toContain(res.data.code)
    const bound = await h.call(
      'o_new_mediator',
      'mediatorDesk',
      'bind',
      { code: res.data.code },
      rid(),
    )
    expect(bound.ok && bound.data.mediatorId).toBe('med_b')
    const reuse = await h.call(
      'o_other_person',
      'mediatorDesk',
      'bind',
      { code: res.data.code },
      rid(),
    )
    expect(!reuse.ok && reuse.error.code).toBe('BIND_CODE_USED')
    const boundAlready = await h.call(PEOPLE.staffB, 'orgDesk', 'issueBindCode', {
      mediatorId: 'med_b',
    })
    expect(!boundAlready.ok && boundAlready.error.code).toBe('ALREADY_BOUND')
    const foreign = await h.call(PEOPLE.staffA, 'orgDesk', 'issueBindCode', { mediatorId: 'med_b' })
    expect(!foreign.ok && foreign.error.code).toBe('NOT_FOUND')
  })

  it('computes statistics for its organisation with aggregate()', async () => {
    const range = { fromMonth: '2026-09', toMonth: '2026-11' }
    const res = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', range)
    if (!res.ok) throw new Error(res.error.message)
    expect([res.data.fromMonth, res.data.toMonth]).toEqual(['2026-09', '2026-11'])
    expect(res.data.totalCases).toBe(3)
    expect(res.data.settlementRate).toBe(0.5)
    expect(res.data.averageDurationDays).toBe(15)
    expect(res.data.byDisputeType).toEqual(
      expect.arrayContaining([
        { disputeType: 'sale_contract', count: 2 },
        { disputeType: 'lease', count: 1 },
      ]),
    )
    expect(res.data.byMonth).toEqual([
      { month: '2026-09', submitted: 0, settled: 0 },
      { month: '2026-10', submitted: 2, settled: 1 },
      { month: '2026-11', submitted: 1, settled: 0 },
    ])
    expect(res.data.overdue).toEqual({ identityReviews: 1, queueItems: 2 })
    expect(res.data.byMediator).toEqual([{ mediatorId: 'med_1', name: '', cases: 3, settled: 1 }])
  })

  it('counts only the cases submitted in the month range asked for', async () => {
    const november = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', {
      fromMonth: '2026-11',
      toMonth: '2026-11',
    })
    if (!november.ok) throw new Error(november.error.message)
    expect(november.data.totalCases).toBe(1)
    expect(november.data.byStatus).toEqual([{ status: 'mediating', count: 1 }])
    expect(november.data.settlementRate).toBeNull()
    expect(november.data.byMediator).toEqual([
      { mediatorId: 'med_1', name: '', cases: 1, settled: 0 },
    ])
    // The overdue counts are of now, whatever the range.
    expect(november.data.overdue).toEqual({ identityReviews: 1, queueItems: 2 })
    const empty = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', {
      fromMonth: '2025-01',
      toMonth: '2025-06',
    })
    expect(empty.ok && [empty.data.totalCases, empty.data.byMonth.length]).toEqual([0, 6])
  })

  it('defaults to the current China month and the five before', async () => {
    const res = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', {})
    if (!res.ok) throw new Error(res.error.message)
    const china = new Date(Date.now() + 8 * HOUR)
    const month = (back: number) => {
      const d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() - back, 1))
      return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
    }
    expect(res.data.byMonth.map((m) => m.month)).toEqual([5, 4, 3, 2, 1, 0].map(month))
    expect([res.data.fromMonth, res.data.toMonth]).toEqual([month(5), month(0)])
  })

  it('refuses a range that is reversed, longer than 24 months or not a month', async () => {
    const cases = [
      [
        { fromMonth: '2026-06', toMonth: '2026-05' },
        '起始月份不能晚于结束月份',
        'payload.fromMonth',
      ],
      [{ fromMonth: '2024-05', toMonth: '2026-05' }, '统计范围最长 24 个月', 'payload.fromMonth'],
      [{ fromMonth: '2026-13', toMonth: '2026-05' }, '起始月份格式不正确', 'payload.fromMonth'],
      [{ toMonth: '2026/05' }, '结束月份格式不正确', 'payload.toMonth'],
    ] as const
    for (const [payload, message, field] of cases) {
      const res = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', payload)
      expect(res).toEqual({ ok: false, error: { code: 'INVALID_INPUT', message, field } })
    }
    const longest = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', {
      fromMonth: '2024-06',
      toMonth: '2026-05',
    })
    expect(longest.ok && longest.data.byMonth.length).toBe(24)
  })

  it('creates a mediator with a masked phone and service regions, refusing a bad phone or name', async () => {
    const requestId = rid()
    const payload = {
      name: '林 晓',
      phone: '+86 139-1234-5678',
      specialties: ['lease'],
      regions: ['110100', '310100'],
      capacity: 6,
      available: false,
      bio: '执业律师，从事商事调解 5 年。',
    } as const
    const created = await h.call(PEOPLE.staffA, 'orgDesk', 'createMediator', payload, requestId)
    if (!created.ok) throw new Error(created.error.message)
    expect(created.data).toEqual(
      expect.objectContaining({
        name: '林晓',
        maskedPhone: '139****5678',
        regions: ['110100', '310100'],
        available: false,
        bound: false,
        bio: '执业律师，从事商事调解 5 年。',
      }),
    )
    const [doc] = await h.docs('mediators', { _id: created.data.mediatorId })
    expect(JSON.stringify(doc)).not.toContain('13912345678')
    expect(doc?.['phoneEnc']).toMatch(/^v1\./)
    expect(doc?.['region']).toEqual({
      provinceCode: '110000',
      cityCode: '110100',
      provinceName: '北京市',
      cityName: '北京市',
    })
    const audit = await h.docs('audit_events', { entityId: created.data.mediatorId })
    expect(audit.map((a) => a['action'])).toEqual(['mediator.created'])
    const again = await h.call(PEOPLE.staffA, 'orgDesk', 'createMediator', payload, requestId)
    expect(again).toEqual(created)
    expect(await h.docs('mediators', { name: '林晓' })).toHaveLength(1)

    const badPhone = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { ...payload, phone: '12345' },
      rid(),
    )
    expect(badPhone).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '请填写11位中国大陆手机号码',
        field: 'payload.phone',
      },
    })
    const badName = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { ...payload, name: '林晓2' },
      rid(),
    )
    expect(!badName.ok && [badName.error.message, badName.error.field]).toEqual([
      '姓名不能包含数字',
      'payload.name',
    ])
    const badRegion = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      { ...payload, regions: ['999999'] },
      rid(),
    )
    expect(!badRegion.ok && badRegion.error.code).toBe('INVALID_INPUT')
  })

  it('updates a mediator’s phone (sealed, answered masked) and service regions', async () => {
    const created = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'createMediator',
      {
        name: '陈静',
        phone: '13912345678',
        specialties: ['lease'],
        regions: ['110100'],
        capacity: 4,
        available: true,
      },
      rid(),
    )
    if (!created.ok) throw new Error(created.error.message)
    const id = created.data.mediatorId
    const badPhone = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'updateMediator',
      { mediatorId: id, version: created.data.version, phone: '139****5678' },
      rid(),
    )
    expect(badPhone).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '请填写11位中国大陆手机号码',
        field: 'payload.phone',
      },
    })
    const badRegion = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'updateMediator',
      { mediatorId: id, version: created.data.version, regions: [] },
      rid(),
    )
    expect(!badRegion.ok && [badRegion.error.code, badRegion.error.field]).toEqual([
      'INVALID_INPUT',
      'payload.regions',
    ])

    const updated = await h.call(
      PEOPLE.staffA,
      'orgDesk',
      'updateMediator',
      {
        mediatorId: id,
        version: created.data.version,
        phone: '138 0013 8000',
        regions: ['330100', '310100'],
      },
      rid(),
    )
    if (!updated.ok) throw new Error(updated.error.message)
    expect(updated.data).toEqual(
      expect.objectContaining({
        maskedPhone: '138****8000',
        regions: ['330100', '310100'],
        version: created.data.version + 1,
      }),
    )
    expect(JSON.stringify(updated)).not.toContain('13800138000')
    const [doc] = await h.docs('mediators', { _id: id })
    expect(JSON.stringify(doc)).not.toContain('13800138000')
    expect(doc?.['phoneEnc']).toMatch(/^v1\./)
    useSdkInProcess(h)
    const { decryptField } = await import('../../cloudfunctions/_shared/crypto')
    expect(decryptField(String(doc?.['phoneEnc']))).toBe('13800138000')
    expect(doc?.['region']).toEqual(expect.objectContaining({ cityCode: '330100' }))
    const listed = await h.call(PEOPLE.staffA, 'orgDesk', 'listMediators', { pageSize: 50 })
    expect(listed.ok && listed.data.items.find((m) => m.mediatorId === id)?.maskedPhone).toBe(
      '138****8000',
    )
    // Neither number reaches the function logs, not even from the refused update.
    const { lines } = h.functions.runtime().logs.query({ function: 'orgDesk', limit: 1000 })
    const logged = lines.map((l) => l.text).join('\n')
    // The instance's output is there (its development-key warning), just not the numbers.
    expect(logged).toContain('ID_ENCRYPTION_KEY')
    expect(logged).not.toContain('13800138000')
    expect(logged).not.toContain('13912345678')
  })
})
