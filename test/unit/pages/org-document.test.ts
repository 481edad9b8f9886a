import { describe, expect, it } from 'vitest'
import { documentPanel, documentRejectError } from '../../../miniprogram/pages/org/document/logic'
import type { DocumentRequestView } from '../../../typings/api/mediationDocument'

function view(overrides: Partial<DocumentRequestView> = {}): DocumentRequestView {
  return {
    requestId: 'dr_c1',
    caseId: 'c1',
    caseNumber: '（2026）商调字第 0003 号',
    status: 'applied',
    statusLabel: '已申请',
    appliedByMe: false,
    allowedActions: ['start_processing', 'reject'],
    appliedAt: '2026-12-01T02:00:00.000Z',
    processingAt: null,
    documentNumber: null,
    documentFileId: null,
    issuedAt: null,
    rejectReason: null,
    ...overrides,
  }
}

describe('org document logic', () => {
  it('starts with processing or refusal, and issuing only once processing', () => {
    const applied = documentPanel(view())
    expect([applied.canProcess, applied.canIssue, applied.canReject, applied.issued]).toEqual([
      true,
      false,
      true,
      false,
    ])
    expect(applied.appliedText).toBe('2026-12-01 10:00')
    const processing = documentPanel(
      view({
        status: 'processing',
        processingAt: '2026-12-01T03:00:00.000Z',
        allowedActions: ['issue', 'reject'],
      }),
    )
    expect([processing.canProcess, processing.canIssue, processing.processingText]).toEqual([
      false,
      true,
      '2026-12-01 11:00',
    ])
  })

  it('shows the number of an issued document and offers nothing more', () => {
    const issued = documentPanel(
      view({
        status: 'issued',
        documentNumber: 'WS2026120001',
        issuedAt: '2026-12-02T00:00:00.000Z',
        allowedActions: [],
      }),
    )
    expect(issued).toMatchObject({
      issued: true,
      documentNumber: 'WS2026120001',
      canIssue: false,
      canReject: false,
      issuedText: '2026-12-02 08:00',
    })
  })

  it('requires the reason of a refusal', () => {
    expect(documentRejectError('')).toBe('请填写不予出具的原因')
    expect(documentRejectError('协议未生效')).toBe('')
  })
})
