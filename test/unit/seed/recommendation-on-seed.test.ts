import { describe, expect, it } from 'vitest'
import {
  candidateQueryPlan,
  organisationsCovering,
  organisationsHandling,
  scoreMediators,
  unionCandidates,
  type CandidateQuery,
  type CaseFacts,
  type MediatorCandidate,
} from '../../../miniprogram/core/recommendation'
import {
  DEMO_ENTERPRISE_NAME,
  generateSeed,
  REFERENCE_DATE,
  type SeedMediator,
} from '../../../tools/cloudbase-emulator/seed'

const seed = generateSeed({ mediatorCount: 5000 })

function candidate(doc: SeedMediator): MediatorCandidate {
  return { ...doc, mediatorId: doc._id }
}

function read(doc: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown>)?.[key], doc)
}

/** The plan's queries with CloudBase semantics, evaluated in memory over the seed. */
function run(query: CandidateQuery, docs: readonly SeedMediator[]): SeedMediator[] {
  const hits = docs.filter((doc) =>
    query.where.every((c) => {
      const value = read(doc as unknown as Record<string, unknown>, c.field)
      if (c.op === 'eq') return value === c.value
      if (c.op === 'arrayContains') return Array.isArray(value) && value.includes(c.value)
      return Array.isArray(value)
        ? value.some((v) => c.value.includes(v as string))
        : c.value.includes(value as string)
    }),
  )
  hits.sort((a, b) => b.casesSettled - a.casesSettled || (a._id < b._id ? -1 : 1))
  return hits.slice(0, query.limit)
}

const hangzhou = seed.organisations.find((o) => o._id === 'org_hangzhou')!.region
const facts: CaseFacts = {
  disputeType: 'sale_contract',
  region: hangzhou,
  coveringOrganisationIds: organisationsCovering(hangzhou, seed.organisations),
  parties: [
    { partyType: 'person', name: '张伟', openid: 'o_party_applicant' },
    { partyType: 'enterprise', name: DEMO_ENTERPRISE_NAME },
  ],
}

describe('recommendation over the seed', () => {
  it('recommends only labour-body mediators for a labour dispute', () => {
    const shenzhen = seed.organisations.find((o) => o._id === 'org_shenzhen')!.region
    const labour: CaseFacts = {
      disputeType: 'labour',
      region: shenzhen,
      coveringOrganisationIds: organisationsCovering(shenzhen, seed.organisations),
      eligibleOrganisationIds: organisationsHandling('labour', seed.organisations),
      parties: [],
    }
    const result = scoreMediators(
      labour,
      seed.mediators.slice(0, 2000).map(candidate),
      REFERENCE_DATE,
    )
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.ranked.length).toBeGreaterThan(0)
    for (const r of result.value.ranked) {
      expect(['org_shenzhen_labour', 'org_wuhan_labour']).toContain(r.organisationId)
    }
    expect(result.value.ranked[0]?.organisationId).toBe('org_shenzhen_labour')
    expect(result.value.excluded.organisationIneligible).toBeGreaterThan(1000)
  })

  it('excludes the demo mediator who declared the demo enterprise', () => {
    const result = scoreMediators(facts, seed.mediators.slice(0, 5).map(candidate), REFERENCE_DATE)
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.value.excluded.conflictOfInterest).toBe(1)
    const ids = result.value.ranked.map((r) => r.mediatorId)
    expect(ids).not.toContain('med_000003')
    // 林志强 (Zhejiang centre, Hangzhou, sale contracts) is the best demo match.
    expect(ids[0]).toBe('med_000005')
    expect(result.value.ranked[0]?.reasons.slice(0, 2)).toEqual(['擅长该纠纷类型', '同城'])
  })

  it('fetches through the indexed plan a top ten as good as a full scan', () => {
    const plan = candidateQueryPlan(facts)
    expect(plan.ok).toBe(true)
    if (!plan.ok) return
    const fetched = unionCandidates(
      plan.value.queries.map((q) => run(q, seed.mediators)),
      (m) => m._id,
      plan.value.maxCandidates,
    )
    expect(fetched.length).toBeLessThanOrEqual(plan.value.maxCandidates)
    expect(fetched.length).toBeLessThan(seed.mediators.length / 5)

    const viaPlan = scoreMediators(facts, fetched.map(candidate), REFERENCE_DATE, { limit: 10 })
    const fullScan = scoreMediators(facts, seed.mediators.map(candidate), REFERENCE_DATE, {
      limit: 10,
      maxCandidates: seed.mediators.length,
    })
    expect(viaPlan.ok && fullScan.ok).toBe(true)
    if (!viaPlan.ok || !fullScan.ok) return
    const planScores = viaPlan.value.ranked.map((r) => r.score)
    const scanScores = fullScan.value.ranked.map((r) => r.score)
    expect(planScores).toHaveLength(10)
    // Every recommended mediator matches the type and is local, as in the full scan.
    for (const r of viaPlan.value.ranked)
      expect(r.reasons.slice(0, 2)).toEqual(['擅长该纠纷类型', '同城'])
    expect(planScores[0]).toBeGreaterThanOrEqual((scanScores[0] ?? 0) - 0.5)
    expect(planScores[9]).toBeGreaterThanOrEqual((scanScores[9] ?? 0) - 2)
  })
})
