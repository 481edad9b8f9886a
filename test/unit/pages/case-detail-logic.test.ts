import { describe, expect, it } from 'vitest'
import {
  amountText,
  checkExtensionDays,
  checkRating,
  checkReason,
  chinaTime,
  detailView,
  eventRows,
  partyRow,
  sheetItems,
  stageSteps,
} from '../../../miniprogram/pages/case/detail/logic'
import type {
  CaseAction,
  CaseDetail,
  CaseStatus,
  TimelineEntry,
} from '../../../typings/api/mediationCase'

const NOW = Date.parse('2026-12-01T08:00:00.000Z')

const event = (type: string, at: string, from: string | null, to: string | null, label = type) =>
  ({ type, label, actorLabel: '申请人', from, to, at, note: null }) satisfies TimelineEntry

const MEDIATING_TIMELINE: TimelineEntry[] = [
  event('case.submitted', '2026-11-20T02:00:00.000Z', 'draft', 'submitted', '提交调解申请'),
  event('case.mediator_chosen', '2026-11-21T02:00:00.000Z', 'submitted', 'awaiting_mediator'),
  event('case.mediator_accepted', '2026-11-22T02:00:00.000Z', 'awaiting_mediator', 'accepted'),
  event('case.mediation_started', '2026-11-23T02:00:00.000Z', 'accepted', 'mediating'),
]

function detail(overrides: Partial<CaseDetail> = {}): CaseDetail {
  return {
    caseId: 'case/1',
    caseNumber: '（2026）商调字第 0001 号',
    status: 'mediating',
    statusLabel: '调解中',
    role: 'applicant',
    disputeType: 'contract',
    disputeTypeLabel: '合同纠纷',
    amountFen: 1_234_560,
    applicant: {
      partyType: 'person',
      maskedName: '张*',
      idType: 'resident_id',
      maskedIdNumber: '110***********1234',
      maskedUscc: null,
      maskedPhone: '138****0000',
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
      deadline: '2026-12-03T08:00:00.000Z',
      expired: false,
      daysLeft: 2,
      text: null,
      mediationDays: 30,
      extendedDays: 0,
      pendingExtension: null,
    },
    allowedActions: [],
    updatedAt: '2026-11-23T02:00:00.000Z',
    description: '货款未付',
    descriptionCheck: 'pass',
    claims: ['支付货款'],
    evidence: [],
    region: null,
    respondentAddress: null,
    mediator: null,
    closeReason: null,
    agreement: null,
    calls: [],
    timeline: MEDIATING_TIMELINE,
    myRating: null,
    ...overrides,
  }
}

describe('chinaTime and amounts', () => {
  it('shows instants in China time whatever the device zone', () => {
    expect(chinaTime('2026-11-30T16:30:00.000Z')).toBe('2026-12-01 00:30')
    expect(chinaTime('not a date')).toBe('')
  })
  it('formats fen as yuan with separators; zero is a non-monetary claim', () => {
    expect(amountText(1_234_560)).toBe('¥12,345.60')
    expect(amountText(0)).toBe('非金钱请求')
    expect(amountText(null)).toBe('')
  })
})

describe('stageSteps', () => {
  it('marks the stages done up to 调解 while mediating, with the time each was reached', () => {
    const steps = stageSteps(detail())
    expect(steps.map((s) => [s.title, s.status])).toEqual([
      ['申请', 'finish'],
      ['选择调解员', 'finish'],
      ['受理', 'finish'],
      ['调解', 'process'],
      ['协议签署', 'default'],
      ['司法确认 / 调解书', 'default'],
    ])
    expect(steps[0]?.content).toBe('2026-11-20 10:00')
  })

  it('after settlement the agreement is done and 司法确认 / 调解书 is next', () => {
    const steps = stageSteps(
      detail({
        status: 'settled',
        timeline: [
          ...MEDIATING_TIMELINE,
          event('case.settled', '2026-11-28T02:00:00.000Z', 'signing', 'settled'),
        ],
      }),
    )
    expect(steps.find((s) => s.title === '协议签署')).toMatchObject({
      status: 'finish',
      content: '2026-11-28 10:00',
    })
    expect(steps.at(-1)).toMatchObject({ title: '司法确认 / 调解书', status: 'process' })
  })

  it('a case closed while mediating shows the stages reached, then 调解失败 → 在线立案', () => {
    const steps = stageSteps(
      detail({
        status: 'closed_without_agreement',
        closeReason: { kind: 'mediation_failed', label: '调解不成功', note: null },
        timeline: [
          ...MEDIATING_TIMELINE,
          event(
            'case.closed_failed',
            '2026-11-29T02:00:00.000Z',
            'mediating',
            'closed_without_agreement',
          ),
        ],
      }),
    )
    expect(steps.map((s) => [s.title, s.status])).toEqual([
      ['申请', 'finish'],
      ['选择调解员', 'finish'],
      ['受理', 'finish'],
      ['调解', 'finish'],
      ['调解失败', 'error'],
      ['在线立案', 'process'],
    ])
    expect(steps[4]?.content).toBe('调解不成功 · 2026-11-29 10:00')
  })

  it('a withdrawal before any mediator keeps only 申请 done', () => {
    const steps = stageSteps(
      detail({
        status: 'closed_without_agreement',
        closeReason: { kind: 'applicant_withdrew', label: '申请人撤回申请', note: '已和解' },
        timeline: [
          MEDIATING_TIMELINE[0]!,
          event(
            'case.withdrawn',
            '2026-11-20T05:00:00.000Z',
            'submitted',
            'closed_without_agreement',
          ),
        ],
      }),
    )
    expect(steps.map((s) => s.title)).toEqual(['申请', '调解失败', '在线立案'])
  })
})

