import { describe, expect, it } from 'vitest'
import { documentScreen, statusRows } from '../../../miniprogram/pages/case/document/logic'
import type { DocumentRequestView } from '../../../typings/api/mediationDocument'

function request(over: Partial<DocumentRequestView> = {}): DocumentRequestView {
  return {
    requestId: 'd1',
    caseId: 'c1',
    caseNumber: '（2026）工商调字第00001号',
    status: 'applied',
    statusLabel: '已申请',
    appliedByMe: true,
    allowedActions: ['withdraw'],
    appliedAt: '2026-12-01T02:00:00Z',
    processingAt: null,
    documentNumber: null,
    documentFileId: null,
    issuedAt: null,
    rejectReason: null,
    ...over,
  }
}

describe('调解书 screen', () => {
  it('offers to apply when nothing was applied', () => {
    const s = documentScreen(null)
    expect(s.canApply).toBe(true)
    expect(s.hasRequest).toBe(false)
    expect(s.statusLabel).toBe('未申请')
    expect(s.issued).toBe(false)
  })

  it('after applying: the status, when, and withdraw while allowed', () => {
    const s = documentScreen(request())
    expect(s.canApply).toBe(false)
    expect(s.statusLabel).toBe('已申请')
    expect(s.rows).toEqual([{ title: '申请时间', note: '2026年12月1日 10:00' }])
    expect(s.canWithdraw).toBe(true)
    expect(s.hint).toContain('工作人员')
  })

  it('once issued: the number, the time and the download entry', () => {
    const s = documentScreen(
      request({
        status: 'issued',
        statusLabel: '已出具',
        allowedActions: [],
        processingAt: '2026-12-01T03:00:00Z',
        documentNumber: 'WS2026000001',
        documentFileId: 'cloud://x/doc.pdf',
        issuedAt: '2026-12-01T04:00:00Z',
      }),
    )
    expect(s.issued).toBe(true)
    expect(s.statusTheme).toBe('success')
    expect(s.canWithdraw).toBe(false)
    expect(s.issuedText).toBe('调解书 WS2026000001 已于 2026年12月1日 12:00 出具')
    expect(s.rows.map((r) => r.title)).toEqual(['申请时间', '开始办理', '调解书编号', '出具时间'])
  })

  it('shows why the organisation refused', () => {
    const rows = statusRows(
      request({ status: 'rejected', statusLabel: '未予出具', rejectReason: '协议内容需补正' }),
    )
    expect(rows[rows.length - 1]).toEqual({ title: '未予出具原因', note: '协议内容需补正' })
    expect(documentScreen(request({ status: 'rejected', allowedActions: [] })).statusTheme).toBe(
      'danger',
    )
  })
})
