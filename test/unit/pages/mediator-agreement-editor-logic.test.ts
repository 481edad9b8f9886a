import { describe, expect, it } from 'vitest'
import {
  DEFAULT_BREACH_CLAUSE,
  checkAgreementForm,
  checksAfterRevision,
  chinaMinute,
  chinaToday,
  editable,
  formFieldOf,
  formFromAgreement,
  parseYuan,
  signatureCheckRows,
  yuanText,
  type AgreementForm,
} from '../../../miniprogram/pages/mediator/agreement-editor/logic'
import {
  SIGNATURE_ESCALATED_NOTE,
  SIGNATURE_REVIEW_NOTE,
  SIGNATURE_WITHDRAWN_NOTE,
} from '../../../miniprogram/core/signature-verdict'
import type { AgreementView, SignatureCheckView } from '../../../typings/api/signAgreement'

// 2026-12-01 20:00 in China: "today" there is already 12-01 for a UTC morning, 12-02 after 16:00 UTC.
const NOW = Date.parse('2026-12-01T12:00:00.000Z')

const VALID: AgreementForm = {
  facts: '申请人向被申请人供货，货款 12000 元未付。',
  amountYuan: '12,000.5',
  method: 'bank_transfer',
  place: '杭州市西湖区',
  performanceDeadline: '2026-12-31',
  breachClause: DEFAULT_BREACH_CLAUSE,
  applyForConfirmation: true,
  otherTerms: '双方再无其他争议\n\n  本协议一式三份  ',
}

describe('amount field', () => {
  it('turns yuan with separators and up to two decimals into integer fen', () => {
    expect(parseYuan('12,000.5')).toEqual({ fen: 1_200_050 })
    expect(parseYuan('0')).toEqual({ fen: 0 })
    expect(parseYuan(' 88.08 ')).toEqual({ fen: 8808 })
  })

  it('refuses empty, negative, over-precise and huge amounts with a message', () => {
    expect(parseYuan('')).toEqual({ error: '请输入协议金额（无金额请填 0）' })
    expect(parseYuan('-5')).toEqual({ error: '金额须为数字，最多两位小数' })
    expect(parseYuan('1.234')).toEqual({ error: '金额须为数字，最多两位小数' })
    expect(parseYuan('1e5')).toEqual({ error: '金额须为数字，最多两位小数' })
    expect(parseYuan('9'.repeat(20))).toEqual({ error: '金额超出可填写的范围' })
  })

  it('shows fen back as yuan text', () => {
    expect(yuanText(1_200_050)).toBe('12000.50')
    expect(yuanText(300)).toBe('3')
    expect(yuanText(5)).toBe('0.05')
  })
})

describe('agreement form', () => {
  it('sends trimmed facts and the structured terms, one further term per non-empty line', () => {
    const checked = checkAgreementForm(VALID, NOW)
    expect(Object.values(checked.errors).every((e) => e === '')).toBe(true)
    expect(checked.facts).toBe('申请人向被申请人供货，货款 12000 元未付。')
    expect(checked.terms).toEqual({
      amountFen: 1_200_050,
      method: 'bank_transfer',
      place: '杭州市西湖区',
      performanceDeadline: '2026-12-31',
      breachClause: DEFAULT_BREACH_CLAUSE,
      applyForConfirmation: true,
      otherTerms: ['双方再无其他争议', '本协议一式三份'],
    })
  })

  it('leaves otherTerms out when there are none', () => {
    expect(checkAgreementForm({ ...VALID, otherTerms: ' \n ' }, NOW).terms).not.toHaveProperty(
      'otherTerms',
    )
  })

  it('names every missing field and sends nothing', () => {
    const checked = checkAgreementForm(
      {
        ...VALID,
        facts: ' ',
        place: '',
        performanceDeadline: '',
        breachClause: '',
        amountYuan: '',
      },
      NOW,
    )
    expect(checked.terms).toBeUndefined()
    expect(checked.errors).toMatchObject({
      facts: '请填写纠纷事实',
      place: '请填写履行地点',
      performanceDeadline: '请选择履行期限',
      breachClause: '请填写违约责任',
      amountYuan: '请输入协议金额（无金额请填 0）',
    })
  })

  it('refuses a performance deadline before today in China', () => {
    expect(chinaToday(NOW)).toBe('2026-12-01')
    expect(
      checkAgreementForm({ ...VALID, performanceDeadline: '2026-11-30' }, NOW).errors
        .performanceDeadline,
    ).toBe('履行期限不能早于今天')
    expect(
      checkAgreementForm({ ...VALID, performanceDeadline: '2026-12-01' }, NOW).errors
        .performanceDeadline,
    ).toBe('')
    expect(chinaToday(Date.parse('2026-12-01T16:30:00.000Z'))).toBe('2026-12-02')
  })

  it('bounds the further terms in number and length', () => {
    const many = Array.from({ length: 11 }, (_, i) => `条款${i}`).join('\n')
    expect(checkAgreementForm({ ...VALID, otherTerms: many }, NOW).errors.otherTerms).toBe(
      '其他条款最多 10 条',
    )
    expect(
      checkAgreementForm({ ...VALID, otherTerms: 'z'.repeat(501) }, NOW).errors.otherTerms,
    ).toBe('每条其他条款不超过 500 个字')
  })
})

