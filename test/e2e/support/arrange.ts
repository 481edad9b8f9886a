import { arranger } from '../../support/arrange-core'
import { e2eClient } from './emulator'

// Preconditions for a chapter under test, reached through the real functions as the seeded
// users; the arrangements themselves live in test/support/arrange-core.ts (shared with
// `npm run screenshots`), bound here to the e2e run's emulator.

export * from '../../support/arrange-core'

export const { verifyAs, verifyParty, uploadPrivateFile, arrangeCase, arrangeFiling } =
  arranger(e2eClient)
