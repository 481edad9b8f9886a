import { describe, expect, it } from 'vitest'
import {
  DESK_TABS,
  deskCaseRow,
  disputeLabel,
  tabFromQuery,
} from '../../../miniprogram/pages/mediator/cases/logic'
import type { AssignedCase } from '../../../typings/api/mediatorDesk'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')

function assigned(overrides: Partial<AssignedCase> = {}): AssignedCase {
  return {
    caseId: 'case/1',
    caseNumber: '（2026）浙杭商调字第 0007 号',
    status: 'mediating',
    statusLabel: '调解中',
    tab: 'active',
    disputeType: 'sale_contract',
    applicantName: '张*',
    respondentName: '王*',
    deadline: '2026-12-20T08:00:00.000Z',
    deadlineText: '剩余 19 天',
    updatedAt: '2026-12-01T07:00:00.000Z',
    ...overrides,
  }
}

describe('desk queue tabs', () => {
  it('are 待受理 / 调解中 / 已结束 in that order', () => {
    expect(DESK_TABS.map((t) => t.label)).toEqual(['待受理', '调解中', '已结束'])
  })

  it('open on the tab named in the query, 待受理 otherwise', () => {
    expect(tabFromQuery('closed')).toBe('closed')
    expect(tabFromQuery('active')).toBe('active')
    expect(tabFromQuery(undefined)).toBe('pending')
    expect(tabFromQuery('settled')).toBe('pending')
  })
})

describe('desk case row', () => {
  it('names the case, its dispute type and the masked parties, and links to the workspace', () => {
    const row = deskCaseRow(assigned(), NOW)
    expect(row.title).toBe('（2026）浙杭商调字第 0007 号')
    expect(row.subtitle).toBe('买卖合同纠纷 · 张* 与 王*')
    expect(row.statusLabel).toBe('调解中')
    expect(row.theme).toBe('primary')
    expect(row.deadlineText).toBe('剩余 19 天')
    expect(row.overdue).toBe(false)
    expect(row.url).toBe('/pages/mediator/case/index?caseId=case%2F1')
  })

  it('marks a case whose mediation period has passed as overdue', () => {
    const row = deskCaseRow(
      assigned({ deadline: '2026-11-30T08:00:00.000Z', deadlineText: '剩余 1 天' }),
      NOW,
    )
    expect(row.overdue).toBe(true)
    expect(row.deadlineText).toBe('已到期')
  })

  it('shows no deadline for waiting or finished cases, and placeholders for missing facts', () => {
    const row = deskCaseRow(
      assigned({
        status: 'awaiting_mediator',
        statusLabel: '待调解员受理',
        deadline: null,
        deadlineText: null,
        caseNumber: '',
        disputeType: null,
        respondentName: '',
      }),
      NOW,
    )
    expect(row.deadlineText).toBe('')
    expect(row.overdue).toBe(false)
    expect(row.title).toBe('案号待生成')
    expect(row.subtitle).toBe('纠纷类型未填写 · 张* 与 被申请人')
    expect(row.theme).toBe('warning')
  })

  it('labels unknown dispute type codes as missing', () => {
    expect(disputeLabel('no_such_type')).toBe('纠纷类型未填写')
    expect(disputeLabel('lease')).toBe('租赁合同纠纷')
  })
})
