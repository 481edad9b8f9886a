import { describe, expect, it } from 'vitest'
import { caseFollowUps } from '../../../../miniprogram/core/machines/case-follow-ups'
import { CASE_STATUSES } from '../../../../miniprogram/core/machines/mediation-case'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')
const DAY = 24 * 3600 * 1000
const SETTLED_AT = new Date(NOW - 3 * DAY)

describe('caseFollowUps', () => {
  it('offers nothing to a non-party, in any state', () => {
    for (const status of CASE_STATUSES)
      expect(
        caseFollowUps({ status, disputeType: 'sale_contract', settledAt: SETTLED_AT }, false, NOW),
      ).toEqual([])
  })

  it('open cases have no follow-up; each closed state its own', () => {
    const got = Object.fromEntries(
      CASE_STATUSES.map((status) => [
        status,
        caseFollowUps({ status, disputeType: 'sale_contract', settledAt: SETTLED_AT }, true, NOW),
      ]),
    )
    expect(got).toEqual({
      draft: [],
      submitted: [],
      awaiting_respondent: [],
      awaiting_mediator: [],
      accepted: [],
      mediating: [],
      agreement_drafted: [],
      signing: [],
      settled: ['applyConfirmation', 'applyDocument'],
      closed_without_agreement: ['fileCase'],
    })
  })

  it('司法确认 closes 30 days after the agreement took effect', () => {
    const facts = (settledAt: Date) => ({
      status: 'settled' as const,
      disputeType: 'sale_contract',
      settledAt,
    })
    expect(caseFollowUps(facts(new Date(NOW - 30 * DAY + 1)), true, NOW)).toEqual([
      'applyConfirmation',
      'applyDocument',
    ])
    expect(caseFollowUps(facts(new Date(NOW - 30 * DAY)), true, NOW)).toEqual(['applyDocument'])
  })

  it('a dispute type courts do not confirm, or no effective time, leaves only 调解书', () => {
    expect(
      caseFollowUps(
        { status: 'settled', disputeType: 'equity_and_company', settledAt: SETTLED_AT },
        true,
        NOW,
      ),
    ).toEqual(['applyDocument'])
    expect(
      caseFollowUps(
        { status: 'settled', disputeType: 'unknown', settledAt: SETTLED_AT },
        true,
        NOW,
      ),
    ).toEqual(['applyDocument'])
    expect(
      caseFollowUps(
        { status: 'settled', disputeType: 'sale_contract', settledAt: null },
        true,
        NOW,
      ),
    ).toEqual(['applyDocument'])
  })
})
