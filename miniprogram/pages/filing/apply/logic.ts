// Pure logic of the 在线立案 form: prefill from a case closed without agreement, field checks
// with the server's limits (so most mistakes show under their field before any request), and
// the request the form becomes.
import {
  MAX_ADDRESS_LENGTH,
  MAX_CLAIM_LENGTH,
  MAX_CLAIMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_ENTERPRISE_NAME_LENGTH,
} from '../../../core/limits'
import type { PartyType } from '../../../core/catalogues/party-types'
import type {
  FilingPartyInput,
  FilingPartyView,
  FilingPrefill,
  FilingView,
  OrganisationOption,
  RegionInput,
  ResubmitFilingRequest,
  SubmitFilingRequest,
} from '../../../../typings/api/fileCase'
import type { EvidenceItem } from '../../../components/evidence-uploader/logic'

export const MIN_FACTS_LENGTH = 10

export interface DefendantForm {
  partyType: PartyType
  name: string
  idNumber: string
  address: string
  phone: string
}

export interface FilingForm {
  /** One claim per line, as the filer types them. */
  claimsText: string
  factsAndReasons: string
  evidence: EvidenceItem[]
  region: RegionInput | null
  organisationId: string
  defendant: DefendantForm
}

export type FilingFormErrors = Record<
  | 'claims'
  | 'factsAndReasons'
  | 'region'
  | 'organisationId'
  | 'defendantName'
  | 'defendantIdNumber'
  | 'defendantAddress'
  | 'defendantPhone',
  string
>

export const NO_ERRORS: FilingFormErrors = {
  claims: '',
  factsAndReasons: '',
  region: '',
  organisationId: '',
  defendantName: '',
  defendantIdNumber: '',
  defendantAddress: '',
  defendantPhone: '',
}

export const EMPTY_DEFENDANT: DefendantForm = {
  partyType: 'enterprise',
  name: '',
  idNumber: '',
  address: '',
  phone: '',
}

export const EMPTY_FORM: FilingForm = {
  claimsText: '',
  factsAndReasons: '',
  evidence: [],
  region: null,
  organisationId: '',
  defendant: EMPTY_DEFENDANT,
}

/** The claims as a list: one per non-empty line, trimmed. */
export function claimsOf(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
}

const ID_NUMBER = /^[0-9A-Za-z()（）-]+$/
const PHONE = /^[0-9+\- ]{5,20}$/

const length = (s: string) => Array.from(s.trim()).length

/**
 * Checks the form. `transfer` filings take the other side from the case, so the defendant
 * fields are not asked for there.
 */
export function checkFilingForm(form: FilingForm, transfer: boolean): FilingFormErrors {
  const errors: FilingFormErrors = { ...NO_ERRORS }
  const claims = claimsOf(form.claimsText)
  if (claims.length === 0) errors.claims = '请填写诉讼请求'
  else if (claims.length > MAX_CLAIMS) errors.claims = `诉讼请求最多 ${MAX_CLAIMS} 项`
  else if (claims.some((c) => length(c) > MAX_CLAIM_LENGTH))
    errors.claims = `每项诉讼请求不超过 ${MAX_CLAIM_LENGTH} 字`
  const facts = length(form.factsAndReasons)
  if (facts < MIN_FACTS_LENGTH) errors.factsAndReasons = `事实与理由至少 ${MIN_FACTS_LENGTH} 字`
  else if (facts > MAX_DESCRIPTION_LENGTH)
    errors.factsAndReasons = `事实与理由不超过 ${MAX_DESCRIPTION_LENGTH} 字`
  if (!form.region) errors.region = '请选择纠纷发生地'
  if (!form.organisationId) errors.organisationId = '请选择受理的工商联组织'
  if (!transfer) {
    const d = form.defendant
    const name = length(d.name)
    if (name < 2) errors.defendantName = '请填写被申请人名称（至少 2 个字）'
    else if (name > MAX_ENTERPRISE_NAME_LENGTH)
      errors.defendantName = `被申请人名称不超过 ${MAX_ENTERPRISE_NAME_LENGTH} 字`
    const id = d.idNumber.trim()
    if (id && (id.length > 32 || !ID_NUMBER.test(id)))
      errors.defendantIdNumber = '证件号码只能包含数字、字母和括号'
    const address = length(d.address)
    if (address < 5) errors.defendantAddress = '请填写被申请人送达地址（至少 5 个字）'
    else if (address > MAX_ADDRESS_LENGTH)
      errors.defendantAddress = `送达地址不超过 ${MAX_ADDRESS_LENGTH} 字`
    const phone = d.phone.trim()
    if (phone && !PHONE.test(phone)) errors.defendantPhone = '请填写正确的联系电话'
  }
  return errors
}

export function hasErrors(errors: FilingFormErrors): boolean {
  return Object.values(errors).some((e) => e !== '')
}

/** The first error in reading order, for the message at the top of the page. */
export function firstError(errors: FilingFormErrors): string {
  const order: (keyof FilingFormErrors)[] = [
    'defendantName',
    'defendantIdNumber',
    'defendantAddress',
    'defendantPhone',
    'claims',
    'factsAndReasons',
    'region',
    'organisationId',
  ]
  for (const key of order) if (errors[key]) return errors[key]
  return ''
}

