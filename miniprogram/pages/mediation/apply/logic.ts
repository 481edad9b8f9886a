// The 申请调解 form's rules, kept out of the page so they can be tested without a simulator: the
// same domain-core validators the server runs, step by step, and the request shapes it accepts.
import {
  DISPUTE_TYPES,
  ID_TYPES,
  type IdType,
  type PartyType,
  regionLabel,
  regionOf,
} from '../../../core/catalogues/index'
import {
  validateEnterpriseName,
  validateIdNumber,
  validateMobile,
  validatePersonName,
  validateUscc,
} from '../../../core/identity/index'
import {
  FEN_PER_YUAN,
  MAX_ADDRESS_LENGTH,
  MAX_AMOUNT_FEN,
  MAX_CLAIM_LENGTH,
  MAX_CLAIMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_EVIDENCE_FILES,
} from '../../../core/limits'
import { codePointLength } from '../../../core/identity/field-check'
import { failure, success, type Outcome } from '../../../core/result'
import type {
  CaseDetail,
  EvidenceInput,
  RespondentInput,
  SaveDraftRequest,
  SubmitRequest,
} from '../../../../typings/api/mediationCase'

export const STEP_TITLES = ['案情', '当事人', '证据', '确认提交'] as const
export type StepIndex = 0 | 1 | 2 | 3
export const LAST_STEP: StepIndex = 3

export interface RespondentForm {
  readonly partyType: PartyType
  readonly name: string
  readonly phone: string
  readonly idType: IdType
  readonly idNumber: string
  readonly uscc: string
  readonly address: string
}

export interface ApplyForm {
  readonly disputeType: string
  readonly description: string
  /** As typed, in yuan (up to two decimals). */
  readonly amountYuan: string
  readonly claims: readonly string[]
  /** GB/T 2260 city code from `REGION_OPTIONS`. */
  readonly cityCode: string
  readonly respondent: RespondentForm
  readonly evidence: readonly EvidenceInput[]
}

export type FieldKey =
  | 'disputeType'
  | 'description'
  | 'amount'
  | 'claims'
  | 'region'
  | 'respondentName'
  | 'respondentPhone'
  | 'respondentIdNumber'
  | 'respondentUscc'
  | 'respondentAddress'
  | 'evidence'

export type FormErrors = Readonly<Record<FieldKey, string>>

export const NO_ERRORS: FormErrors = {
  disputeType: '',
  description: '',
  amount: '',
  claims: '',
  region: '',
  respondentName: '',
  respondentPhone: '',
  respondentIdNumber: '',
  respondentUscc: '',
  respondentAddress: '',
  evidence: '',
}

export const EMPTY_FORM: ApplyForm = {
  disputeType: '',
  description: '',
  amountYuan: '',
  claims: [''],
  cityCode: '',
  respondent: {
    partyType: 'person',
    name: '',
    phone: '',
    idType: 'resident_id',
    idNumber: '',
    uscc: '',
    address: '',
  },
  evidence: [],
}

const STEP_FIELDS: Readonly<Record<StepIndex, readonly FieldKey[]>> = {
  0: ['disputeType', 'description', 'amount', 'claims', 'region'],
  1: [
    'respondentName',
    'respondentPhone',
    'respondentIdNumber',
    'respondentUscc',
    'respondentAddress',
  ],
  2: ['evidence'],
  3: [],
}

export const DISPUTE_OPTIONS = DISPUTE_TYPES.map((t) => ({ label: t.label, value: t.code }))

export const PERSON_ID_TYPE_OPTIONS = ID_TYPES.filter((t) => t.partyTypes.includes('person')).map(
  (t) => ({ label: t.label, value: t.code }),
)

export function disputeTypeLabel(code: string): string {
  return DISPUTE_TYPES.find((t) => t.code === code)?.label ?? ''
}

export function idTypeLabel(code: IdType): string {
  return ID_TYPES.find((t) => t.code === code)?.label ?? ''
}

/** Characters counted the way the server counts them (a rare Han character counts once). */
export function textLength(text: string): number {
  return codePointLength(text)
}

/** Reads an amount in yuan (`12,345.6`, `１２３`) as integer fen; empty means non-monetary (0). */
export function parseAmountYuan(input: string): Outcome<number> {
  const text = input
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s,，]/g, '')
    .replace(/^[¥￥]/, '')
    .replace(/元$/, '')
  if (text === '') return success(0)
  const m = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(text)
  if (!m) return failure('AMOUNT_FORMAT', '请填写金额数字，最多保留两位小数', 'amount')
  const fen = Number(m[1]) * FEN_PER_YUAN + Number((m[2] ?? '').padEnd(2, '0'))
  if (fen > MAX_AMOUNT_FEN) return failure('AMOUNT_TOO_LARGE', '争议金额超出可受理范围', 'amount')
  return success(fen)
}

