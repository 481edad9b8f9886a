import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CaseAction } from '../../typings/api/mediationCase'
import { PEOPLE, startHarness, type Harness } from './harness'
import {
  awaitingMediator,
  closedCase,
  seedOrganisations,
  settledCase,
  settledCopy,
} from './support/settled-case-fixtures'

// mediationCase.detail lists the next steps other functions own (在线立案, 司法确认, 调解书)
// among its allowedActions, decided by the core rule caseFollowUps, so 案件详情 only maps them.

let h: Harness

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediationCase', 'mediatorDesk', 'signAgreement'])
  await seedOrganisations(h)
})
afterAll(async () => {
  await h.stop()
})

const FOLLOW_UPS: readonly CaseAction[] = ['fileCase', 'applyConfirmation', 'applyDocument']

async function followUpsOf(openid: string, caseId: string): Promise<CaseAction[]> {
  const res = await h.call(openid, 'mediationCase', 'detail', { caseId })
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data.allowedActions.filter((a) => FOLLOW_UPS.includes(a))
}

const DAY_MS = 24 * 3600 * 1000

describe('mediationCase.detail follow-ups', () => {
  it('a case still waiting for its mediator offers none of them', async () => {
    const caseId = await awaitingMediator(h)
    expect(await followUpsOf(PEOPLE.applicant, caseId)).toEqual([])
    expect(await followUpsOf(PEOPLE.respondent, caseId)).toEqual([])
  })

  it('a case closed without agreement offers 在线立案 to both parties, not to the mediator', async () => {
    const caseId = await closedCase(h)
    expect(await followUpsOf(PEOPLE.applicant, caseId)).toEqual(['fileCase'])
    expect(await followUpsOf(PEOPLE.respondent, caseId)).toEqual(['fileCase'])
    expect(await followUpsOf(PEOPLE.mediator, caseId)).toEqual([])
  })

  it('a settled case offers 司法确认 and 调解书; after 30 days or for an ownership dispute only 调解书', async () => {
    const caseId = await settledCase(h)
    expect(await followUpsOf(PEOPLE.applicant, caseId)).toEqual([
      'applyConfirmation',
      'applyDocument',
    ])
    expect(await followUpsOf(PEOPLE.respondent, caseId)).toEqual([
      'applyConfirmation',
      'applyDocument',
    ])
    expect(await followUpsOf(PEOPLE.mediator, caseId)).toEqual([])

    const late = await settledCopy(h, caseId, {
      caseFields: { settledAt: new Date(Date.now() - 31 * DAY_MS) },
    })
    expect(await followUpsOf(PEOPLE.applicant, late)).toEqual(['applyDocument'])

    const equity = await settledCopy(h, caseId, {
      caseFields: { disputeType: 'equity_and_company' },
    })
    expect(await followUpsOf(PEOPLE.applicant, equity)).toEqual(['applyDocument'])
  })
})
