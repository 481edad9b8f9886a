import { type PartyType } from '../catalogues/party-types'
import { type Outcome, failure, success } from '../result'

/** The identity documents a party (or an enterprise's representative) may verify with. */
export type IdType =
  | 'resident_id'
  | 'hmt_residence_permit'
  | 'hk_mo_travel_permit'
  | 'tw_travel_permit'
  | 'passport'
  | 'foreign_permanent_resident'

/** One identity document type of the catalogue. */
export interface IdTypeEntry {
  readonly code: IdType
  readonly label: string
  /**
   * Party types whose identity this document can prove: for `enterprise` it is the document of the
   * natural person acting for it (legal representative or agent).
   */
  readonly partyTypes: readonly PartyType[]
  /** Only the resident ID can use WeChat face verification; every other type goes to manual review. */
  readonly faceVerification: boolean
}

const BOTH: readonly PartyType[] = ['person', 'enterprise']

/** The identity document types, in display order. */
export const ID_TYPES: readonly IdTypeEntry[] = [
  { code: 'resident_id', label: '居民身份证', partyTypes: BOTH, faceVerification: true },
  {
    code: 'hmt_residence_permit',
    label: '港澳台居民居住证',
    partyTypes: BOTH,
    faceVerification: false,
  },
  {
    code: 'hk_mo_travel_permit',
    label: '港澳居民来往内地通行证',
    partyTypes: BOTH,
    faceVerification: false,
  },
  {
    code: 'tw_travel_permit',
    label: '台湾居民来往大陆通行证',
    partyTypes: BOTH,
    faceVerification: false,
  },
  { code: 'passport', label: '护照', partyTypes: BOTH, faceVerification: false },
  {
    code: 'foreign_permanent_resident',
    label: '外国人永久居留身份证',
    partyTypes: BOTH,
    faceVerification: false,
  },
]

/** Whether `value` is a known ID type code. */
export function isIdType(value: unknown): value is IdType {
  return ID_TYPES.some((entry) => entry.code === value)
}

/** The catalogue entry for an ID type code. */
export function getIdType(code: unknown): Outcome<IdTypeEntry, 'ID_TYPE_UNKNOWN'> {
  const entry = ID_TYPES.find((candidate) => candidate.code === code)
  return entry === undefined
    ? failure('ID_TYPE_UNKNOWN', '证件类型无效，请重新选择', 'idType')
    : success(entry)
}
