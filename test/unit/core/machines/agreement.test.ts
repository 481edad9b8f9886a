import { describe, expect, it } from 'vitest'
import {
  agreementMachine as machine,
  isFullySigned,
  pendingSigners,
  type AgreementCommand,
  type AgreementEntity,
  type AgreementSignature,
  type AgreementStatus,
} from '../../../../miniprogram/core/machines/agreement'
import { allowedCommands, transition } from '../../../../miniprogram/core/machines/machine'
import { exhaustive, NOW, type Expected } from './exhaustive'

const partyA = { kind: 'applicant', id: 'user-a' } as const
const partyB = { kind: 'respondent', id: 'user-b' } as const
const mediator = { kind: 'mediator', id: 'med-1' } as const

const signers = [
  { id: 'user-a', role: 'party' },
  { id: 'user-b', role: 'party' },
  { id: 'med-1', role: 'mediator' },
] as const

function sig(signerId: string, role: 'party' | 'mediator', revision = 2): AgreementSignature {
  return { signerId, role, revision, hash: 'h2', signedAt: new Date(NOW - 1000) }
}

const draft: AgreementEntity = {
  status: 'draft',
  version: 1,
  revision: 1,
  contentHash: 'h1',
  signers,
  signatures: [],
}
const signing: AgreementEntity = {
  status: 'signing',
  version: 3,
  revision: 2,
  contentHash: 'h2',
  signers,
  signatures: [sig('med-1', 'mediator')],
}
const fixtures: Record<AgreementStatus, AgreementEntity> = {
  draft,
  signing,
  effective: {
    ...signing,
    status: 'effective',
    signatures: [sig('med-1', 'mediator'), sig('user-a', 'party'), sig('user-b', 'party')],
    effectiveAt: new Date(NOW),
  },
}

const expected: Expected<AgreementStatus, AgreementCommand> = {
  draft: {
    revise: {
      by: mediator,
      input: { contentHash: 'h1b' },
      to: 'draft',
      events: ['agreement.revised'],
    },
    send_for_signing: { by: mediator, to: 'signing', events: ['agreement.signing_started'] },
  },
  signing: {
    revise: {
      by: mediator,
      input: { contentHash: 'h3' },
      to: 'signing',
      events: ['agreement.revised', 'agreement.signatures_voided'],
    },
    sign: {
      by: partyA,
      also: ['respondent', 'party', 'mediator'],
      input: { revision: 2, hash: 'h2' },
      to: 'signing',
      events: ['agreement.signed'],
    },
  },
  effective: {},
}

exhaustive(machine, fixtures, expected)

function ok<T>(r: { ok: true; next: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code)
  return r.next
}
function code(r: { ok: boolean; error?: { code: string } }): string {
  return r.ok ? 'ok' : (r.error?.code ?? 'missing')
}
const current = { revision: 2, hash: 'h2' }