/** Fen as the yuan text the amount field shows (`123456` → `1234.56`). */
export function formatYuan(fen: number): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN)
  const cents = fen % FEN_PER_YUAN
  return cents === 0 ? String(yuan) : `${yuan}.${String(cents).padStart(2, '0')}`
}

function checkDescription(text: string): string {
  if (text.trim() === '') return '请填写纠纷描述'
  const length = textLength(text.trim())
  if (length < 10) return '请用至少 10 个字说明纠纷的经过'
  if (length > MAX_DESCRIPTION_LENGTH) return `纠纷描述不能超过 ${MAX_DESCRIPTION_LENGTH} 字`
  return ''
}

function checkClaims(claims: readonly string[]): string {
  const filled = claims.map((c) => c.trim()).filter((c) => c !== '')
  if (filled.length === 0) return '请至少填写一项调解请求'
  if (filled.length > MAX_CLAIMS) return `调解请求最多 ${MAX_CLAIMS} 项`
  if (filled.some((c) => textLength(c) > MAX_CLAIM_LENGTH))
    return `每项调解请求不能超过 ${MAX_CLAIM_LENGTH} 字`
  return ''
}

function checkRespondentName(r: RespondentForm): string {
  const check =
    r.partyType === 'enterprise' ? validateEnterpriseName(r.name) : validatePersonName(r.name)
  return check.ok ? '' : (check.error?.message ?? '')
}

function checkAddress(address: string): string {
  if (address.trim() === '') return '请填写被申请人地址（用于送达）'
  if (textLength(address.trim()) > MAX_ADDRESS_LENGTH)
    return `地址不能超过 ${MAX_ADDRESS_LENGTH} 字`
  return ''
}

/** Every field error of the form (empty strings where a field is fine). */
export function checkForm(form: ApplyForm, now: Date): FormErrors {
  const r = form.respondent
  const amount = parseAmountYuan(form.amountYuan)
  const phone = validateMobile(r.phone)
  const idNumber =
    r.partyType === 'person' && r.idNumber.trim() !== ''
      ? validateIdNumber(r.idType, r.idNumber, now)
      : undefined
  const uscc =
    r.partyType === 'enterprise' && r.uscc.trim() !== '' ? validateUscc(r.uscc) : undefined
  return {
    disputeType: DISPUTE_OPTIONS.some((o) => o.value === form.disputeType) ? '' : '请选择纠纷类型',
    description: checkDescription(form.description),
    amount: amount.ok ? '' : amount.error.message,
    claims: checkClaims(form.claims),
    region: regionOf(form.cityCode) ? '' : '请选择纠纷所在地',
    respondentName: checkRespondentName(r),
    respondentPhone: phone.ok ? '' : (phone.error?.message ?? ''),
    respondentIdNumber: idNumber && !idNumber.ok ? (idNumber.error?.message ?? '') : '',
    respondentUscc: uscc && !uscc.ok ? (uscc.error?.message ?? '') : '',
    respondentAddress: checkAddress(r.address),
    evidence: form.evidence.length > MAX_EVIDENCE_FILES ? `证据最多 ${MAX_EVIDENCE_FILES} 份` : '',
  }
}

/** The errors of one step only; the other steps' fields stay quiet until the user gets there. */
export function stepErrors(step: StepIndex, form: ApplyForm, now: Date): FormErrors {
  const all = checkForm(form, now)
  const out: Record<FieldKey, string> = { ...NO_ERRORS }
  for (const key of STEP_FIELDS[step]) out[key] = all[key]
  return out
}

export function hasErrors(errors: FormErrors): boolean {
  return Object.values(errors).some((e) => e !== '')
}

/** The first step holding an error, or undefined when the whole form is valid. */
export function firstInvalidStep(form: ApplyForm, now: Date): StepIndex | undefined {
  const all = checkForm(form, now)
  return ([0, 1, 2] as const).find((s) => STEP_FIELDS[s].some((k) => all[k] !== ''))
}

export function stepOfField(key: FieldKey): StepIndex {
  return ([0, 1, 2] as const).find((s) => STEP_FIELDS[s].includes(key)) ?? 0
}

