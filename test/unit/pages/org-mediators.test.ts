import { describe, expect, it } from 'vitest'
import {
  SPECIALTY_OPTIONS,
  bindCodeHint,
  editFormOf,
  mediatorRow,
  mediatorUpdate,
} from '../../../miniprogram/pages/org/mediators/logic'
import type { MediatorItem } from '../../../typings/api/orgDesk'

function mediator(overrides: Partial<MediatorItem> = {}): MediatorItem {
  return {
    mediatorId: 'med_1',
    name: '李明',
    title: '高级调解员',
    specialties: ['sale_contract', 'lease'],
    capacity: 5,
    currentCaseload: 2,
    available: true,
    bio: null,
    bound: false,
    version: 3,
    ...overrides,
  }
}

describe('org mediators logic', () => {
  it('lists specialties by label, caseload against capacity, and binding', () => {
    expect(mediatorRow(mediator())).toEqual({
      id: 'med_1',
      name: '李明',
      title: '高级调解员',
      specialtiesText: '买卖合同纠纷、租赁合同纠纷',
      loadText: '在办 2 / 可承接 5',
      full: false,
      available: true,
      bound: false,
    })
    const full = mediatorRow(mediator({ currentCaseload: 5, title: null, specialties: [] }))
    expect([full.full, full.title, full.specialtiesText]).toEqual([
      true,
      '调解员',
      '未设置擅长领域',
    ])
    expect(SPECIALTY_OPTIONS.length).toBeGreaterThan(10)
  })

  it('sends only what changed, with the version that was read', () => {
    const item = mediator()
    expect(mediatorUpdate(item, editFormOf(item))).toEqual({ ok: true, value: null })
    expect(
      mediatorUpdate(item, {
        specialties: ['lease', 'sale_contract'],
        capacity: 8,
        available: false,
      }),
    ).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, capacity: 8, available: false },
    })
    expect(
      mediatorUpdate(item, { specialties: ['labour', 'labour'], capacity: 5, available: true }),
    ).toEqual({ ok: true, value: { mediatorId: 'med_1', version: 3, specialties: ['labour'] } })
  })

  it('refuses no specialty and a capacity outside 1–50', () => {
    const item = mediator()
    const err = (form: Parameters<typeof mediatorUpdate>[1]) => {
      const res = mediatorUpdate(item, form)
      return res.ok ? null : res.error.message
    }
    expect(err({ specialties: [], capacity: 5, available: true })).toBe('请至少选择一个擅长领域')
    expect(err({ specialties: ['nonsense'], capacity: 5, available: true })).toBe(
      '请至少选择一个擅长领域',
    )
    expect(err({ specialties: ['lease'], capacity: 0, available: true })).toBe(
      '可承接案件数须为 1–50 的整数',
    )
    expect(err({ specialties: ['lease'], capacity: 2.5, available: true })).toBe(
      '可承接案件数须为 1–50 的整数',
    )
  })

  it('tells until when a bind code works, in China time', () => {
    expect(bindCodeHint('2026-12-02T06:05:00.000Z')).toContain('2026-12-02 14:05 前')
  })
})
