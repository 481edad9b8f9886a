import { describe, expect, it } from 'vitest'
import {
  RECOMMENDATION_WEIGHTS,
  scoreMediators,
  type MediatorCandidate,
  type Recommendation,
} from '../../../../miniprogram/core/recommendation'
import { CHENGDU, HANGZHOU, NINGBO, NOW, caseFacts, mediator } from './fixtures'

function rank(candidates: readonly MediatorCandidate[], facts = caseFacts()): Recommendation {
  const result = scoreMediators(facts, candidates, NOW)
  if (!result.ok) throw new Error(result.error.message)
  return result.value
}

function order(candidates: readonly MediatorCandidate[], facts = caseFacts()): string[] {
  return rank(candidates, facts).ranked.map((r) => r.mediatorId)
}

describe('scoreMediators: factors', () => {
  it('ranks a specialist in the dispute type above an otherwise equal non-specialist', () => {
    const ids = order([
      mediator('m_none', { specialties: ['lease'] }),
      mediator('m_exact', { specialties: ['sale_contract'] }),
    ])
    expect(ids).toEqual(['m_exact', 'm_none'])
  })

  it('ranks an exact specialty above a related one, and a related one above none', () => {
    const ids = order([
      mediator('m_none', { specialties: ['labour'] }),
      mediator('m_related', { specialties: ['unpaid_accounts'] }),
      mediator('m_exact', { specialties: ['sale_contract'] }),
    ])
    expect(ids).toEqual(['m_exact', 'm_related', 'm_none'])
  })

  it('counts an expertise tag that matches a case keyword as a partial match', () => {
    const facts = caseFacts({ disputeType: 'loan_contract', keywords: ['民间借贷'] })
    const ranked = rank(
      [
        mediator('m_tag', { specialties: ['labour'], expertiseTags: ['民间借贷'] }),
        mediator('m_plain', { specialties: ['labour'] }),
      ],
      facts,
    ).ranked
    expect(ranked.map((r) => r.mediatorId)).toEqual(['m_tag', 'm_plain'])
    expect(ranked[0]?.reasons).toContain('熟悉相关领域')
    expect(ranked[1]?.breakdown.specialty).toBe(0)
  })

  it('prefers the same city over the same province over a covering organisation over elsewhere', () => {
    const ids = order([
      mediator('m_far', { region: CHENGDU, organisationId: 'org_chengdu' }),
      mediator('m_jurisdiction', {
        region: { provinceCode: '310000', cityCode: '310100' },
        organisationId: 'org_zhejiang',
      }),
      mediator('m_province', { region: NINGBO, organisationId: 'org_ningbo' }),
      mediator('m_city', { region: HANGZHOU, organisationId: 'org_chengdu' }),
    ])
    expect(ids).toEqual(['m_city', 'm_province', 'm_jurisdiction', 'm_far'])
  })

  it('lets a specialist in another city outrank a local generalist', () => {
    const ids = order([
      mediator('m_local', { region: HANGZHOU, specialties: ['lease'] }),
      mediator('m_specialist', { region: CHENGDU, specialties: ['sale_contract'] }),
    ])
    expect(ids).toEqual(['m_specialist', 'm_local'])
  })

  it('prefers the mediator with more free capacity', () => {
    const ids = order([
      mediator('m_busy', { currentCaseload: 9, capacity: 10 }),
      mediator('m_free', { currentCaseload: 1, capacity: 10 }),
    ])
    expect(ids).toEqual(['m_free', 'm_busy'])
  })

  it('excludes mediators at or over capacity and counts them', () => {
    const result = rank([
      mediator('m_full', { currentCaseload: 10, capacity: 10 }),
      mediator('m_over', { currentCaseload: 12, capacity: 10 }),
      mediator('m_zero', { currentCaseload: 0, capacity: 0 }),
      mediator('m_ok'),
    ])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_ok'])
    expect(result.excluded.atCapacity).toBe(3)
    expect(result.eligibleCount).toBe(1)
  })

  it('smooths success rates: 1 of 1 ranks below 80 of 100', () => {
    const ranked = rank([
      mediator('m_lucky', { casesHandled: 1, casesSettled: 1 }),
      mediator('m_solid', { casesHandled: 100, casesSettled: 80 }),
    ]).ranked
    expect(ranked.map((r) => r.mediatorId)).toEqual(['m_solid', 'm_lucky'])
    const [solid, lucky] = ranked
    expect(solid?.breakdown.successRate).toBeGreaterThan(lucky?.breakdown.successRate ?? 99)
  })

  it('smooths ratings: one 5-star rating ranks below forty ratings averaging 4.8', () => {
    const ids = order([
      mediator('m_one', { rating: 5, ratingCount: 1 }),
      mediator('m_many', { rating: 4.8, ratingCount: 40 }),
    ])
    expect(ids).toEqual(['m_many', 'm_one'])
  })

  it('scores an unrated mediator at the prior instead of failing', () => {
    const ranked = rank([mediator('m_new', { rating: null, ratingCount: 0 })]).ranked
    expect(ranked[0]?.breakdown.rating).toBe(7.5)
  })

  it('excludes mediators not accepting cases or on leave beyond 14 days, scores short leaves lower', () => {
    const result = rank([
      mediator('m_off', { available: false }),
      mediator('m_long_leave', { unavailableUntil: new Date('2026-11-20T00:00:00+08:00') }),
      mediator('m_short_leave', { unavailableUntil: new Date('2026-11-04T00:00:00+08:00') }),
      mediator('m_back', { unavailableUntil: new Date('2026-10-30T00:00:00+08:00') }),
    ])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_back', 'm_short_leave'])
    expect(result.excluded.unavailable).toBe(2)
    const short = result.ranked[1]
    expect(short?.breakdown.availability).toBeLessThan(RECOMMENDATION_WEIGHTS.availability)
    expect(short?.reasons).toContain('11月4日起可接案')
  })
})

