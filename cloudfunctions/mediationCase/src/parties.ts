// Party records on a case. The applicant comes only from the caller's verified identity; the
// respondent from what the applicant typed, checked by the core validators, stored sealed with
// blind indexes so the respondent can later be matched without keeping plaintext.
import {
  validateEnterpriseName,
  validatePersonName,
} from '../../../miniprogram/core/identity/names'
import { validateMobile } from '../../../miniprogram/core/identity/mobile'
import { validateUscc } from '../../../miniprogram/core/identity/uscc'
import { validateIdNumber } from '../../../miniprogram/core/identity/validate-id-number'
import type { FieldCheck } from '../../../miniprogram/core/identity/field-check'
import { maskIdNumber, maskName, maskPhone, maskUscc } from '../../../miniprogram/core/masking'
import { normaliseEntityName } from '../../../miniprogram/core/recommendation/normalise'
import type { IdType, PartyType } from '../../../typings/api/common'
import type { PartyView, RespondentInput } from '../../../typings/api/mediationCase'
import {
  AppError,
  COLLECTIONS,
  decryptField,
  encryptField,
  fail,
  findById,
  identityIdFor,
  idNumberHash,
  personNameHash,
  phoneHash,
  usccHash,
  type CasePartyRecord,
} from '../../_shared'

/** What this function reads of an `identities` document. */
export interface VerifiedIdentity extends Record<string, unknown> {
  readonly openid: string
  readonly status: string
  readonly partyType?: PartyType | null
  readonly idType?: IdType | null
  readonly nameEnc?: string | null
  readonly maskedName?: string | null
  readonly idNumberEnc?: string | null
  readonly idNumberHash?: string | null
  readonly maskedIdNumber?: string | null
  readonly enterprise?: {
    readonly name: string
    readonly uscc: string
    readonly maskedUscc: string
  } | null
}

function accept(check: FieldCheck, field: string): string {
  if (!check.ok) {
    throw new AppError(
      'INVALID_INPUT',
      check.error?.message ?? '填写内容不正确',
      `payload.${field}`,
    )
  }
  return check.value
}

/** The caller's identity, refused unless verified now. */
export async function verifiedIdentityOf(openid: string, doing: string): Promise<VerifiedIdentity> {
  const doc = await findById<VerifiedIdentity>(COLLECTIONS.identities, identityIdFor(openid))
  if (!doc || doc.status !== 'verified' || !doc.nameEnc) {
    return fail('IDENTITY_REQUIRED', `请先完成实名认证后再${doing}`)
  }
  return doc
}

/** The applicant snapshot: masked name, ID type, sealed number + HMAC, never from the payload. */
export function applicantRecord(identity: VerifiedIdentity, openid: string): CasePartyRecord {
  const enterprise = identity.partyType === 'enterprise' ? (identity.enterprise ?? null) : null
  const personName = decryptField(identity.nameEnc ?? '')
  return {
    partyType: enterprise ? 'enterprise' : 'person',
    maskedName: enterprise ? maskName(enterprise.name, 'enterprise') : (identity.maskedName ?? ''),
    nameEnc: identity.nameEnc ?? '',
    nameHash: personNameHash(personName),
    enterpriseName: enterprise?.name ?? null,
    idType: identity.idType ?? null,
    idNumberEnc: identity.idNumberEnc ?? null,
    idNumberHash: identity.idNumberHash ?? null,
    maskedIdNumber: identity.maskedIdNumber ?? null,
    uscc: enterprise?.uscc ?? null,
    usccHash: enterprise ? usccHash(enterprise.uscc) : null,
    maskedUscc: enterprise?.maskedUscc ?? null,
    phoneEnc: null,
    phoneHash: null,
    maskedPhone: null,
    addressEnc: null,
    identityId: identityIdFor(openid),
  }
}

