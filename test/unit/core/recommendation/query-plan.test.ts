import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CANDIDATE_QUERY_LIMIT,
  candidateQueryPlan,
  MAX_JURISDICTION_IDS,
  MAX_QUERY_CANDIDATES,
  organisationsCovering,
  organisationsHandling,
  unionCandidates,
  type CandidateQueryPlan,
} from '../../../../miniprogram/core/recommendation'
import { caseFacts, HANGZHOU } from './fixtures'

function plan(facts = caseFacts()): CandidateQueryPlan {
  const result = candidateQueryPlan(facts)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

describe('candidateQueryPlan', () => {
  it('queries the mediators collection best match first, each query bounded and indexed', () => {
    const p = plan()
    expect(p.collection).toBe('mediators')
    expect(p.maxCandidates).toBe(MAX_QUERY_CANDIDATES)
    expect(p.queries.map((q) => q.id)).toEqual([
      'specialty_city',
      'related_city',
      'specialty_jurisdiction',
      'specialty_province',
      'city_any',
      'specialty_any',
    ])
    for (const q of p.queries) {
      expect(q.limit).toBe(CANDIDATE_QUERY_LIMIT)
      expect(q.where.length).toBeGreaterThan(1)
      // The query's index pins exactly the filtered fields, so an equality index serves it.
      expect([...q.index].sort()).toEqual(q.where.map((c) => c.field).sort())
      expect(q.orderBy).toEqual([
        { field: 'casesSettled', direction: 'desc' },
        { field: '_id', direction: 'asc' },
      ])
    }
  })

  it('uses only indexes declared for the mediators collection in database/indexes.json', () => {
    const url = new URL('../../../../database/indexes.json', import.meta.url)
    const declared = (
      JSON.parse(readFileSync(url, 'utf8')) as { mediators: { fields: string[] }[] }
    ).mediators.map((i) => i.fields.join(','))
    for (const q of plan().queries) expect(declared, q.id).toContain(q.index.join(','))
    expect(declared).toContain('searchPrefixes')
  })

  it('filters by the dispute type, the case city and only mediators accepting cases', () => {
    const first = plan().queries[0]
    expect(first?.where).toEqual([
      { field: 'specialties', op: 'arrayContains', value: 'sale_contract' },
      { field: 'region.cityCode', op: 'eq', value: '330100' },
      { field: 'available', op: 'eq', value: true },
    ])
  })

  it('asks for related specialties with `in`, and covering organisations sorted and deduplicated', () => {
    const p = plan(caseFacts({ coveringOrganisationIds: ['org_z', 'org_a', 'org_z'] }))
    const related = p.queries.find((q) => q.id === 'related_city')
    expect(related?.where[0]).toEqual({
      field: 'specialties',
      op: 'in',
      value: ['transport_logistics', 'unpaid_accounts', 'work_and_service'],
    })
    const jurisdiction = p.queries.find((q) => q.id === 'specialty_jurisdiction')
    expect(jurisdiction?.where[1]).toEqual({
      field: 'organisationId',
      op: 'in',
      value: ['org_a', 'org_z'],
    })
  })

  it('leaves out the jurisdiction query when no organisation covers the region', () => {
    const ids = plan(caseFacts({ coveringOrganisationIds: [] })).queries.map((q) => q.id)
    expect(ids).not.toContain('specialty_jurisdiction')
  })

  it('caps the organisation list of the jurisdiction query', () => {
    const many = Array.from({ length: 120 }, (_, i) => `org_${String(i).padStart(3, '0')}`)
    const q = plan(caseFacts({ coveringOrganisationIds: many })).queries.find(
      (x) => x.id === 'specialty_jurisdiction',
    )
    const condition = q?.where[1]
    expect(condition?.op === 'in' && condition.value.length).toBe(MAX_JURISDICTION_IDS)
  })

  it('refuses invalid case facts with a typed error', () => {
    const result = candidateQueryPlan(caseFacts({ region: { provinceCode: '', cityCode: '' } }))
    expect(!result.ok && result.error.code).toBe('invalid_case_facts')
  })
})

describe('unionCandidates', () => {
  it('keeps the first occurrence in query order and stops at the cap', () => {
    const batches = [
      [{ _id: 'a' }, { _id: 'b' }],
      [{ _id: 'b' }, { _id: 'c' }, { _id: 'd' }],
    ]
    expect(unionCandidates(batches, (m) => m._id).map((m) => m._id)).toEqual(['a', 'b', 'c', 'd'])
    expect(unionCandidates(batches, (m) => m._id, 3).map((m) => m._id)).toEqual(['a', 'b', 'c'])
  })
})

describe('organisationsCovering', () => {
  it('returns organisations listing the city or the province, sorted', () => {
    const orgs = [
      { _id: 'org_zhejiang', jurisdiction: ['330000'] },
      { _id: 'org_hangzhou', jurisdiction: ['330100'] },
      { _id: 'org_ningbo', jurisdiction: ['330200'] },
      { _id: 'org_chengdu', jurisdiction: ['510100'] },
    ]
    expect(organisationsCovering(HANGZHOU, orgs)).toEqual(['org_hangzhou', 'org_zhejiang'])
  })
})

describe('organisationsHandling', () => {
  it('sends labour disputes to labour mediation bodies only, commercial ones elsewhere', () => {
    const orgs = [
      { _id: 'org_c', type: 'commercial_mediation_org' },
      { _id: 'org_p', type: 'people_mediation_committee' },
      { _id: 'org_l', type: 'labour_mediation_org' },
    ]
    expect(organisationsHandling('labour', orgs)).toEqual(['org_l'])
    expect(organisationsHandling('sale_contract', orgs)).toEqual(['org_c', 'org_p'])
    expect(organisationsHandling('no_such_type', orgs)).toEqual([])
  })
})
