import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../miniprogram/core/deadlines'
import { allowedCommands, transition } from '../../../../miniprogram/core/machines/machine'
import {
  canTransferToFiling,
  caseMediationDeadline,
  mediationCaseMachine as machine,
  type CaseCommand,
  type CaseStatus,
  type MediationCaseEntity,
} from '../../../../miniprogram/core/machines/mediation-case'
import { exhaustive, NOW, type Expected } from './exhaustive'

const applicant = { kind: 'applicant', id: 'user-a' } as const
const respondent = { kind: 'respondent', id: 'user-b' } as const
const mediator = { kind: 'mediator', id: 'med-1' } as const
const staff = { kind: 'staff', id: 'staff-1' } as const
const system = { kind: 'system', id: 'deadlines' } as const

const pending = {
  days: 10,
  requestedBy: 'applicant',
  requestedAt: new Date(NOW - DAY_MS),
  consents: ['applicant'],
} as const

function running(
  status: CaseStatus,
  extra: Partial<MediationCaseEntity> = {},
): MediationCaseEntity {
  return {
    status,
    version: 5,
    mediationDays: 30,
    mediatorId: 'med-1',
    acceptedAt: new Date(NOW - 10 * DAY_MS),
    extensionRequest: pending,
    ...extra,
  }
}

const fixtures: Record<CaseStatus, MediationCaseEntity> = {
  draft: { status: 'draft', version: 0, mediationDays: 30 },
  submitted: { status: 'submitted', version: 1, submittedAt: new Date(NOW - DAY_MS) },
  awaiting_respondent: { status: 'awaiting_respondent', version: 2 },
  awaiting_mediator: {
    status: 'awaiting_mediator',
    version: 3,
    mediatorId: 'med-1',
    declinedMediatorIds: ['med-0'],
  },
  accepted: running('accepted'),
  mediating: running('mediating'),
  agreement_drafted: running('agreement_drafted', { agreementId: 'agr-1' }),
  signing: running('signing', { agreementId: 'agr-1' }),
  settled: { status: 'settled', version: 9, settledAt: new Date(NOW) },
  closed_without_agreement: {
    status: 'closed_without_agreement',
    version: 9,
    closeReason: { kind: 'expired', by: 'system', note: null },
  },
}

const closed = 'closed_without_agreement'
const reason = { reason: '双方分歧过大' }

function runningCells(status: CaseStatus) {
  return {
    request_extension: {
      by: respondent,
      also: ['applicant', 'mediator'],
      entity: running(status, { extensionRequest: null }),
      input: { days: 15 },
      to: status,
      events: ['case.extension_requested'],
    },
    consent_extension: {
      by: respondent,
      also: ['applicant'],
      to: status,
      events: ['case.extension_consented', 'case.extended'],
    },
    decline_extension: {
      by: respondent,
      also: ['applicant'],
      to: status,
      events: ['case.extension_declined'],
    },
    end_by_party: {
      by: respondent,
      also: ['applicant'],
      to: closed,
      events: ['case.ended_by_party'],
    },
    close_failed: { by: mediator, input: reason, to: closed, events: ['case.closed_failed'] },
    terminate: {
      by: mediator,
      also: ['staff'],
      input: reason,
      to: closed,
      events: ['case.terminated'],
    },
    expire: {
      by: system,
      entity: running(status, { acceptedAt: new Date(NOW - 30 * DAY_MS) }),
      to: closed,
      events: ['case.expired'],
    },
  } as const
}

