import { describe, expect, it } from 'vitest'
import {
  confirmationPanel,
  outcomeRequest,
  type OutcomeForm,
} from '../../../miniprogram/pages/org/confirmation/logic'
import type { ConfirmationView } from '../../../typings/api/judicialConfirmation'

function view(overrides: Partial<ConfirmationView> = {}): ConfirmationView {
  return {
    confirmationId: 'jc_c1',
    caseId: 'c1',
    caseNumber: '（2026）商调字第 0003 号',
    status: 'submitted_to_org',
    statusLabel: '已提交工商联',
    progressText: '已提交至杭州市工商联，待转交人民法院',
    courtBasis: 'party_domicile',
    courtBasisLabel: '当事人住所地',
    courtName: '杭州市西湖区人民法院',
    initiatedByMe: false,
    allowedActions: ['forward_to_court'],
    consentedAt: '2026-12-01T02:00:00.000Z',
    refusalReason: null,
    submittedAt: '2026-12-01T02:00:00.000Z',
    forwardedAt: null,
    rulingNumber: null,
    rulingFileId: null,
    dismissReason: null,
    decidedAt: null,
    deadline: '2026-12-30T16:00:00.000Z',
    ...overrides,
  }
}

const FORM: OutcomeForm = {
  outcome: 'confirmed',
  rulingNumber: '（2026）浙0106民特123号',
  reason: '',
  rulingFileId: 'cloud://env.b/private/k/rulings/r.pdf',
}

describe('org confirmation logic', () => {
  it('offers forwarding to the court the parties chose, then recording the ruling', () => {
    const waiting = confirmationPanel(view())
    expect([waiting.canForward, waiting.canRecord, waiting.courtName]).toEqual([
      true,
      false,
      '杭州市西湖区人民法院',
    ])
    expect(waiting.submittedText).toBe('2026-12-01 10:00')
    const forwarded = confirmationPanel(
      view({
        status: 'forwarded_to_court',
        forwardedAt: '2026-12-02T02:00:00.000Z',
        allowedActions: ['confirm', 'dismiss'],
      }),
    )
    expect([forwarded.canForward, forwarded.canRecord, forwarded.forwardedText]).toEqual([
      false,
      true,
      '2026-12-02 10:00',
    ])
  })

  it('builds a confirmed outcome with the ruling number and file', () => {
    expect(outcomeRequest('c1', FORM)).toEqual({
      ok: true,
      value: {
        caseId: 'c1',
        outcome: 'confirmed',
        rulingFileId: FORM.rulingFileId,
        rulingNumber: '（2026）浙0106民特123号',
      },
    })
  })

  it('builds a dismissal with the court reason', () => {
    const res = outcomeRequest('c1', { ...FORM, outcome: 'dismissed', reason: ' 协议内容违法 ' })
    expect(res).toEqual({
      ok: true,
      value: {
        caseId: 'c1',
        outcome: 'dismissed',
        rulingFileId: FORM.rulingFileId,
        reason: '协议内容违法',
      },
    })
  })

  it('names the first missing piece under its field', () => {
    const code = (form: OutcomeForm) => {
      const res = outcomeRequest('c1', form)
      return res.ok ? null : [res.error.code, res.error.message]
    }
    expect(code({ ...FORM, rulingFileId: '' })).toEqual(['rulingFileId', '请上传人民法院的裁定书'])
    expect(code({ ...FORM, rulingNumber: '  ' })).toEqual(['rulingNumber', '请填写裁定书编号'])
    expect(code({ ...FORM, rulingNumber: '浙 0106' })).toEqual([
      'rulingNumber',
      '裁定书编号格式不正确',
    ])
    expect(code({ ...FORM, outcome: 'dismissed' })).toEqual(['reason', '请填写人民法院驳回的理由'])
  })
})
