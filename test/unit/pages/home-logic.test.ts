import { describe, expect, it } from 'vitest'
import { caseRow, filingRow } from '../../../miniprogram/pages/home/logic'
import { caseTagTheme, filingTagTheme } from '../../../miniprogram/utils/tag-theme'
import type { CaseSummary } from '../../../typings/api/mediationCase'
import type { FilingView } from '../../../typings/api/fileCase'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')

function summary(overrides: Partial<CaseSummary> = {}): CaseSummary {
  return {
    caseId: 'c1',
    caseNumber: '（2026）商调字第 0001 号',
    status: 'mediating',
    statusLabel: '调解中',
    role: 'applicant',
    disputeType: 'contract',
    disputeTypeLabel: '合同纠纷',
    amountFen: null,
    applicant: null,
    respondent: null,
    countdown: {
      deadline: '2026-12-04T12:00:00.000Z',
      expired: false,
      daysLeft: 3,
      text: null,
      mediationDays: 30,
      extendedDays: 0,
      pendingExtension: null,
    },
    allowedActions: [],
    updatedAt: '2026-12-01T07:00:00.000Z',
    ...overrides,
  }
}

describe('status tags', () => {
  it('colours settled cases green and failed ones red', () => {
    expect(caseTagTheme('settled')).toBe('success')
    expect(caseTagTheme('closed_without_agreement')).toBe('danger')
    expect(caseTagTheme('awaiting_mediator')).toBe('warning')
  })
  it('colours filings by outcome and falls back for unknown states', () => {
    expect(filingTagTheme('accepted')).toBe('success')
    expect(filingTagTheme('rejected')).toBe('danger')
    expect(filingTagTheme('something_new')).toBe('default')
  })
})

describe('caseRow', () => {
  it('shows the number, dispute type, status and the running countdown', () => {
    const row = caseRow(summary(), NOW)
    expect(row).toEqual({
      id: 'c1',
      title: '（2026）商调字第 0001 号',
      subtitle: '合同纠纷 · 我是申请人',
      statusLabel: '调解中',
      theme: 'primary',
      countdown: '剩余 3 天 4 小时',
      url: '/pages/case/detail/index?caseId=c1',
    })
  })
  it('shows no countdown once the case is closed or before a deadline is set', () => {
    expect(caseRow(summary({ status: 'settled' }), NOW).countdown).toBe('')
    const noDeadline = summary()
    const open = { ...noDeadline, countdown: { ...noDeadline.countdown, deadline: null } }
    expect(caseRow(open, NOW).countdown).toBe('')
  })
  it('says the number is pending for a draft', () => {
    expect(caseRow(summary({ caseNumber: null, disputeTypeLabel: null }), NOW)).toMatchObject({
      title: '案号待生成',
      subtitle: '纠纷类型未填写 · 我是申请人',
    })
  })
  it('tells the cases where the user is the respondent apart', () => {
    expect(caseRow(summary({ role: 'respondent' }), NOW).subtitle).toBe('合同纠纷 · 我是被申请人')
  })
})

describe('filingRow', () => {
  it('links to the filing detail and prefers the filing number', () => {
    const filing = {
      filingId: 'f 1',
      caseNumber: 'C-1',
      filingNumber: null,
      status: 'submitted',
      statusLabel: '待受理',
      organisationName: '某市工商联',
    } as unknown as FilingView
    expect(filingRow(filing)).toEqual({
      id: 'f 1',
      title: 'C-1',
      subtitle: '某市工商联',
      statusLabel: '待受理',
      theme: 'primary',
      url: '/pages/filing/detail/index?filingId=f%201',
    })
  })
})
