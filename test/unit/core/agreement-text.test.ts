import { describe, expect, it } from 'vitest'
import {
  capitalAmount,
  formatAmount,
  formatDate,
  renderAgreementText,
  type AgreementStructure,
} from '../../../miniprogram/core/agreement-text'

describe('capitalAmount (人民币大写)', () => {
  it.each([
    [0, '零元整'],
    [100, '壹元整'],
    [150, '壹元伍角'],
    [105, '壹元零伍分'],
    [123456, '壹仟贰佰叁拾肆元伍角陆分'],
    [1000100, '壹万零壹元整'],
    [1010_00, '壹仟零壹拾元整'],
    [10000000, '壹拾万元整'],
    [10000000100, '壹亿零壹元整'],
    [1200050000, '壹仟贰佰万零伍佰元整'],
    [100_000_000_000_000, '壹万亿元整'],
  ])('%i fen → %s', (fen, text) => {
    expect(capitalAmount(fen)).toBe(text)
  })
})

describe('formatAmount / formatDate', () => {
  it('groups thousands and keeps two decimals', () => {
    expect(formatAmount(123456789)).toBe('1,234,567.89')
    expect(formatAmount(5)).toBe('0.05')
  })
  it('writes dates the Chinese way and leaves anything else alone', () => {
    expect(formatDate('2027-01-05')).toBe('2027年1月5日')
    expect(formatDate('明天')).toBe('明天')
  })
})

const base: AgreementStructure = {
  caseNumber: 'TJ20261201000001',
  organisationName: '测试市工商联调解委员会',
  mediatorName: '王调解',
  parties: [
    {
      role: 'respondent',
      partyType: 'enterprise',
      name: '某某贸易有限公司',
      idTypeLabel: '统一社会信用代码',
      maskedIdNumber: '9111**********123X',
    },
    {
      role: 'applicant',
      partyType: 'person',
      name: '张伟',
      idTypeLabel: '居民身份证',
      maskedIdNumber: '110***********002X',
      address: '北京市东城区某路1号',
    },
  ],
  facts: '双方因货款结算发生争议。',
  terms: {
    amountFen: 5000000,
    method: 'bank_transfer',
    place: '北京市东城区',
    performanceDeadline: '2027-01-31',
    breachClause: '逾期付款的，按未付金额每日万分之五支付违约金。',
    applyForConfirmation: true,
    otherTerms: ['申请人放弃其他请求。'],
  },
}

describe('renderAgreementText', () => {
  it('names every party, the facts and each term with method, place and deadline', () => {
    const text = renderAgreementText(base)
    expect(text.split('\n')[0]).toBe('调解协议书')
    // Applicants come first whatever order the parties were given in.
    expect(text.indexOf('申请人：张伟')).toBeLessThan(text.indexOf('被申请人（单位）：某某贸易'))
    expect(text).toContain('住所：北京市东城区某路1号')
    expect(text).toContain(
      '一、某某贸易有限公司于2027年1月31日前向张伟支付人民币50,000.00元（大写：伍万元整），' +
        '履行方式：银行转账，履行地点：北京市东城区。',
    )
    expect(text).toContain('二、申请人放弃其他请求。')
    expect(text).toContain('三、违约责任：逾期付款的')
    expect(text).toContain(
      '四、各方同意自本协议生效之日起三十日内共同向有管辖权的人民法院申请司法确认。',
    )
    expect(text).toContain('本协议一式3份')
    expect(text).toContain('经测试市工商联调解委员会调解员王调解主持调解')
  })

  it('is deterministic and changes with any field', () => {
    expect(renderAgreementText(base)).toBe(renderAgreementText({ ...base }))
    const other = renderAgreementText({ ...base, terms: { ...base.terms, amountFen: 5000001 } })
    expect(other).not.toBe(renderAgreementText(base))
  })

  it('words a non-monetary settlement without an amount and says when no confirmation is sought', () => {
    const text = renderAgreementText({
      ...base,
      terms: { ...base.terms, amountFen: 0, method: 'in_kind', applyForConfirmation: false },
    })
    expect(text).not.toContain('人民币')
    expect(text).toContain('履行方式：实物交付')
    expect(text).toContain('各方暂不申请司法确认')
  })
})
