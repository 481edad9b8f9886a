import { generateMediators, type SeedMediator } from './mediators'
import { buildOrganisations, type SeedOrganisation } from './organisations'
import { buildStaffMembers, buildUserDocs, type SeedStaffMember, type SeedUserDoc } from './people'
import { DEFAULT_SEED, REFERENCE_DATE } from './reference-date'

export { DEMO_MEDIATORS, demoMediatorOpenid, type SeedAffiliation } from './demo-mediators'
export { SEED_DISPUTE_TYPES, type SeedDisputeType } from './dispute-types'
export { generateMediators, mediatorId, type SeedMediator } from './mediators'
export {
  buildOrganisations,
  type SeedCourt,
  type SeedOrganisation,
  type SeedOrganisationType,
} from './organisations'
export {
  DEMO_ENTERPRISE_NAME,
  SEED_USERS,
  staffOpenid,
  type SeedStaffMember,
  type SeedUser,
  type SeedUserDoc,
  type SeedUserRole,
} from './people'
export { createRng, type Rng } from './prng'
export { DEFAULT_SEED, REFERENCE_DATE } from './reference-date'
export { REGIONS, type SeedRegion } from './regions'
export { searchKeysFor } from './search-keys'

export const DEFAULT_MEDIATOR_COUNT = 240

export interface SeedOptions {
  /** Seed text of the random stream (default `shanghui-tiaojie-seed-v1`). */
  readonly seed?: string
  /** How many mediators, the five bound demo mediators included (default 240). */
  readonly mediatorCount?: number
  /** The demo data's "today" (default 2026-11-01T00:00:00+08:00). */
  readonly referenceDate?: Date
}

export interface SeedData {
  readonly organisations: SeedOrganisation[]
  readonly mediators: SeedMediator[]
  readonly staff_members: SeedStaffMember[]
  readonly users: SeedUserDoc[]
  readonly [collection: string]: readonly { readonly _id: string }[]
}

/**
 * The demo data set by collection name. Same options, same documents: no clock, no Math.random.
 * Times are `Date` values (stored as dates; EJSON `$date` when exported).
 */
export function generateSeed(options: SeedOptions = {}): SeedData {
  const referenceDate = options.referenceDate ?? REFERENCE_DATE
  const organisations = buildOrganisations(referenceDate)
  const mediators = generateMediators(
    options.mediatorCount ?? DEFAULT_MEDIATOR_COUNT,
    options.seed ?? DEFAULT_SEED,
    {
      referenceDate,
      organisations,
    },
  )
  const staff = buildStaffMembers(organisations, referenceDate)
  return {
    organisations,
    mediators,
    staff_members: staff,
    users: buildUserDocs(staff, referenceDate),
  }
}
