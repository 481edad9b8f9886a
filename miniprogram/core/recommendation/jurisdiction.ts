import { organisationTypesFor } from '../catalogues'
import type { RegionCode } from './types'

/** What `organisationsCovering` needs of an organisation document. */
export interface OrganisationJurisdiction {
  readonly _id: string
  /** Region codes (city or province) the organisation accepts filings from. */
  readonly jurisdiction: readonly string[]
}

/** Ids of the organisations whose jurisdiction lists the region's city or its province, sorted. */
export function organisationsCovering(
  region: RegionCode,
  organisations: readonly OrganisationJurisdiction[],
): string[] {
  return organisations
    .filter(
      (org) =>
        Array.isArray(org.jurisdiction) &&
        (org.jurisdiction.includes(region.cityCode) ||
          org.jurisdiction.includes(region.provinceCode)),
    )
    .map((org) => org._id)
    .sort()
}

/** What `organisationsHandling` needs of an organisation document. */
export interface OrganisationKind {
  readonly _id: string
  /** Organisation type code from the catalogue. */
  readonly type: string
}

/** Ids of the organisations whose type may take `disputeType` under the catalogue, sorted. */
export function organisationsHandling(
  disputeType: string,
  organisations: readonly OrganisationKind[],
): string[] {
  const types: readonly string[] = organisationTypesFor(disputeType)
  return organisations
    .filter((org) => types.includes(org.type))
    .map((org) => org._id)
    .sort()
}
