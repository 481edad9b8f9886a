import { type FieldCheck, refused } from './field-check'
import { validateForeignPermanentResident } from './foreign-permanent-resident'
import { type IdType, isIdType } from './id-types'
import { validatePassport } from './passport'
import { validateHmtResidencePermit } from './residence-permit'
import { validateResidentId } from './resident-id'
import { validateHkMoTravelPermit, validateTwTravelPermit } from './travel-permits'

const VALIDATORS: Readonly<Record<IdType, (input: unknown, now: Date) => FieldCheck>> = {
  resident_id: validateResidentId,
  hmt_residence_permit: validateHmtResidencePermit,
  hk_mo_travel_permit: (input) => validateHkMoTravelPermit(input),
  tw_travel_permit: (input) => validateTwTravelPermit(input),
  passport: (input) => validatePassport(input),
  foreign_permanent_resident: (input) => validateForeignPermanentResident(input),
}

/** Validates an ID number by its document type; an unknown type is an `ID_TYPE_UNKNOWN` error. */
export function validateIdNumber(idType: unknown, input: unknown, now: Date): FieldCheck {
  if (!isIdType(idType)) {
    return refused(
      typeof input === 'string' ? input.trim().slice(0, 64) : '',
      'ID_TYPE_UNKNOWN',
      '证件类型无效，请重新选择',
      'idType',
    )
  }
  return VALIDATORS[idType](input, now)
}
