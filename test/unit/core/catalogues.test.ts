import { describe, expect, it } from 'vitest'
import {
  DISPUTE_TYPES,
  ID_TYPES,
  ORGANISATION_TYPES,
  PARTY_TYPES,
  REPRESENTATIVE_KINDS,
  checkOrganisationHandles,
  getDisputeType,
  getIdType,
  getOrganisationType,
  getPartyType,
  getRepresentativeKind,
  isDisputeTypeCode,
  isOrganisationType,
  isPartyType,
  isRepresentativeKind,
  organisationTypesFor,
} from '../../../miniprogram/core/catalogues'

const UNKNOWN_CODES: readonly unknown[] = [
  '',
  'SALE_CONTRACT',
  'toString',
  '__proto__',
  null,
  undefined,
  0,
  {},
  ['labour'],
]

describe('dispute types', () => {
  it('lists the thirteen types in display order', () => {
    expect(DISPUTE_TYPES.map((t) => [t.code, t.label])).toEqual([
      ['sale_contract', '买卖合同纠纷'],
      ['loan_contract', '借款合同纠纷'],
      ['construction_project', '建设工程合同纠纷'],
      ['lease', '租赁合同纠纷'],
      ['work_and_service', '承揽、加工及服务合同纠纷'],
      ['transport_logistics', '运输、物流合同纠纷'],
      ['equity_and_company', '股权及公司纠纷'],
      ['partnership', '合伙纠纷'],
      ['intellectual_property', '知识产权纠纷'],
      ['labour', '劳动争议'],
      ['finance', '金融纠纷（保理、融资租赁、票据、保险）'],
      ['unpaid_accounts', '拖欠账款、货款纠纷'],
      ['other_commercial', '其他商事纠纷'],
    ])
  })

  it('uses unique ASCII snake_case codes and non-empty unique keywords', () => {
    const codes = DISPUTE_TYPES.map((t) => t.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const type of DISPUTE_TYPES) {
      expect(type.code).toMatch(/^[a-z]+(_[a-z]+)*$/)
      expect(type.keywords.length).toBeGreaterThanOrEqual(5)
      expect(new Set(type.keywords).size).toBe(type.keywords.length)
    }
  })

  it('warns about ownership confirmation for IP, equity and partnership only', () => {
    expect(
      DISPUTE_TYPES.filter((t) => t.courtConfirmable === 'not_for_property_or_ip_ownership').map(
        (t) => t.code,
      ),
    ).toEqual(['equity_and_company', 'partnership', 'intellectual_property'])
  })

  it('reserves labour disputes for labour mediation bodies', () => {
    expect(DISPUTE_TYPES.filter((t) => t.labourBodyOnly).map((t) => t.code)).toEqual(['labour'])
  })

  it('looks types up as Outcomes', () => {
    const found = getDisputeType('lease')
    expect(found.ok && found.value.label).toBe('租赁合同纠纷')
    expect(isDisputeTypeCode('finance')).toBe(true)
  })

  it.each(UNKNOWN_CODES)('refuses unknown code %o', (code) => {
    expect(getDisputeType(code)).toEqual({
      ok: false,
      error: {
        code: 'DISPUTE_TYPE_UNKNOWN',
        message: '纠纷类型无效，请重新选择',
        field: 'disputeType',
      },
    })
    expect(isDisputeTypeCode(code)).toBe(false)
  })
})

