// Hostile input at every action of the functions that work before mediation (profile, messages,
// verifyIdentity, mediationCase, recommendMediator, fileCase, withdrawCase, orgDesk): seeded
// properties over mutated payloads and the fixed hostile corpus, each answer typed, each refusal
// writing nothing, no answer leaking. `mediator-desk-fuzz.test.ts` covers the other functions.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from './harness'
import { RESPONDENT, seedMoreMediators, verifiedParty } from './support/case-fixtures'
import { fixtures } from './support/matrix-fixtures'
import { awaitingMediator, privateFile, seedOrganisations } from './support/settled-case-fixtures'
import { FUZZ_CALLERS, fuzzFunctions, fuzzTargets } from './support/fuzz-baselines'
import { contractActions } from './support/fuzz-contracts'
import { describeFuzzSuite, type FuzzWorld } from './support/fuzz-suite'
import { forgedFiles } from './support/fuzz-world'

let h: Harness
let world: FuzzWorld | undefined

beforeAll(async () => {
  // Verdicts of image checks only on demand: an automatic push would change a case mid-call.
  process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '-1'
  h = await startHarness(fuzzFunctions('base'))
  await seedOrganisations(h)
  await seedMoreMediators(h)
  const caseId = await awaitingMediator(h)
  await verifiedParty(h, RESPONDENT)
  const fx = fixtures(h, () => caseId)
  const submitted = await fx.filing('submitted')
  const wr = await fx.withdrawalRequest()
  const pending = await fx.pendingIdentity('o_fuzz_manual', 'E12345670')
  world = {
    h,
    ctx: {
      caseId,
      settledCaseId: caseId,
      callId: 'call_none',
      filingId: submitted.filingId,
      withdrawalRequestId: wr.withdrawalRequestId,
      identityId: pending.identityId,
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
