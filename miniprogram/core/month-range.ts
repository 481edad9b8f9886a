// A range of calendar months in China time (`YYYY-MM`), as the organisation statistics count them.
// The desk page checks it before asking and `orgDesk.statistics` checks it again, with the same
// rules and messages; the current moment is passed in, never read here.
import { failure, success, type Outcome } from './result'
import { CHINA_OFFSET_MS } from './china-time'

/** Longest range the statistics answer at once. */
export const MAX_RANGE_MONTHS = 24

/** Months counted when the caller names no range: the current month and the five before. */
export const DEFAULT_RANGE_MONTHS = 6

const MONTH_PATTERN = /^(\d{4})-(\d{2})$/
const FIRST_YEAR = 2000
const LAST_YEAR = 2099

export interface MonthRange {
  readonly fromMonth: string
  readonly toMonth: string
  /** Every month of the range in order, both ends included. */
  readonly months: readonly string[]
  /** Start of `fromMonth` and of the month after `toMonth`, as UTC milliseconds. */
  readonly startMs: number
  readonly endMs: number
}

export type MonthRangeCode = 'MONTH_FORMAT' | 'RANGE_ORDER' | 'RANGE_TOO_LONG'

const pad = (n: number) => (n < 10 ? `0${n}` : String(n))

/** Months since year 0 (January = 0), or undefined for text that is not a month we accept. */
function monthIndex(month: string): number | undefined {
  const m = MONTH_PATTERN.exec(month)
  if (!m) return undefined
  const year = Number(m[1])
  const mon = Number(m[2])
  if (year < FIRST_YEAR || year > LAST_YEAR || mon < 1 || mon > 12) return undefined
  return year * 12 + mon - 1
}

const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${pad((i % 12) + 1)}`

/** UTC milliseconds of the first instant of month index `i` in China time. */
const startOfIndex = (i: number) => Date.UTC(Math.floor(i / 12), i % 12, 1) - CHINA_OFFSET_MS

/** The China month `now` falls in, as `YYYY-MM`. */
export function monthOf(now: Date): string {
  const t = new Date(now.getTime() + CHINA_OFFSET_MS)
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}`
}

/** `month` moved by `delta` months (negative goes back); `month` itself when unreadable. */
export function shiftMonth(month: string, delta: number): string {
  const i = monthIndex(month)
  return i === undefined ? month : monthOfIndex(i + delta)
}

/**
 * The range from `fromMonth` to `toMonth`. A missing `toMonth` is the month of `now`; a missing
 * `fromMonth` is `DEFAULT_RANGE_MONTHS` months ending at `toMonth`.
 */
export function monthRange(
  input: { readonly fromMonth?: string | undefined; readonly toMonth?: string | undefined },
  now: Date,
): Outcome<MonthRange, MonthRangeCode> {
  const toMonth = input.toMonth ?? monthOf(now)
  const to = monthIndex(toMonth)
  if (to === undefined) return failure('MONTH_FORMAT', '结束月份格式不正确', 'toMonth')
  const fromMonth = input.fromMonth ?? monthOfIndex(to - DEFAULT_RANGE_MONTHS + 1)
  const from = monthIndex(fromMonth)
  if (from === undefined) return failure('MONTH_FORMAT', '起始月份格式不正确', 'fromMonth')
  if (from > to) return failure('RANGE_ORDER', '起始月份不能晚于结束月份', 'fromMonth')
  if (to - from + 1 > MAX_RANGE_MONTHS)
    return failure('RANGE_TOO_LONG', `统计范围最长 ${MAX_RANGE_MONTHS} 个月`, 'fromMonth')
  const months: string[] = []
  for (let i = from; i <= to; i += 1) months.push(monthOfIndex(i))
  return success({
    fromMonth: monthOfIndex(from),
    toMonth: monthOfIndex(to),
    months,
    startMs: startOfIndex(from),
    endMs: startOfIndex(to + 1),
  })
}
