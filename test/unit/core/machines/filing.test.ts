import { describe, expect, it } from 'vitest'
import {
  filingMachine as machine,
  type FilingCommand,
  type FilingEntity,
  type FilingStatus,
} from '../../../../miniprogram/core/machines/filing'
import { allowedCommands, transition } from '../../../../miniprogram/core/machines/machine'
import { exhaustive, NOW, type Expected } from './exhaustive'

const party = { kind: 'applicant', id: 'user-a' } as const
const staff = { kind: 'staff', id: 'staff-1' } as const
const PARTIES = ['respondent', 'party'] as const

const fixtures: Record<FilingStatus, FilingEntity> = {
  draft: { status: 'draft', version: 0 },
  submitted: { status: 'submitted', version: 1, organisationId: 'org-1' },
  accepted: { status: 'accepted', version: 2, filingNumber: 'F2026-001' },
  rejected: { status: 'rejected', version: 2, rejectReason: '缺少证据清单' },
  withdrawal_requested: { status: 'withdrawal_requested', version: 3 },
  withdrawn: { status: 'withdrawn', version: 3 },
}

const expected: Expected<FilingStatus, FilingCommand> = {
  draft: {
    submit: {
      by: party,
      also: PARTIES,
      input: { organisationId: 'org-1' },
      to: 'submitted',
      events: ['filing.submitted'],
    },
  },
  submitted: {
    accept: {
      by: staff,
      input: { filingNumber: 'F2026-001' },
      to: 'accepted',
      events: ['filing.accepted'],
    },
    reject: {
      by: staff,
      input: { reason: '缺少证据清单' },
      to: 'rejected',
      events: ['filing.rejected'],
    },
    withdraw: { by: party, also: PARTIES, to: 'withdrawn', events: ['filing.withdrawn'] },
  },
  accepted: {
    withdraw: {
      by: party,
      also: PARTIES,
      input: { reason: '已和解' },
      to: 'withdrawal_requested',
      events: ['filing.withdrawal_requested'],
    },
  },
  rejected: {
    resubmit: { by: party, also: PARTIES, to: 'submitted', events: ['filing.resubmitted'] },
    withdraw: { by: party, also: PARTIES, to: 'withdrawn', events: ['filing.withdrawn'] },
  },
  withdrawal_requested: {
    grant_withdrawal: { by: staff, to: 'withdrawn', events: ['filing.withdrawal_granted'] },
    refuse_withdrawal: {
      by: staff,
      input: { reason: '涉及他人利益' },
      to: 'accepted',
      events: ['filing.withdrawal_refused'],
    },
  },
  withdrawn: {},
}

exhaustive(machine, fixtures, expected)

function ok<T>(r: { ok: true; next: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code)
  return r.next
}

describe('filing: lifecycle', () => {
  it('a rejected filing can be corrected and resubmitted, then accepted', () => {
    const rejected = ok(
      transition(machine, fixtures.submitted, 'reject', staff, NOW, { reason: '缺少证据清单' }),
    )
    expect(rejected.rejectReason).toBe('缺少证据清单')
    const again = ok(transition(machine, rejected, 'resubmit', party, NOW + 1000))
    expect(again).toMatchObject({
      status: 'submitted',
      rejectReason: null,
      submittedAt: new Date(NOW + 1000),
    })
    const accepted = ok(
      transition(machine, again, 'accept', staff, NOW + 2000, { filingNumber: 'F2026-7' }),
    )
    expect(accepted).toMatchObject({ filingNumber: 'F2026-7', acceptedAt: new Date(NOW + 2000) })
  })

  it('withdrawal takes effect at once before acceptance', () => {
    const done = ok(transition(machine, fixtures.submitted, 'withdraw', party, NOW))
    expect(done).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: new Date(NOW),
      withdrawalReason: null,
    })
  })

  it('after acceptance it is only a request, which staff grant or refuse', () => {
    const requested = ok(
      transition(machine, fixtures.accepted, 'withdraw', party, NOW, { reason: '已和解' }),
    )
    expect(requested).toMatchObject({ status: 'withdrawal_requested', withdrawalReason: '已和解' })
    expect(allowedCommands(machine, requested, party, NOW)).toEqual([])
    expect(allowedCommands(machine, requested, staff, NOW)).toEqual([
      'grant_withdrawal',
      'refuse_withdrawal',
    ])
    const refused = ok(
      transition(machine, requested, 'refuse_withdrawal', staff, NOW, { reason: '涉及他人利益' }),
    )
    expect(refused).toMatchObject({
      status: 'accepted',
      withdrawalRefusedReason: '涉及他人利益',
      filingNumber: 'F2026-001',
    })
    const granted = ok(transition(machine, requested, 'grant_withdrawal', staff, NOW))
    expect(granted.withdrawnAt).toEqual(new Date(NOW))
  })

  it('submission needs the organisation; acceptance needs the filing number', () => {
    const a = transition(machine, fixtures.draft, 'submit', party, NOW, {})
    expect(a.ok ? 'ok' : a.error).toMatchObject({ code: 'INVALID_INPUT', field: 'organisationId' })
    const b = transition(machine, fixtures.submitted, 'accept', staff, NOW, {
      filingNumber: 'has space',
    })
    expect(b.ok ? 'ok' : b.error).toMatchObject({ code: 'INVALID_INPUT', field: 'filingNumber' })
  })
})
