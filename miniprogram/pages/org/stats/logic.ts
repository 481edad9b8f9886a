// Pure view logic of the desk statistics: figures as text and bar charts drawn with plain views
// (each bar's width is its share of the largest value in its chart), so every number stays
// readable without the chart.
import { getDisputeType } from '../../../core/catalogues/dispute-types'
import { CASE_STATUS_LABELS } from '../../../core/machines/mediation-case'
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
