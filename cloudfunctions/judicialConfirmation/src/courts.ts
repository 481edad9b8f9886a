// The courts an application may name, from the organisation's court list: a court is competent
// as the seat of the mediation organisation when it sits in the organisation's city, and as the
// parties' domicile / the subject's location when it sits in the case's region (民诉法 第205条).
import type { CourtBasis, CourtOption } from '../../../typings/api/judicialConfirmation'
import type { CaseDoc } from '../../_shared'
import type { OrganisationDoc } from '../../_shared/settled-case'

export const COURT_BASIS_LABELS: Readonly<Record<CourtBasis, string>> = {
  party_domicile: '当事人住所地',
  subject_location: '标的物所在地',
  organisation_seat: '调解组织所在地',
}

export const COURT_BASES = ['party_domicile', 'subject_location', 'organisation_seat'] as const

export function courtOptions(doc: CaseDoc, org: OrganisationDoc): CourtOption[] {
  const out: CourtOption[] = []
  for (const court of org.courts ?? []) {
    const city = court.region?.cityCode
    const bases: CourtBasis[] = []
    if (city !== undefined && doc.region && city === doc.region.cityCode) {
      bases.push('party_domicile', 'subject_location')
    }
    if (city === undefined || (org.region && city === org.region.cityCode)) {
      bases.push('organisation_seat')
    }
    if (bases.length) {
      out.push({
        courtName: court.name,
        level: court.level,
        bases,
        basisLabels: bases.map((b) => COURT_BASIS_LABELS[b]),
      })
    }
  }
  return out
}
