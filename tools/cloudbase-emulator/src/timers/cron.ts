// CloudBase timer triggers use a 7-field cron: second minute hour day month weekday year, with
// `*`, `,`, `-` and `/` (`?` is accepted as `*` in the day fields). Times are evaluated in
// China Standard Time (UTC+8, no DST), the time zone CloudBase timers run in.

export interface CronSchedule {
  readonly source: string
  readonly second: ReadonlySet<number>
  readonly minute: ReadonlySet<number>
  readonly hour: ReadonlySet<number>
  readonly day: ReadonlySet<number>
  readonly month: ReadonlySet<number>
  readonly weekday: ReadonlySet<number>
  readonly year: ReadonlySet<number>
  readonly dayRestricted: boolean
  readonly weekdayRestricted: boolean
}

export type CronParse =
  | { readonly ok: true; readonly schedule: CronSchedule }
  | { readonly ok: false; readonly message: string }

const OFFSET_SECONDS = 8 * 3600

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

interface FieldSpec {
  readonly label: string
  readonly min: number
  readonly max: number
  readonly names?: readonly string[]
  readonly nameBase?: number
}

const FIELDS: readonly FieldSpec[] = [
  { label: '秒', min: 0, max: 59 },
  { label: '分', min: 0, max: 59 },
  { label: '时', min: 0, max: 23 },
  { label: '日', min: 1, max: 31 },
  { label: '月', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { label: '星期', min: 0, max: 7, names: WEEKDAYS, nameBase: 0 },
  { label: '年', min: 1970, max: 2099 },
]

function parseValue(text: string, spec: FieldSpec): number | undefined {
  if (/^\d+$/.test(text)) return Number(text)
  if (spec.names) {
    const i = spec.names.indexOf(text.toUpperCase())
    if (i >= 0) return i + (spec.nameBase ?? 0)
  }
  return undefined
}

function parseField(text: string, spec: FieldSpec): Set<number> | string {
  const out = new Set<number>()
  for (const part of text.split(',')) {
    const m = /^(\*|\?|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part)
    if (!m || m[1] === undefined) return `${spec.label}字段 “${part}” 无法解析`
    const step = m[2] !== undefined ? Number(m[2]) : 1
    if (step < 1) return `${spec.label}字段的步长必须大于 0`
    let lo: number
    let hi: number
    if (m[1] === '*' || m[1] === '?') {
      lo = spec.min
      hi = spec.max
    } else {
      const [a, b] = m[1].split('-')
      const first = parseValue(a ?? '', spec)
      if (first === undefined) return `${spec.label}字段 “${part}” 无法解析`
      lo = first
      if (b !== undefined) {
        const last = parseValue(b, spec)
        if (last === undefined) return `${spec.label}字段 “${part}” 无法解析`
        hi = last
      } else {
        hi = m[2] !== undefined ? spec.max : first
      }
    }
    if (lo < spec.min || hi > spec.max || lo > hi) {
      return `${spec.label}字段 “${part}” 超出范围 ${spec.min}-${spec.max}`
    }
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return out
}

export function parseCron(expression: string): CronParse {
  const parts = expression.trim().split(/\s+/)
  if (parts.length !== 7) {
    return {
      ok: false,
      message: `定时触发器表达式必须有 7 个字段（秒 分 时 日 月 星期 年），实际为 ${parts.length} 个`,
    }
  }
  const sets: Set<number>[] = []
  for (let i = 0; i < 7; i++) {
    const spec = FIELDS[i]
    const text = parts[i]
    if (!spec || text === undefined) return { ok: false, message: '定时触发器表达式无法解析' }
    const parsed = parseField(text, spec)
    if (typeof parsed === 'string') return { ok: false, message: parsed }
    sets.push(parsed)
  }
  const weekday = sets[5] ?? new Set<number>()
  if (weekday.has(7)) weekday.add(0)
  const restricted = (t: string | undefined): boolean => t !== '*' && t !== '?'
  const [second, minute, hour, day, month, , year] = sets
  if (!second || !minute || !hour || !day || !month || !year) {
    return { ok: false, message: '定时触发器表达式无法解析' }
  }
  return {
    ok: true,
    schedule: {
      source: expression,
      second,
      minute,
      hour,
      day,
      month,
      weekday,
      year,
      dayRestricted: restricted(parts[3]),
      weekdayRestricted: restricted(parts[5]),
    },
  }
}

function dayMatches(s: CronSchedule, dom: number, dow: number): boolean {
  // Vixie-cron rule: when both day fields are restricted, either one matching is enough.
  if (s.dayRestricted && s.weekdayRestricted) return s.day.has(dom) || s.weekday.has(dow)
  if (s.dayRestricted) return s.day.has(dom)
  if (s.weekdayRestricted) return s.weekday.has(dow)
  return true
}

/** The first firing time strictly after `afterMs` (epoch ms), or undefined if there is none. */
export function nextFireAfter(s: CronSchedule, afterMs: number): number | undefined {
  let t = Math.floor(afterMs / 1000) + 1
  for (let guard = 0; guard < 200_000; guard++) {
    const local = t + OFFSET_SECONDS
    const d = new Date(local * 1000)
    const y = d.getUTCFullYear()
    const mo = d.getUTCMonth()
    if (y > 2099) return undefined
    if (!s.year.has(y)) {
      t = Date.UTC(y + 1, 0, 1) / 1000 - OFFSET_SECONDS
      continue
    }
    if (!s.month.has(mo + 1)) {
      t = Date.UTC(y, mo + 1, 1) / 1000 - OFFSET_SECONDS
      continue
    }
    if (!dayMatches(s, d.getUTCDate(), d.getUTCDay())) {
      t = (Math.floor(local / 86400) + 1) * 86400 - OFFSET_SECONDS
      continue
    }
    if (!s.hour.has(d.getUTCHours())) {
      t = (Math.floor(local / 3600) + 1) * 3600 - OFFSET_SECONDS
      continue
    }
    if (!s.minute.has(d.getUTCMinutes())) {
      t = (Math.floor(local / 60) + 1) * 60 - OFFSET_SECONDS
      continue
    }
    if (!s.second.has(d.getUTCSeconds())) {
      t += 1
      continue
    }
    return t * 1000
  }
  return undefined
}
