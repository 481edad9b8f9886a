import { describe, expect, it } from 'vitest'
import { DISPUTE_TYPES } from '../../../../miniprogram/core/catalogues'
import { relatedDisputeTypes } from '../../../../miniprogram/core/recommendation'

describe('relatedDisputeTypes', () => {
  it('is symmetric, never lists the type itself, and stays inside the catalogue', () => {
    const codes = DISPUTE_TYPES.map((t) => t.code as string)
    for (const code of codes) {
      for (const related of relatedDisputeTypes(code)) {
        expect(related).not.toBe(code)
        expect(codes).toContain(related)
        expect(relatedDisputeTypes(related)).toContain(code)
      }
    }
  })

  it('links payment disputes to sales contracts and knows nothing for unknown codes', () => {
    expect(relatedDisputeTypes('unpaid_accounts')).toContain('sale_contract')
    expect(relatedDisputeTypes('labour')).toEqual([])
    expect(relatedDisputeTypes('no_such_type')).toEqual([])
  })
})
