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
    const res = await h.call(PEOPLE.staffA, 'orgDesk', 'statistics', {})
    if (!res.ok) throw new Error(res.error.message)
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
      { month: '2026-10', submitted: 2, settled: 1 },
      { month: '2026-11', submitted: 1, settled: 0 },
    ])
    expect(res.data.overdue).toEqual({ identityReviews: 1, queueItems: 2 })
    expect(res.data.byMediator).toEqual([{ mediatorId: 'med_1', name: '', cases: 3, settled: 1 }])
  })
})