const expected: Expected<CaseStatus, CaseCommand> = {
  draft: {
    submit: { by: applicant, to: 'submitted', events: ['case.submitted'] },
  },
  submitted: {
    invite_respondent: {
      by: system,
      also: ['staff'],
      to: 'awaiting_respondent',
      events: ['case.respondent_invited'],
    },
    withdraw: { by: applicant, to: closed, events: ['case.withdrawn'] },
    terminate: { by: staff, input: reason, to: closed, events: ['case.terminated'] },
  },
  awaiting_respondent: {
    respondent_consent: {
      by: respondent,
      to: 'awaiting_mediator',
      events: ['case.respondent_consented'],
    },
    respondent_decline: { by: respondent, to: closed, events: ['case.respondent_declined'] },
    withdraw: { by: applicant, to: closed, events: ['case.withdrawn'] },
    terminate: { by: staff, input: reason, to: closed, events: ['case.terminated'] },
  },
  awaiting_mediator: {
    choose_mediator: {
      by: applicant,
      input: { mediatorId: 'med-2' },
      to: 'awaiting_mediator',
      events: ['case.mediator_chosen'],
    },
    mediator_accept: { by: mediator, to: 'accepted', events: ['case.mediator_accepted'] },
    mediator_decline: {
      by: mediator,
      to: 'awaiting_mediator',
      events: ['case.mediator_declined'],
    },
    withdraw: { by: applicant, to: closed, events: ['case.withdrawn'] },
    terminate: { by: staff, input: reason, to: closed, events: ['case.terminated'] },
  },
  accepted: {
    start_mediating: { by: mediator, to: 'mediating', events: ['case.mediation_started'] },
    ...runningCells('accepted'),
  },
  mediating: {
    draft_agreement: {
      by: mediator,
      input: { agreementId: 'agr-1' },
      to: 'agreement_drafted',
      events: ['case.agreement_drafted'],
    },
    ...runningCells('mediating'),
  },
  agreement_drafted: {
    send_for_signing: { by: mediator, to: 'signing', events: ['case.signing_started'] },
    ...runningCells('agreement_drafted'),
  },
  signing: {
    all_signed: { by: system, to: 'settled', events: ['case.settled'] },
    ...runningCells('signing'),
  },
  settled: {},
  closed_without_agreement: {},
}

exhaustive(machine, fixtures, expected)

function code(r: { ok: boolean; error?: { code: string } }): string {
  return r.ok ? 'ok' : (r.error?.code ?? 'missing')
}

function ok<T>(r: { ok: true; next: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code)
  return r.next
}

describe('case: mediator choice and acceptance', () => {
  it('a mediator who declined cannot be chosen again', () => {
    const r = transition(machine, fixtures.awaiting_mediator, 'choose_mediator', applicant, NOW, {
      mediatorId: 'med-0',
    })
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'MEDIATOR_DECLINED', field: 'mediatorId' })
  })

  it('decline returns to choosing and remembers the mediator', () => {
    const next = ok(
      transition(machine, fixtures.awaiting_mediator, 'mediator_decline', mediator, NOW, {
        reason: '时间冲突',
      }),
    )
    expect(next).toMatchObject({ mediatorId: null, declinedMediatorIds: ['med-0', 'med-1'] })
    expect(code(transition(machine, next, 'mediator_accept', mediator, NOW))).toBe(
      'MEDIATOR_NOT_CHOSEN',
    )
  })

  it('only the chosen mediator may accept', () => {
    const other = { kind: 'mediator', id: 'med-9' } as const
    expect(
      code(transition(machine, fixtures.awaiting_mediator, 'mediator_accept', other, NOW)),
    ).toBe('NOT_ASSIGNED_MEDIATOR')
    expect(allowedCommands(machine, fixtures.awaiting_mediator, other, NOW)).toEqual([])
    expect(code(transition(machine, fixtures.mediating, 'close_failed', other, NOW, reason))).toBe(
      'NOT_ASSIGNED_MEDIATOR',
    )
  })

  it('acceptance starts the mediation clock', () => {
    const next = ok(
      transition(machine, fixtures.awaiting_mediator, 'mediator_accept', mediator, NOW),
    )
    expect(next.acceptedAt).toEqual(new Date(NOW))
    expect(caseMediationDeadline(next)).toEqual({ ok: true, value: NOW + 30 * DAY_MS })
    expect(code(caseMediationDeadline(fixtures.submitted))).toBe('NOT_ACCEPTED')
  })

  it('choose requires a mediator id', () => {
    const r = transition(machine, fixtures.awaiting_mediator, 'choose_mediator', applicant, NOW, {})
    expect(r.ok ? 'ok' : r.error).toMatchObject({ code: 'INVALID_INPUT', field: 'mediatorId' })
  })
})

describe('case: closing without agreement unlocks filing', () => {
  it('records the close reason kind, who and why', () => {
    const next = ok(
      transition(machine, fixtures.awaiting_respondent, 'respondent_decline', respondent, NOW, {
        reason: '不同意调解',
      }),
    )
    expect(next.closeReason).toEqual({
      kind: 'respondent_declined',
      by: 'respondent',
      note: '不同意调解',
    })
    expect(next.closedAt).toEqual(new Date(NOW))
    expect(canTransferToFiling(next)).toBe(true)
  })

  it('withdrawal is only before acceptance', () => {
    expect(code(transition(machine, fixtures.accepted, 'withdraw', applicant, NOW))).toBe(
      'INVALID_TRANSITION',
    )
    const next = ok(transition(machine, fixtures.mediating, 'end_by_party', applicant, NOW))
    expect(next.closeReason).toEqual({ kind: 'party_ended', by: 'applicant', note: null })
  })

  it('mediator close and termination need a reason', () => {
    expect(code(transition(machine, fixtures.mediating, 'close_failed', mediator, NOW, {}))).toBe(
      'INVALID_INPUT',
    )
    const next = ok(transition(machine, fixtures.mediating, 'terminate', staff, NOW, reason))
    expect(next.closeReason).toEqual({ kind: 'terminated', by: 'staff', note: '双方分歧过大' })
  })

  it('settled and open cases cannot go to filing', () => {
    expect(canTransferToFiling(fixtures.settled)).toBe(false)
    expect(canTransferToFiling(fixtures.mediating)).toBe(false)
  })
})

