import { describe, expect, it } from 'vitest'
import { DAY_MS } from '../../../../miniprogram/core/deadlines'
import {
  checkConfirmationEligibility,
  judicialConfirmationMachine as machine,
  NOT_COURT_CONFIRMABLE_MESSAGE,
  type ConfirmationCommand,
  type ConfirmationEntity,
  type ConfirmationStatus,
} from '../../../../miniprogram/core/machines/judicial-confirmation'
import { allowedCommands, transition } from '../../../../miniprogram/core/machines/machine'
import { exhaustive, NOW, type Expected } from './exhaustive'

const initiator = { kind: 'applicant', id: 'user-a' } as const
const other = { kind: 'respondent', id: 'user-b' } as const
const staff = { kind: 'staff', id: 'staff-1' } as const

const effectiveAt = new Date(NOW - 5 * DAY_MS)
function at(
  status: ConfirmationStatus,
  extra: Partial<ConfirmationEntity> = {},
): ConfirmationEntity {
  return {
    status,
    version: 2,
    initiatorId: 'user-a',
    agreementEffectiveAt: effectiveAt,
    courtConfirmable: true,
    ...extra,
  }
}
const fixtures: Record<ConfirmationStatus, ConfirmationEntity> = {
  initiated: at('initiated', { version: 0 }),
  awaiting_consent: at('awaiting_consent'),
  consent_refused: at('consent_refused'),
  submitted_to_org: at('submitted_to_org'),
  forwarded_to_court: at('forwarded_to_court'),
  confirmed: at('confirmed'),
  dismissed: at('dismissed'),
  cancelled: at('cancelled'),
}
const PARTY_KINDS = ['applicant', 'respondent', 'party'] as const

const expected: Expected<ConfirmationStatus, ConfirmationCommand> = {
  initiated: {
    request_consent: {
      by: initiator,
      also: PARTY_KINDS.slice(1),
      to: 'awaiting_consent',
      events: ['confirmation.consent_requested'],
    },
    cancel: {
      by: initiator,
      also: PARTY_KINDS.slice(1),
      to: 'cancelled',
      events: ['confirmation.cancelled'],
    },
  },
  awaiting_consent: {
    consent: {
      by: other,
      also: ['applicant', 'party'],
      to: 'submitted_to_org',
      events: ['confirmation.consented', 'confirmation.submitted_to_org'],
    },
    refuse_consent: {
      by: other,
      also: ['applicant', 'party'],
      to: 'consent_refused',
      events: ['confirmation.consent_refused'],
    },
    cancel: {
      by: initiator,
      also: PARTY_KINDS.slice(1),
      to: 'cancelled',
      events: ['confirmation.cancelled'],
    },
  },
  consent_refused: {},
  submitted_to_org: {
    forward_to_court: {
      by: staff,
      input: { courtName: '南阳市宛城区人民法院' },
      to: 'forwarded_to_court',
      events: ['confirmation.forwarded_to_court'],
    },
  },
  forwarded_to_court: {
    confirm: {
      by: staff,
      input: { rulingNumber: '(2026)豫1302民特123号' },
      to: 'confirmed',
      events: ['confirmation.confirmed'],
    },
    dismiss: {
      by: staff,
      input: { reason: '协议内容违反法律强制性规定' },
      to: 'dismissed',
      events: ['confirmation.dismissed'],
    },
  },
  confirmed: {},
  dismissed: {},
  cancelled: {},
}

exhaustive(machine, fixtures, expected)

function code(r: { ok: boolean; error?: { code: string } }): string {
  return r.ok ? 'ok' : (r.error?.code ?? 'missing')
}