const SERVER_FIELDS: Readonly<Record<string, FieldKey>> = {
  disputeType: 'disputeType',
  description: 'description',
  amountFen: 'amount',
  claims: 'claims',
  region: 'region',
  evidence: 'evidence',
  'respondent.name': 'respondentName',
  'respondent.phone': 'respondentPhone',
  'respondent.idNumber': 'respondentIdNumber',
  'respondent.idType': 'respondentIdNumber',
  'respondent.uscc': 'respondentUscc',
  'respondent.address': 'respondentAddress',
  respondent: 'respondentName',
}

/**
 * The form field a server error belongs to (`payload.respondent.phone`, `payload.claims.0`,
 * `description` from content security), so the message lands under that field.
 */
export function fieldOfServerError(field: string | undefined): FieldKey | undefined {
  if (!field) return undefined
  const path = field.replace(/^payload\./, '').replace(/\.\d+(?=\.|$)/g, '')
  for (let p = path; p !== ''; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') {
    const key = SERVER_FIELDS[p]
    if (key) return key
  }
  return undefined
}

function respondentInput(r: RespondentForm, now: Date): RespondentInput {
  const name =
    r.partyType === 'enterprise' ? validateEnterpriseName(r.name) : validatePersonName(r.name)
  const base = {
    partyType: r.partyType,
    name: name.value,
    phone: validateMobile(r.phone).value,
    address: r.address.trim(),
  }
  if (r.partyType === 'person' && r.idNumber.trim() !== '') {
    return {
      ...base,
      idType: r.idType,
      idNumber: validateIdNumber(r.idType, r.idNumber, now).value,
    }
  }
  if (r.partyType === 'enterprise' && r.uscc.trim() !== '') {
    return { ...base, uscc: validateUscc(r.uscc).value }
  }
  return base
}

/** The submit request (normalised by the core), when the whole form is valid. */
export function toSubmitRequest(
  form: ApplyForm,
  caseId: string | undefined,
  now: Date,
): SubmitRequest | undefined {
  const region = regionOf(form.cityCode)
  const amount = parseAmountYuan(form.amountYuan)
  if (firstInvalidStep(form, now) !== undefined || !region || !amount.ok) return undefined
  const request: SubmitRequest = {
    disputeType: form.disputeType,
    description: form.description.trim(),
    amountFen: amount.value,
    claims: form.claims.map((c) => c.trim()).filter((c) => c !== ''),
    evidence: form.evidence,
    respondent: respondentInput(form.respondent, now),
    region,
  }
  return caseId === undefined ? request : { ...request, caseId }
}

/** What the server keeps of a half-filled form: only fields it would accept as they stand. */
export function toDraftRequest(form: ApplyForm, caseId: string | undefined): SaveDraftRequest {
  const r = form.respondent
  const amount = parseAmountYuan(form.amountYuan)
  const region = regionOf(form.cityCode)
  const claims = form.claims
    .map((c) => c.trim())
    .filter((c) => c !== '' && textLength(c) <= MAX_CLAIM_LENGTH)
    .slice(0, MAX_CLAIMS)
  const respondent: Record<string, string> = { partyType: r.partyType }
  const keep = (key: string, value: string, max: number) => {
    const v = value.trim()
    if (v !== '' && textLength(v) <= max) respondent[key] = v
  }
  keep('name', r.name, 60)
  keep('phone', r.phone, 20)
  keep('address', r.address, MAX_ADDRESS_LENGTH)
  if (r.partyType === 'person' && r.idNumber.trim() !== '') {
    respondent['idType'] = r.idType
    keep('idNumber', r.idNumber, 32)
  }
  if (r.partyType === 'enterprise') keep('uscc', r.uscc, 18)
  const description = form.description.trim()
  return {
    ...(caseId === undefined ? {} : { caseId }),
    ...(DISPUTE_OPTIONS.some((o) => o.value === form.disputeType)
      ? { disputeType: form.disputeType }
      : {}),
    ...(description !== '' && textLength(description) <= MAX_DESCRIPTION_LENGTH
      ? { description }
      : {}),
    ...(amount.ok && form.amountYuan.trim() !== '' ? { amountFen: amount.value } : {}),
    ...(claims.length > 0 ? { claims } : {}),
    ...(region ? { region } : {}),
    evidence: form.evidence.slice(0, MAX_EVIDENCE_FILES),
    respondent: respondent,
  }
}

export interface ReviewRow {
  readonly label: string
  readonly value: string
}

