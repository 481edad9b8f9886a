import { describe, expect, it } from 'vitest'
import {
  canResubmit,
  canWithdraw,
  checkWithdrawReason,
  chinaTime,
  filingTimeline,
  headline,
  moreActions,
  rejectNotice,
  resubmitUrl,
  withdrawConfirmText,
  withdrawalOutcome,
  withdrawalState,
} from '../../../miniprogram/pages/filing/detail/logic'
import type { FilingView } from '../../../typings/api/fileCase'
import type { WithdrawalView } from '../../../typings/api/withdrawCase'

function filing(overrides: Partial<FilingView> = {}): FilingView {
  return {
    filingId: 'f1',
    route: 'transfer',
    caseId: 'c1',
    caseNumber: 'TJ1',
    status: 'submitted',
    statusLabel: '已提交，待审核',
    organisationId: 'org',
    organisationName: '杭州市工商联',
    parties: [],
    claims: ['支付货款'],
    factsAndReasons: '事实与理由事实与理由',
    evidence: [],
    filingNumber: null,
    rejectReason: null,
    withdrawalReason: null,
    withdrawalRefusedReason: null,
    submittedAt: '2026-12-01T02:00:00.000Z',
    acceptedAt: null,
    withdrawnAt: null,
    allowedActions: ['withdraw'],
    identityLocked: false,
    ...overrides,
  }
}

const ACCEPTED = filing({
  status: 'accepted',
  statusLabel: '立案完成',
  filingNumber: 'LA20261201000001',
  acceptedAt: '2026-12-01T05:30:00.000Z',
})

function withdrawal(overrides: Partial<WithdrawalView> = {}): WithdrawalView {
  return {
    filingId: 'f1',
    status: 'withdrawal_requested',
    statusLabel: '撤诉申请待裁定',
    effect: 'requested',
    withdrawalRequestId: 'w1',
    requestStatus: 'pending',
    reason: '双方已和解',
    refusedReason: null,
    requestedAt: '2026-12-01T06:00:00.000Z',
    decidedAt: null,
    ...overrides,
  }
}

describe('headline and time', () => {
  it('reads 已立案 once accepted and 已撤诉 once withdrawn', () => {
    expect(headline('accepted')).toEqual({ text: '已立案', theme: 'success' })
    expect(headline('withdrawn').text).toBe('已撤诉')
    expect(headline('withdrawal_requested').theme).toBe('warning')
  })
  it('formats times in China time and ignores missing ones', () => {
    expect(chinaTime('2026-12-01T17:05:00.000Z')).toBe('2026-12-02 01:05')
    expect(chinaTime(null)).toBe('')
    expect(chinaTime('not a date')).toBe('')
  })
})

describe('filingTimeline', () => {
  it('lists submission and acceptance with the filing number, oldest first', () => {
    expect(filingTimeline(ACCEPTED, null).map((e) => [e.title, e.time, e.detail])).toEqual([
      ['提交立案申请', '2026-12-01 10:00', '受理机构：杭州市工商联'],
      ['工商联已立案', '2026-12-01 13:30', '立案号：LA20261201000001'],
    ])
  })
  it('adds a pending withdrawal request with its reason', () => {
    const pending = { ...ACCEPTED, status: 'withdrawal_requested' as const }
    expect(filingTimeline(pending, withdrawal()).map((e) => e.title)).toEqual([
      '提交立案申请',
      '工商联已立案',
      '提交撤诉申请',
    ])
  })
  it('names a granted withdrawal after acceptance and an immediate one before it', () => {
    const granted = {
      ...ACCEPTED,
      status: 'withdrawn' as const,
      withdrawnAt: '2026-12-02T01:00:00.000Z',
    }
    expect(filingTimeline(granted, null).at(-1)?.title).toBe('工商联准许撤诉')
    const immediate = filing({
      status: 'withdrawn',
      withdrawnAt: '2026-12-01T03:00:00.000Z',
      withdrawalReason: '已和解',
    })
    expect(filingTimeline(immediate, null).at(-1)).toMatchObject({
      title: '已撤诉',
      detail: '撤诉原因：已和解',
    })
  })
})

describe('withdrawal texts', () => {
  it('tells the filer the state of their 撤诉 from the filing', () => {
    expect(withdrawalState(filing())).toBeNull()
    expect(withdrawalState({ ...ACCEPTED, status: 'withdrawal_requested' })?.title).toBe(
      '撤诉申请已提交，待工商联审查',
    )
    expect(withdrawalState({ ...ACCEPTED, status: 'withdrawn' })?.title).toBe('工商联已准许撤诉')
    expect(withdrawalState(filing({ status: 'withdrawn' }))?.title).toBe('已撤诉，立案申请已撤回')
    expect(withdrawalState({ ...ACCEPTED, withdrawalRefusedReason: '涉及第三人利益' })).toEqual({
      title: '工商联不准许撤诉：涉及第三人利益',
      theme: 'danger',
    })
  })
  it('answers a withdrawal at once or as a pending request', () => {
    expect(withdrawalOutcome(withdrawal({ effect: 'immediate' }))).toBe('已撤诉')
    expect(withdrawalOutcome(withdrawal())).toBe('撤诉申请已提交，待工商联审查')
  })
  it('warns that an accepted filing needs a ruling', () => {
    expect(withdrawConfirmText('accepted')).toContain('需经工商联审查准许')
    expect(withdrawConfirmText('submitted')).toContain('立即撤回')
  })
  it('asks for a reason within 500 characters', () => {
    expect(checkWithdrawReason('  ')).toBe('请填写撤诉原因')
    expect(checkWithdrawReason('和'.repeat(501))).toBe('撤诉原因不超过 500 字')
    expect(checkWithdrawReason('双方已和解')).toBe('')
  })
})

describe('更多', () => {
  it('offers 撤诉 only when the server allows it and the filing is not locked', () => {
    expect(canWithdraw(filing())).toBe(true)
    expect(canWithdraw(filing({ identityLocked: true }))).toBe(false)
    expect(moreActions(filing()).map((a) => a.value)).toEqual(['withdraw', 'case'])
    expect(moreActions(filing({ allowedActions: [], caseId: null }))).toEqual([])
  })
})

describe('a rejected filing', () => {
  const REJECTED = filing({
    status: 'rejected',
    statusLabel: '未通过审核，待补正',
    rejectReason: '请补充合同原件照片',
    allowedActions: ['resubmit', 'withdraw'],
  })

  it('shows the staff reason and offers 修改后重新提交 first in 更多', () => {
    expect(rejectNotice(REJECTED)).toBe('工商联退回意见：请补充合同原件照片')
    expect(canResubmit(REJECTED)).toBe(true)
    expect(moreActions(REJECTED)).toEqual([
      { label: '修改后重新提交', value: 'resubmit' },
      { label: '撤诉', value: 'withdraw' },
      { label: '查看原调解案件', value: 'case' },
    ])
    expect(resubmitUrl('f/1')).toBe('/pages/filing/apply/index?filingId=f%2F1')
  })

  it('offers nothing to correct once resubmitted, and nothing while the identity is locked', () => {
    expect(rejectNotice(filing({ rejectReason: '旧意见' }))).toBe('')
    expect(canResubmit(filing())).toBe(false)
    const locked = { ...REJECTED, identityLocked: true }
    expect(canResubmit(locked)).toBe(false)
    expect(moreActions(locked).map((a) => a.value)).toEqual(['case'])
  })
})
