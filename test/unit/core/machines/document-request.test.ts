import { describe, expect, it } from 'vitest'
import {
  documentRequestMachine as machine,
  type DocumentRequestCommand,
  type DocumentRequestEntity,
  type DocumentRequestStatus,
} from '../../../../miniprogram/core/machines/document-request'
import { transition } from '../../../../miniprogram/core/machines/machine'
import { exhaustive, NOW, type Expected } from './exhaustive'

const party = { kind: 'respondent', id: 'user-b' } as const
const staff = { kind: 'staff', id: 'staff-1' } as const

const fixtures: Record<DocumentRequestStatus, DocumentRequestEntity> = {
  applied: { status: 'applied', version: 0 },
  processing: { status: 'processing', version: 1, processingAt: new Date(NOW) },
  issued: { status: 'issued', version: 2, documentFileId: 'cloud://demo-local/doc.pdf' },
  rejected: { status: 'rejected', version: 2, rejectReason: '材料不全' },
  withdrawn: { status: 'withdrawn', version: 1 },
}

const reason = { reason: '未达成调解协议，不符合出具条件' }
const expected: Expected<DocumentRequestStatus, DocumentRequestCommand> = {
  applied: {
    start_processing: {
      by: staff,
      to: 'processing',
      events: ['document_request.processing_started'],
    },
    reject: { by: staff, input: reason, to: 'rejected', events: ['document_request.rejected'] },
    withdraw: {
      by: party,
      also: ['applicant', 'party'],
      to: 'withdrawn',
      events: ['document_request.withdrawn'],
    },
  },
  processing: {
    issue: {
      by: staff,
      input: { documentFileId: 'cloud://demo-local/doc.pdf' },
      to: 'issued',
      events: ['document_request.issued'],
    },
    reject: { by: staff, input: reason, to: 'rejected', events: ['document_request.rejected'] },
  },
  issued: {},
  rejected: {},
  withdrawn: {},
}

exhaustive(machine, fixtures, expected)

describe('document request: details', () => {
  it('issuing stores the file id and time', () => {
    const r = transition(machine, fixtures.processing, 'issue', staff, NOW, {
      documentFileId: 'cloud://x/y.pdf',
    })
    expect(r.ok && r.next).toMatchObject({
      documentFileId: 'cloud://x/y.pdf',
      issuedAt: new Date(NOW),
    })
    expect(r.ok && r.events[0]?.data).toEqual({ documentFileId: 'cloud://x/y.pdf' })
  })

  it('issuing without a file and rejecting without a reason are refused', () => {
    const noFile = transition(machine, fixtures.processing, 'issue', staff, NOW, {})
    expect(noFile.ok ? 'ok' : noFile.error).toEqual({
      code: 'INVALID_INPUT',
      message: '缺少调解书文件',
      field: 'documentFileId',
    })
    const noReason = transition(machine, fixtures.applied, 'reject', staff, NOW, { reason: '   ' })
    expect(noReason.ok ? 'ok' : noReason.error.code).toBe('INVALID_INPUT')
  })

  it('a rejection keeps its reason', () => {
    const r = transition(machine, fixtures.processing, 'reject', staff, NOW, reason)
    expect(r.ok && r.next.rejectReason).toBe(reason.reason)
  })
})
