import { describe, expect, it } from 'vitest'
import {
  ID_TYPE_OPTIONS,
  canUseFace,
  checkIdentityForm,
  normalisedIdentity,
} from '../../../miniprogram/pages/identity/form'
import { missingSlot, photoSlots } from '../../../miniprogram/pages/identity/manual/slots'

const now = new Date('2026-12-01T12:00:00+08:00')

describe('identity form', () => {
  it('reports the field errors the core finds, under the right fields', () => {
    const errors = checkIdentityForm(
      { name: '张三', idType: 'resident_id', idNumber: '110105194912310021' },
      now,
    )
    expect(errors.name).toBe('')
    expect(errors.idNumber).not.toBe('')
    const both = checkIdentityForm({ name: '', idType: 'resident_id', idNumber: '' }, now)
    expect(both.name).not.toBe('')
    expect(both.idNumber).not.toBe('')
  })

  it('accepts a valid resident ID and normalises a lower-case x', () => {
    const values = {
      name: ' 张三 ',
      idType: 'resident_id' as const,
      idNumber: '11010519491231002x',
    }
    expect(checkIdentityForm(values, now)).toEqual({ name: '', idNumber: '' })
    expect(normalisedIdentity(values, now)).toEqual({
      name: '张三',
      idType: 'resident_id',
      idNumber: '11010519491231002X',
    })
  })

  it('has no normalised values while a field is invalid', () => {
    expect(
      normalisedIdentity(
        { name: '张三', idType: 'resident_id', idNumber: '110105190002290017' },
        now,
      ),
    ).toBeUndefined()
  })

  it('offers face verification only for the resident ID', () => {
    expect(canUseFace('resident_id')).toBe(true)
    expect(canUseFace('passport')).toBe(false)
    expect(ID_TYPE_OPTIONS.map((o) => o.value)).toContain('hk_mo_travel_permit')
  })
})

describe('manual review photo slots', () => {
  it('asks a person for front, back and handheld photos, passports without a back', () => {
    expect(
      photoSlots('person', 'resident_id')
        .filter((s) => s.required)
        .map((s) => s.slot),
    ).toEqual(['front', 'back', 'handheld'])
    expect(
      photoSlots('person', 'passport')
        .filter((s) => s.required)
        .map((s) => s.slot),
    ).toEqual(['front', 'handheld'])
  })

  it('asks an enterprise for its licence and authorisation too, and names what is missing', () => {
    const slots = photoSlots('enterprise', 'resident_id')
    expect(slots.map((s) => s.slot)).toEqual([
      'front',
      'back',
      'handheld',
      'licence',
      'authorisation',
    ])
    expect(missingSlot(slots, { front: 'a', back: 'b', handheld: 'c' })?.label).toBe('营业执照')
    expect(
      missingSlot(slots, {
        front: 'a',
        back: 'b',
        handheld: 'c',
        licence: 'd',
        authorisation: 'e',
      }),
    ).toBeUndefined()
  })
})
