import { describe, expect, it } from 'vitest'
import {
  checkDeclineReason,
  inviteToken,
  safeSummary,
} from '../../../miniprogram/pages/mediation/respond/logic'
import { chinaTime, shareCard } from '../../../miniprogram/pages/mediation/invite/logic'
import type { CaseDetail } from '../../../typings/api/mediationCase'

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv_-'

describe('invitation token', () => {
  it('comes from the share path or the scanned code’s encoded scene', () => {
    expect(inviteToken({ token: TOKEN })).toBe(TOKEN)
    expect(inviteToken({ scene: encodeURIComponent(TOKEN) })).toBe(TOKEN)
    expect(inviteToken({ scene: encodeURIComponent(`token=${TOKEN}`) })).toBe(TOKEN)
  })
  it('is refused when missing or malformed', () => {
    expect(inviteToken({})).toBeUndefined()
    expect(inviteToken({ token: 'short' })).toBeUndefined()
    expect(inviteToken({ token: '%E0%A4%A', scene: '<script>' })).toBeUndefined()
  })
})

describe('safe summary', () => {
  it('shows masked parties, the type, the amount and the claims', () => {
    const detail = {
      caseNumber: 'TJ202612010001',
      disputeTypeLabel: '买卖合同纠纷',
      applicant: { maskedName: '张*' },
      amountFen: 12_000_050,
      statusLabel: '待被申请人确认',
      claims: ['支付货款', '支付利息'],
    } as unknown as CaseDetail
    expect(safeSummary(detail)).toEqual([
      { label: '案件编号', value: 'TJ202612010001' },
      { label: '纠纷类型', value: '买卖合同纠纷' },
      { label: '申请人', value: '张*' },
      { label: '争议金额', value: '¥120,000.50' },
      { label: '当前状态', value: '待被申请人确认' },
      { label: '调解请求', value: '1. 支付货款\n2. 支付利息' },
    ])
  })
})

describe('decline reason', () => {
  it('is required and bounded', () => {
    expect(checkDeclineReason('  ')).toBe('请填写拒绝调解的原因')
    expect(checkDeclineReason('原'.repeat(501))).toBe('原因不能超过 500 字')
    expect(checkDeclineReason('已通过诉讼解决')).toBe('')
  })
})

describe('invitation share card', () => {
  it('opens the landing page with the token', () => {
    expect(shareCard({ sharePath: `pages/mediation/respond/index?token=${TOKEN}` }).path).toBe(
      `/pages/mediation/respond/index?token=${TOKEN}`,
    )
  })
  it('shows the expiry in China time', () => {
    expect(chinaTime('2026-12-08T06:30:00.000Z')).toBe('12月8日 14:30')
    expect(chinaTime('nonsense')).toBe('')
  })
})
