import { describe, expect, it } from 'vitest'
import { arrangeCase } from './support/arrange'
import { ok } from './support/emulator'
import {
  all,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForSelector,
  waitUntil,
  type Page,
} from './support/harness'
import { waitForText } from './support/page-text'

// 统计分析 of the organisation desk (issue 8): the staff member of 北京市工商联 reads the figures of
// the last six months, which count a case submitted this month, then narrows the range to end last
// month and the case is no longer counted; a range ending before it starts is refused.

useFreshData()
const STAFF = 'o_staff_beijing'
const staff = useApp({ as: STAFF })

/** The China month of `now` moved by `delta`, as `YYYY-MM`. */
function chinaMonth(delta: number): string {
  const china = new Date(Date.now() + 8 * 3_600_000)
  const d = new Date(Date.UTC(china.getUTCFullYear(), china.getUTCMonth() + delta, 1))
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`
}

/** Waits until `selector` shows text containing `part`, and returns the whole text. */
/** Opens the month picker of one end of the range, taps the year and month rows, confirms. */
async function pickMonth(page: Page, end: 'from' | 'to', month: string): Promise<void> {
  await (await waitForSelector(page, `#range-${end}`)).tap()
  const labels = [`${month.slice(0, 4)}年`, `${Number(month.slice(5, 7))}月`]
  for (const label of labels) {
    const row = await waitUntil(`选项 ${label}`, async () => {
      for (const item of await all(
        page,
        '#range-picker >>> .t-date-time-picker__item >>> .t-picker-item__item',
      )) {
        // Month rows read "12 月", year rows "2026年".
        if ((await textOf(item)).replace(/\s/g, '') === label) return item
      }
      return null
    })
    await row.tap()
  }
  await (await waitForSelector(page, '#range-picker >>> t-picker >>> .t-picker__confirm')).tap()
}

describe('工商联工作台 统计分析', () => {
  it('counts the cases of the chosen months and refuses a range that ends before it starts', async () => {
    // A case of this month, with a 北京市工商联 mediator.
    await arrangeCase('mediator_chosen')
    const six = await ok(STAFF, 'orgDesk', 'statistics', {})
    expect(six.totalCases).toBeGreaterThan(0)
    const untilLastMonth = await ok(STAFF, 'orgDesk', 'statistics', {
      fromMonth: chinaMonth(-5),
      toMonth: chinaMonth(-1),
    })
    expect(untilLastMonth.totalCases).toBeLessThan(six.totalCases)

    const page = await relaunch(staff.mp, '/pages/org/stats/index')
    expect(await waitForText(page, '#stat-total', `${six.totalCases} 件`)).toBe(
      `案件总数 ${six.totalCases} 件`,
    )
    const fromLabel = `${chinaMonth(-5).slice(0, 4)}年${Number(chinaMonth(-5).slice(5))}月`
    expect(await textOf(await waitForSelector(page, '#range-from'))).toContain(fromLabel)
    expect(await textOf(await waitForSelector(page, '#range-hint'))).toBe(
      '共 6 个月，最长可选 24 个月',
    )
    // This month's figures as text next to the bars.
    const thisMonth = `${Number(chinaMonth(0).slice(5))}月：受理 `
    expect((await all(page, '#chart-months .mc-org-stats__text')).length).toBe(6)
    await waitForText(page, '#chart-months', thisMonth)

    // A range ending a year before it starts is stopped with its message; the figures stay.
    await pickMonth(page, 'to', chinaMonth(-12))
    expect(await waitForText(page, '#range-error', '起始月份')).toBe('起始月份不能晚于结束月份')
    expect(await textOf(await waitForSelector(page, '#stat-total'))).toContain(
      `${six.totalCases} 件`,
    )

    // Ending last month leaves this month's case out.
    await pickMonth(page, 'to', chinaMonth(-1))
    await waitForText(page, '#stat-total', `${untilLastMonth.totalCases} 件`)
    expect(await textOf(await waitForSelector(page, '#range-to'))).toContain(
      `${Number(chinaMonth(-1).slice(5))}月`,
    )
    expect(await textOf(await waitForSelector(page, '#range-hint'))).toBe(
      '共 5 个月，最长可选 24 个月',
    )
    expect(await page.$('#range-error')).toBeNull()
  })
})