describe('agreement: signing', () => {
  it('becomes effective exactly with the last required signature', () => {
    const afterA = ok(transition(machine, signing, 'sign', partyA, NOW, current))
    expect(afterA.status).toBe('signing')
    expect(isFullySigned(afterA)).toBe(false)
    expect(pendingSigners(afterA)).toEqual([{ id: 'user-b', role: 'party' }])
    const r = transition(machine, afterA, 'sign', partyB, NOW + 5, current)
    if (!r.ok) throw new Error(r.error.code)
    expect(r.next).toMatchObject({ status: 'effective', effectiveAt: new Date(NOW + 5) })
    expect(r.events.map((e) => e.type)).toEqual(['agreement.signed', 'agreement.effective'])
    expect(allowedCommands(machine, r.next, partyA, NOW)).toEqual([])
  })

  it('gives the same result whichever party signs first', () => {
    const ab = ok(
      transition(
        machine,
        ok(transition(machine, signing, 'sign', partyA, NOW, current)),
        'sign',
        partyB,
        NOW,
        current,
      ),
    )
    const ba = ok(
      transition(
        machine,
        ok(transition(machine, signing, 'sign', partyB, NOW, current)),
        'sign',
        partyA,
        NOW,
        current,
      ),
    )
    expect(ab).toEqual(ba)
    expect(ab.status).toBe('effective')
    expect(ab.signatures.map((s) => s.signerId)).toEqual(['med-1', 'user-a', 'user-b'])
  })

  it('the mediator signature is required too', () => {
    const noMediator = { ...signing, signatures: [] }
    const a = ok(transition(machine, noMediator, 'sign', partyA, NOW, current))
    const b = ok(transition(machine, a, 'sign', partyB, NOW, current))
    expect(b.status).toBe('signing')
    const m = ok(transition(machine, b, 'sign', mediator, NOW, current))
    expect(m.status).toBe('effective')
  })

  it('refuses a second signature by the same signer', () => {
    const r = transition(machine, signing, 'sign', mediator, NOW, current)
    expect(code(r)).toBe('ALREADY_SIGNED')
    expect(allowedCommands(machine, signing, mediator, NOW)).toEqual(['revise'])
  })

  it('refuses an outdated revision or a different hash', () => {
    expect(
      code(transition(machine, signing, 'sign', partyA, NOW, { revision: 1, hash: 'h2' })),
    ).toBe('STALE_REVISION')
    expect(
      code(transition(machine, signing, 'sign', partyA, NOW, { revision: 2, hash: 'h1' })),
    ).toBe('HASH_MISMATCH')
    expect(
      code(transition(machine, signing, 'sign', partyA, NOW, { revision: '2', hash: 'h2' })),
    ).toBe('INVALID_INPUT')
    expect(code(transition(machine, signing, 'sign', partyA, NOW, null))).toBe('INVALID_INPUT')
  })

  it('refuses someone who is not a signer, or signs in the wrong role', () => {
    expect(
      code(transition(machine, signing, 'sign', { kind: 'party', id: 'user-x' }, NOW, current)),
    ).toBe('NOT_A_SIGNER')
    expect(
      code(transition(machine, signing, 'sign', { kind: 'mediator', id: 'user-a' }, NOW, current)),
    ).toBe('NOT_A_SIGNER')
  })
})

describe('agreement: revising voids signatures', () => {
  it('clears every signature, bumps the revision and says which were voided', () => {
    const withTwo = ok(transition(machine, signing, 'sign', partyA, NOW, current))
    const r = transition(machine, withTwo, 'revise', mediator, NOW, { contentHash: 'h3' })
    if (!r.ok) throw new Error(r.error.code)
    expect(r.next).toMatchObject({
      status: 'signing',
      revision: 3,
      contentHash: 'h3',
      signatures: [],
    })
    expect(r.events[1]).toMatchObject({
      type: 'agreement.signatures_voided',
      data: { revision: 2, voided: ['med-1', 'user-a'] },
    })
    expect(code(transition(machine, r.next, 'sign', partyA, NOW, current))).toBe('STALE_REVISION')
    const again = ok(transition(machine, r.next, 'sign', partyA, NOW, { revision: 3, hash: 'h3' }))
    expect(again.signatures).toHaveLength(1)
  })

  it('only the agreement mediator may revise or send it', () => {
    const other = { kind: 'mediator', id: 'med-2' } as const
    expect(code(transition(machine, draft, 'revise', other, NOW, { contentHash: 'x' }))).toBe(
      'NOT_AGREEMENT_MEDIATOR',
    )
    expect(code(transition(machine, draft, 'send_for_signing', other, NOW))).toBe(
      'NOT_AGREEMENT_MEDIATOR',
    )
  })

  it('signing needs two parties and the mediator as signers', () => {
    const one = { ...draft, signers: [signers[0], signers[2]] }
    expect(code(transition(machine, one, 'send_for_signing', mediator, NOW))).toBe(
      'INCOMPLETE_SIGNERS',
    )
    const dup = { ...draft, signers: [signers[0], signers[0], signers[2]] }
    expect(code(transition(machine, dup, 'send_for_signing', mediator, NOW))).toBe(
      'INCOMPLETE_SIGNERS',
    )
    const noMediator = { ...draft, signers: [signers[0], signers[1]] }
    expect(
      code(
        transition(machine, noMediator, 'send_for_signing', { kind: 'mediator', id: 'med-1' }, NOW),
      ),
    ).toBe('NOT_AGREEMENT_MEDIATOR')
  })

  it('malformed stored signatures give a typed error, not an exception', () => {
    const broken = { ...signing, signatures: 'x' } as unknown as AgreementEntity
    expect(code(transition(machine, broken, 'sign', partyA, NOW, current))).toBe('INVALID_ENTITY')
  })
})
