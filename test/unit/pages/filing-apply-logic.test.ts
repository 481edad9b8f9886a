import { describe, expect, it } from 'vitest'
import {
  EMPTY_FORM,
  checkCorrection,
  checkFilingForm,
  claimsOf,
  fieldOfPath,
  filingRequest,
  filingParties,
  firstError,
  formFromFiling,
  formFromPrefill,
  hasErrors,
  keptOrganisation,
  otherSide,
  resubmitRequest,
  type FilingForm,
} from '../../../miniprogram/pages/filing/apply/logic'
import type { FilingPrefill, FilingView } from '../../../typings/api/fileCase'

const HANGZHOU = { provinceCode: '330000', cityCode: '330100' }

function direct(overrides: Partial<FilingForm> = {}): FilingForm {
  return {
    ...EMPTY_FORM,
    claimsText: '支付货款 20 万元\n\n  承担诉讼费用  ',
    factsAndReasons: '双方签订采购合同后，对方收货至今未付款。',
    region: HANGZHOU,
    organisationId: 'org_hz',
    defendant: {
      partyType: 'enterprise',
      name: '杭州云启科技有限公司',
      idNumber: '',
      address: '浙江省杭州市西湖区文三路 100 号',
      phone: '',
    },
    ...overrides,
  }
}

const PREFILL: FilingPrefill = {
  caseId: 'case1',
  caseNumber: 'TJ20261201000001',
  parties: [
    {
      role: 'plaintiff',
      roleLabel: '申请人',
      partyType: 'person',
      maskedName: '张*',
      maskedIdNumber: '1101**********0011',
      maskedPhone: null,
    },
    {
      role: 'defendant',
      roleLabel: '被申请人',
      partyType: 'person',
      maskedName: '王*',
      maskedIdNumber: null,
      maskedPhone: '138****5678',
    },
  ],
  claims: ['支付货款', '支付利息'],
  factsAndReasons: '调解未达成协议，申请立案。',
  evidence: [
    { fileId: 'cloud://e/contract.pdf', name: '合同.pdf' },
    { fileId: 'cloud://e/chat.png', name: '聊天记录' },
  ],
  region: HANGZHOU,
  organisations: [{ organisationId: 'org_hz', name: '杭州市工商联', address: null }],
}

describe('claimsOf', () => {
  it('takes one claim per non-empty line, trimmed', () => {
    expect(claimsOf('一\r\n\n 二 \n')).toEqual(['一', '二'])
  })
})

describe('checkFilingForm', () => {
  it('accepts a complete direct filing', () => {
    expect(hasErrors(checkFilingForm(direct(), false))).toBe(false)
  })

  it('asks for claims, facts of at least 10 characters, region and organisation', () => {
    const errors = checkFilingForm(
      direct({ claimsText: ' \n ', factsAndReasons: '太短', region: null, organisationId: '' }),
      false,
    )
    expect(errors).toMatchObject({
      claims: '请填写诉讼请求',
      factsAndReasons: '事实与理由至少 10 字',
      region: '请选择纠纷发生地',
      organisationId: '请选择受理的工商联组织',
    })
    expect(firstError(errors)).toBe('请填写诉讼请求')
  })

  it('checks the other side of a direct filing, and not of a transfer', () => {
    const form = direct({
      defendant: {
        partyType: 'person',
        name: '王',
        idNumber: '11#',
        address: '杭州',
        phone: 'abc',
      },
    })
    const errors = checkFilingForm(form, false)
    expect(errors).toMatchObject({
      defendantName: '请填写被申请人名称（至少 2 个字）',
      defendantIdNumber: '证件号码只能包含数字、字母和括号',
      defendantAddress: '请填写被申请人送达地址（至少 5 个字）',
      defendantPhone: '请填写正确的联系电话',
    })
    expect(firstError(errors)).toBe('请填写被申请人名称（至少 2 个字）')
    expect(hasErrors(checkFilingForm(form, true))).toBe(false)
  })

  it('limits the number and length of claims', () => {
    const many = Array.from({ length: 21 }, (_, i) => `请求${i}`).join('\n')
    expect(checkFilingForm(direct({ claimsText: many }), false).claims).toBe('诉讼请求最多 20 项')
    expect(checkFilingForm(direct({ claimsText: '长'.repeat(501) }), false).claims).toBe(
      '每项诉讼请求不超过 500 字',
    )
  })
})

describe('filingRequest', () => {
  it('sends a direct filing with the defendant, leaving out empty optional fields', () => {
    expect(filingRequest(direct(), null)).toEqual({
      organisationId: 'org_hz',
      region: HANGZHOU,
      claims: ['支付货款 20 万元', '承担诉讼费用'],
      factsAndReasons: '双方签订采购合同后，对方收货至今未付款。',
      evidence: [],
      defendants: [
        {
          partyType: 'enterprise',
          name: '杭州云启科技有限公司',
          address: '浙江省杭州市西湖区文三路 100 号',
        },
      ],
    })
  })

  it('sends a transfer with the case id and no defendant (the server takes it from the case)', () => {
    const request = filingRequest(formFromPrefill(PREFILL), 'case1')
    expect(request).toEqual({
      caseId: 'case1',
      organisationId: 'org_hz',
      region: HANGZHOU,
      claims: ['支付货款', '支付利息'],
      factsAndReasons: '调解未达成协议，申请立案。',
      evidence: [
        { fileId: 'cloud://e/contract.pdf', name: '合同.pdf' },
        { fileId: 'cloud://e/chat.png', name: '聊天记录' },
      ],
    })
  })
})

