import { generateSeed } from '../../../tools/cloudbase-emulator/seed/index'
import { PARTY_IDS, PARTY_NAMES } from './arrange'
import type { PrivacySubjects } from './privacy-scan'

// Who the privacy scan protects in the e2e run: the seeded parties with the numbers arrange
// verifies them with, and the seed's office holders (mediators, staff) whose names the product
// shows on purpose. Numbers verified during the run are learnt from the capture itself.

/** Arranged numbers that belong to no seeded person (arrangeFiling's defendant). */
const ARRANGED_OTHER_NUMBERS = ['91110105MA01ABCD2X']

export function e2eSubjects(): PrivacySubjects {
  const seed = generateSeed() as unknown as Readonly<
    Record<string, readonly Record<string, unknown>[]>
  >
  const named = (collection: string): string[] =>
    (seed[collection] ?? []).map((d) => d['name']).filter((n): n is string => typeof n === 'string')
  const openids = (seed['users'] ?? [])
    .map((d) => d['openid'])
    .filter((o): o is string => typeof o === 'string')
  return {
    persons: (Object.keys(PARTY_IDS) as (keyof typeof PARTY_IDS)[]).map((openid) => ({
      openid,
      name: PARTY_NAMES[openid],
      idNumbers: [PARTY_IDS[openid]],
    })),
    officeHolders: [...named('mediators'), ...named('staff_members')],
    otherIdNumbers: ARRANGED_OTHER_NUMBERS,
    openids,
  }
}
