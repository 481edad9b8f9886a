// Hostile input at every action of the functions that work before mediation (profile, messages,
// verifyIdentity, mediationCase, recommendMediator, fileCase, withdrawCase, orgDesk): seeded
// properties over mutated payloads and the fixed hostile corpus, each answer typed, each refusal
// writing nothing, no answer leaking. `mediator-desk-fuzz.test.ts` covers the other functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, startHarness, upload, type Harness } from './harness'
import { RESPONDENT, seedMoreMediators, verifiedParty } from './support/case-fixtures'
import { directFiling } from './support/matrix-fixtures'
import { awaitingMediator, privateFile, seedOrganisations } from './support/settled-case-fixtures'
import { FUZZ_CALLERS, fuzzFunctions, fuzzTargets } from './support/fuzz-baselines'
import { contractActions } from './support/fuzz-contracts'
import { describeFuzzSuite, type FuzzWorld } from './support/fuzz-suite'
import { forgedFiles } from './support/fuzz-world'

let h: Harness
let world: FuzzWorld | undefined

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const res = await p
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data as T
}

beforeAll(async () => {
  // Verdicts of image checks only on demand: an automatic push would change a case mid-call.
  process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '-1'
  h = await startHarness(fuzzFunctions('base'))
  await seedOrganisations(h)
  await seedMoreMediators(h)
  const caseId = await awaitingMediator(h)
  await verifiedParty(h, RESPONDENT)
  const submitted = await ok<{ filingId: string }>(
    h.call(PEOPLE.applicant, 'fileCase', 'submit', directFiling(), rid()),
  )
  const accepted = await ok<{ filingId: string }>(
    h.call(PEOPLE.applicant, 'fileCase', 'submit', directFiling(), rid()),
  )
  await ok(h.call(PEOPLE.staffA, 'fileCase', 'accept', { filingId: accepted.filingId }, rid()))
  const wr = await ok<{ withdrawalRequestId: string | null }>(
    h.call(
      PEOPLE.applicant,
      'withdrawCase',
      'withdraw',
      { filingId: accepted.filingId, reason: '双方已达成和解协议' },
      rid(),
    ),
  )
  const manual = 'o_fuzz_manual'
  const who = await ok<{ storagePrefix: string }>(h.call(manual, 'profile', 'whoAmI', {}))
  const photo = (n: string) => upload(h, `${who.storagePrefix}identity/${n}.jpg`)
  await ok(
    h.call(
      manual,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '陈大文',
        idNumber: 'E12345670',
        photos: { front: await photo('front'), handheld: await photo('handheld') },
      },
      rid(),
    ),
  )
  const [identity] = await h.docs('identities', { openid: manual })
  world = {
    h,
    ctx: {
      caseId,
      settledCaseId: caseId,
      callId: 'call_none',
      filingId: submitted.filingId,
      withdrawalRequestId: wr.withdrawalRequestId ?? '',
      identityId: String(identity?.['_id']),
      version: 1,
      hash: '0'.repeat(64),
      own: {
        evidence: await privateFile(h, FUZZ_CALLERS.applicant, 'evidence/contract.jpg'),
        photo: await privateFile(h, FUZZ_CALLERS.newUser, 'identity/front.jpg'),
        signature: await privateFile(h, FUZZ_CALLERS.applicant, 'signatures/own.png'),
        ruling: await privateFile(h, FUZZ_CALLERS.staff, 'rulings/own.pdf'),
      },
    },
    forgedFor: await forgedFiles(h),
  }
}, 240_000)
afterAll(async () => {
  await h.stop()
})

describe('coverage', () => {
  it('fuzzes every action of every function contract, in one of the two suites', () => {
    const fuzzed = [...fuzzTargets('base'), ...fuzzTargets('case')].map(
      (t) => `${t.fn}.${t.action}`,
    )
    const contracts = contractActions().map((a) => `${a.fn}.${a.action}`)
    expect(fuzzed.sort()).toEqual(contracts.sort())
  })
})

describeFuzzSuite(
  'base',
  () => {
    if (!world) throw new Error('fuzz world not set up')
    return world
  },
  4,
)
