import { describe, expect, it } from 'vitest'
import {
  agreementScreen,
  signatureCloudPath,
  signerRows,
  termRows,
} from '../../../miniprogram/pages/case/agreement/logic'
import {
  formatChinaTime,
  listPatch,
  windowCountdown,
} from '../../../miniprogram/pages/case/agreement/view-helpers'
import type { AgreementView, SignerView } from '../../../typings/api/signAgreement'

const NOW = Date.parse('2026-12-01T02:00:00Z')

const SIGNERS: SignerView[] = [
  { role: 'applicant', roleLabel: '申请人', maskedName: '张*', signed: false, signedAt: null },
  {
    role: 'respondent',
    roleLabel: '被申请人',
    maskedName: '王*',
    signed: true,
    signedAt: '2026-12-01T01:30:00Z',
  },
  { role: 'mediator', roleLabel: '调解员', maskedName: '李*', signed: false, signedAt: null },
]

function view(over: Partial<AgreementView> = {}): AgreementView {
  return {
    agreementId: 'a1',
    caseId: 'c1',
    caseNumber: '（2026）工商调字第00001号',
    status: 'signing',
    statusLabel: '签署中',
    version: 2,
    text: '调解协议书\n……',
    hash: 'ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12',
    facts: '货款纠纷',
    terms: {
      amountFen: 12_345_60,
      method: 'bank_transfer',
      place: '杭州市西湖区',
      performanceDeadline: '2026-12-31',
      breachClause: '逾期按日万分之五支付违约金',
      applyForConfirmation: true,
      otherTerms: ['双方再无其他争议'],
    },
    signers: SIGNERS,
    mySignaturePending: true,
    contentFlagged: false,
    sentForSigningAt: '2026-12-01T01:00:00Z',
    effectiveAt: null,
    confirmationDeadline: null,
    ...over,
  }
}

describe('调解协议 view', () => {
  it('lists the terms in Chinese with the amount in yuan and the deadline as a date', () => {
    const rows = termRows(view())
    expect(rows.map((r) => r.label)).toEqual([
      '履行金额',
      '履行方式',
      '履行地点',
      '履行期限',
      '违约责任',
      '司法确认',
      '其他约定 1',
    ])
    expect(rows[0]?.value).toBe('人民币 12,345.60 元')
    expect(rows[1]?.value).toBe('银行转账')
    expect(rows[3]?.value).toBe('2026年12月31日前')
    expect(rows[6]?.value).toBe('双方再无其他争议')
    const noPayment = termRows(view({ terms: { ...view().terms, amountFen: 0 } }))
    expect(noPayment[0]?.value).toBe('无')
  })

  it('shows who has signed, with the China time, and who has not', () => {
    const rows = signerRows(SIGNERS)
    expect(rows[0]).toEqual({
      role: 'applicant',
      title: '申请人 张*',
      note: '待签署',
      signed: false,
    })
    expect(rows[1]?.note).toBe('已签署 2026年12月1日 09:30')
  })

  it('offers the pad only to a signer who still has to sign a version out for signing', () => {
    const mine = agreementScreen(view(), NOW)
    expect(mine.canSign).toBe(true)
    expect(mine.signedSummary).toBe('已签署 1/3')
    expect(mine.versionText).toBe('第 2 版')
    expect(mine.hint).toContain('第 2 版')
    expect(mine.hashText).toBe('AB12CD34EF56AB12')

    const done = agreementScreen(view({ mySignaturePending: false }), NOW)
    expect(done.canSign).toBe(false)
    expect(done.hint).toBe('您已签署本协议，待其他各方签署后协议生效。')

    const draft = agreementScreen(view({ status: 'draft', statusLabel: '草拟中' }), NOW)
    expect(draft.canSign).toBe(false)
    expect(draft.statusTheme).toBe('warning')
  })

  it('once effective: no pad, the effective time and the 30-day window countdown', () => {
    const s = agreementScreen(
      view({
        status: 'effective',
        statusLabel: '已生效',
        mySignaturePending: false,
        signers: SIGNERS.map((x) => ({ ...x, signed: true, signedAt: '2026-12-01T01:50:00Z' })),
        effectiveAt: '2026-12-01T01:50:00Z',
        confirmationDeadline: '2026-12-31T01:50:00Z',
      }),
      NOW,
    )
    expect(s.effective).toBe(true)
    expect(s.canSign).toBe(false)
    expect(s.statusTheme).toBe('success')
    expect(s.signedSummary).toBe('已签署 3/3')
    expect(s.effectiveText).toBe('协议已于 2026年12月1日 09:50 生效')
    expect(s.windowText).toBe('申请司法确认剩余 29 天 23 小时（截至 2026年12月31日 09:50）')
  })

  it('puts the signature under the caller prefix with a safe file name', () => {
    expect(signatureCloudPath('private/oabc/', 'case-1/../x', 36)).toBe(
      'private/oabc/signatures/case-1x-10.png',
    )
  })
})

describe('shared view helpers', () => {
  it('formats China time and rejects unreadable input', () => {
    expect(formatChinaTime('2026-12-31T16:05:00Z')).toBe('2027年1月1日 00:05')
    expect(formatChinaTime('nonsense')).toBe('')
    expect(formatChinaTime(null)).toBe('')
  })

  it('says when the window has closed', () => {
    expect(windowCountdown('2026-11-30T00:00:00Z', NOW)).toBe('申请期限已届满')
    expect(windowCountdown(null, NOW)).toBe('')
  })

  it('patches only changed rows by path, the whole list only when it shrank', () => {
    const a = [{ n: 1 }, { n: 2 }, { n: 3 }]
    expect(listPatch('list', a, [{ n: 1 }, { n: 9 }, { n: 3 }])).toEqual({ 'list[1]': { n: 9 } })
    expect(listPatch('list', a, [...a, { n: 4 }])).toEqual({ 'list[3]': { n: 4 } })
    expect(listPatch('list', a, a)).toEqual({})
    expect(listPatch('list', a, [{ n: 1 }])).toEqual({ list: [{ n: 1 }] })
  })
})