describe('organisation types', () => {
  it('lists the three organisation types', () => {
    expect(ORGANISATION_TYPES.map((t) => [t.code, t.label])).toEqual([
      ['people_mediation_committee', '人民调解委员会'],
      ['commercial_mediation_org', '商事调解组织'],
      ['labour_mediation_org', '劳动争议调解组织'],
    ])
  })

  it('lets every dispute type be handled by at least one organisation type', () => {
    for (const type of DISPUTE_TYPES)
      expect(organisationTypesFor(type.code).length).toBeGreaterThan(0)
  })

  it('routes labour disputes to labour bodies and everything else away from them', () => {
    expect(organisationTypesFor('labour')).toEqual(['labour_mediation_org'])
    expect(organisationTypesFor('sale_contract')).toEqual([
      'people_mediation_committee',
      'commercial_mediation_org',
    ])
    expect(organisationTypesFor('nonsense')).toEqual([])
  })

  it.each([
    ['people_mediation_committee', 'sale_contract'],
    ['people_mediation_committee', 'intellectual_property'],
    ['commercial_mediation_org', 'finance'],
    ['commercial_mediation_org', 'other_commercial'],
    ['labour_mediation_org', 'labour'],
  ])('%s may handle %s', (org, dispute) => {
    const result = checkOrganisationHandles(org, dispute)
    expect(result.ok && [result.value.organisation.code, result.value.dispute.code]).toEqual([
      org,
      dispute,
    ])
  })

  it.each([
    [
      'people_mediation_committee',
      'labour',
      'DISPUTE_TYPE_NOT_HANDLED',
      '劳动争议只能由劳动争议调解组织调解',
    ],
    [
      'commercial_mediation_org',
      'labour',
      'DISPUTE_TYPE_NOT_HANDLED',
      '劳动争议只能由劳动争议调解组织调解',
    ],
    [
      'labour_mediation_org',
      'lease',
      'DISPUTE_TYPE_NOT_HANDLED',
      '劳动争议调解组织不受理租赁合同纠纷',
    ],
    ['court', 'lease', 'ORGANISATION_TYPE_UNKNOWN', '调解组织类型无效'],
    ['commercial_mediation_org', 'divorce', 'DISPUTE_TYPE_UNKNOWN', '纠纷类型无效，请重新选择'],
    [undefined, undefined, 'ORGANISATION_TYPE_UNKNOWN', '调解组织类型无效'],
  ])('%s with %s → %s', (org, dispute, code, message) => {
    const result = checkOrganisationHandles(org, dispute)
    expect(result.ok).toBe(false)
    expect(!result.ok && [result.error.code, result.error.message]).toEqual([code, message])
  })

  it('looks types up as Outcomes', () => {
    const found = getOrganisationType('labour_mediation_org')
    expect(found.ok && found.value.disputeTypes).toEqual(['labour'])
    expect(isOrganisationType('commercial_mediation_org')).toBe(true)
    for (const code of UNKNOWN_CODES) {
      expect(getOrganisationType(code).ok).toBe(false)
      expect(isOrganisationType(code)).toBe(false)
    }
  })
})

describe('party types and representatives', () => {
  it('has persons and enterprises, enterprises acting through a representative', () => {
    expect(PARTY_TYPES).toEqual([
      { code: 'person', label: '自然人', representativeKinds: [], identifiedByUscc: false },
      {
        code: 'enterprise',
        label: '企业',
        representativeKinds: ['legal_representative', 'authorised_agent'],
        identifiedByUscc: true,
      },
    ])
  })

  it('requires a power of attorney from agents only', () => {
    expect(REPRESENTATIVE_KINDS.map((k) => [k.code, k.label, k.needsPowerOfAttorney])).toEqual([
      ['legal_representative', '法定代表人', false],
      ['authorised_agent', '委托代理人', true],
    ])
  })

  it('looks them up as Outcomes', () => {
    const person = getPartyType('person')
    expect(person.ok && person.value.label).toBe('自然人')
    const agent = getRepresentativeKind('authorised_agent')
    expect(agent.ok && agent.value.label).toBe('委托代理人')
    expect(isPartyType('enterprise')).toBe(true)
    expect(isRepresentativeKind('legal_representative')).toBe(true)
    for (const code of UNKNOWN_CODES) {
      const party = getPartyType(code)
      expect(!party.ok && party.error.code).toBe('PARTY_TYPE_UNKNOWN')
      const kind = getRepresentativeKind(code)
      expect(!kind.ok && kind.error.code).toBe('REPRESENTATIVE_KIND_UNKNOWN')
      expect(isPartyType(code) || isRepresentativeKind(code)).toBe(false)
    }
  })
})

describe('ID types through the catalogue barrel', () => {
  it('re-exports the identity catalogue', () => {
    expect(ID_TYPES).toHaveLength(6)
    const found = getIdType('resident_id')
    expect(found.ok && found.value.faceVerification).toBe(true)
  })
})