/** The 确认提交 summary; the respondent's phone and ID are the applicant's own input, shown whole. */
export function reviewRows(form: ApplyForm): readonly ReviewRow[] {
  const r = form.respondent
  const amount = parseAmountYuan(form.amountYuan)
  const rows: ReviewRow[] = [
    { label: '纠纷类型', value: disputeTypeLabel(form.disputeType) },
    { label: '纠纷所在地', value: regionLabel(form.cityCode) },
    {
      label: '争议金额',
      value: amount.ok && amount.value > 0 ? `${formatYuan(amount.value)} 元` : '非金钱请求',
    },
    {
      label: '调解请求',
      value: form.claims
        .map((c) => c.trim())
        .filter((c) => c !== '')
        .map((c, i) => `${i + 1}. ${c}`)
        .join('\n'),
    },
    {
      label: '被申请人',
      value: `${r.name.trim()}（${r.partyType === 'enterprise' ? '企业' : '个人'}）`,
    },
    { label: '联系电话', value: r.phone.trim() },
  ]
  if (r.partyType === 'person' && r.idNumber.trim() !== '')
    rows.push({ label: idTypeLabel(r.idType), value: r.idNumber.trim() })
  if (r.partyType === 'enterprise' && r.uscc.trim() !== '')
    rows.push({ label: '统一社会信用代码', value: r.uscc.trim() })
  rows.push({ label: '送达地址', value: r.address.trim() })
  rows.push({
    label: '证据',
    value: form.evidence.length ? `${form.evidence.length} 份` : '未上传',
  })
  return rows
}

/** Reads a stored draft back, dropping anything that no longer fits the form's shape. */
export function restoreForm(stored: unknown): ApplyForm | undefined {
  if (typeof stored !== 'object' || stored === null) return undefined
  const s = stored as Partial<Record<keyof ApplyForm, unknown>>
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  const claims = Array.isArray(s.claims) ? s.claims.filter((c) => typeof c === 'string') : []
  const evidence = Array.isArray(s.evidence)
    ? (s.evidence as unknown[]).filter(
        (e): e is EvidenceInput =>
          typeof e === 'object' &&
          e !== null &&
          typeof (e as EvidenceInput).fileId === 'string' &&
          typeof (e as EvidenceInput).name === 'string' &&
          ((e as EvidenceInput).kind === 'image' || (e as EvidenceInput).kind === 'document'),
      )
    : []
  return {
    disputeType: str(s.disputeType),
    description: str(s.description),
    amountYuan: str(s.amountYuan),
    claims: claims.length ? claims : [''],
    cityCode: str(s.cityCode),
    respondent: restoreRespondent(s.respondent),
    evidence,
  }
}

/** A respondent read back from storage or a server draft; missing or odd fields start empty. */
function restoreRespondent(stored: unknown): RespondentForm {
  const str = (v: unknown) => (typeof v === 'string' ? v : '')
  const r = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<
    Record<keyof RespondentForm, unknown>
  >
  return {
    partyType: r.partyType === 'enterprise' ? 'enterprise' : 'person',
    name: str(r.name),
    phone: str(r.phone),
    idType: ID_TYPES.some((t) => t.code === r.idType) ? (r.idType as IdType) : 'resident_id',
    idNumber: str(r.idNumber),
    uscc: str(r.uscc),
    address: str(r.address),
  }
}

/**
 * A server draft as the form (another device saved it): the case fields and the respondent as
 * typed come back; evidence file ids do not, so the evidence step starts empty.
 */
export function formFromDraft(
  detail: Pick<
    CaseDetail,
    'disputeType' | 'description' | 'amountFen' | 'claims' | 'region' | 'draftRespondent'
  >,
): ApplyForm {
  return {
    ...EMPTY_FORM,
    respondent: restoreRespondent(detail.draftRespondent),
    disputeType: detail.disputeType ?? '',
    description: detail.description ?? '',
    amountYuan: detail.amountFen ? formatYuan(detail.amountFen) : '',
    claims: detail.claims.length ? [...detail.claims] : [''],
    cityCode: regionOf(detail.region?.cityCode)?.cityCode ?? '',
  }
}

/** What the applicant is told after a server draft came back: only the missing parts to redo. */
export function restoredDraftNotice(form: ApplyForm): string {
  return form.respondent.name.trim() === ''
    ? '已恢复您保存的草稿，请补充被申请人和证据'
    : '已恢复您保存的草稿，证据请重新上传'
}
