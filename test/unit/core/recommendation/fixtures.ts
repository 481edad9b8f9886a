import type { CaseFacts, MediatorCandidate } from '../../../../miniprogram/core/recommendation'

export const NOW = new Date('2026-11-01T00:00:00+08:00')

export const HANGZHOU = { provinceCode: '330000', cityCode: '330100' }
export const NINGBO = { provinceCode: '330000', cityCode: '330200' }
export const CHENGDU = { provinceCode: '510000', cityCode: '510100' }

export function caseFacts(overrides: Partial<CaseFacts> = {}): CaseFacts {
  return {
    disputeType: 'sale_contract',
    region: HANGZHOU,
    coveringOrganisationIds: ['org_hangzhou', 'org_zhejiang'],
    parties: [
      { partyType: 'person', name: '张伟', nameHash: 'h-zhangwei', openid: 'o_party_applicant' },
      {
        partyType: 'enterprise',
        name: '杭州云启科技有限公司',
        uscc: '91330106MA2B3C4D5E',
      },
    ],
    ...overrides,
  }
}

/** A mediator who matches nothing in particular; tests change one field at a time. */
export function mediator(
  id: string,
  overrides: Partial<MediatorCandidate> = {},
): MediatorCandidate {
  return {
    mediatorId: id,
    organisationId: 'org_chengdu',
    specialties: ['lease'],
    region: CHENGDU,
    currentCaseload: 2,
    capacity: 10,
    casesHandled: 40,
    casesSettled: 24,
    rating: 4.5,
    ratingCount: 20,
    available: true,
    unavailableUntil: null,
    affiliations: [],
    openid: null,
    ...overrides,
  }
}
