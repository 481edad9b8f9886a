import { describe, expect, it } from 'vitest'
import {
  amountText,
  callPageUrl,
  callPanel,
  caseIdFromQuery,
  checkNote,
  checkReason,
  deskActions,
  formatChinaTime,
  workspaceView,
} from '../../../miniprogram/pages/mediator/case/logic'
import type { CaseDetail } from '../../../typings/api/mediationCase'
import type { CallView } from '../../../typings/api/videoMediation'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')

function detail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    caseId: 'c1',
    caseNumber: '（2026）浙杭商调字第 0007 号',
    status: 'mediating',
    statusLabel: '调解中',
    role: 'mediator',
    disputeType: 'sale_contract',
    disputeTypeLabel: '买卖合同纠纷',
    amountFen: 12_345_60,
    applicant: {
      partyType: 'person',
      maskedName: '张*',
      idType: 'resident_id',
      maskedIdNumber: '3301**********1234',
      maskedUscc: null,
      maskedPhone: '138****0001',
      joined: true,
    },
    respondent: {
      partyType: 'enterprise',
      maskedName: '杭州**科技有限公司',
      idType: null,
      maskedIdNumber: null,
      maskedUscc: '9133**********123X',
      maskedPhone: null,
      joined: false,
    },
    countdown: {
      deadline: '2026-12-04T12:00:00.000Z',
      expired: false,
      daysLeft: 3,
      text: null,
      mediationDays: 30,
      extendedDays: 0,
      pendingExtension: null,
    },
    allowedActions: [],
    updatedAt: '2026-12-01T07:00:00.000Z',
    description: '货款 12345.60 元未付',
    descriptionCheck: 'pass',
    claims: ['支付货款'],
    evidence: [],
    region: null,
    respondentAddress: null,
    mediator: null,
    closeReason: null,
    agreement: null,
    calls: [
      { callId: 'call-old', startedAt: '2026-11-30T08:00:00.000Z', durationSec: 300 },
      { callId: 'call-new', startedAt: '2026-12-01T07:30:00.000Z', durationSec: null },
    ],
    timeline: [
      {
        type: 'case.mediator_accepted',
        label: '调解员受理案件',
        actorLabel: '调解员',
        from: 'awaiting_mediator',
        to: 'accepted',
        at: '2026-11-30T02:00:00.000Z',
        note: null,
      },
      {
        type: 'note.added',
        label: '调解笔记',
        actorLabel: '调解员',
        from: null,
        to: null,
        at: '2026-11-30T03:05:00.000Z',
        note: '双方同意分期',
      },
    ],
    myRating: null,
    ...overrides,
  }
}

describe('desk actions by status', () => {
  it('offers accept/decline only while the case awaits the mediator', () => {
    expect(deskActions('awaiting_mediator', false)).toEqual({
      answer: true,
      call: false,
      draft: false,
      editAgreement: false,
      sign: false,
      close: false,
      notes: false,
    })
  })

  it('offers calls, notes, drafting and closing while mediating without an agreement', () => {
    const a = deskActions('mediating', false)
    expect([a.answer, a.call, a.draft, a.editAgreement, a.sign, a.close, a.notes]).toEqual([
      false,
      true,
      true,
      false,
      false,
      true,
      true,
    ])
    expect(deskActions('accepted', false).draft).toBe(true)
  })

  it('offers editing once drafted and signing once sent', () => {
    expect(deskActions('agreement_drafted', true)).toMatchObject({
      draft: false,
      editAgreement: true,
      sign: false,
    })
    expect(deskActions('signing', true)).toMatchObject({
      editAgreement: true,
      sign: true,
      close: true,
    })
  })

  it('offers nothing on a finished case', () => {
    for (const status of ['settled', 'closed_without_agreement'] as const) {
      expect(Object.values(deskActions(status, status === 'settled')).every((v) => !v)).toBe(true)
    }
  })
})

