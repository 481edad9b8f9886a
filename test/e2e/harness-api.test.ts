import { describe, expect, it } from 'vitest'
import { maskIdNumber } from '../../miniprogram/core/masking'
import {
  arrangeCase,
  arrangeFiling,
  CASE_STAGE_STATUS,
  PARTY_IDS,
  verifyAs,
  type CaseStage,
} from './support/arrange'
import { invokeAs, readCollection } from './support/emulator'
import { evaluate, relaunch, useApp, useFreshData, waitUntil } from './support/harness'

// The harness itself: two users at once against one emulator, arranging through the real
// functions, and reading back what the emulator holds.

useFreshData()
const party = useApp()
const mediator = useApp({ as: 'o_mediator_0001' })

declare const wx: {
  cloud: { callFunction(o: { name: string; data: unknown }): Promise<{ result: unknown }> }
}

describe('e2e harness', () => {
  it('serves each seeded user their own phone at the same time', async () => {
    const whoAmI = (mp: typeof party.mp) =>
      evaluate<{ ok: boolean; data: { mediatorId: string | null; roles: string[] } }>(
        mp,
        async () => {
          const res = await wx.cloud.callFunction({
            name: 'profile',
            data: { action: 'whoAmI', payload: {} },
          })
          return res.result
        },
      )
    const [a, b] = await Promise.all([whoAmI(party.mp), whoAmI(mediator.mp)])
    expect(a.ok && b.ok).toBe(true)
    const [seeded] = await readCollection('mediators', { openid: 'o_mediator_0001' })
    expect(b.data.roles).toContain('mediator')
    expect(b.data.mediatorId).toBe(seeded?.['_id'])
    expect(a.data.roles).not.toContain('mediator')
    expect(a.data.mediatorId).toBeNull()
  })

  it('verifies by the face path and refuses a wrong ID number with its message', async () => {
    const wrong = await invokeAs('o_party_stranger', 'verifyIdentity', 'startFace', {
      name: '赵磊',
      idNumber: '440305199007080085',
    })
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.error.message).toMatch(/[\u4e00-\u9fa5]/)
    await verifyAs('o_party_stranger', { name: '赵磊', idNumber: PARTY_IDS.o_party_stranger })
    const me = await invokeAs('o_party_stranger', 'verifyIdentity', 'status', {})
    expect(me.ok).toBe(true)
    expect(JSON.stringify(me)).toContain(maskIdNumber(PARTY_IDS.o_party_stranger))
    expect(JSON.stringify(me)).not.toContain(PARTY_IDS.o_party_stranger)
  })

  // One case per stage, in two halves, so each test stays well inside its time limit.
  it.each<[CaseStage[]]>([
    [['submitted', 'mediator_chosen', 'failed']],
    [['in_mediation', 'agreement_sent', 'settled']],
  ])('arranges cases at stages %j through the real functions', async (stages) => {
    for (const stage of stages) {
      const c = await arrangeCase(stage)
      const [doc] = await readCollection('mediation_cases', { _id: c.caseId })
      expect([stage, doc?.['status']]).toEqual([stage, CASE_STAGE_STATUS[stage]])
    }
  })

  it('arranges filings submitted and accepted', async () => {
    const submitted = await arrangeFiling('submitted')
    const accepted = await arrangeFiling('accepted')
    const [a] = await readCollection('filings', { _id: submitted.filingId })
    const [b] = await readCollection('filings', { _id: accepted.filingId })
    expect(a?.['status']).toBe(submitted.status)
    expect(b?.['status']).toBe(accepted.status)
    expect(accepted.filingNumber).toEqual(expect.any(String))
    await relaunch(party.mp, '/pages/home/index')
    await waitUntil('首页', async () => (await party.mp.currentPage())?.path === 'pages/home/index')
  })
})
