// Who may call what, cell by cell, on one case in `awaiting_mediator` (mediator chosen, both
// parties joined). Allowed cells may answer a domain error; the assertion is only that the
// caller was not refused for who they are. Denied cells assert the exact code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResult } from '../../typings/api/envelope'
import { PEOPLE, seedRoles, startHarness, type Harness } from './harness'
import {
  APPLICANT,
  caseAwaitingMediator,
  RESPONDENT,
  verifiedParty,
  type PartySpec,
} from './support/case-fixtures'

/** A resident ID with a valid check digit (GB 11643), so the stranger is a verified person. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0)
  return first17 + ('10X98765432'[sum % 11] ?? '0')
}
const STRANGER: PartySpec = {
  openid: PEOPLE.stranger,
  name: '王芳',
  idNumber: residentId('11010219850615002'),
}

const ACTORS = {
  anonymous: undefined,
  unverified: 'o_unverified_user',
  applicant: APPLICANT.openid,
  respondent: RESPONDENT.openid,
  stranger: STRANGER.openid,
  assignedMediator: PEOPLE.mediator,
  otherMediator: 'o_mediator_0002',
  caseStaff: PEOPLE.staffA,
  otherStaff: PEOPLE.staffB,
} as const
type Actor = keyof typeof ACTORS

const REFUSALS = new Set(['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND'])
type Cell = 'allow' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND'

interface Row {
  readonly fn: string
  readonly action: string
  readonly payload: (caseId: string) => Record<string, unknown>
  readonly cells: Readonly<Record<Actor, Cell>>
}

const A = 'allow'
const U = 'UNAUTHENTICATED'
const F = 'FORBIDDEN'

// prettier-ignore
const TABLE: readonly Row[] = [
  // fn, action:                   anon unver appl resp strg med  med2 stfA stfB
  row('mediationCase', 'detail', (id) => ({ caseId: id }), [U, F, A, A, F, A, F, A, F]),
  // Court and document applications are the parties' and the organisation's business, not the
  // mediator's; the agreement is the parties' and the mediator's, not the staff's (their rules).
  row('judicialConfirmation', 'status', (id) => ({ caseId: id }), [U, F, A, A, F, F, F, A, F]),
  row('mediationDocument', 'status', (id) => ({ caseId: id }), [U, F, A, A, F, F, F, A, F]),
  row('signAgreement', 'get', (id) => ({ caseId: id }), [U, F, A, A, F, A, F, F, F]),
  row('orgDesk', 'queue', () => ({}), [U, F, F, F, F, F, F, A, A]),
  row('orgDesk', 'listMediators', () => ({}), [U, F, F, F, F, F, F, A, A]),
  row('orgDesk', 'statistics', () => ({}), [U, F, F, F, F, F, F, A, A]),
  row('orgDesk', 'issueBindCode', () => ({ mediatorId: 'med_1' }), [U, F, F, F, F, F, F, A, 'NOT_FOUND']),
  row('verifyIdentity', 'listPending', () => ({}), [U, F, F, F, F, F, F, A, A]),
  row('mediatorDesk', 'listAssigned', () => ({ tab: 'pending' }), [U, F, F, F, F, A, A, F, F]),
]

function row(
  fn: string,
  action: string,
  payload: (caseId: string) => Record<string, unknown>,
  cells: readonly Cell[],
): Row {
  const names = Object.keys(ACTORS) as Actor[]
  return {
    fn,
    action,
    payload,
    cells: Object.fromEntries(names.map((n, i) => [n, cells[i] ?? 'FORBIDDEN'])) as Record<
      Actor,
      Cell
    >,
  }
}

let h: Harness
let caseId: string
const responses: { who: Actor; fn: string; action: string; body: string }[] = []

beforeAll(async () => {
  h = await startHarness([
    'verifyIdentity',
    'mediationCase',
    'judicialConfirmation',
    'mediationDocument',
    'signAgreement',
    'orgDesk',
    'mediatorDesk',
  ])
  await seedRoles(h)
  await h.insert('mediators', [
    {
      _id: 'med_2',
      name: '另一位',
      openid: ACTORS.otherMediator,
      organisationId: 'org_a',
      version: 1,
    },
  ])
  caseId = await caseAwaitingMediator(h)
  await verifiedParty(h, STRANGER)
})
afterAll(async () => {
  await h.stop()
})

describe('authorization matrix', () => {
  for (const r of TABLE) {
    for (const who of Object.keys(ACTORS) as Actor[]) {
      const expected = r.cells[who]
      it(`${r.fn}.${r.action} as ${who}: ${expected}`, async () => {
        const res = (await h.raw(ACTORS[who], r.fn, {
          action: r.action,
          payload: r.payload(caseId),
        })) as ApiResult<unknown>
        responses.push({ who, fn: r.fn, action: r.action, body: JSON.stringify(res) })
        if (expected === 'allow') {
          if (!res.ok) expect(REFUSALS.has(res.error.code), res.error.message).toBe(false)
        } else {
          expect(res.ok).toBe(false)
          if (!res.ok) expect(res.error.code).toBe(expected)
        }
      })
    }
  }

  it('never answers anyone a full name or ID number in clear', () => {
    expect(responses.length).toBe(TABLE.length * Object.keys(ACTORS).length)
    for (const secret of [
      APPLICANT.name,
      APPLICANT.idNumber,
      RESPONDENT.name,
      RESPONDENT.idNumber,
      STRANGER.name,
      STRANGER.idNumber,
    ]) {
      const leaks = responses.filter((r) => r.body.includes(secret))
      expect(leaks.map((l) => `${l.fn}.${l.action} as ${l.who}`)).toEqual([])
    }
  })
})