describe('revising an agreement', () => {
  const view: AgreementView = {
    agreementId: 'a1',
    caseId: 'c1',
    caseNumber: 'N',
    status: 'signing',
    statusLabel: '签署中',
    version: 2,
    text: '调解协议书',
    hash: 'h',
    facts: '事实',
    terms: {
      amountFen: 5000,
      method: 'cash',
      place: '线下',
      performanceDeadline: '2027-01-15',
      breachClause: '违约金',
      applyForConfirmation: false,
      otherTerms: ['甲', '乙'],
    },
    signers: [],
    mySignaturePending: true,
    contentFlagged: false,
    sentForSigningAt: null,
    effectiveAt: null,
    confirmationDeadline: null,
  }

  it('fills the form from the current version', () => {
    expect(formFromAgreement(view)).toEqual({
      facts: '事实',
      amountYuan: '50',
      method: 'cash',
      place: '线下',
      performanceDeadline: '2027-01-15',
      breachClause: '违约金',
      applyForConfirmation: false,
      otherTerms: '甲\n乙',
    })
  })

  it('stays editable until effective', () => {
    expect(editable(null)).toBe(true)
    expect(editable(view)).toBe(true)
    expect(editable({ ...view, status: 'effective' })).toBe(false)
  })

  it("maps the server's field paths onto the form", () => {
    expect(formFieldOf('payload.terms.performanceDeadline')).toBe('performanceDeadline')
    expect(formFieldOf('payload.terms.amountFen')).toBe('amountYuan')
    expect(formFieldOf('payload.facts')).toBe('facts')
    expect(formFieldOf('payload.version')).toBeNull()
    expect(formFieldOf(undefined)).toBeNull()
  })
})

describe('signature-image checks shown to the mediator', () => {
  const flag: SignatureCheckView = {
    role: 'applicant',
    roleLabel: '申请人',
    outcome: 'flag',
    note: SIGNATURE_REVIEW_NOTE,
    checkedAt: '2026-12-01T06:05:00.000Z',
    version: 2,
  }
  const voided: SignatureCheckView = {
    role: 'respondent',
    roleLabel: '被申请人',
    outcome: 'void',
    note: SIGNATURE_WITHDRAWN_NOTE,
    checkedAt: '2026-12-01T16:30:00.000Z',
    version: 2,
  }
  const escalated: SignatureCheckView = {
    role: 'mediator',
    roleLabel: '调解员',
    outcome: 'escalate',
    note: SIGNATURE_ESCALATED_NOTE,
    checkedAt: '2026-12-31T23:59:00.000Z',
    version: 1,
  }

  it('shows nothing when no signature needs a look', () => {
    expect(signatureCheckRows([])).toEqual([])
  })

  it('says who, what happened, the note and the China time for each outcome', () => {
    const rows = signatureCheckRows([flag, voided, escalated])
    expect(rows.map((r) => [r.title, r.outcomeText, r.theme, r.note, r.checkedText])).toEqual([
      ['申请人', '待人工复核', 'warning', SIGNATURE_REVIEW_NOTE, '2026-12-01 14:05'],
      [
        '被申请人',
        '签名已作废，待重新签署',
        'danger',
        SIGNATURE_WITHDRAWN_NOTE,
        '2026-12-02 00:30',
      ],
      [
        '调解员',
        '协议已生效，已提交工商联复核',
        'danger',
        SIGNATURE_ESCALATED_NOTE,
        '2027-01-01 07:59',
      ],
    ])
    expect(rows[0]?.detail).toBe(`${SIGNATURE_REVIEW_NOTE} · 2026-12-01 14:05`)
    expect(new Set(rows.map((r) => r.key)).size).toBe(3)
  })

  it('leaves the time out while the check has none', () => {
    const [row] = signatureCheckRows([{ ...flag, checkedAt: null }])
    expect(row?.checkedText).toBe('')
    expect(row?.detail).toBe(SIGNATURE_REVIEW_NOTE)
    expect(chinaMinute('not a time')).toBe('')
  })

  it('drops flags and voids of an earlier version once the mediator revises, keeps escalations', () => {
    expect(checksAfterRevision([flag, voided, escalated], 3)).toEqual([escalated])
    expect(checksAfterRevision([flag, voided], 2)).toEqual([flag, voided])
  })
})
