import { describe, expect, it } from 'vitest'
import {
  EMPTY_FORM,
  checkForm,
  fieldOfServerError,
  firstInvalidStep,
  formFromDraft,
  formatYuan,
  parseAmountYuan,
  restoreForm,
  restoredDraftNotice,
  reviewRows,
  stepErrors,
  stepOfField,
  toDraftRequest,
  toSubmitRequest,
  type ApplyForm,
} from '../../../miniprogram/pages/mediation/apply/logic'

const NOW = new Date('2026-12-01T08:00:00.000Z')

const VALID: ApplyForm = {
  disputeType: 'sale_contract',
  description: '2026年3月我方向对方供货，对方至今拖欠货款未付，多次催收无果。',
  amountYuan: '120,000.5',
  claims: ['支付货款 12 万元', '', '支付逾期利息'],
  cityCode: '330100',
  respondent: {
    partyType: 'person',
    name: '王 芳',
    phone: '+86 138-0013-8000',
    idType: 'resident_id',
    idNumber: '',
    uscc: '',
    address: '浙江省杭州市西湖区文三路 100 号',
  },
  evidence: [
    { fileId: 'cloud://demo-local/private/k/evidence/a.pdf', name: '合同.pdf', kind: 'document' },
  ],
}

describe('amounts', () => {
  it('reads yuan with separators and two decimals as integer fen', () => {
    expect(parseAmountYuan('120,000.5')).toEqual({ ok: true, value: 12_000_050 })
    expect(parseAmountYuan('￥３００元')).toEqual({ ok: true, value: 30_000 })
    expect(parseAmountYuan('')).toEqual({ ok: true, value: 0 })
  })
  it('refuses three decimals, words and amounts beyond the limit with a Chinese message', () => {
    const three = parseAmountYuan('1.234')
    expect(three.ok).toBe(false)
    if (!three.ok) expect(three.error.message).toBe('请填写金额数字，最多保留两位小数')
    expect(parseAmountYuan('十万').ok).toBe(false)
    const huge = parseAmountYuan('9999999999999')
    expect(huge.ok).toBe(false)
    if (!huge.ok) expect(huge.error.message).toBe('争议金额超出可受理范围')
  })
  it('formats fen back to the yuan text', () => {
    expect(formatYuan(12_000_050)).toBe('120000.50')
    expect(formatYuan(30_000)).toBe('300')
  })
})

describe('step checks', () => {
  it('accepts a complete application', () => {
    expect(firstInvalidStep(VALID, NOW)).toBeUndefined()
    expect(Object.values(checkForm(VALID, NOW)).every((e) => e === '')).toBe(true)
  })

  it('names every missing field of the first step', () => {
    const errors = stepErrors(0, EMPTY_FORM, NOW)
    expect(errors.disputeType).toBe('请选择纠纷类型')
    expect(errors.description).toBe('请填写纠纷描述')
    expect(errors.claims).toBe('请至少填写一项调解请求')
    expect(errors.region).toBe('请选择纠纷所在地')
    // The other steps stay quiet until the user gets there.
    expect(errors.respondentPhone).toBe('')
  })

  it('shows the core validators’ messages under the respondent fields', () => {
    const form: ApplyForm = {
      ...VALID,
      respondent: { ...VALID.respondent, phone: '1234', idNumber: '330106199003071237' },
    }
    const errors = stepErrors(1, form, NOW)
    expect(errors.respondentPhone).toBe('请填写11位中国大陆手机号码')
    expect(errors.respondentIdNumber).toBe('身份证号码校验位不正确，请逐位核对')
    expect(firstInvalidStep(form, NOW)).toBe(1)
  })

  it('checks an enterprise respondent by its name rules and the USCC', () => {
    const form: ApplyForm = {
      ...VALID,
      respondent: { ...VALID.respondent, partyType: 'enterprise', name: '杭', uscc: '123' },
    }
    const errors = stepErrors(1, form, NOW)
    expect(errors.respondentName).toBe('企业名称应为2至60个字')
    expect(errors.respondentUscc).not.toBe('')
  })

  it('asks for a description of at least ten characters', () => {
    expect(stepErrors(0, { ...VALID, description: '欠款不还' }, NOW).description).toBe(
      '请用至少 10 个字说明纠纷的经过',
    )
  })
})