/** The respondent as the applicant entered it, validated by the core (field paths under `at`). */
export function respondentRecord(input: RespondentInput, now: Date, at: string): CasePartyRecord {
  const enterprise = input.partyType === 'enterprise'
  const name = enterprise
    ? accept(validateEnterpriseName(input.name), `${at}.name`)
    : accept(validatePersonName(input.name), `${at}.name`)
  const phone = accept(validateMobile(input.phone), `${at}.phone`)
  let idType: IdType | null = null
  let idNumber: string | null = null
  let uscc: string | null = null
  if (enterprise) {
    if (input.idType !== undefined || input.idNumber !== undefined) {
      fail(
        'INVALID_INPUT',
        '企业被申请人请填写统一社会信用代码，无需填写证件号码',
        `payload.${at}.idNumber`,
      )
    }
    if (input.uscc !== undefined) uscc = accept(validateUscc(input.uscc), `${at}.uscc`)
  } else {
    if (input.uscc !== undefined) {
      fail('INVALID_INPUT', '自然人被申请人无需填写统一社会信用代码', `payload.${at}.uscc`)
    }
    if ((input.idType === undefined) !== (input.idNumber === undefined)) {
      fail('INVALID_INPUT', '证件类型和证件号码需同时填写', `payload.${at}.idNumber`)
    }
    if (input.idType !== undefined && input.idNumber !== undefined) {
      idType = input.idType
      idNumber = accept(validateIdNumber(input.idType, input.idNumber, now), `${at}.idNumber`)
    }
  }
  const address = input.address.trim()
  return {
    partyType: input.partyType,
    maskedName: maskName(name, input.partyType),
    nameEnc: encryptField(name),
    nameHash: personNameHash(name),
    enterpriseName: enterprise ? name : null,
    idType,
    idNumberEnc: idNumber === null ? null : encryptField(idNumber),
    idNumberHash: idNumber === null || idType === null ? null : idNumberHash(idType, idNumber),
    maskedIdNumber: idNumber === null ? null : maskIdNumber(idNumber),
    uscc,
    usccHash: uscc === null ? null : usccHash(uscc),
    maskedUscc: uscc === null ? null : maskUscc(uscc),
    phoneEnc: encryptField(phone),
    phoneHash: phoneHash(phone),
    maskedPhone: maskPhone(phone),
    addressEnc: encryptField(address),
    identityId: null,
  }
}

/**
 * Whether the joining user's verified identity is the respondent the applicant named: the name
 * always, then the ID number / USCC when the applicant entered one, else the phone they give.
 */
export function matchRespondent(
  recorded: CasePartyRecord,
  identity: VerifiedIdentity,
  phone: string | undefined,
): void {
  const mismatch = () =>
    fail('IDENTITY_MISMATCH', '您的实名信息与申请人填写的被申请人信息不一致，请联系申请人核对')
  if (recorded.partyType === 'enterprise') {
    const ent = identity.partyType === 'enterprise' ? identity.enterprise : null
    if (!ent) return fail('IDENTITY_MISMATCH', '本案被申请人为企业，请先完成企业实名认证')
    if (normaliseEntityName(ent.name) !== normaliseEntityName(recorded.enterpriseName ?? '')) {
      mismatch()
    }
    if (recorded.usccHash !== null) {
      if (usccHash(ent.uscc) !== recorded.usccHash) mismatch()
      return
    }
  } else {
    if (identity.partyType === 'enterprise') {
      return fail('IDENTITY_MISMATCH', '本案被申请人为自然人，请以个人身份完成实名认证')
    }
    const name = decryptField(identity.nameEnc ?? '')
    if (personNameHash(name) !== recorded.nameHash) mismatch()
    if (recorded.idNumberHash !== null) {
      if (identity.idNumberHash !== recorded.idNumberHash) mismatch()
      return
    }
  }
  if (phone === undefined) {
    return fail('PHONE_REQUIRED', '请填写申请人登记的您的手机号以核对身份', 'payload.phone')
  }
  const checked = validateMobile(phone)
  if (!checked.ok || phoneHash(checked.value) !== recorded.phoneHash) mismatch()
}

export function partyView(record: CasePartyRecord | null, joined: boolean): PartyView | null {
  if (!record) return null
  return {
    partyType: record.partyType,
    maskedName: record.maskedName,
    idType: record.idType,
    maskedIdNumber: record.maskedIdNumber,
    maskedUscc: record.maskedUscc,
    maskedPhone: record.maskedPhone,
    joined,
  }
}
