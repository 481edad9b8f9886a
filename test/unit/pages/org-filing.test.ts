import { describe, expect, it } from 'vitest'
import {
  filingPanel,
  filingRejectError,
  withdrawalRefuseError,
} from '../../../miniprogram/pages/org/filing/logic'
import type { FilingView } from '../../../typings/api/fileCase'
import type { WithdrawalView } from '../../../typings/api/withdrawCase'

function filing(overrides: Partial<FilingView> = {}): FilingView {
  return {
    filingId: 'fil_1',
    route: 'direct',
    caseId: null,
    caseNumber: null,
    status: 'submitted',
    statusLabel: '已提交，待审核',
    organisationId: 'org_hz',
    organisationName: '杭州市工商联',
    parties: [
      {
        role: 'plaintiff',
        roleLabel: '原告',
        partyType: 'person',
        maskedName: '张*',
        maskedIdNumber: '3301**********1234',
        maskedPhone: null,
      },
      {
        role: 'defendant',
        roleLabel: '被告',
        partyType: 'person',
        maskedName: '王*',
        maskedIdNumber: null,
        maskedPhone: '138****0000',
      },
    ],
    claims: ['支付货款 10 万元'],
    factsAndReasons: '被告拖欠货款。',
    evidence: [{ fileId: 'cloud://e/1', name: '合同.pdf' }],
    filingNumber: null,
    rejectReason: null,
    withdrawalReason: null,
    withdrawalRefusedReason: null,
    submittedAt: '2026-12-01T00:00:00.000Z',
    acceptedAt: null,
    withdrawnAt: null,
    allowedActions: ['accept', 'reject'],
    identityLocked: false,
    ...overrides,
  }
}

function withdrawal(overrides: Partial<WithdrawalView> = {}): WithdrawalView {
  return {
    filingId: 'fil_1',
    status: 'withdrawal_requested',
    statusLabel: '撤诉申请待裁定',
    effect: 'requested',
    withdrawalRequestId: 'wr_fil_1_4',
    requestStatus: 'pending',
    reason: '双方已和解',
    refusedReason: null,
    requestedAt: '2026-12-02T01:00:00.000Z',
    decidedAt: null,
    ...overrides,
  }
}

describe('org filing logic', () => {
  it('offers acceptance and rejection of a submitted filing, with masked parties', () => {
    const panel = filingPanel(filing(), null)
    expect([panel.canAccept, panel.canReject, panel.canGrant, panel.canRefuse]).toEqual([
      true,
      true,
      false,
      false,
    ])
    expect(panel.parties.map((p) => `${p.label} ${p.value}`)).toEqual([
      '原告 张* · 3301**********1234',
      '被告 王* · 138****0000',
    ])
    expect(panel).toMatchObject({
      title: '立案申请',
      routeLabel: '直接立案',
      submittedText: '2026-12-01 08:00',
      evidenceCount: 1,
      withdrawalRequestId: '',
    })
  })

  it('shows the filing number once accepted and offers nothing the server does not allow', () => {
    const panel = filingPanel(
      filing({ status: 'accepted', filingNumber: 'LA2026120001', allowedActions: [] }),
      withdrawal({ requestStatus: null, withdrawalRequestId: null, effect: 'immediate' }),
    )
    expect([panel.title, panel.filingNumber, panel.canAccept, panel.canReject]).toEqual([
      'LA2026120001',
      'LA2026120001',
      false,
      false,
    ])
    expect(panel.withdrawalRequestId).toBe('')
  })

  it('puts a pending withdrawal request up for a ruling', () => {
    const panel = filingPanel(
      filing({
        status: 'withdrawal_requested',
        filingNumber: 'LA2026120001',
        allowedActions: ['grant_withdrawal', 'refuse_withdrawal'],
      }),
      withdrawal(),
    )
    expect(panel).toMatchObject({
      withdrawalRequestId: 'wr_fil_1_4',
      withdrawalReason: '双方已和解',
      withdrawalRequestedText: '2026-12-02 09:00',
      canGrant: true,
      canRefuse: true,
      withdrawalOutcome: '',
    })
  })

  it('tells how an earlier withdrawal request ended', () => {
    const refused = filingPanel(
      filing({ status: 'accepted', allowedActions: [] }),
      withdrawal({ requestStatus: 'refused', refusedReason: '涉及第三人利益' }),
    )
    expect([refused.canGrant, refused.withdrawalOutcome]).toEqual([
      false,
      '不准许撤诉：涉及第三人利益',
    ])
    const granted = filingPanel(
      filing({ status: 'withdrawn', allowedActions: [] }),
      withdrawal({ requestStatus: 'granted' }),
    )
    expect(granted.withdrawalOutcome).toBe('已准许撤诉')
    // Once decided the request may no longer be the filing's pending one: the filing tells.
    const grantedOnFiling = filingPanel(
      filing({ status: 'withdrawn', acceptedAt: '2026-12-01T03:00:00.000Z', allowedActions: [] }),
      withdrawal({ requestStatus: null, withdrawalRequestId: null }),
    )
    expect(grantedOnFiling.withdrawalOutcome).toBe('已准许撤诉')
    const refusedOnFiling = filingPanel(
      filing({
        status: 'accepted',
        withdrawalRefusedReason: '案件涉及公共利益',
        allowedActions: [],
      }),
      null,
    )
    expect(refusedOnFiling.withdrawalOutcome).toBe('不准许撤诉：案件涉及公共利益')
    // Withdrawn before acceptance is a 撤回, not a granted 撤诉.
    expect(
      filingPanel(filing({ status: 'withdrawn', allowedActions: [] }), null).withdrawalOutcome,
    ).toBe('')
  })

  it('requires the reasons of a rejection and of a refusal', () => {
    expect(filingRejectError(' ')).toBe('请填写需补正的内容')
    expect(withdrawalRefuseError('')).toBe('请填写不准许撤诉的理由')
    expect(withdrawalRefuseError('理由')).toBe('')
  })
})
