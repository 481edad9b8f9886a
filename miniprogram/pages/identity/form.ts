// The identity form's rules, kept out of the page so they can be tested without a simulator.
import {
  ID_TYPES,
  validateIdNumber,
  validatePersonName,
  type IdType,
} from '../../core/identity/index'

export interface IdentityFormValues {
  readonly name: string
  readonly idType: IdType
  readonly idNumber: string
}

export interface IdentityFormErrors {
  readonly name: string
  readonly idNumber: string
}

/** ID types a person can choose, as picker options. */
export const ID_TYPE_OPTIONS = ID_TYPES.filter((t) => t.partyTypes.includes('person')).map((t) => ({
  label: t.label,
  value: t.code,
}))

/** The label shown for an ID type code. */
export function idTypeLabel(code: IdType): string {
  return ID_TYPES.find((t) => t.code === code)?.label ?? ''
}

/** Whether face verification can be offered: WeChat's face check supports only the resident ID. */
export function canUseFace(idType: IdType): boolean {
  return ID_TYPES.some((t) => t.code === idType && t.faceVerification)
}

/** Field errors for the form (empty strings where a field is fine), checked by the domain core. */
export function checkIdentityForm(values: IdentityFormValues, now: Date): IdentityFormErrors {
  const name = validatePersonName(values.name)
  const idNumber = validateIdNumber(values.idType, values.idNumber, now)
  return {
    name: name.ok ? '' : (name.error?.message ?? ''),
    idNumber: idNumber.ok ? '' : (idNumber.error?.message ?? ''),
  }
}

/** Normalised values to send (trimmed, upper-case X), when the form is valid. */
export function normalisedIdentity(
  values: IdentityFormValues,
  now: Date,
): IdentityFormValues | undefined {
  const name = validatePersonName(values.name)
  const idNumber = validateIdNumber(values.idType, values.idNumber, now)
  if (!name.ok || !idNumber.ok) return undefined
  return { name: name.value, idType: values.idType, idNumber: idNumber.value }
}
