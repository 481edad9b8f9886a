import { type Outcome, failure, success } from '../result'
import { type DisputeType, type DisputeTypeCode, getDisputeType } from './dispute-types'

/** The kinds of mediation organisation a chamber may run. */
export type OrganisationType =
  'people_mediation_committee' | 'commercial_mediation_org' | 'labour_mediation_org'

/** One organisation type of the catalogue. */
export interface OrganisationTypeEntry {
  readonly code: OrganisationType
  readonly label: string
  /** The dispute types this kind of organisation may take. */
  readonly disputeTypes: readonly DisputeTypeCode[]
}

const COMMERCIAL: readonly DisputeTypeCode[] = [
  'sale_contract',
  'loan_contract',
  'construction_project',
  'lease',
  'work_and_service',
  'transport_logistics',
  'equity_and_company',
  'partnership',
  'intellectual_property',
  'finance',
  'unpaid_accounts',
  'other_commercial',
]

/**
 * The organisation types. Labour disputes go to labour dispute mediation organisations only, so a
 * labour case is never routed to a commercial or people's mediation desk of the chamber.
 */
export const ORGANISATION_TYPES: readonly OrganisationTypeEntry[] = [
  { code: 'people_mediation_committee', label: '人民调解委员会', disputeTypes: COMMERCIAL },
  { code: 'commercial_mediation_org', label: '商事调解组织', disputeTypes: COMMERCIAL },
  { code: 'labour_mediation_org', label: '劳动争议调解组织', disputeTypes: ['labour'] },
]

/** Whether `value` is a known organisation type code. */
export function isOrganisationType(value: unknown): value is OrganisationType {
  return ORGANISATION_TYPES.some((type) => type.code === value)
}

/** The catalogue entry for an organisation type code. */
export function getOrganisationType(
  code: unknown,
): Outcome<OrganisationTypeEntry, 'ORGANISATION_TYPE_UNKNOWN'> {
  const found = ORGANISATION_TYPES.find((type) => type.code === code)
  return found === undefined
    ? failure('ORGANISATION_TYPE_UNKNOWN', '调解组织类型无效', 'organisationType')
    : success(found)
}

/** Organisation types that may take a dispute type (empty for an unknown code). */
export function organisationTypesFor(disputeType: unknown): readonly OrganisationType[] {
  return ORGANISATION_TYPES.filter((type) =>
    type.disputeTypes.some((code) => code === disputeType),
  ).map((type) => type.code)
}

/**
 * Whether an organisation of `organisationType` may take a dispute of `disputeType`: success with
 * both entries, or an error naming what is wrong.
 */
export function checkOrganisationHandles(
  organisationType: unknown,
  disputeType: unknown,
): Outcome<
  { readonly organisation: OrganisationTypeEntry; readonly dispute: DisputeType },
  'ORGANISATION_TYPE_UNKNOWN' | 'DISPUTE_TYPE_UNKNOWN' | 'DISPUTE_TYPE_NOT_HANDLED'
> {
  const organisation = getOrganisationType(organisationType)
  if (!organisation.ok) return organisation
  const dispute = getDisputeType(disputeType)
  if (!dispute.ok) return dispute
  if (!organisation.value.disputeTypes.includes(dispute.value.code)) {
    return failure(
      'DISPUTE_TYPE_NOT_HANDLED',
      dispute.value.labourBodyOnly
        ? `${dispute.value.label}只能由劳动争议调解组织调解`
        : `${organisation.value.label}不受理${dispute.value.label}`,
      'disputeType',
    )
  }
  return success({ organisation: organisation.value, dispute: dispute.value })
}
