/** A calendar date without a time zone. */
export interface CalendarDate {
  readonly year: number
  readonly month: number
  readonly day: number
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/** Days in `month` (1–12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

/** Whether the numbers form a real Gregorian date (integers, month 1–12, day within the month). */
export function isRealDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) &&
    Number.isInteger(month) &&
    Number.isInteger(day) &&
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month)
  )
}

/** Whether `now` is a usable instant (a Date holding a finite time). */
export function isValidInstant(now: unknown): now is Date {
  return now instanceof Date && Number.isFinite(now.getTime())
}

/**
 * The date in Asia/Shanghai at `now`. China has had no daylight saving time since 1991, so a fixed
 * UTC+8 shift is exact for every instant this app handles and needs no Intl or time-zone data.
 */
export function shanghaiDate(now: Date): CalendarDate {
  const shifted = new Date(now.getTime() + SHANGHAI_OFFSET_MS)
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  }
}

/** Negative, zero or positive as `a` is before, equal to or after `b`. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}

/** Whole years of age on `today` for someone born on `birth` (a 29 February birthday counts on 1 March). */
export function ageOn(birth: CalendarDate, today: CalendarDate): number {
  const hadBirthday =
    today.month > birth.month || (today.month === birth.month && today.day >= birth.day)
  return today.year - birth.year - (hadBirthday ? 0 : 1)
}

/** `YYYY-MM-DD`. */
export function formatIsoDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}-${pad2(date.month)}-${pad2(date.day)}`
}

/** `YYYYMMDD`. */
export function formatCompactDate(date: CalendarDate): string {
  return `${String(date.year).padStart(4, '0')}${pad2(date.month)}${pad2(date.day)}`
}

/** Reads `YYYYMMDD` (8 ASCII digits) into a real date, or undefined. */
export function parseCompactDate(text: string): CalendarDate | undefined {
  if (!/^\d{8}$/.test(text)) return undefined
  const year = Number(text.slice(0, 4))
  const month = Number(text.slice(4, 6))
  const day = Number(text.slice(6, 8))
  return isRealDate(year, month, day) ? { year, month, day } : undefined
}

function pad2(n: number): string {
  return String(n).padStart(2, '0')
}
