// An `organisations` document as the seed (tools/cloudbase-emulator/seed/organisations.ts) and
// the organisation desk store it; every field beyond the name may be missing on older data.
export interface OrganisationRegion {
  readonly provinceCode: string
  readonly cityCode: string
  readonly cityName?: string
}

export interface OrganisationCourt {
  readonly name: string
  readonly level: 'basic' | 'intermediate'
  readonly region?: OrganisationRegion
}

export interface OrganisationDoc extends Record<string, unknown> {
  readonly name: string
  readonly shortName?: string
  readonly type?: string
  readonly region?: OrganisationRegion
  readonly jurisdiction?: readonly string[]
  readonly address?: string
  readonly courts?: readonly OrganisationCourt[]
}