describe('scoreMediators: conflict of interest', () => {
  it('excludes a mediator who declared the enterprise party by USCC, ignoring case and spaces', () => {
    const result = rank([
      mediator('m_conflict', {
        affiliations: [{ kind: 'enterprise', name: '别名公司', uscc: '91330106ma2b 3c4d5e' }],
      }),
      mediator('m_clean'),
    ])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_clean'])
    expect(result.excluded.conflictOfInterest).toBe(1)
  })

  it('excludes by enterprise name with full-width brackets and spaces folded', () => {
    const facts = caseFacts({
      parties: [{ partyType: 'enterprise', name: '杭州云启科技(集团)有限公司' }],
    })
    const result = rank(
      [
        mediator('m_conflict', {
          affiliations: [{ kind: 'enterprise', name: '杭州云启科技（集团） 有限公司' }],
        }),
      ],
      facts,
    )
    expect(result.ranked).toEqual([])
    expect(result.excluded.conflictOfInterest).toBe(1)
  })

  it('excludes by a declared person-name hash and when the mediator is a party', () => {
    const result = rank([
      mediator('m_relative', { affiliations: [{ kind: 'person', nameHash: 'h-zhangwei' }] }),
      mediator('m_self', { openid: 'o_party_applicant' }),
      mediator('m_other_person', { affiliations: [{ kind: 'person', nameHash: 'h-lisi' }] }),
    ])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_other_person'])
    expect(result.excluded.conflictOfInterest).toBe(2)
  })

  it('does not treat a person party name as an enterprise affiliation', () => {
    const result = rank([
      mediator('m_same_text', { affiliations: [{ kind: 'enterprise', name: '张伟' }] }),
    ])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_same_text'])
    expect(result.excluded.conflictOfInterest).toBe(0)
  })
})

describe('scoreMediators: organisation eligibility', () => {
  it('leaves out mediators of organisations that may not take the dispute type, and counts them', () => {
    const facts = caseFacts({ disputeType: 'labour', eligibleOrganisationIds: ['org_labour'] })
    const result = rank(
      [
        mediator('m_commercial', { organisationId: 'org_hangzhou', specialties: ['labour'] }),
        mediator('m_labour', { organisationId: 'org_labour', specialties: ['labour'] }),
      ],
      facts,
    )
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_labour'])
    expect(result.excluded.organisationIneligible).toBe(1)
  })

  it('applies no organisation filter when the facts carry none', () => {
    const result = rank([mediator('m_any', { organisationId: 'org_anything' })])
    expect(result.excluded.organisationIneligible).toBe(0)
    expect(result.ranked).toHaveLength(1)
  })
})

