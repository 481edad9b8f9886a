// Hostile input at every action of the functions that work a case after the mediator was chosen
// (mediatorDesk, videoMediation, signAgreement, judicialConfirmation, mediationDocument,
// renderDocument), aimed at a real case out for signing with a call running and a settled case:
// seeded properties over mutated payloads and the hostile corpus (see `fuzz.test.ts` for the rest).
import { afterAll, beforeAll } from 'vitest'
import type { AgreementView } from '../../typings/api/signAgreement'
import { PEOPLE, rid, startHarness, type Harness } from './harness'
import { TERMS, seedMoreMediators } from './support/case-fixtures'
import { FUZZ_CALLERS, fuzzFunctions } from './support/fuzz-baselines'
import { describeFuzzSuite, type FuzzWorld } from './support/fuzz-suite'
import { forgedFiles } from './support/fuzz-world'
import {
  acceptedCase,
  privateFile,
  seedOrganisations,
  settledCase,
} from './support/settled-case-fixtures'

let h: Harness
let world: FuzzWorld | undefined

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const res = await p
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data as T
}

const M = PEOPLE.mediator

beforeAll(async () => {
  // Verdicts of image checks only on demand: an automatic push would change a case mid-call.
  process.env['EMULATOR_MEDIA_CHECK_DELAY_MS'] = '-1'
  h = await startHarness(['verifyIdentity', ...fuzzFunctions('case')])
  await seedOrganisations(h)
  await seedMoreMediators(h)
  const settledCaseId = await settledCase(h)
  const caseId = await acceptedCase(h)
  await ok(
    h.call(M, 'mediatorDesk', 'draftAgreement', { caseId, facts: '事实。', terms: TERMS }, rid()),
  )
  const sent = await ok<AgreementView>(
    h.call(M, 'mediatorDesk', 'sendForSigning', { caseId, version: 1 }, rid()),
  )
  const call = await ok<{ callId: string }>(
    h.call(M, 'videoMediation', 'start', { caseId, room: 'all' }, rid()),
  )
  world = {
    h,
    ctx: {
      caseId,
      settledCaseId,
      callId: call.callId,
      filingId: 'fil_none',
      withdrawalRequestId: 'wr_none',
      identityId: 'idn_none',
      version: sent.version,
      hash: sent.hash,
      own: {
        evidence: await privateFile(h, FUZZ_CALLERS.applicant, 'evidence/contract.jpg'),
        photo: await privateFile(h, FUZZ_CALLERS.newUser, 'identity/front.jpg'),
        signature: await privateFile(h, FUZZ_CALLERS.applicant, `signatures/${caseId}.png`),
        ruling: await privateFile(h, FUZZ_CALLERS.staff, 'rulings/own.pdf'),
      },
    },
    forgedFor: await forgedFiles(h),
  }
}, 240_000)
afterAll(async () => {
  await h.stop()
})

describeFuzzSuite(
  'case',
  () => {
    if (!world) throw new Error('fuzz world not set up')
    return world
  },
  4,
)
