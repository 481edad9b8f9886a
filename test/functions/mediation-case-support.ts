// Shared steps of the mediationCase / recommendMediator tests: verified parties, a submitted
// case, a respondent who joined and agreed, direct state changes standing in for other functions.
import { expect } from 'vitest'
import type { SubmitRequest } from '../../typings/api/mediationCase'
import { caseApplication } from '../support/arrange-core'
import { decideFace, rid, upload, type Harness } from './harness'

export const ENV = 'demo-local'

/** Valid resident IDs (check digits computed independently in the identity tests). */
export const IDS = {
  applicant: '11010519491231002X',
  respondent: '110105200002290013',
} as const

export async function faceVerified(h: Harness, openid: string, name: string, idNumber: string) {
  const start = await h.call(openid, 'verifyIdentity', 'startFace', { name, idNumber }, rid())
  if (!start.ok) throw new Error(JSON.stringify(start.error))
  await decideFace(h, start.data.verifyId, 'success')
  const confirm = await h.call(
    openid,
    'verifyIdentity',
    'confirmFace',
    { verifyId: start.data.verifyId },
    rid(),
  )
  if (!confirm.ok || confirm.data.outcome !== 'verified') throw new Error(JSON.stringify(confirm))
}

export async function storagePrefix(h: Harness, openid: string): Promise<string> {
  const who = await h.call(openid, 'profile', 'whoAmI', {})
  if (!who.ok) throw new Error('whoAmI failed')
  return who.data.storagePrefix
}

export async function evidenceFile(h: Harness, openid: string, name: string): Promise<string> {
  return upload(h, `${await storagePrefix(h, openid)}evidence/${name}`)
}

/** arrange-core's application, against 李娜 in Hangzhou (the respondent these tests verify). */
export function application(overrides: Partial<SubmitRequest> = {}): SubmitRequest {
  const { respondent } = caseApplication()
  return caseApplication({
    respondent: {
      ...respondent,
      name: '李娜',
      idNumber: IDS.respondent,
      address: '浙江省杭州市西湖区文三路 100 号',
    },
    region: { provinceCode: '330000', cityCode: '330100' },
    ...overrides,
  })
}

export async function submitCase(
  h: Harness,
  openid: string,
  overrides: Partial<SubmitRequest> = {},
): Promise<{ caseId: string; caseNumber: string }> {
  const res = await h.call(openid, 'mediationCase', 'submit', application(overrides), rid())
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return { caseId: res.data.caseId, caseNumber: res.data.caseNumber }
}

/** The token in a share path (what the respond page reads from its query). */
export function tokenOf(sharePath: string): string {
  const token = new URL(`https://x/${sharePath}`).searchParams.get('token')
  if (!token) throw new Error(`no token in ${sharePath}`)
  return token
}

/** Submitted, invited, joined and agreed: the case awaits the applicant's choice of mediator. */
export async function agreedCase(
  h: Harness,
  applicant: string,
  respondent: string,
  overrides: Partial<SubmitRequest> = {},
): Promise<string> {
  const { caseId } = await submitCase(h, applicant, overrides)
  const inv = await h.call(applicant, 'mediationCase', 'invite', { caseId }, rid())
  if (!inv.ok) throw new Error(JSON.stringify(inv.error))
  const joined = await h.call(
    respondent,
    'mediationCase',
    'join',
    { token: tokenOf(inv.data.sharePath) },
    rid(),
  )
  if (!joined.ok) throw new Error(JSON.stringify(joined.error))
  const agreed = await h.call(
    respondent,
    'mediationCase',
    'respond',
    { caseId, agree: true },
    rid(),
  )
  expect(agreed.ok && agreed.data.status).toBe('awaiting_mediator')
  return caseId
}

/** Stands in for mediatorDesk's acceptance, which another function owns. */
export async function markAccepted(h: Harness, caseId: string, mediatorId: string, at: Date) {
  const cases = h.emulator.database.collection(ENV, 'mediation_cases')
  const doc = cases.get(caseId)
  await cases.update(
    { _id: caseId },
    {
      $set: {
        status: 'accepted',
        mediatorId,
        acceptedAt: at,
        mediationDays: 30,
        version: (doc?.['version'] as number) + 1,
      },
    },
  )
}

export function expectNoPlainPersonalData(value: unknown, secrets: readonly string[]): void {
  const text = JSON.stringify(value)
  for (const s of secrets) expect(text).not.toContain(s)
}
