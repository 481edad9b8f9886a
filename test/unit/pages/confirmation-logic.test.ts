import { describe, expect, it } from 'vitest'
import {
  confirmationScreen,
  courtChoices,
  partyRows,
  pickedCourt,
} from '../../../miniprogram/pages/case/confirmation/logic'
import type {
  ConfirmationPreview,
  ConfirmationView,
} from '../../../typings/api/judicialConfirmation'

const NOW = Date.parse('2026-12-01T02:00:00Z')

function preview(over: Partial<ConfirmationPreview> = {}): ConfirmationPreview {
  return {
    caseId: 'c1',
    caseNumber: '（2026）工商调字第00001号',
    organisationName: '杭州市工商业联合会',
    parties: [
      {
        role: 'applicant',
        roleLabel: '申请人',
        maskedName: '张*',
        maskedIdNumber: '1101**********002X',
      },
      {
        role: 'respondent',
        roleLabel: '被申请人',
        maskedName: '王*',
        maskedIdNumber: '3301**********0011',
      },
    ],
    agreement: { agreementId: 'a1', hash: 'ab', effectiveAt: '2026-12-01T01:00:00Z' },
    request: '请求确认调解协议有效。',
    courtOptions: [
      {
        courtName: '杭州市西湖区人民法院',
        level: 'basic',
        bases: ['party_domicile', 'organisation_seat'],
        basisLabels: ['当事人住所地', '调解组织所在地'],
      },
      {
        courtName: '杭州市上城区人民法院',
        level: 'basic',
        bases: ['subject_location'],
        basisLabels: ['标的物所在地'],
      },
    ],
    deadline: '2026-12-31T01:00:00Z',
    eligible: true,
    ineligibleReason: null,
    ...over,
  }
}

function status(over: Partial<ConfirmationView> = {}): ConfirmationView {
  return {
    confirmationId: 'j1',
    caseId: 'c1',
    caseNumber: '（2026）工商调字第00001号',
    status: 'awaiting_consent',
    statusLabel: '待对方同意',
    progressText: '已发起，待对方当事人同意共同申请',
    courtBasis: 'party_domicile',
    courtBasisLabel: '当事人住所地',
    courtName: '杭州市西湖区人民法院',
    initiatedByMe: false,
    allowedActions: ['consent', 'refuse_consent'],
    consentedAt: null,
    refusalReason: null,
    submittedAt: null,
    forwardedAt: null,
    rulingNumber: null,
    rulingFileId: null,
    dismissReason: null,
    decidedAt: null,
    deadline: '2026-12-31T01:00:00Z',
    ...over,
  }
}

describe('司法确认 court choice', () => {
  it('offers each court once per statutory basis it is competent under', () => {
    const choices = courtChoices(preview().courtOptions)
    expect(choices.map((c) => [c.courtName, c.basis, c.description])).toEqual([
      ['杭州市西湖区人民法院', 'party_domicile', '管辖依据：当事人住所地'],
      ['杭州市西湖区人民法院', 'organisation_seat', '管辖依据：调解组织所在地'],
      ['杭州市上城区人民法院', 'subject_location', '管辖依据：标的物所在地'],
    ])
    expect(new Set(choices.map((c) => c.value)).size).toBe(3)
  })

  it('turns the picked value into the court and basis, and asks for one when none is picked', () => {
    const choices = courtChoices(preview().courtOptions)
    expect(pickedCourt(choices, choices[2]!.value)).toEqual({
      ok: true,
      courtName: '杭州市上城区人民法院',
      courtBasis: 'subject_location',
    })
    expect(pickedCourt(choices, '')).toEqual({ ok: false, message: '请选择受理司法确认的人民法院' })
  })

  it('lists the parties as the preview masked them', () => {
    expect(partyRows(preview())).toEqual([
      { title: '申请人 张*', note: '1101**********002X' },
      { title: '被申请人 王*', note: '3301**********0011' },
    ])
  })
})

describe('司法确认 screen', () => {
  it('lets a party start when nothing was applied and the window runs', () => {
    const s = confirmationScreen(preview(), null, NOW)
    expect(s.canApply).toBe(true)
    expect(s.hasApplication).toBe(false)
    expect(s.actions).toEqual([])
    expect(s.windowText).toBe('申请司法确认剩余 29 天 23 小时（截至 2026年12月31日 09:00）')
  })

  it('shows the refusal reason and no start when the case is not eligible', () => {
    const s = confirmationScreen(
      preview({ eligible: false, ineligibleReason: '已超过调解协议生效之日起 30 日的申请期限' }),
      null,
      NOW,
    )
    expect(s.canApply).toBe(false)
    expect(s.ineligibleReason).toBe('已超过调解协议生效之日起 30 日的申请期限')
  })

  it('asks the other party for consent with agree and refuse', () => {
    const s = confirmationScreen(preview(), status(), NOW)
    expect(s.canApply).toBe(false)
    expect(s.consentRequest).toContain('杭州市西湖区人民法院')
    expect(s.actions.map((a) => [a.command, a.label])).toEqual([
      ['consent', '同意共同申请'],
      ['refuse_consent', '不同意申请'],
    ])
    expect(s.statusTheme).toBe('warning')
  })

  it('the initiator sees no consent request, only cancel', () => {
    const s = confirmationScreen(
      preview(),
      status({ initiatedByMe: true, allowedActions: ['cancel'] }),
      NOW,
    )
    expect(s.consentRequest).toBe('')
    expect(s.actions.map((a) => a.label)).toEqual(['撤销申请'])
  })

  it('shows the relay wording once submitted, and staff commands never reach a party', () => {
    const s = confirmationScreen(
      preview(),
      status({
        status: 'submitted_to_org',
        statusLabel: '已提交至工商联，待转交人民法院',
        progressText: '已提交至杭州市工商业联合会，待转交人民法院',
        allowedActions: ['forward_to_court'],
      }),
      NOW,
    )
    expect(s.progressText).toBe('已提交至杭州市工商业联合会，待转交人民法院')
    expect(s.courtText).toBe('杭州市西湖区人民法院（当事人住所地）')
    expect(s.actions).toEqual([])
  })

  it('states the court outcome, and allows a new start after a refusal', () => {
    const confirmed = confirmationScreen(
      preview(),
      status({
        status: 'confirmed',
        allowedActions: [],
        rulingNumber: '（2026）浙0106民特1号',
        decidedAt: '2026-12-10T02:00:00Z',
      }),
      NOW,
    )
    expect(confirmed.outcomeText).toBe(
      '人民法院已于 2026年12月10日 10:00 裁定确认调解协议有效，裁定书编号 （2026）浙0106民特1号',
    )
    expect(confirmed.statusTheme).toBe('success')
    const refused = confirmationScreen(
      preview(),
      status({ status: 'consent_refused', allowedActions: [], refusalReason: '还需协商' }),
      NOW,
    )
    expect(refused.outcomeText).toBe('对方当事人不同意共同申请：还需协商')
    expect(refused.canApply).toBe(true)
  })
})