describe('eventRows', () => {
  it('lists every event newest first with time, actor and note', () => {
    const rows = eventRows([
      ...MEDIATING_TIMELINE,
      {
        ...event('call.ended', '2026-11-24T02:00:00.000Z', null, null, '视频调解结束'),
        note: '通话 5 分 0 秒',
      },
    ])
    expect(rows).toHaveLength(5)
    expect(rows[0]).toMatchObject({
      label: '视频调解结束',
      meta: '2026-11-24 10:00 · 申请人',
      note: '通话 5 分 0 秒',
    })
    expect(rows.at(-1)?.label).toBe('提交调解申请')
  })
})

describe('partyRow', () => {
  it('shows only masked values: ID type and number for people, USCC for companies', () => {
    const d = detail()
    expect(partyRow('applicant', d.applicant!)).toEqual({
      key: 'applicant',
      sideLabel: '申请人',
      name: '张*',
      detail: '个人 · 居民身份证 110***********1234 · 手机 138****0000',
      joinedLabel: '已加入',
    })
    expect(partyRow('respondent', d.respondent!).detail).toBe(
      '企业 · 统一社会信用代码 9133**********123X',
    )
  })
})

describe('sheetItems: exactly what is allowed now', () => {
  const labels = (d: CaseDetail) => sheetItems(d).map((i) => i.label)

  it('nothing allowed gives an empty sheet (the 更多 button hides)', () => {
    expect(labels(detail())).toEqual([])
  })

  it('maps each server action to its item and page', () => {
    const items = sheetItems(
      detail({
        status: 'submitted',
        allowedActions: [
          'invite',
          'chooseMediator',
          'withdraw',
          'requestExtension',
          'consentExtension',
          'end',
        ],
      }),
    )
    expect(items.map((i) => i.label)).toEqual([
      '邀请对方',
      '选择调解员',
      '申请延期',
      '同意延期',
      '不同意延期',
      '撤回申请',
      '结束调解',
    ])
    expect(items[0]?.action).toEqual({
      kind: 'navigate',
      url: '/pages/mediation/invite/index?caseId=case%2F1',
    })
    expect(items[1]?.action).toEqual({
      kind: 'navigate',
      url: '/pages/mediation/mediators/index?caseId=case%2F1',
    })
    expect(items[5]?.action).toEqual({ kind: 'reason', action: 'withdraw' })
  })

  it('maps the follow-ups other functions own to their pages', () => {
    const items = sheetItems(
      detail({
        status: 'settled',
        allowedActions: ['rate', 'applyConfirmation', 'applyDocument'],
      }),
    )
    expect(items).toEqual([
      {
        label: '申请司法确认',
        action: { kind: 'navigate', url: '/pages/case/confirmation/index?caseId=case%2F1' },
      },
      {
        label: '申请出具调解书',
        action: { kind: 'navigate', url: '/pages/case/document/index?caseId=case%2F1' },
      },
    ])
    expect(
      sheetItems(detail({ status: 'closed_without_agreement', allowedActions: ['fileCase'] })),
    ).toEqual([
      {
        label: '在线立案',
        action: { kind: 'navigate', url: '/pages/filing/apply/index?caseId=case%2F1' },
      },
    ])
  })

  // What the server answers the applicant in each state, and the exact sheet it becomes.
  const BY_STATE: readonly [CaseStatus, CaseAction[], string[]][] = [
    ['draft', ['saveDraft', 'submit'], []],
    ['submitted', ['invite', 'withdraw'], ['邀请对方', '撤回申请']],
    ['awaiting_respondent', ['invite', 'withdraw'], ['邀请对方', '撤回申请']],
    ['awaiting_mediator', ['chooseMediator', 'withdraw'], ['选择调解员', '撤回申请']],
    ['accepted', ['end'], ['结束调解']],
    ['mediating', ['requestExtension', 'end'], ['申请延期', '结束调解']],
    ['agreement_drafted', ['consentExtension', 'end'], ['同意延期', '不同意延期', '结束调解']],
    ['signing', ['end'], ['结束调解']],
    ['settled', ['rate', 'applyConfirmation', 'applyDocument'], ['申请司法确认', '申请出具调解书']],
    ['closed_without_agreement', ['rate', 'fileCase'], ['在线立案']],
  ]
  it.each(BY_STATE)('%s: the sheet lists exactly the allowed actions', (status, allowed, want) => {
    expect(labels(detail({ status, allowedActions: allowed }))).toEqual(want)
  })

  it('adds nothing the server did not allow, whatever the state or the agreement', () => {
    const effective = { agreementId: 'a', status: 'effective', version: 2 } as const
    expect(labels(detail({ status: 'settled', agreement: effective }))).toEqual([])
    expect(labels(detail({ status: 'closed_without_agreement' }))).toEqual([])
    expect(labels(detail({ status: 'settled', allowedActions: ['applyDocument'] }))).toEqual([
      '申请出具调解书',
    ])
  })
})

