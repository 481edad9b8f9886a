// The mediation journey end to end through the real functions: apply → respondent agrees →
// choose → accept → video call → agreement → all sign → settled; and the race of the
// mediator accepting while the applicant withdraws.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildOrganisations, REFERENCE_DATE } from '../../tools/cloudbase-emulator/seed/index'
import type { ApiResult } from '../../typings/api/envelope'
import { rid, startHarness, upload, useSdkInProcess, type Harness } from './harness'
import { agreedCase, faceVerified, IDS } from './mediation-case-support'
import { TERMS, chainOf } from './support/case-fixtures'
import { hangzhouMediator } from './support/mediator-fixtures'

let h: Harness
const A = 'o_journey_applicant'
const R = 'o_journey_respondent'
const M = 'o_journey_mediator'

beforeAll(async () => {
  h = await startHarness([
    'profile',
    'verifyIdentity',
    'mediationCase',
    'recommendMediator',
    'mediatorDesk',
    'videoMediation',
    'signAgreement',
  ])
  await h.insert(
    'organisations',
    buildOrganisations(REFERENCE_DATE) as unknown as Record<string, unknown>[],
  )
  await h.insert('mediators', [
    hangzhouMediator('med_journey', {
      searchKeys: ['周强'],
      searchPrefixes: ['周', '周强'],
      openid: M,
    }),
  ])
  await faceVerified(h, A, '张伟', IDS.applicant)
  await faceVerified(h, R, '李娜', IDS.respondent)
})
afterAll(async () => {
  await h.stop()
})

function ok<T>(res: ApiResult<T>): T {
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data
}

async function chosenCase(): Promise<string> {
  const caseId = await agreedCase(h, A, R)
  ok(await h.call(A, 'recommendMediator', 'choose', { caseId, mediatorId: 'med_journey' }, rid()))
  return caseId
}

async function signature(openid: string, tag: string): Promise<string> {
  useSdkInProcess(h)
  const { privatePrefix } = await import('../../cloudfunctions/_shared/storage')
  return upload(h, `${privatePrefix(openid)}signatures/${tag}.png`)
}

describe('mediation journey through the real functions', () => {
  it('choose → accept → video → agreement → both parties and the mediator sign → settled', async () => {
    const caseId = await chosenCase()
    const pending = ok(await h.call(M, 'mediatorDesk', 'listAssigned', { tab: 'pending' }))
    expect(pending.items.map((i) => i.caseId)).toContain(caseId)

    expect(ok(await h.call(M, 'mediatorDesk', 'accept', { caseId }, rid()))).toMatchObject({
      status: 'accepted',
    })
    const [mediator] = await h.docs('mediators', { _id: 'med_journey' })
    expect(mediator).toMatchObject({ pendingCount: 0, currentCaseload: 1 })

    const call = ok(await h.call(M, 'videoMediation', 'start', { caseId, room: 'all' }, rid()))
    for (const who of [M, A, R]) {
      const joined = ok(await h.call(who, 'videoMediation', 'join', { callId: call.callId }, rid()))
      expect(joined.signature).toMatch(/^[0-9a-f]{64}$/)
    }
    ok(await h.call(M, 'videoMediation', 'end', { callId: call.callId }, rid()))

    const draft = ok(
      await h.call(
        M,
        'mediatorDesk',
        'draftAgreement',
        { caseId, facts: '双方因钢材采购合同货款发生争议。', terms: TERMS },
        rid(),
      ),
    )
    expect(draft.text).toContain('周强')
    const sent = ok(
      await h.call(M, 'mediatorDesk', 'sendForSigning', { caseId, version: draft.version }, rid()),
    )
    const signs = await Promise.all(
      [A, R, M].map(async (who) =>
        ok(
          await h.call(
            who,
            'signAgreement',
            'sign',
            {
              caseId,
              version: sent.version,
              hash: sent.hash,
              signatureImageFileId: await signature(who, caseId),
            },
            rid(),
          ),
        ),
      ),
    )
    expect(signs.filter((s) => s.effective)).toHaveLength(1)

    const detail = ok(await h.call(A, 'mediationCase', 'detail', { caseId }))
    expect(detail.status).toBe('settled')
    const types = detail.timeline.map((t) => t.type)
    for (const t of ['case.mediator_accepted', 'call.started', 'call.ended', 'case.settled']) {
      expect(types).toContain(t)
    }
    const [after] = await h.docs('mediators', { _id: 'med_journey' })
    expect(after?.['currentCaseload']).toBe(0)

    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })
    expect(await chainOf(h, 'agreements', sent.agreementId)).toMatchObject({ ok: true })
    expect(await chainOf(h, 'calls', call.callId)).toMatchObject({ ok: true })
  })

  it('accept racing the applicant’s withdrawal: exactly one wins, the state and chain agree', async () => {
    for (let round = 0; round < 3; round += 1) {
      const caseId = await chosenCase()
      const [accept, withdraw] = await Promise.all([
        h.call(M, 'mediatorDesk', 'accept', { caseId }, rid()),
        h.call(A, 'mediationCase', 'withdraw', { caseId, reason: '已与对方自行和解' }, rid()),
      ])
      expect([accept.ok, withdraw.ok].filter(Boolean)).toHaveLength(1)
      const [doc] = await h.docs('mediation_cases', { _id: caseId })
      expect(doc?.['status']).toBe(accept.ok ? 'accepted' : 'closed_without_agreement')
      const loser = accept.ok ? withdraw : accept
      expect(loser.ok).toBe(false)
      if (!loser.ok) expect(['INVALID_TRANSITION', 'CONFLICT']).toContain(loser.error.code)
      const events = await h.docs('audit_events', { entityId: caseId })
      const actions = events.map((e) => e['action'])
      expect(actions.includes('case.mediator_accepted')).toBe(accept.ok)
      expect(actions.includes('case.withdrawn')).toBe(withdraw.ok)
      expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })
      // Close any accepted case so the mediator's capacity stays free for the next round.
      if (accept.ok) {
        ok(
          await h.call(
            M,
            'mediatorDesk',
            'closeCase',
            { caseId, kind: 'terminated', reason: '测试结束' },
            rid(),
          ),
        )
      }
    }
  })
})