describe('workspace view', () => {
  it('shows the masked parties with what identifies them and whether they joined', () => {
    const view = workspaceView(detail(), NOW)
    expect(view.parties).toEqual([
      {
        key: 'applicant',
        roleLabel: '申请人',
        name: '张*',
        detail: '个人 · 3301**********1234 · 138****0001',
        joined: true,
        joinedText: '已加入',
      },
      {
        key: 'respondent',
        roleLabel: '被申请人',
        name: '杭州**科技有限公司',
        detail: '企业 · 9133**********123X',
        joined: false,
        joinedText: '未加入',
      },
    ])
  })

  it('separates the notes from the timeline and names the latest call', () => {
    const view = workspaceView(detail(), NOW)
    expect(view.notes).toEqual([{ key: 'n1', at: '11月30日 11:05', text: '双方同意分期' }])
    expect(view.timeline).toEqual([
      { key: 't0', title: '调解员受理案件', content: '11月30日 10:00 · 调解员' },
    ])
    expect(view.lastCallId).toBe('call-new')
  })

  it('shows the amount, the remaining mediation period and the close reason', () => {
    const open = workspaceView(detail(), NOW)
    expect(open.amountText).toBe('¥12,345.60')
    expect(open.deadlineText).toBe('剩余 3 天 4 小时')
    const closed = workspaceView(
      detail({
        status: 'closed_without_agreement',
        closeReason: { kind: 'mediation_failed', label: '调解不成功', note: '分歧过大' },
      }),
      NOW,
    )
    expect(closed.deadlineText).toBe('')
    expect(closed.closeText).toBe('调解不成功：分歧过大')
    expect(workspaceView(detail({ calls: [] }), NOW).lastCallId).toBeNull()
  })
})

describe('reason and note checks', () => {
  it('asks for a reason that is empty or blank and bounds its length', () => {
    expect(checkReason('', '不予受理的原因')).toBe('请填写不予受理的原因')
    expect(checkReason('   ', '结案原因')).toBe('请填写结案原因')
    expect(checkReason('x'.repeat(501), '结案原因')).toBe('结案原因不超过 500 个字')
    expect(checkReason('与申请人存在利害关系', '不予受理的原因')).toBe('')
  })

  it('asks for note text and bounds it at 2000 characters', () => {
    expect(checkNote(' ')).toBe('请填写调解笔记内容')
    expect(checkNote('y'.repeat(2001))).toBe('调解笔记不超过 2000 个字')
    expect(checkNote('y'.repeat(2000))).toBe('')
  })

  it('formats amounts and times for people', () => {
    expect(amountText(null)).toBe('')
    expect(amountText(0)).toBe('')
    expect(amountText(100)).toBe('¥1.00')
    expect(formatChinaTime('not a time')).toBe('')
  })
})

describe('call panel', () => {
  const base: CallView = {
    callId: 'k1',
    caseId: 'c1',
    room: 'all',
    privateWith: null,
    status: 'active',
    startedAt: '2026-12-01T07:30:00.000Z',
    endedAt: null,
    durationSec: null,
    invitationExpiresAt: '2026-12-01T07:32:00.000Z',
    members: [
      {
        role: 'mediator',
        roleLabel: '调解员',
        maskedName: '陈*',
        invitation: null,
        joined: true,
        joinedAt: '2026-12-01T07:30:00.000Z',
        leftAt: null,
      },
      {
        role: 'applicant',
        roleLabel: '申请人',
        maskedName: '张*',
        invitation: 'ringing',
        joined: false,
        joinedAt: null,
        leftAt: null,
      },
      {
        role: 'respondent',
        roleLabel: '被申请人',
        maskedName: '王*',
        invitation: 'joined',
        joined: true,
        joinedAt: '2026-12-01T07:31:00.000Z',
        leftAt: '2026-12-01T07:40:00.000Z',
      },
    ],
  }

  it('shows who is in the call, who is being rung and who left', () => {
    const panel = callPanel(base)
    expect(panel.title).toBe('视频调解（全体当事人）')
    expect(panel.statusText).toBe('通话中')
    expect(panel.live).toBe(true)
    expect(panel.members.map((m) => [m.label, m.stateText, m.theme])).toEqual([
      ['调解员 陈*', '在通话中', 'success'],
      ['申请人 张*', '呼叫中', 'warning'],
      ['被申请人 王*', '已离开', 'default'],
    ])
  })

  it('names a caucus room and an ended call with its duration', () => {
    const panel = callPanel({
      ...base,
      room: 'private',
      privateWith: 'respondent',
      status: 'ended',
      durationSec: 610,
    })
    expect(panel.title).toBe('单独会谈（被申请人）')
    expect(panel.statusText).toBe('已结束 · 时长 11 分钟')
    expect(panel.live).toBe(false)
  })

  it('links to the shared call page with the case and the call', () => {
    expect(callPageUrl('c 1', 'k1')).toBe('/pages/case/call/index?caseId=c%201&callId=k1')
  })
})

describe('case id from the page query', () => {
  it('decodes what the links encoded and keeps malformed input as given', () => {
    expect(caseIdFromQuery('case%2F1')).toBe('case/1')
    expect(caseIdFromQuery('case_abc')).toBe('case_abc')
    expect(caseIdFromQuery('bad%E0')).toBe('bad%E0')
    expect(caseIdFromQuery(undefined)).toBe('')
  })
})