describe('scoreMediators: output', () => {
  it('writes Chinese reasons in the documented form', () => {
    const ranked = rank([
      mediator('m_1', {
        specialties: ['sale_contract'],
        region: HANGZHOU,
        currentCaseload: 2,
        casesHandled: 50,
        casesSettled: 43,
        rating: 4.8,
        ratingCount: 30,
      }),
    ]).ranked
    expect(ranked[0]?.reasons).toEqual([
      '擅长该纠纷类型',
      '同城',
      '当前在办 2 件',
      '成功率 86%',
      '评分 4.8',
    ])
    expect(ranked[0]?.summary).toBe('擅长该纠纷类型 · 同城 · 当前在办 2 件 · 成功率 86% · 评分 4.8')
  })

  it('shows counts instead of a rate for small samples and marks newcomers', () => {
    const ranked = rank([
      mediator('m_small', { casesHandled: 3, casesSettled: 3, ratingCount: 2 }),
      mediator('m_new', { casesHandled: 0, casesSettled: 0, rating: null, ratingCount: 0 }),
    ]).ranked
    const byId = new Map(ranked.map((r) => [r.mediatorId, r.reasons]))
    expect(byId.get('m_small')).toEqual(['当前在办 2 件', '已调结 3 件'])
    expect(byId.get('m_new')).toEqual(['当前在办 2 件', '新入驻调解员'])
  })

  it('gives a breakdown that adds up to the score, within 0–100', () => {
    const ranked = rank([
      mediator('m_top', {
        specialties: ['sale_contract'],
        region: HANGZHOU,
        currentCaseload: 0,
        casesHandled: 500,
        casesSettled: 500,
        rating: 5,
        ratingCount: 500,
      }),
      mediator('m_low', { currentCaseload: 9, casesHandled: 100, casesSettled: 0, rating: 1 }),
    ]).ranked
    for (const entry of ranked) {
      const b = entry.breakdown
      const sum = b.specialty + b.region + b.caseload + b.successRate + b.rating + b.availability
      expect(Math.abs(sum - entry.score)).toBeLessThan(0.05)
      expect(entry.score).toBeGreaterThanOrEqual(0)
      expect(entry.score).toBeLessThanOrEqual(100)
    }
    expect(ranked[0]?.score).toBeGreaterThan(95)
  })

  it('is deterministic: input order does not change the ranking, ties fall back to id', () => {
    const twins = ['m_c', 'm_a', 'm_b'].map((id) => mediator(id))
    const forward = rank(twins).ranked
    const backward = rank([...twins].reverse()).ranked
    expect(forward.map((r) => r.mediatorId)).toEqual(['m_a', 'm_b', 'm_c'])
    expect(backward).toEqual(forward)
    expect(forward.map((r) => r.rank)).toEqual([1, 2, 3])
  })

  it('counts a candidate returned by two queries once', () => {
    const result = rank([mediator('m_a'), mediator('m_a'), mediator('m_b')])
    expect(result.ranked.map((r) => r.mediatorId)).toEqual(['m_a', 'm_b'])
    expect(result.eligibleCount).toBe(2)
  })

  it('returns at most `limit` entries but reports every eligible candidate', () => {
    const many = Array.from({ length: 30 }, (_, i) => mediator(`m_${String(i).padStart(2, '0')}`))
    const result = scoreMediators(caseFacts(), many, NOW, { limit: 5 })
    expect(result.ok && result.value.ranked.length).toBe(5)
    expect(result.ok && result.value.eligibleCount).toBe(30)
  })
})

describe('scoreMediators: bad input', () => {
  it('refuses case facts without a valid region with a Chinese message', () => {
    const result = scoreMediators(
      caseFacts({ region: { provinceCode: '33', cityCode: '330100' } }),
      [],
      NOW,
    )
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid_case_facts',
        message: '案件所在省份代码无效',
        field: 'region.provinceCode',
      },
    })
  })

  it('refuses a missing dispute type, an invalid clock and an out-of-range limit', () => {
    const noType = scoreMediators(caseFacts({ disputeType: '' }), [], NOW)
    expect(!noType.ok && noType.error.field).toBe('disputeType')
    const badNow = scoreMediators(caseFacts(), [], new Date(Number.NaN))
    expect(!badNow.ok && badNow.error.code).toBe('invalid_now')
    const badLimit = scoreMediators(caseFacts(), [], NOW, { limit: 0 })
    expect(!badLimit.ok && badLimit.error.code).toBe('invalid_limit')
  })

  it('refuses more candidates than the plan can fetch', () => {
    const many = Array.from({ length: 2001 }, (_, i) => mediator(`m_${i}`))
    const result = scoreMediators(caseFacts(), many, NOW)
    expect(!result.ok && result.error.code).toBe('too_many_candidates')
  })

  it('scores a larger set when the caller raises the cap on purpose, and refuses a bad cap', () => {
    const many = Array.from({ length: 2001 }, (_, i) => mediator(`m_${i}`))
    const raised = scoreMediators(caseFacts(), many, NOW, { maxCandidates: 5000 })
    expect(raised.ok && raised.value.eligibleCount).toBe(2001)
    const bad = scoreMediators(caseFacts(), many, NOW, { maxCandidates: Number.NaN })
    expect(!bad.ok && bad.error.field).toBe('maxCandidates')
  })

  it('skips damaged candidate documents, counts them, and never throws', () => {
    const junk = [null, { mediatorId: 'x' }, 42, mediator('m_nan', { casesHandled: Number.NaN })]
    const result = scoreMediators(caseFacts(), junk as unknown as MediatorCandidate[], NOW)
    expect(result.ok && result.value.excluded.malformed).toBe(3)
    expect(result.ok && result.value.ranked.map((r) => r.mediatorId)).toEqual(['m_nan'])
    expect(result.ok && result.value.ranked[0]?.reasons).toContain('新入驻调解员')
  })
})
