import { describe, expect, it } from 'vitest'
import {
  signatureVerdictAction,
  type SignatureVerdictFacts,
} from '../../../miniprogram/core/signature-verdict'

const base: SignatureVerdictFacts = {
  verdict: 'risky',
  agreementStatus: 'signing',
  revision: 2,
  record: { signerId: 's_a', fileId: 'cloud://a.png', revision: 2, check: 'pending' },
  signedNow: ['s_a'],
  currentImages: { s_a: { fileId: 'cloud://a.png' } },
}

describe('signatureVerdictAction', () => {
  it('clears a passing image and flags a doubtful one for a human', () => {
    expect(signatureVerdictAction({ ...base, verdict: 'pass' })).toBe('clear')
    expect(signatureVerdictAction({ ...base, verdict: 'review' })).toBe('flag')
    expect(
      signatureVerdictAction({ ...base, verdict: 'review', agreementStatus: 'effective' }),
    ).toBe('flag')
  })

  it('withdraws a risky signature while the agreement is still being signed', () => {
    expect(signatureVerdictAction(base)).toBe('void')
  })

  it('never withdraws a signature of an effective agreement: it goes to staff', () => {
    expect(signatureVerdictAction({ ...base, agreementStatus: 'effective' })).toBe('escalate')
  })

  it('only records a verdict for an image that no longer backs a signature', () => {
    expect(signatureVerdictAction({ ...base, revision: 3 })).toBe('record')
    expect(signatureVerdictAction({ ...base, signedNow: [] })).toBe('record')
    expect(
      signatureVerdictAction({ ...base, currentImages: { s_a: { fileId: 'cloud://b.png' } } }),
    ).toBe('record')
    expect(signatureVerdictAction({ ...base, currentImages: {} })).toBe('record')
  })

  it('answers null for a record that already has its verdict', () => {
    for (const check of ['pass', 'review', 'risky'] as const) {
      expect(signatureVerdictAction({ ...base, record: { ...base.record, check } })).toBeNull()
    }
  })
})