function defendantInput(d: DefendantForm): FilingPartyInput {
  const idNumber = d.idNumber.trim()
  const phone = d.phone.trim()
  return {
    partyType: d.partyType,
    name: d.name.trim(),
    address: d.address.trim(),
    ...(idNumber ? { idNumber } : {}),
    ...(phone ? { phone } : {}),
  }
}

/** The `submit` payload; call only once `checkFilingForm` found nothing. */
export function filingRequest(form: FilingForm, caseId: string | null): SubmitFilingRequest {
  const base = {
    organisationId: form.organisationId,
    region: form.region ?? { provinceCode: '', cityCode: '' },
    claims: claimsOf(form.claimsText),
    factsAndReasons: form.factsAndReasons.trim(),
    evidence: form.evidence.map((e) => ({ fileId: e.fileId, name: e.name })),
  }
  return caseId === null
    ? { ...base, defendants: [defendantInput(form.defendant)] }
    : { ...base, caseId }
}

/** Prefilled evidence carries no kind; the name's extension tells a PDF from a picture. */
export function evidenceKind(name: string): EvidenceItem['kind'] {
  return /\.pdf$/i.test(name) ? 'document' : 'image'
}

/** The form as a transfer starts: everything the case already holds. */
export function formFromPrefill(prefill: FilingPrefill): FilingForm {
  const only = prefill.organisations.length === 1 ? prefill.organisations[0] : undefined
  return {
    claimsText: prefill.claims.join('\n'),
    factsAndReasons: prefill.factsAndReasons,
    evidence: prefill.evidence.map((e) => ({ ...e, kind: evidenceKind(e.name) })),
    region: prefill.region,
    organisationId: only?.organisationId ?? '',
    defendant: EMPTY_DEFENDANT,
  }
}

/**
 * The form a rejected filing is corrected in: its claims, facts and evidence as filed. The
 * parties, region and organisation are not part of a correction (the server keeps them), so the
 * form leaves them out and the page shows them read-only.
 */
export function formFromFiling(filing: FilingView): FilingForm {
  return {
    claimsText: filing.claims.join('\n'),
    factsAndReasons: filing.factsAndReasons,
    evidence: filing.evidence.map((e) => ({ ...e, kind: evidenceKind(e.name) })),
    region: null,
    organisationId: filing.organisationId,
    defendant: EMPTY_DEFENDANT,
  }
}

/** The locked parties of a filing being corrected: the filer first, then the other side. */
export function filingParties(filing: FilingView): {
  filerName: string
  others: FilingPartyView[]
} {
  const filer = filing.parties.find((p) => p.role === 'plaintiff')
  return { filerName: filer?.maskedName ?? '', others: otherSide(filing.parties) }
}

/** A correction checks only what it can change: the claims and the facts. */
export function checkCorrection(form: FilingForm): FilingFormErrors {
  const all = checkFilingForm(form, true)
  return { ...NO_ERRORS, claims: all.claims, factsAndReasons: all.factsAndReasons }
}

/** The `resubmit` payload; call only once `checkCorrection` found nothing. */
export function resubmitRequest(form: FilingForm, filingId: string): ResubmitFilingRequest {
  return {
    filingId,
    claims: claimsOf(form.claimsText),
    factsAndReasons: form.factsAndReasons.trim(),
    evidence: form.evidence.map((e) => ({ fileId: e.fileId, name: e.name })),
  }
}

/** The other side of a transferred case (masked), shown read-only. */
export function otherSide(parties: readonly FilingPartyView[]): FilingPartyView[] {
  return parties.filter((p) => p.role === 'defendant')
}

export interface OrganisationChoice {
  readonly label: string
  readonly value: string
}

export function organisationChoices(orgs: readonly OrganisationOption[]): OrganisationChoice[] {
  return orgs.map((o) => ({ label: o.name, value: o.organisationId }))
}

/** Keeps the chosen organisation only while the new list still offers it. */
export function keptOrganisation(
  chosen: string,
  orgs: readonly OrganisationOption[],
): { organisationId: string; organisationName: string } {
  const found =
    orgs.find((o) => o.organisationId === chosen) ?? (orgs.length === 1 ? orgs[0] : undefined)
  return found
    ? { organisationId: found.organisationId, organisationName: found.name }
    : { organisationId: '', organisationName: '' }
}

/** Maps a server field path (`payload.claims`, `payload.defendants.0.name`) to a form field. */
export function fieldOfPath(path: string | undefined): keyof FilingFormErrors | null {
  if (!path) return null
  if (path.startsWith('payload.claims')) return 'claims'
  if (path.startsWith('payload.factsAndReasons')) return 'factsAndReasons'
  if (path.startsWith('payload.organisationId')) return 'organisationId'
  if (path.startsWith('payload.region')) return 'region'
  const party = /^payload\.defendants(?:\.\d+)?\.(\w+)/.exec(path)
  if (party) {
    const map: Record<string, keyof FilingFormErrors> = {
      name: 'defendantName',
      idNumber: 'defendantIdNumber',
      address: 'defendantAddress',
      phone: 'defendantPhone',
    }
    return map[party[1] ?? ''] ?? 'defendantName'
  }
  if (path === 'payload.defendants') return 'defendantName'
  return null
}
