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
