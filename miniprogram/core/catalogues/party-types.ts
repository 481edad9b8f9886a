import { type Outcome, failure, success } from '../result'

/** Who a party is: a natural person or an enterprise (any registered organisation). */
export type PartyType = 'person' | 'enterprise'

/** Who acts for an enterprise party. */
export type RepresentativeKind = 'legal_representative' | 'authorised_agent'

/** One party type of the catalogue. */
export interface PartyTypeEntry {
  readonly code: PartyType
  readonly label: string
  /** Who may act for this party; an enterprise always acts through a natural person. */
  readonly representativeKinds: readonly RepresentativeKind[]
  /** Whether the party itself is identified by a 统一社会信用代码 rather than a personal ID. */
  readonly identifiedByUscc: boolean
}

/** One representative kind of the catalogue. */
export interface RepresentativeKindEntry {
  readonly code: RepresentativeKind
  readonly label: string
  /** Whether a signed or sealed 授权委托书 must be uploaded (法释〔2011〕5号 for agents). */
  readonly needsPowerOfAttorney: boolean
}

/** The party types, in display order. */
export const PARTY_TYPES: readonly PartyTypeEntry[] = [
  { code: 'person', label: '自然人', representativeKinds: [], identifiedByUscc: false },
  {
    code: 'enterprise',
    label: '企业',
    representativeKinds: ['legal_representative', 'authorised_agent'],
    identifiedByUscc: true,
  },
]

/** The representative kinds of an enterprise party. */
export const REPRESENTATIVE_KINDS: readonly RepresentativeKindEntry[] = [
  { code: 'legal_representative', label: '法定代表人', needsPowerOfAttorney: false },
  { code: 'authorised_agent', label: '委托代理人', needsPowerOfAttorney: true },
]

/** Whether `value` is a known party type code. */
export function isPartyType(value: unknown): value is PartyType {
  return PARTY_TYPES.some((entry) => entry.code === value)
}

/** Whether `value` is a known representative kind code. */
export function isRepresentativeKind(value: unknown): value is RepresentativeKind {
  return REPRESENTATIVE_KINDS.some((entry) => entry.code === value)
}

/** The catalogue entry for a party type code. */
export function getPartyType(code: unknown): Outcome<PartyTypeEntry, 'PARTY_TYPE_UNKNOWN'> {
  const entry = PARTY_TYPES.find((candidate) => candidate.code === code)
  return entry === undefined
    ? failure('PARTY_TYPE_UNKNOWN', '当事人类型无效，请选择自然人或企业', 'partyType')
    : success(entry)
}

/** The catalogue entry for a representative kind code. */
export function getRepresentativeKind(
  code: unknown,
): Outcome<RepresentativeKindEntry, 'REPRESENTATIVE_KIND_UNKNOWN'> {
  const entry = REPRESENTATIVE_KINDS.find((candidate) => candidate.code === code)
  return entry === undefined
    ? failure(
        'REPRESENTATIVE_KIND_UNKNOWN',
        '代表人类型无效，请选择法定代表人或委托代理人',
        'representativeKind',
      )
    : success(entry)
}
