// The text of a mediation agreement (调解协议书), generated from its structure so that the
// signed words follow exactly from the fields the mediator filled in (人民调解法 第28–29条:
// parties, facts and issues, terms with method, place and deadline of performance).
import { FEN_PER_YUAN } from './limits'

export type AgreementPartyRole = 'applicant' | 'respondent'

/** How the obligation is performed; labels are what the agreement says. */
export type PerformanceMethod = 'bank_transfer' | 'cash' | 'online_payment' | 'in_kind' | 'other'

export const PERFORMANCE_METHODS: readonly PerformanceMethod[] = [
  'bank_transfer',
  'cash',
  'online_payment',
  'in_kind',
  'other',
]

export const PERFORMANCE_METHOD_LABELS: Readonly<Record<PerformanceMethod, string>> = {
  bank_transfer: '银行转账',
  cash: '现金支付',
  online_payment: '线上支付',
  in_kind: '实物交付',
  other: '其他方式',
}

/** One party as the agreement names them: identity numbers only masked (shared copies). */
export interface AgreementParty {
  readonly role: AgreementPartyRole
  readonly partyType: 'person' | 'enterprise'
  readonly name: string
  readonly idTypeLabel: string
  readonly maskedIdNumber: string
  readonly address?: string | null
}

export interface AgreementTerms {
  /** Integer fen; 0 for non-monetary settlements. */
  readonly amountFen: number
  readonly method: PerformanceMethod
  readonly place: string
  /** Calendar date `YYYY-MM-DD` (Shanghai) by which performance is due. */
  readonly performanceDeadline: string
  readonly breachClause: string
  readonly applyForConfirmation: boolean
  /** Further terms, one numbered paragraph each. */
  readonly otherTerms?: readonly string[]
}

export interface AgreementStructure {
  readonly caseNumber: string
  readonly organisationName: string
  readonly mediatorName: string
  readonly parties: readonly AgreementParty[]
  readonly facts: string
  readonly terms: AgreementTerms
}

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'] as const
const SMALL_UNITS = ['', '拾', '佰', '仟'] as const
const BIG_UNITS = ['', '万', '亿', '万亿'] as const

/** One group of four digits (0–9999) in capital numerals, inner zeros read once. */
function group(n: number): string {
  let out = ''
  let zero = false
  for (let i = 3; i >= 0; i -= 1) {
    const d = Math.floor(n / 10 ** i) % 10
    if (d === 0) {
      zero = out !== ''
    } else {
      if (zero) out += '零'
      out += (DIGITS[d] ?? '') + (SMALL_UNITS[i] ?? '')
      zero = false
    }
  }
  return out
}

/** Integer yuan in capital numerals (壹万贰仟叁佰肆拾伍), as Chinese contracts write amounts. */
function capitalInteger(yuan: number): string {
  if (yuan === 0) return '零'
  const groups: number[] = []
  let rest = yuan
  while (rest > 0) {
    groups.push(rest % 10000)
    rest = Math.floor(rest / 10000)
  }
  let out = ''
  let pendingZero = false
  for (let i = groups.length - 1; i >= 0; i -= 1) {
    const g = groups[i] ?? 0
    if (g === 0) {
      pendingZero = out !== ''
      continue
    }
    if (out !== '' && (pendingZero || g < 1000)) out += '零'
    out += group(g) + (BIG_UNITS[i] ?? '')
    pendingZero = false
  }
  return out
}

/** An amount in fen as 人民币大写, e.g. 123456 → 壹仟贰佰叁拾肆元伍角陆分, 100 → 壹元整. */
export function capitalAmount(fen: number): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN)
  const jiao = Math.floor(fen / 10) % 10
  const cent = fen % 10
  const head = `${capitalInteger(yuan)}元`
  if (jiao === 0 && cent === 0) return `${head}整`
  if (cent === 0) return `${head}${DIGITS[jiao] ?? ''}角`
  return `${head}${jiao === 0 ? '零' : `${DIGITS[jiao] ?? ''}角`}${DIGITS[cent] ?? ''}分`
}

/** An amount in fen as digits with thousands separators: 123456 → 1,234.56. */
export function formatAmount(fen: number): string {
  const yuan = Math.floor(fen / FEN_PER_YUAN)
  const rest = String(fen % FEN_PER_YUAN).padStart(2, '0')
  return `${String(yuan).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${rest}`
}

/** `YYYY-MM-DD` → `YYYY年M月D日`; anything else is returned as given. */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!m) return date
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

const ROLE_LABELS: Readonly<Record<AgreementPartyRole, string>> = {
  applicant: '申请人',
  respondent: '被申请人',
}

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const

function numeral(i: number): string {
  if (i <= 10) return NUMERALS[i - 1] ?? String(i)
  const tens = Math.floor(i / 10)
  const ones = i % 10
  return `${tens === 1 ? '' : (NUMERALS[tens - 1] ?? '')}十${ones === 0 ? '' : (NUMERALS[ones - 1] ?? '')}`
}

function partyLine(p: AgreementParty): string {
  const kind = p.partyType === 'enterprise' ? '（单位）' : ''
  const id = `${p.idTypeLabel}：${p.maskedIdNumber}`
  const address = p.address ? `，住所：${p.address}` : ''
  return `${ROLE_LABELS[p.role]}${kind}：${p.name}，${id}${address}`
}

function termLines(terms: AgreementTerms, payer: string, payee: string): string[] {
  const lines: string[] = []
  if (terms.amountFen > 0) {
    lines.push(
      `${payer}于${formatDate(terms.performanceDeadline)}前向${payee}支付人民币` +
        `${formatAmount(terms.amountFen)}元（大写：${capitalAmount(terms.amountFen)}），` +
        `履行方式：${PERFORMANCE_METHOD_LABELS[terms.method]}，履行地点：${terms.place}。`,
    )
  } else {
    lines.push(
      `各方于${formatDate(terms.performanceDeadline)}前按下列约定履行，` +
        `履行方式：${PERFORMANCE_METHOD_LABELS[terms.method]}，履行地点：${terms.place}。`,
    )
  }
  for (const t of terms.otherTerms ?? []) lines.push(t)
  lines.push(`违约责任：${terms.breachClause}`)
  lines.push(
    terms.applyForConfirmation
      ? '各方同意自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。'
      : '各方暂不申请司法确认；本协议具有法律约束力，各方应当按照约定履行。',
  )
  return lines
}

/**
 * The agreement text for a structure. Pure and deterministic: the same structure always yields
 * the same text, so its hash identifies what each signer saw.
 */
export function renderAgreementText(s: AgreementStructure): string {
  const applicants = s.parties.filter((p) => p.role === 'applicant')
  const respondents = s.parties.filter((p) => p.role === 'respondent')
  const names = (list: readonly AgreementParty[]) => list.map((p) => p.name).join('、')
  const terms = termLines(s.terms, names(respondents), names(applicants))
  return [
    '调解协议书',
    `案件编号：${s.caseNumber}`,
    '',
    ...[...applicants, ...respondents].map(partyLine),
    '',
    '一、纠纷的主要事实、争议事项',
    s.facts,
    '',
    `二、经${s.organisationName}调解员${s.mediatorName}主持调解，各方自愿达成如下协议：`,
    ...terms.map((t, i) => `${numeral(i + 1)}、${t}`),
    '',
    '三、本协议经各方当事人签字（盖章）并经调解员签字后生效。' +
      `本协议一式${s.parties.length + 1}份，各方当事人各执一份，调解组织留存一份。`,
  ].join('\n')
}