describe('case: expiry and extension', () => {
  const base = running('mediating', { extensionRequest: null })

  it('expires exactly at the end of the period, not a millisecond earlier', () => {
    const end = NOW - 10 * DAY_MS + 30 * DAY_MS
    expect(code(transition(machine, base, 'expire', system, end - 1))).toBe('NOT_EXPIRED')
    expect(allowedCommands(machine, base, system, end - 1)).toEqual([])
    const next = ok(transition(machine, base, 'expire', system, end))
    expect(next.closeReason).toEqual({ kind: 'expired', by: 'system', note: null })
  })

  it('an extension applies only after both parties consent', () => {
    const requested = ok(
      transition(machine, base, 'request_extension', applicant, NOW, { days: 20 }),
    )
    expect(requested.extensionRequest).toMatchObject({ days: 20, consents: ['applicant'] })
    expect(code(transition(machine, requested, 'consent_extension', applicant, NOW))).toBe(
      'ALREADY_CONSENTED',
    )
    const agreed = ok(transition(machine, requested, 'consent_extension', respondent, NOW))
    expect(agreed).toMatchObject({ extendedDays: 20, extensionRequest: null })
    expect(caseMediationDeadline(agreed)).toEqual({
      ok: true,
      value: NOW - 10 * DAY_MS + 50 * DAY_MS,
    })
  })

  it('a mediator request needs both parties, in either order', () => {
    const requested = ok(transition(machine, base, 'request_extension', mediator, NOW, { days: 5 }))
    expect(requested.extensionRequest?.consents).toEqual([])
    const one = transition(machine, requested, 'consent_extension', respondent, NOW)
    expect(one.ok && one.events.map((e) => e.type)).toEqual(['case.extension_consented'])
    const two = ok(transition(machine, ok(one), 'consent_extension', applicant, NOW))
    expect(two.extendedDays).toBe(5)
  })

  it('caps the whole period at 60 days', () => {
    expect(code(transition(machine, base, 'request_extension', applicant, NOW, { days: 31 }))).toBe(
      'EXTENSION_LIMIT',
    )
    const full = { ...base, extendedDays: 30 }
    expect(code(transition(machine, full, 'request_extension', applicant, NOW, { days: 1 }))).toBe(
      'EXTENSION_LIMIT',
    )
    expect(allowedCommands(machine, full, applicant, NOW)).not.toContain('request_extension')
    const org45 = { ...base, mediationDays: 45 }
    expect(
      code(transition(machine, org45, 'request_extension', applicant, NOW, { days: 15 })),
    ).toBe('ok')
    expect(
      code(transition(machine, org45, 'request_extension', applicant, NOW, { days: 16 })),
    ).toBe('EXTENSION_LIMIT')
  })

  it('refuses bad extension days and a second pending request', () => {
    for (const days of [0, -1, 1.5, '5', undefined]) {
      expect(code(transition(machine, base, 'request_extension', applicant, NOW, { days }))).toBe(
        'INVALID_EXTENSION_DAYS',
      )
    }
    expect(
      code(
        transition(machine, fixtures.mediating, 'request_extension', applicant, NOW, { days: 3 }),
      ),
    ).toBe('EXTENSION_PENDING')
  })

  it('no extension once the period has run out', () => {
    const late = NOW + 20 * DAY_MS
    expect(code(transition(machine, base, 'request_extension', applicant, late, { days: 3 }))).toBe(
      'MEDIATION_EXPIRED',
    )
    expect(
      code(transition(machine, fixtures.mediating, 'consent_extension', respondent, late)),
    ).toBe('MEDIATION_EXPIRED')
  })

  it('declining clears the request; consenting without one is refused', () => {
    const cleared = ok(
      transition(machine, fixtures.mediating, 'decline_extension', respondent, NOW),
    )
    expect(cleared.extensionRequest).toBeNull()
    expect(code(transition(machine, cleared, 'consent_extension', respondent, NOW))).toBe(
      'NO_EXTENSION_REQUEST',
    )
  })
})