describe('judicial confirmation: the 30-day window', () => {
  const closes = effectiveAt.getTime() + 30 * DAY_MS

  it('is open until one millisecond before effectiveAt + 30 days', () => {
    expect(
      code(transition(machine, fixtures.initiated, 'request_consent', initiator, closes - 1)),
    ).toBe('ok')
    expect(code(transition(machine, fixtures.awaiting_consent, 'consent', other, closes - 1))).toBe(
      'ok',
    )
  })

  it('closes exactly at effectiveAt + 30 days, for both steps', () => {
    const r = transition(machine, fixtures.initiated, 'request_consent', initiator, closes)
    expect(r.ok ? 'ok' : r.error).toEqual({
      code: 'CONFIRMATION_WINDOW_CLOSED',
      message: '已超过调解协议生效之日起 30 日的司法确认申请期限',
    })
    expect(code(transition(machine, fixtures.awaiting_consent, 'consent', other, closes))).toBe(
      'CONFIRMATION_WINDOW_CLOSED',
    )
    expect(allowedCommands(machine, fixtures.awaiting_consent, other, closes)).toEqual([
      'refuse_consent',
    ])
  })

  it('refuses an agreement that is not effective yet', () => {
    const notYet = at('initiated', { agreementEffectiveAt: NOW + 1 })
    expect(code(transition(machine, notYet, 'request_consent', initiator, NOW))).toBe(
      'CONFIRMATION_NOT_EFFECTIVE',
    )
    const missing = at('initiated', { agreementEffectiveAt: undefined as never })
    expect(code(transition(machine, missing, 'request_consent', initiator, NOW))).toBe(
      'CONFIRMATION_NOT_EFFECTIVE',
    )
  })
})

describe('judicial confirmation: parties and dispute types', () => {
  it('gives a clear refusal for dispute types a court will not confirm', () => {
    const ip = at('initiated', { courtConfirmable: false })
    const r = transition(machine, ip, 'request_consent', initiator, NOW)
    expect(r.ok ? 'ok' : r.error).toEqual({
      code: 'NOT_COURT_CONFIRMABLE',
      message: NOT_COURT_CONFIRMABLE_MESSAGE,
    })
    expect(checkConfirmationEligibility(ip, NOW)?.code).toBe('NOT_COURT_CONFIRMABLE')
    expect(checkConfirmationEligibility(fixtures.initiated, NOW)).toBeUndefined()
  })

  it('only the initiator requests consent or cancels; only the other party consents', () => {
    expect(code(transition(machine, fixtures.initiated, 'request_consent', other, NOW))).toBe(
      'NOT_INITIATOR',
    )
    expect(code(transition(machine, fixtures.awaiting_consent, 'cancel', other, NOW))).toBe(
      'NOT_INITIATOR',
    )
    expect(code(transition(machine, fixtures.awaiting_consent, 'consent', initiator, NOW))).toBe(
      'CONSENT_BY_INITIATOR',
    )
    expect(
      code(transition(machine, fixtures.awaiting_consent, 'refuse_consent', initiator, NOW)),
    ).toBe('CONSENT_BY_INITIATOR')
  })

  it('records consent and submission to the organisation', () => {
    const r = transition(machine, fixtures.awaiting_consent, 'consent', other, NOW)
    expect(r.ok && r.next).toMatchObject({ consentedBy: 'user-b', submittedAt: new Date(NOW) })
  })

  it('labels the organisation step as a relay to the court', () => {
    expect(machine.stateLabels.submitted_to_org).toBe('已提交至工商联，待转交人民法院')
  })

  it('court steps need their details', () => {
    expect(
      code(transition(machine, fixtures.submitted_to_org, 'forward_to_court', staff, NOW, {})),
    ).toBe('INVALID_INPUT')
    expect(
      code(
        transition(machine, fixtures.forwarded_to_court, 'confirm', staff, NOW, {
          rulingNumber: '',
        }),
      ),
    ).toBe('INVALID_INPUT')
    expect(code(transition(machine, fixtures.forwarded_to_court, 'dismiss', staff, NOW, 'x'))).toBe(
      'INVALID_INPUT',
    )
  })
})
