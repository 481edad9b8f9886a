// The structured agreement editor: form values as typed, their checks (the same bounds the
// server applies), and the terms sent to draftAgreement / reviseAgreement.
import {
  PERFORMANCE_METHOD_LABELS,
  PERFORMANCE_METHODS,
  type PerformanceMethod,
} from '../../../core/agreement-text'
import {
  FEN_PER_YUAN,
  MAX_ADDRESS_LENGTH,
  MAX_AMOUNT_FEN,
  MAX_CLAIM_LENGTH,
  MAX_DESCRIPTION_LENGTH,
  MAX_REASON_LENGTH,
} from '../../../core/limits'
import type { CaseDetail } from '../../../../typings/api/mediationCase'
import { chinaMinute } from '../../../core/china-time'
import type { TagTheme } from '../../../utils/tag-theme'
import type {
  AgreementTermsInput,
  AgreementView,
  SignatureCheckView,
} from '../../../../typings/api/signAgreement'

/** Most further numbered terms (the server's bound). */
export const MAX_OTHER_TERMS = 10

export interface AgreementForm {
  readonly facts: string
  /** Yuan as typed, e.g. `12000` or `12,000.50`. */
  readonly amountYuan: string
  readonly method: PerformanceMethod
  readonly place: string
  /** `YYYY-MM-DD`, '' until picked. */
  readonly performanceDeadline: string
  readonly breachClause: string
  readonly applyForConfirmation: boolean
  /** One further term per line. */
  readonly otherTerms: string
}

export type AgreementFormErrors = Readonly<Record<keyof AgreementForm, string>>

export const NO_ERRORS: AgreementFormErrors = {
  facts: '',
  amountYuan: '',
  method: '',
  place: '',
  performanceDeadline: '',
  breachClause: '',
  applyForConfirmation: '',
  otherTerms: '',
}

export const METHOD_OPTIONS = PERFORMANCE_METHODS.map((value) => ({
  value,
  label: PERFORMANCE_METHOD_LABELS[value],
}))

export const DEFAULT_BREACH_CLAUSE =
  '任何一方未按本协议约定履行义务的，守约方有权就未履行部分向人民法院申请强制执行，违约方应承担守约方因此支出的合理费用。'

/** Fen as the yuan text the amount field shows: 1200050 → `12000.50`, 0 → `0`. */
export function yuanText(fen: number): string {
  if (fen % FEN_PER_YUAN === 0) return String(fen / FEN_PER_YUAN)
  return `${Math.floor(fen / FEN_PER_YUAN)}.${String(fen % FEN_PER_YUAN).padStart(2, '0')}`
}

/** Yuan text → integer fen, or the message for the field. */
export function parseYuan(input: string): { fen: number } | { error: string } {
  const text = input.replace(/[,，\s]/g, '')
  if (!text) return { error: '请输入协议金额（无金额请填 0）' }
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text)
  if (!m) return { error: '金额须为数字，最多两位小数' }
  const fen = Number(m[1]) * FEN_PER_YUAN + Number((m[2] ?? '').padEnd(2, '0'))
  if (!Number.isSafeInteger(fen) || fen > MAX_AMOUNT_FEN) return { error: '金额超出可填写的范围' }
  return { fen }
}

/** Today in China (`YYYY-MM-DD`): performance cannot be due earlier. */
export function chinaToday(now: number): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
}

function splitTerms(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
}

function lengthError(value: string, what: string, max: number): string {
  const t = value.trim()
  if (!t) return `请填写${what}`
  if (t.length > max) return `${what}不超过 ${max} 个字`
  return ''
}

/** Every field's message ('' where fine) and, when all are fine, what to send. */
export function checkAgreementForm(
  form: AgreementForm,
  now: number,
): { errors: AgreementFormErrors; facts?: string; terms?: AgreementTermsInput } {
  const amount = parseYuan(form.amountYuan)
  const terms = splitTerms(form.otherTerms)
  const longTerm = terms.find((t) => t.length > MAX_CLAIM_LENGTH)
  let deadline = ''
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.performanceDeadline)) deadline = '请选择履行期限'
  else if (form.performanceDeadline < chinaToday(now)) deadline = '履行期限不能早于今天'
  const errors: AgreementFormErrors = {
    facts: lengthError(form.facts, '纠纷事实', MAX_DESCRIPTION_LENGTH),
    amountYuan: 'error' in amount ? amount.error : '',
    method: PERFORMANCE_METHODS.includes(form.method) ? '' : '请选择履行方式',
    place: lengthError(form.place, '履行地点', MAX_ADDRESS_LENGTH),
    performanceDeadline: deadline,
    breachClause: lengthError(form.breachClause, '违约责任', MAX_REASON_LENGTH),
    applyForConfirmation: '',
    otherTerms:
      terms.length > MAX_OTHER_TERMS
        ? `其他条款最多 ${MAX_OTHER_TERMS} 条`
        : longTerm
          ? `每条其他条款不超过 ${MAX_CLAIM_LENGTH} 个字`
          : '',
  }
  if (Object.values(errors).some((e) => e !== '') || 'error' in amount) return { errors }
  return {
    errors,
    facts: form.facts.trim(),
    terms: {
      amountFen: amount.fen,
      method: form.method,
      place: form.place.trim(),
      performanceDeadline: form.performanceDeadline,
      breachClause: form.breachClause.trim(),
      applyForConfirmation: form.applyForConfirmation,
      ...(terms.length ? { otherTerms: terms } : {}),
    },
  }
}

