import {
  type CalendarDate,
  formatCompactDate,
  isValidInstant,
  parseCompactDate,
  shanghaiDate,
} from './identity/calendar'
import { type Outcome, failure, success } from './result'

/** What a number identifies: a mediation case, a filing, a judicial confirmation, a mediation document. */
export type CaseNumberKind =
  'mediation_case' | 'filing' | 'judicial_confirmation' | 'mediation_document'

/** The two-letter prefix per kind (pinyin initials: 调解, 立案, 司法确认, 文书). */
export const CASE_NUMBER_PREFIXES: Readonly<Record<CaseNumberKind, string>> = {
  mediation_case: 'TJ',
  filing: 'LA',
  judicial_confirmation: 'SQ',
  mediation_document: 'WS',
}

/** Digits of the per-day sequence: a million numbers per kind per day is far beyond demand. */
export const CASE_SEQUENCE_DIGITS = 6

/** Smallest sequence number. */
export const MIN_CASE_SEQUENCE = 1

/** Largest sequence number that fits the fixed width. */
export const MAX_CASE_SEQUENCE = 999_999

/** A case number taken apart. */
export interface ParsedCaseNumber {
  readonly kind: CaseNumberKind
  /** The Asia/Shanghai calendar date the number was issued on. */
  readonly date: CalendarDate
  readonly sequence: number
}

/** Error codes of case-number formatting and parsing. */
export type CaseNumberErrorCode =
  | 'CASE_NUMBER_KIND_UNKNOWN'
  | 'CASE_NUMBER_SEQUENCE_RANGE'
  | 'CASE_NUMBER_CLOCK_INVALID'
  | 'CASE_NUMBER_FORMAT'

const KINDS = Object.keys(CASE_NUMBER_PREFIXES) as CaseNumberKind[]

const PATTERN = /^(TJ|LA|SQ|WS)(\d{8})(\d{6})$/

/**
 * `TJ20261201000042`: prefix, the Asia/Shanghai date of `now`, and the zero-padded sequence — 16
 * ASCII characters, within the 32 allowed in a subscribe message `character_string`.
 */
export function formatCaseNumber(
  kind: unknown,
  now: Date,
  sequence: unknown,
): Outcome<string, CaseNumberErrorCode> {
  const prefix = KINDS.find((k) => k === kind)
  if (prefix === undefined) {
    return failure('CASE_NUMBER_KIND_UNKNOWN', '编号类型无效', 'kind')
  }
  if (
    typeof sequence !== 'number' ||
    !Number.isInteger(sequence) ||
    sequence < MIN_CASE_SEQUENCE ||
    sequence > MAX_CASE_SEQUENCE
  ) {
    return failure(
      'CASE_NUMBER_SEQUENCE_RANGE',
      `编号序号应为${MIN_CASE_SEQUENCE}至${MAX_CASE_SEQUENCE}之间的整数`,
      'sequence',
    )
  }
  if (!isValidInstant(now)) {
    return failure('CASE_NUMBER_CLOCK_INVALID', '系统时间无效，无法生成编号', 'now')
  }
  const date = shanghaiDate(now)
  if (date.year < 1000 || date.year > 9999) {
    return failure('CASE_NUMBER_CLOCK_INVALID', '系统时间无效，无法生成编号', 'now')
  }
  return success(
    `${CASE_NUMBER_PREFIXES[prefix]}${formatCompactDate(date)}${String(sequence).padStart(CASE_SEQUENCE_DIGITS, '0')}`,
  )
}

/** Reads a case number back (upper-cases and trims it first); the date must be a real date. */
export function parseCaseNumber(text: unknown): Outcome<ParsedCaseNumber, CaseNumberErrorCode> {
  const bad = failure('CASE_NUMBER_FORMAT', '编号格式不正确', 'caseNumber')
  if (typeof text !== 'string' || text.length > 64) return bad
  const match = PATTERN.exec(text.trim().toUpperCase())
  if (match === null) return bad
  const [, prefix = '', dateText = '', sequenceText = ''] = match
  const kind = KINDS.find((k) => CASE_NUMBER_PREFIXES[k] === prefix)
  const date = parseCompactDate(dateText)
  const sequence = Number(sequenceText)
  if (kind === undefined || date === undefined || sequence < MIN_CASE_SEQUENCE) return bad
  return success({ kind, date, sequence })
}
