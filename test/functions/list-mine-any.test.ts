import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, type Harness } from './harness'
import { application, faceVerified, IDS, submitCase, tokenOf } from './mediation-case-support'

// 首页 lists every case the user is a party to, on whichever side, in one paged list.
let h: Harness
const A = PEOPLE.applicant
const R = PEOPLE.respondent
const S = PEOPLE.stranger
const STRANGER_ID = '110105198001010024'

beforeAll(async () => {
  h = await startHarness(['profile', 'verifyIdentity', 'mediationCase'])
  await seedRoles(h)
  await faceVerified(h, A, '张伟', IDS.applicant)
  await faceVerified(h, R, '李娜', IDS.respondent)
  await faceVerified(h, S, '王芳', STRANGER_ID)
})
afterAll(async () => {
  await h.stop()
})

describe('mediationCase.listMine role any', () => {
  it('lists cases where the caller applied and where they joined as respondent, each with its side', async () => {
    const own = await submitCase(h, R, {
      respondent: { ...application().respondent, name: '王芳', idNumber: STRANGER_ID },
    })
    const joinedCase = await submitCase(h, A)
    const inv = await h.call(A, 'mediationCase', 'invite', { caseId: joinedCase.caseId }, rid())
    if (!inv.ok) throw new Error('invite failed')
    const joined = await h.call(
      R,
      'mediationCase',
      'join',
      { token: tokenOf(inv.data.sharePath) },
      rid(),
    )
    expect(joined.ok).toBe(true)
    await submitCase(h, S)

    const list = await h.call(R, 'mediationCase', 'listMine', { role: 'any' })
    expect(list.ok).toBe(true)
    if (!list.ok) return
    const roles = Object.fromEntries(list.data.items.map((i) => [i.caseId, i.role]))
    expect(roles).toEqual({ [own.caseId]: 'applicant', [joinedCase.caseId]: 'respondent' })

    const applicantOnly = await h.call(R, 'mediationCase', 'listMine', { role: 'applicant' })
    expect(applicantOnly.ok && applicantOnly.data.items.map((i) => i.caseId)).toEqual([own.caseId])
  })

  it('pages the combined list and filters it by status', async () => {
    const first = await h.call(R, 'mediationCase', 'listMine', { role: 'any', pageSize: 1 })
    expect(first).toMatchObject({ ok: true, data: { page: 1, hasMore: true } })
    const second = await h.call(R, 'mediationCase', 'listMine', {
      role: 'any',
      pageSize: 1,
      page: 2,
    })
    expect(second).toMatchObject({ ok: true, data: { page: 2, hasMore: false } })
    if (!first.ok || !second.ok) return
    expect(first.data.items[0]?.caseId).not.toBe(second.data.items[0]?.caseId)
    const settled = await h.call(R, 'mediationCase', 'listMine', { role: 'any', status: 'settled' })
    expect(settled).toMatchObject({ ok: true, data: { items: [] } })
  })

  it('refuses an unknown role with a Chinese message', async () => {
    const res = await h.call(R, 'mediationCase', 'listMine', { role: 'everyone' } as unknown as {
      role: 'any'
    })
    expect(res.ok).toBe(false)
    if (res.ok) return
    expect(res.error.code).toBe('INVALID_INPUT')
    expect(res.error.message).toMatch(/[\u4e00-\u9fff]/)
  })
})
