import { describe, expect, it } from 'vitest'
import {
  QUEUE_TABS,
  decisionUrl,
  kindOf,
  overdueBanner,
  queueRow,
} from '../../../miniprogram/pages/org/queue/logic'
import type { QueueItem } from '../../../typings/api/orgDesk'

function item(overrides: Partial<QueueItem> = {}): QueueItem {
  return {
    kind: 'filing',
    kindLabel: '在线立案',
    id: 'fil_1',
    caseNumber: '（2026）商调字第 0007 号',
    caseId: null,
    filingId: 'fil_1',
    waitingSince: '2026-12-01T02:30:00.000Z',
    dueAt: '2026-12-08T02:30:00.000Z',
    overdue: false,
    dueText: '剩余 6 天 23 小时',
    claim: null,
    ...overrides,
  }
}

describe('org queue logic', () => {
  it('asks for one kind per tab and for everything on 全部', () => {
    expect(kindOf('all')).toBeUndefined()
    expect(kindOf('identity_review')).toBe('identity_review')
    expect(kindOf('withdrawal_request')).toBe('withdrawal_request')
    expect(kindOf('bogus')).toBeUndefined()
    expect(QUEUE_TABS.map((t) => t.label)).toEqual([
      '全部',
      '身份审核',
      '立案',
      '撤诉',
      '司法确认',
      '调解书',
    ])
  })

  it('sends each kind to the page that decides it', () => {
    expect(decisionUrl(item({ kind: 'identity_review', id: 'idt_1', filingId: null }))).toBe(
      '/pages/org/identity/index?id=idt_1',
    )
    expect(decisionUrl(item())).toBe('/pages/org/filing/index?filingId=fil_1')
    expect(decisionUrl(item({ kind: 'withdrawal_request', id: 'wr_fil_1_3' }))).toBe(
      '/pages/org/filing/index?filingId=fil_1',
    )
    expect(
      decisionUrl(
        item({ kind: 'judicial_confirmation', id: 'jc_c 1', caseId: 'c 1', filingId: null }),
      ),
    ).toBe('/pages/org/confirmation/index?id=c%201')
    expect(decisionUrl(item({ kind: 'document_request', id: 'dr_c2', caseId: 'c2' }))).toBe(
      '/pages/org/document/index?id=c2',
    )
    expect(decisionUrl(item({ kind: 'document_request', caseId: null }))).toBe('')
    expect(decisionUrl(item({ kind: 'withdrawal_request', filingId: null }))).toBe('')
  })

  it('shows rows with China-time waiting, SLA text and a distinct overdue mark', () => {
    expect(queueRow(item())).toEqual({
      id: 'filing:fil_1',
      kindLabel: '在线立案',
      title: '（2026）商调字第 0007 号',
      waitingText: '提交于 2026-12-01 10:30',
      dueText: '剩余 6 天 23 小时',
      overdue: false,
      url: '/pages/org/filing/index?filingId=fil_1',
      claimText: '',
      claimMine: false,
    })
    const late = queueRow(
      item({ kind: 'identity_review', caseNumber: null, overdue: true, dueText: '已到期' }),
    )
    expect([late.title, late.dueText, late.overdue]).toEqual(['实名认证资料', '已超时', true])
    expect(queueRow(item({ caseNumber: null })).title).toBe('编号待生成')
  })

  it('keeps rows of different kinds with the same id apart', () => {
    const a = queueRow(item({ kind: 'filing', id: 'x' }))
    const b = queueRow(item({ kind: 'withdrawal_request', id: 'x' }))
    expect(a.id).not.toBe(b.id)
  })

  it('announces overdue items only when there are any', () => {
    expect(overdueBanner(0)).toBe('')
    expect(overdueBanner(3)).toBe('共 3 项已超过办理时限，请优先处理')
  })
})

describe('org queue: identity reviews someone is reviewing', () => {
  const identity = (claim: QueueItem['claim']) =>
    queueRow(
      item({
        kind: 'identity_review',
        kindLabel: '身份人工审核',
        id: 'idt_1',
        caseNumber: null,
        filingId: null,
        claim,
      }),
    )
  const expiresAt = '2026-12-01T02:42:00.000Z'

  it("tags another reviewer's claim with their masked name, and the caller's own as theirs", () => {
    expect(identity({ mine: false, reviewerName: '林*', expiresAt })).toMatchObject({
      claimText: '审核中：林*',
      claimMine: false,
    })
    expect(identity({ mine: true, reviewerName: '徐*', expiresAt })).toMatchObject({
      claimText: '我正在审核',
      claimMine: true,
    })
  })

  it('shows no tag when nobody is reviewing it', () => {
    expect(identity(null)).toMatchObject({ claimText: '', claimMine: false })
  })
})
