import { describe, expect, it } from 'vitest'
import {
  IDENTITY_STATUS_LABELS,
  identityMachine,
  type IdentityEntity,
  type IdentityStatus,
} from '../../../../miniprogram/core/machines/identity'
import { transition } from '../../../../miniprogram/core/machines/machine'
import { exhaustive, NOW, type Expected } from './exhaustive'

const user = { kind: 'party', id: 'user-1' } as const
const staff = { kind: 'staff', id: 'staff-1' } as const
const system = { kind: 'system', id: 'verifyIdentity' } as const

const fixtures: Record<IdentityStatus, IdentityEntity> = {
  unverified: { status: 'unverified', version: 0 },
  face_pending: { status: 'face_pending', version: 1, faceStartedAt: new Date(NOW - 60_000) },
  manual_pending: { status: 'manual_pending', version: 2, manualSubmittedAt: new Date(NOW) },
  verified: { status: 'verified', version: 3, method: 'face', verifiedAt: new Date(NOW) },
  rejected: { status: 'rejected', version: 3, rejectReason: '证件照片不清晰' },
}

const expected: Expected<IdentityStatus, (typeof identityMachine.commands)[number]> = {
  unverified: {
    start_face: { by: user, to: 'face_pending', events: ['identity.face_started'] },
    submit_manual: { by: user, to: 'manual_pending', events: ['identity.manual_submitted'] },
  },
  face_pending: {
    start_face: { by: user, to: 'face_pending', events: ['identity.face_started'] },
    face_passed: { by: system, to: 'verified', events: ['identity.verified'] },
    face_failed: {
      by: system,
      input: { reason: '人脸与证件不一致' },
      to: 'unverified',
      events: ['identity.face_failed'],
    },
    submit_manual: { by: user, to: 'manual_pending', events: ['identity.manual_submitted'] },
  },
  manual_pending: {
    approve: { by: staff, to: 'verified', events: ['identity.verified'] },
    reject: {
      by: staff,
      input: { reason: '证件照片不清晰' },
      to: 'rejected',
      events: ['identity.rejected'],
    },
  },
  verified: {
    delete: { by: user, to: 'unverified', events: ['identity.deleted'] },
  },
  rejected: {
    submit_manual: { by: user, to: 'manual_pending', events: ['identity.manual_submitted'] },
    delete: { by: user, to: 'unverified', events: ['identity.deleted'] },
  },
}

exhaustive(identityMachine, fixtures, expected)

describe('identity: fields and reasons', () => {
  it('labels every state in Chinese', () => {
    expect(IDENTITY_STATUS_LABELS.manual_pending).toBe('人工审核中')
    for (const s of identityMachine.states)
      expect(identityMachine.stateLabels[s]).toMatch(/\p{Script=Han}/u)
  })

  it('face success records the method and time', () => {
    const r = transition(identityMachine, fixtures.face_pending, 'face_passed', system, NOW)
    expect(r.ok && r.next).toMatchObject({ method: 'face', verifiedAt: new Date(NOW), version: 2 })
  })

  it('face failure returns to unverified with the reason', () => {
    const r = transition(identityMachine, fixtures.face_pending, 'face_failed', system, NOW, {
      reason: ' 人脸与证件不一致 ',
    })
    expect(r.ok && r.next).toMatchObject({
      status: 'unverified',
      failureReason: '人脸与证件不一致',
    })
    expect(r.ok && r.events[0]?.data).toEqual({ reason: '人脸与证件不一致' })
  })

  it('a rejection needs a reason, and resubmitting clears it', () => {
    const none = transition(identityMachine, fixtures.manual_pending, 'reject', staff, NOW, {})
    expect(none).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请填写驳回原因', field: 'reason' },
    })
    const rejected = transition(identityMachine, fixtures.manual_pending, 'reject', staff, NOW, {
      reason: '证件照片不清晰',
    })
    if (!rejected.ok) throw new Error(rejected.error.code)
    expect(rejected.next.rejectReason).toBe('证件照片不清晰')
    const again = transition(identityMachine, rejected.next, 'submit_manual', user, NOW + 1000)
    expect(again.ok && again.next).toMatchObject({ status: 'manual_pending', rejectReason: null })
  })

  it('delete clears the verification so the user can verify again', () => {
    const r = transition(identityMachine, fixtures.verified, 'delete', user, NOW)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.next).toMatchObject({ status: 'unverified', method: null, verifiedAt: null })
    const retry = transition(identityMachine, r.next, 'start_face', user, NOW)
    expect(retry.ok && retry.next.status).toBe('face_pending')
  })

  it('an over-long reason is refused', () => {
    const r = transition(identityMachine, fixtures.manual_pending, 'reject', staff, NOW, {
      reason: '长'.repeat(501),
    })
    expect(r.ok ? 'ok' : r.error.code).toBe('INVALID_INPUT')
  })
})
