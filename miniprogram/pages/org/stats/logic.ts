// Pure view logic of the desk statistics: figures as text and bar charts drawn with plain views
// (each bar's width is its share of the largest value in its chart), so every number stays
// readable without the chart.
import { getDisputeType } from '../../../core/catalogues/dispute-types'
import { CASE_STATUS_LABELS } from '../../../core/machines/mediation-case'
import { MAX_RANGE_MONTHS, monthOf, monthRange } from '../../../core/month-range'
import type { StatisticsResponse } from '../../../../typings/api/orgDesk'

export interface Bar {
  readonly key: string
  readonly label: string
  readonly value: number
  /** 0–100, of the largest value in the same chart; a non-zero value is never drawn below 2. */
  readonly percent: number
  readonly text: string
}

export interface MonthBars {
  readonly key: string
  readonly month: string
  readonly submitted: Bar
  readonly settled: Bar
  readonly text: string
}

export interface StatsView {
  /** "2026年7月 至 2026年12月" — the range the figures count. */
  readonly rangeText: string
  readonly totalText: string
  readonly settlementRateText: string
  readonly averageDurationText: string
  readonly overdueReviewsText: string
  readonly overdueItemsText: string
  readonly months: readonly MonthBars[]
  readonly disputeTypes: readonly Bar[]
  readonly statuses: readonly Bar[]
  readonly mediators: readonly (Bar & { readonly settledText: string })[]
  readonly empty: boolean
}

export function percentOf(value: number, max: number): number {
  if (max <= 0 || value <= 0) return 0
  return Math.max(2, Math.round((value / max) * 100))
}

function bars(rows: readonly { key: string; label: string; value: number }[], unit = '件'): Bar[] {
  const max = Math.max(0, ...rows.map((r) => r.value))
  return rows.map((r) => ({
    ...r,
    percent: percentOf(r.value, max),
    text: `${r.label}：${r.value} ${unit}`,
  }))
}

const disputeLabel = (code: string | null) => {
  if (code === null) return '未分类'
  const t = getDisputeType(code)
  return t.ok ? t.value.label : code
}

const statusLabel = (status: string) =>
  (CASE_STATUS_LABELS as Readonly<Record<string, string | undefined>>)[status] ?? status

/** "2026-10" → "2026年10月". */
export const monthLabel = (month: string) => {
  const m = /^(\d{4})-(\d{2})$/.exec(month)
  return m ? `${m[1]}年${Number(m[2])}月` : month
}

export function statsView(s: StatisticsResponse): StatsView {
  const monthMax = Math.max(0, ...s.byMonth.flatMap((m) => [m.submitted, m.settled]))
  const byValue = <T extends { value: number }>(a: T, b: T) => b.value - a.value
  return {
    rangeText: rangeText(s.fromMonth, s.toMonth),
    totalText: `${s.totalCases} 件`,
    settlementRateText:
      s.settlementRate === null ? '暂无已结案件' : `${(s.settlementRate * 100).toFixed(1)}%`,
    averageDurationText:
      s.averageDurationDays === null ? '暂无已结案件' : `${s.averageDurationDays.toFixed(1)} 天`,
    overdueReviewsText: `${s.overdue.identityReviews} 件`,
    overdueItemsText: `${s.overdue.queueItems} 件`,
    months: s.byMonth.map((m) => {
      const label = monthLabel(m.month)
      return {
        key: m.month,
        month: label,
        submitted: {
          key: `${m.month}-s`,
          label: '受理',
          value: m.submitted,
          percent: percentOf(m.submitted, monthMax),
          text: `受理 ${m.submitted} 件`,
        },
        settled: {
          key: `${m.month}-d`,
          label: '调解成功',
          value: m.settled,
          percent: percentOf(m.settled, monthMax),
          text: `调解成功 ${m.settled} 件`,
        },
        text: `${label}：受理 ${m.submitted} 件，调解成功 ${m.settled} 件`,
      }
    }),
    disputeTypes: bars(
      s.byDisputeType
        .map((d) => ({
          key: d.disputeType ?? 'none',
          label: disputeLabel(d.disputeType),
          value: d.count,
        }))
        .sort(byValue),
    ),
    statuses: bars(
      s.byStatus
        .map((d) => ({ key: d.status, label: statusLabel(d.status), value: d.count }))
        .sort(byValue),
    ),
    mediators: bars(
      s.byMediator.map((m) => ({ key: m.mediatorId, label: m.name, value: m.cases })),
    ).map((b, i) => {
      const settled = s.byMediator[i]?.settled ?? 0
      return {
        ...b,
        settledText: `调解成功 ${settled} 件`,
        text: `${b.text}，调解成功 ${settled} 件`,
      }
    }),
    empty: s.totalCases === 0,
  }
}

/** "2026年7月 至 2026年12月"; one month reads once. */
export const rangeText = (fromMonth: string, toMonth: string) =>
  fromMonth === toMonth
    ? monthLabel(fromMonth)
    : `${monthLabel(fromMonth)} 至 ${monthLabel(toMonth)}`

export type RangeEnd = 'from' | 'to'

export interface RangeForm {
  readonly fromMonth: string
  readonly toMonth: string
}

/** The range the page opens with: the function's default, the current month and the five before. */
export function defaultRange(now: Date): RangeForm {
  const r = monthRange({}, now)
  const toMonth = monthOf(now)
  return r.ok
    ? { fromMonth: r.value.fromMonth, toMonth: r.value.toMonth }
    : { fromMonth: toMonth, toMonth }
}

/**
 * The picker's bounds: any month from January, four years back, up to the current month (there
 * are no cases in the future). `YYYY-MM` strings, as the date-time-picker reads them.
 */
export function pickerBounds(now: Date): { readonly start: string; readonly end: string } {
  const end = monthOf(now)
  return { start: `${Number(end.slice(0, 4)) - 4}-01`, end }
}

/**
 * The range after one end was picked, or the message to show (the core's rule, as the function
 * applies it) — the other end then stays as it was.
 */
export function pickMonth(
  form: RangeForm,
  end: RangeEnd,
  month: string,
  now: Date,
):
  | { readonly ok: true; readonly form: RangeForm }
  | { readonly ok: false; readonly message: string } {
  const next = end === 'from' ? { ...form, fromMonth: month } : { ...form, toMonth: month }
  const r = monthRange(next, now)
  if (!r.ok) return { ok: false, message: r.error.message }
  return { ok: true, form: { fromMonth: r.value.fromMonth, toMonth: r.value.toMonth } }
}

/** "最长 24 个月；当前 6 个月" under the range. */
export function rangeHint(form: RangeForm): string {
  const from = Number(form.fromMonth.slice(0, 4)) * 12 + Number(form.fromMonth.slice(5, 7))
  const to = Number(form.toMonth.slice(0, 4)) * 12 + Number(form.toMonth.slice(5, 7))
  return `共 ${to - from + 1} 个月，最长可选 ${MAX_RANGE_MONTHS} 个月`
}