/** A first draft: facts from the application, its amount, the usual breach clause. */
export function formFromCase(detail: CaseDetail): AgreementForm {
  return {
    facts: detail.description ?? '',
    amountYuan: detail.amountFen === null ? '' : yuanText(detail.amountFen),
    method: 'bank_transfer',
    place: '',
    performanceDeadline: '',
    breachClause: DEFAULT_BREACH_CLAUSE,
    applyForConfirmation: true,
    otherTerms: '',
  }
}

/** The form for revising an existing agreement. */
export function formFromAgreement(view: AgreementView): AgreementForm {
  return {
    facts: view.facts,
    amountYuan: yuanText(view.terms.amountFen),
    method: view.terms.method,
    place: view.terms.place,
    performanceDeadline: view.terms.performanceDeadline,
    breachClause: view.terms.breachClause,
    applyForConfirmation: view.terms.applyForConfirmation,
    otherTerms: (view.terms.otherTerms ?? []).join('\n'),
  }
}

/** Maps a server field (`payload.terms.place`) onto the form field it belongs to. */
export function formFieldOf(serverField: string | undefined): keyof AgreementForm | null {
  if (!serverField) return null
  const last = serverField.split('.').pop() ?? ''
  if (last === 'amountFen') return 'amountYuan'
  const fields: readonly (keyof AgreementForm)[] = [
    'facts',
    'method',
    'place',
    'performanceDeadline',
    'breachClause',
    'otherTerms',
  ]
  return fields.find((f) => f === last) ?? null
}

/** Whether the agreement can still be edited: drafts and agreements out for signing. */
export function editable(view: AgreementView | null): boolean {
  return view === null || view.status === 'draft' || view.status === 'signing'
}

/** One signature-image check as the mediator reads it. */
export interface SignatureCheckRow {
  readonly key: string
  /** Who signed: 申请人 / 被申请人 / 调解员. */
  readonly title: string
  /** What happened to the signature. */
  readonly outcomeText: string
  readonly theme: TagTheme
  readonly note: string
  /** `YYYY-MM-DD HH:mm`, China time; '' while the time is unknown. */
  readonly checkedText: string
  /** Note and time as one line under the title. */
  readonly detail: string
}

const OUTCOME_TEXTS: Readonly<
  Record<SignatureCheckView['outcome'], { readonly text: string; readonly theme: TagTheme }>
> = {
  flag: { text: '待人工复核', theme: 'warning' },
  void: { text: '签名已作废，待重新签署', theme: 'danger' },
  escalate: { text: '协议已生效，已提交工商联复核', theme: 'danger' },
}

export { chinaMinute }

/** The rows of the signature-check notice; empty (no notice) when nothing needs a look. */
export function signatureCheckRows(checks: readonly SignatureCheckView[]): SignatureCheckRow[] {
  return checks.map((c, i) => {
    const outcome = OUTCOME_TEXTS[c.outcome]
    const checkedText = chinaMinute(c.checkedAt)
    return {
      key: `${c.role}-${c.version}-${i}`,
      title: c.roleLabel,
      outcomeText: outcome.text,
      theme: outcome.theme,
      note: c.note,
      checkedText,
      detail: [c.note, checkedText].filter((part) => part !== '').join(' · '),
    }
  })
}

/**
 * The checks still true after the mediator saved version `version`: the server keeps flags and
 * voids only for the current version, so a revision drops them; escalations stay on record.
 */
export function checksAfterRevision(
  checks: readonly SignatureCheckView[],
  version: number,
): SignatureCheckView[] {
  return checks.filter((c) => c.outcome === 'escalate' || c.version === version)
}