describe('requests', () => {
  it('builds the normalised submit request the server accepts', () => {
    const request = toSubmitRequest(
      { ...VALID, respondent: { ...VALID.respondent, idNumber: '330106199003071236' } },
      'draft-1',
      NOW,
    )
    expect(request).toEqual({
      caseId: 'draft-1',
      disputeType: 'sale_contract',
      description: VALID.description,
      amountFen: 12_000_050,
      claims: ['支付货款 12 万元', '支付逾期利息'],
      evidence: VALID.evidence,
      respondent: {
        partyType: 'person',
        name: '王芳',
        phone: '13800138000',
        idType: 'resident_id',
        idNumber: '330106199003071236',
        address: '浙江省杭州市西湖区文三路 100 号',
      },
      region: { provinceCode: '330000', cityCode: '330100' },
    })
  })

  it('gives no submit request while a field is wrong', () => {
    expect(toSubmitRequest({ ...VALID, cityCode: '' }, undefined, NOW)).toBeUndefined()
  })

  it('keeps only acceptable fields in a draft', () => {
    const draft = toDraftRequest(
      { ...EMPTY_FORM, description: '对方拖欠货款', amountYuan: 'abc', claims: ['  ', '退款'] },
      undefined,
    )
    expect(draft).toEqual({
      description: '对方拖欠货款',
      claims: ['退款'],
      evidence: [],
      respondent: { partyType: 'person' },
    })
  })
})

describe('server errors', () => {
  it('maps error fields to the form field and its step', () => {
    expect(fieldOfServerError('payload.respondent.phone')).toBe('respondentPhone')
    expect(fieldOfServerError('payload.claims.1')).toBe('claims')
    expect(fieldOfServerError('description')).toBe('description')
    expect(fieldOfServerError('payload.region.cityCode')).toBe('region')
    expect(fieldOfServerError(undefined)).toBeUndefined()
    expect(fieldOfServerError('payload.unknown')).toBeUndefined()
    expect(stepOfField('respondentPhone')).toBe(1)
    expect(stepOfField('evidence')).toBe(2)
  })
})

describe('review and restore', () => {
  it('summarises the application for 确认提交', () => {
    const rows = reviewRows(VALID)
    expect(rows.find((r) => r.label === '争议金额')?.value).toBe('120000.50 元')
    expect(rows.find((r) => r.label === '调解请求')?.value).toBe(
      '1. 支付货款 12 万元\n2. 支付逾期利息',
    )
    expect(rows.find((r) => r.label === '纠纷所在地')?.value).toBe('浙江省 · 杭州市')
    expect(rows.find((r) => r.label === '证据')?.value).toBe('1 份')
  })

  it('restores a stored form and drops what no longer fits', () => {
    expect(restoreForm(JSON.parse(JSON.stringify(VALID)))).toEqual(VALID)
    const broken = restoreForm({
      claims: [3],
      respondent: { partyType: 'robot', idType: 'x' },
      evidence: [{ fileId: 1 }],
    })
    expect(broken?.claims).toEqual([''])
    expect(broken?.respondent.partyType).toBe('person')
    expect(broken?.respondent.idType).toBe('resident_id')
    expect(broken?.evidence).toEqual([])
    expect(restoreForm('nope')).toBeUndefined()
  })
})

describe('server draft', () => {
  it('brings back the case fields; without a kept respondent that step and the evidence start empty', () => {
    const form = formFromDraft({
      disputeType: 'lease',
      description: '对方拖欠三个月租金',
      amountFen: 4_500_000,
      claims: ['支付租金'],
      region: { provinceCode: '440000', cityCode: '440300' },
    })
    expect(form.disputeType).toBe('lease')
    expect(form.amountYuan).toBe('45000')
    expect(form.claims).toEqual(['支付租金'])
    expect(form.cityCode).toBe('440300')
    expect(form.respondent.name).toBe('')
    expect(form.evidence).toEqual([])
    const bare = formFromDraft({
      disputeType: null,
      description: null,
      amountFen: null,
      claims: [],
      region: { provinceCode: '650000', cityCode: '650100' },
    })
    expect(restoredDraftNotice(form)).toBe('已恢复您保存的草稿，请补充被申请人和证据')
    expect(bare.claims).toEqual([''])
    expect(bare.cityCode).toBe('')
    expect(bare.amountYuan).toBe('')
  })

  it('brings back the respondent a server draft kept, so only the evidence is asked again', () => {
    const form = formFromDraft({
      disputeType: 'sale_contract',
      description: null,
      amountFen: null,
      claims: [],
      region: null,
      draftRespondent: {
        partyType: 'person',
        name: '王芳',
        phone: '13900000000',
        address: '杭州市西湖区文三路 1 号',
      },
    })
    expect(form.respondent).toEqual({
      partyType: 'person',
      name: '王芳',
      phone: '13900000000',
      idType: 'resident_id',
      idNumber: '',
      uscc: '',
      address: '杭州市西湖区文三路 1 号',
    })
    expect(restoredDraftNotice(form)).toBe('已恢复您保存的草稿，证据请重新上传')
    const saved = toDraftRequest(form, 'case_1')
    expect(saved.respondent).toEqual({
      partyType: 'person',
      name: '王芳',
      phone: '13900000000',
      address: '杭州市西湖区文三路 1 号',
    })
  })
})