describe('detailView', () => {
  it('header, countdown from the core, calls and the agreement entry', () => {
    const v = detailView(
      detail({
        agreement: { agreementId: 'a1', status: 'signing', version: 2 },
        calls: [
          { callId: 'k2', startedAt: '2026-11-25T02:00:00.000Z', durationSec: null },
          { callId: 'k1', startedAt: '2026-11-24T02:00:00.000Z', durationSec: 305 },
        ],
      }),
      NOW,
    )
    expect(v).toMatchObject({
      caseNumber: '（2026）商调字第 0001 号',
      statusLabel: '调解中',
      theme: 'primary',
      amountText: '¥12,345.60',
      countdown: '调解期限剩余 2 天',
      countdownUrgent: true,
      agreementText: '第 2 版 · 待签署',
      agreementUrl: '/pages/case/agreement/index?caseId=case%2F1',
      extensionMax: 30,
    })
    expect(v.calls.map((c) => [c.title, c.note])).toEqual([
      ['第 2 次视频调解 · 2026-11-25 10:00', '通话进行中或未接通'],
      ['第 1 次视频调解 · 2026-11-24 10:00', '时长 5 分 5 秒'],
    ])
  })

  it('a closed case shows no countdown, the close reason and the rating state', () => {
    const v = detailView(
      detail({
        status: 'closed_without_agreement',
        closeReason: { kind: 'party_ended', label: '当事人终止调解', note: '对方无诚意' },
        allowedActions: ['rate'],
      }),
      NOW,
    )
    expect(v).toMatchObject({
      countdown: '',
      closeNote: '当事人终止调解：对方无诚意',
      canRate: true,
    })
    const rated = detailView(detail({ myRating: { score: 4, comment: '耐心' } }), NOW)
    expect(rated).toMatchObject({ canRate: false, ratingText: '4 星 · 耐心' })
  })

  it('a pending extension says who has agreed', () => {
    const v = detailView(
      detail({
        countdown: {
          ...detail().countdown,
          extendedDays: 10,
          pendingExtension: { days: 10, requestedBy: 'applicant', consents: ['applicant'] },
        },
      }),
      NOW,
    )
    expect(v.extensionNote).toBe('延期申请 10 天待双方同意（申请人已同意）')
    expect(v.extensionMax).toBe(20)
  })

  it('evidence without a download URL cannot be opened and says so', () => {
    const v = detailView(
      detail({
        evidence: [
          { name: '合同.pdf', kind: 'document', url: null, check: 'not_applicable' },
          { name: '转账.jpg', kind: 'image', url: 'https://x/y.jpg', check: 'pending' },
        ],
      }),
      NOW,
    )
    expect(v.evidence.map((e) => [e.url, e.note])).toEqual([
      ['', '暂无法预览'],
      ['https://x/y.jpg', '内容审核中'],
    ])
  })
})

describe('form checks', () => {
  it('a reason is required and limited to 500 characters', () => {
    expect(checkReason('  ')).toEqual({ ok: false, message: '请填写原因' })
    expect(checkReason('x'.repeat(501))).toEqual({ ok: false, message: '原因不能超过 500 个字' })
    expect(checkReason(' 已和解 ')).toEqual({ ok: true, value: '已和解' })
  })
  it('extension days must fit what is left of the 60-day cap', () => {
    expect(checkExtensionDays(10, 30)).toEqual({ ok: true, value: 10 })
    expect(checkExtensionDays(31, 30)).toEqual({ ok: false, message: '延长天数应为 1 至 30 天' })
    expect(checkExtensionDays(1.5, 30).ok).toBe(false)
    expect(checkExtensionDays(1, 0)).toEqual({ ok: false, message: '调解期限已达上限，不能再延长' })
  })
  it('a rating needs 1–5 stars', () => {
    expect(checkRating(0, '')).toEqual({ ok: false, message: '请选择 1 至 5 星' })
    expect(checkRating(5, ' 很好 ')).toEqual({ ok: true, score: 5, comment: '很好' })
  })
})
