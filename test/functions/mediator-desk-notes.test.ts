import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, type Harness } from './harness'
import { caseAwaitingMediator, seedMoreMediators } from './support/case-fixtures'
import type { CaseDetail } from '../../typings/api/mediationCase'

// Mediation notes reach the mediator's workspace through the case detail, and never a party's.

let h: Harness

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'mediationCase'])
  await seedRoles(h)
  await seedMoreMediators(h)
})
afterAll(async () => {
  await h.stop()
})

async function detailAs(openid: string, caseId: string): Promise<CaseDetail> {
  const res = await h.call(openid, 'mediationCase', 'detail', { caseId })
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data
}

describe('mediation notes in the case detail', () => {
  it('shows the note with its text to the mediator and hides it from both parties', async () => {
    const caseId = await caseAwaitingMediator(h)
    const accepted = await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
    expect(accepted.ok).toBe(true)
    const text = '第一次调解：双方就付款期限分歧较大，约定下周再谈。'
    const added = await h.call(PEOPLE.mediator, 'mediatorDesk', 'addNote', { caseId, text }, rid())
    expect(added).toMatchObject({ ok: true, data: { flagged: false } })

    const mediatorView = await detailAs(PEOPLE.mediator, caseId)
    const notes = mediatorView.timeline.filter((e) => e.type === 'note.added')
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ label: '调解笔记', note: text, actorLabel: '调解员' })
    expect(mediatorView.timeline.some((e) => e.label === '调解员受理案件')).toBe(true)

    for (const party of [PEOPLE.applicant, PEOPLE.respondent]) {
      const view = await detailAs(party, caseId)
      expect(view.timeline.some((e) => e.type === 'note.added')).toBe(false)
      expect(JSON.stringify(view)).not.toContain(text)
      expect(view.timeline.some((e) => e.label === '调解员受理案件')).toBe(true)
    }
  })
})
