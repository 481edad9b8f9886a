import { describe, expect, it } from 'vitest'
import {
  defaultRange,
  monthLabel,
  percentOf,
  pickMonth,
  pickerBounds,
  rangeHint,
  rangeText,
  statsView,
} from '../../../miniprogram/pages/org/stats/logic'
import type { StatisticsResponse } from '../../../typings/api/orgDesk'

const STATS: StatisticsResponse = {
  fromMonth: '2026-10',
  toMonth: '2026-11',
  totalCases: 3,
  byDisputeType: [
    { disputeType: 'lease', count: 1 },
    { disputeType: 'sale_contract', count: 2 },
    { disputeType: null, count: 0 },
  ],
  byStatus: [
    { status: 'settled', count: 1 },
    { status: 'mediating', count: 2 },
  ],
  settlementRate: 0.5,
  averageDurationDays: 15,
  overdue: { identityReviews: 1, queueItems: 2 },
  byMonth: [
    { month: '2026-10', submitted: 2, settled: 1 },
    { month: '2026-11', submitted: 1, settled: 0 },
  ],
  byMediator: [
    { mediatorId: 'med_1', name: '李明', cases: 3, settled: 1 },
    { mediatorId: 'med_2', name: '周红', cases: 1, settled: 1 },
  ],
}

describe('org stats logic', () => {
  it('sizes bars against the largest value of their chart, never hiding a non-zero one', () => {
    expect(percentOf(0, 10)).toBe(0)
    expect(percentOf(10, 10)).toBe(100)
    expect(percentOf(1, 1000)).toBe(2)
    expect(percentOf(3, 0)).toBe(0)
  })

  it('gives every figure as text next to its bar', () => {
    const v = statsView(STATS)
    expect([v.totalText, v.settlementRateText, v.averageDurationText]).toEqual([
      '3 件',
      '50.0%',
      '15.0 天',
    ])
    expect([v.overdueReviewsText, v.overdueItemsText]).toEqual(['1 件', '2 件'])
    expect(v.months.map((m) => [m.text, m.submitted.percent, m.settled.percent])).toEqual([
      ['2026年10月：受理 2 件，调解成功 1 件', 100, 50],
      ['2026年11月：受理 1 件，调解成功 0 件', 50, 0],
    ])
    expect(v.disputeTypes.map((d) => [d.text, d.percent])).toEqual([
      ['买卖合同纠纷：2 件', 100],
      ['租赁合同纠纷：1 件', 50],
      ['未分类：0 件', 0],
    ])
    expect(v.statuses.map((s) => s.label)).toEqual(['调解中', '调解成功'])
    expect(v.mediators.map((m) => [m.text, m.percent])).toEqual([
      ['李明：3 件，调解成功 1 件', 100],
      ['周红：1 件，调解成功 1 件', 33],
    ])
    expect(v.empty).toBe(false)
  })

  it('says so when no case has ended yet', () => {
    const v = statsView({
      ...STATS,
      totalCases: 0,
      settlementRate: null,
      averageDurationDays: null,
      byMonth: [],
      byDisputeType: [],
      byStatus: [],
      byMediator: [],
    })
    expect([v.settlementRateText, v.averageDurationText, v.empty]).toEqual([
      '暂无已结案件',
      '暂无已结案件',
      true,
    ])
  })

  it('names months in Chinese', () => {
    expect(monthLabel('2026-01')).toBe('2026年1月')
    expect(monthLabel('bad')).toBe('bad')
  })

  it('names the range the figures count', () => {
    expect(statsView(STATS).rangeText).toBe('2026年10月 至 2026年11月')
    expect(rangeText('2026-03', '2026-03')).toBe('2026年3月')
  })
})

describe('org stats range', () => {
  // 2026-12-31 20:00 UTC is already January 2027 in China.
  const NOW = new Date('2026-12-31T20:00:00Z')

  it('opens on the current China month and the five before, pickable from four Januaries back', () => {
    expect(defaultRange(NOW)).toEqual({ fromMonth: '2026-08', toMonth: '2027-01' })
    expect(pickerBounds(NOW)).toEqual({ start: '2023-01', end: '2027-01' })
    expect(rangeHint(defaultRange(NOW))).toBe('共 6 个月，最长可选 24 个月')
  })

  it('moves one end of the range, refusing a reversed or over-long range with its message', () => {
    const range = { fromMonth: '2026-08', toMonth: '2027-01' }
    expect(pickMonth(range, 'from', '2026-01', NOW)).toEqual({
      ok: true,
      form: { fromMonth: '2026-01', toMonth: '2027-01' },
    })
    expect(pickMonth(range, 'to', '2026-09', NOW)).toEqual({
      ok: true,
      form: { fromMonth: '2026-08', toMonth: '2026-09' },
    })
    expect(pickMonth(range, 'to', '2026-07', NOW)).toEqual({
      ok: false,
      message: '起始月份不能晚于结束月份',
    })
    expect(pickMonth(range, 'from', '2024-12', NOW)).toEqual({
      ok: false,
      message: '统计范围最长 24 个月',
    })
    expect(pickMonth(range, 'from', '2026/01', NOW)).toEqual({
      ok: false,
      message: '起始月份格式不正确',
    })
  })
})