describe('prefill', () => {
  it('fills claims, facts, evidence kinds, region and the only competent organisation', () => {
    const form = formFromPrefill(PREFILL)
    expect(form.claimsText).toBe('支付货款\n支付利息')
    expect(form.evidence.map((e) => e.kind)).toEqual(['document', 'image'])
    expect(form.organisationId).toBe('org_hz')
    const two = formFromPrefill({
      ...PREFILL,
      organisations: [
        ...PREFILL.organisations,
        { organisationId: 'org_zj', name: '浙江省工商联', address: null },
      ],
    })
    expect(two.organisationId).toBe('')
  })

  it('shows only the other side of the case', () => {
    expect(otherSide(PREFILL.parties).map((p) => p.maskedName)).toEqual(['王*'])
  })
})

describe('keptOrganisation', () => {
  const orgs = [
    { organisationId: 'a', name: '甲', address: null },
    { organisationId: 'b', name: '乙', address: null },
  ]
  it('keeps the choice the new list still offers, drops it otherwise', () => {
    expect(keptOrganisation('b', orgs)).toEqual({ organisationId: 'b', organisationName: '乙' })
    expect(keptOrganisation('z', orgs)).toEqual({ organisationId: '', organisationName: '' })
    expect(keptOrganisation('', orgs.slice(0, 1))).toEqual({
      organisationId: 'a',
      organisationName: '甲',
    })
  })
})

describe('fieldOfPath', () => {
  it('puts a server message under the field it names', () => {
    expect(fieldOfPath('payload.claims.0')).toBe('claims')
    expect(fieldOfPath('payload.organisationId')).toBe('organisationId')
    expect(fieldOfPath('payload.defendants.0.address')).toBe('defendantAddress')
    expect(fieldOfPath('payload.defendants')).toBe('defendantName')
    expect(fieldOfPath('payload.evidence.0.fileId')).toBeNull()
    expect(fieldOfPath(undefined)).toBeNull()
  })
})

describe('correcting a rejected filing', () => {
  const REJECTED: FilingView = {
    filingId: 'fil1',
    route: 'transfer',
    caseId: 'case1',
    caseNumber: 'TJ20261201000001',
    status: 'rejected',
    statusLabel: '未通过审核，待补正',
    organisationId: 'org_hz',
    organisationName: '杭州市工商联',
    parties: PREFILL.parties,
    claims: ['支付货款', '支付利息'],
    factsAndReasons: '调解未达成协议，申请立案。',
    evidence: PREFILL.evidence,
    filingNumber: null,
    rejectReason: '请写明利息的计算方式',
    withdrawalReason: null,
    withdrawalRefusedReason: null,
    submittedAt: '2026-12-01T02:00:00.000Z',
    acceptedAt: null,
    withdrawnAt: null,
    allowedActions: ['resubmit', 'withdraw'],
    identityLocked: false,
  }

  it('fills the form with the filing as filed; the parties come back locked and masked', () => {
    const form = formFromFiling(REJECTED)
    expect(form).toEqual({
      claimsText: '支付货款\n支付利息',
      factsAndReasons: '调解未达成协议，申请立案。',
      evidence: [
        { fileId: 'cloud://e/contract.pdf', name: '合同.pdf', kind: 'document' },
        { fileId: 'cloud://e/chat.png', name: '聊天记录', kind: 'image' },
      ],
      region: null,
      organisationId: 'org_hz',
      defendant: EMPTY_FORM.defendant,
    })
    const parties = filingParties(REJECTED)
    expect(parties.filerName).toBe('张*')
    expect(parties.others.map((p) => p.maskedName)).toEqual(['王*'])
  })

  it('checks only claims and facts, whatever the region and organisation fields hold', () => {
    const form = formFromFiling(REJECTED)
    expect(hasErrors(checkCorrection(form))).toBe(false)
    const bad = checkCorrection({ ...form, claimsText: ' \n ', factsAndReasons: '太短' })
    expect(bad).toMatchObject({ claims: '请填写诉讼请求', factsAndReasons: '事实与理由至少 10 字' })
    expect(bad.region).toBe('')
    expect(firstError(bad)).toBe('请填写诉讼请求')
  })

  it('sends the corrected claims, facts and evidence of that filing', () => {
    const form = {
      ...formFromFiling(REJECTED),
      claimsText: '支付货款 20 万元\n 按 LPR 支付利息 ',
      factsAndReasons: '  调解未达成协议，利息自 2026 年 6 月起算。 ',
    }
    expect(resubmitRequest(form, 'fil1')).toEqual({
      filingId: 'fil1',
      claims: ['支付货款 20 万元', '按 LPR 支付利息'],
      factsAndReasons: '调解未达成协议，利息自 2026 年 6 月起算。',
      evidence: [
        { fileId: 'cloud://e/contract.pdf', name: '合同.pdf' },
        { fileId: 'cloud://e/chat.png', name: '聊天记录' },
      ],
    })
  })
})
