import { describe, expect, it } from 'vitest'
import {
  EMPTY_CREATE_FORM,
  REGION_CHOICES,
  SPECIALTY_OPTIONS,
  bindCodeHint,
  createRequest,
  editFormOf,
  editPhoneEntry,
  mediatorRow,
  mediatorUpdate,
  phoneEntry,
  type CreateForm,
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
    maskedPhone: '139****5678',
    regions: ['110100', '310100'],
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
      contactText: '北京市、上海市 · 139****5678',
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
    expect(mediatorRow(mediator({ regions: [], maskedPhone: null })).contactText).toBe(
      '未设置服务地区',
    )
  })

  it('sends only what changed, with the version that was read', () => {
    const item = mediator()
    expect(mediatorUpdate(item, editFormOf(item))).toEqual({ ok: true, value: null })
    expect(
      mediatorUpdate(item, {
        specialties: ['lease', 'sale_contract'],
        capacity: 8,
        available: false,
        regions: ['110100', '310100'],
      }),
    ).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, capacity: 8, available: false },
    })
    expect(
      mediatorUpdate(item, {
        ...editFormOf(item),
        specialties: ['labour', 'labour'],
      }),
    ).toEqual({ ok: true, value: { mediatorId: 'med_1', version: 3, specialties: ['labour'] } })
  })

  it('refuses no specialty and a capacity outside 1–50', () => {
    const item = mediator()
    const err = (form: Omit<Parameters<typeof mediatorUpdate>[1], 'regions'>) => {
      const res = mediatorUpdate(item, { ...form, regions: item.regions })
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

  it('sends service regions in the order chosen (the first is home) and only when changed', () => {
    const item = mediator()
    const form = editFormOf(item)
    expect(form.regions).toEqual(['110100', '310100'])
    expect(mediatorUpdate(item, { ...form, regions: ['310100', '110100'] })).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, regions: ['310100', '110100'] },
    })
    expect(mediatorUpdate(item, { ...form, regions: ['110100', '330100', '110100'] })).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, regions: ['110100', '330100'] },
    })
    const none = mediatorUpdate(item, { ...form, regions: ['999999'] })
    expect(none.ok ? null : [none.error.code, none.error.message]).toEqual([
      'regions',
      '请至少选择一个服务地区',
    ])
    // A mediator who never had a region may be saved without one.
    const bare = mediator({ regions: [] })
    expect(mediatorUpdate(bare, { ...editFormOf(bare), capacity: 6 })).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, capacity: 6 },
    })
  })

  it('sends a newly typed phone, never the masked one; untouched keeps the number on file', () => {
    const item = mediator()
    const form = editFormOf(item)
    expect(mediatorUpdate(item, form, '')).toEqual({ ok: true, value: null })
    expect(mediatorUpdate(item, form, '138 0013 8000')).toEqual({
      ok: true,
      value: { mediatorId: 'med_1', version: 3, phone: '13800138000' },
    })
    const masked = mediatorUpdate(item, form, '139****5678')
    expect(masked.ok ? null : [masked.error.code, masked.error.message]).toEqual([
      'phone',
      '请填写11位中国大陆手机号码',
    ])
    expect(editPhoneEntry('', '139****5678')).toEqual({
      phone: '',
      shown: '139****5678',
      error: '',
    })
    expect(editPhoneEntry('  ', null)).toEqual({ phone: '', shown: '', error: '' })
    expect(editPhoneEntry('13800138000', '139****5678')).toEqual({
      phone: '13800138000',
      shown: '138****8000',
      error: '',
    })
    expect(editPhoneEntry('1380', '139****5678')).toEqual({
      phone: '',
      shown: '1380',
      error: '请填写11位中国大陆手机号码',
    })
  })

  it('tells until when a bind code works, in China time', () => {
    expect(bindCodeHint('2026-12-02T06:05:00.000Z')).toContain('2026-12-02 14:05 前')
    expect(bindCodeHint('2026-12-02T06:05:00.000Z')).toContain('「我的」→「绑定调解员账号」')
  })

  it('shows a valid phone masked once entered, and keeps an invalid one with its message', () => {
    expect(phoneEntry('139 1234 5678')).toEqual({
      phone: '13912345678',
      shown: '139****5678',
      error: '',
    })
    expect(phoneEntry('+86-139-1234-5678').phone).toBe('13912345678')
    expect(phoneEntry('1234')).toEqual({
      phone: '',
      shown: '1234',
      error: '请填写11位中国大陆手机号码',
    })
    expect(phoneEntry('  ')).toEqual({ phone: '', shown: '', error: '' })
  })

  it('builds the new mediator from the form with the core rules, stopping at the first bad field', () => {
    const form: CreateForm = {
      name: ' 林 晓 ',
      specialties: ['lease', 'lease', 'nonsense'],
      regions: ['310100', '110100', '999999'],
      capacity: 6,
      available: false,
      bio: '  执业律师。 ',
    }
    expect(createRequest(form, '13912345678')).toEqual({
      ok: true,
      value: {
        name: '林晓',
        phone: '13912345678',
        specialties: ['lease'],
        regions: ['310100', '110100'],
        capacity: 6,
        available: false,
        bio: '执业律师。',
      },
    })
    const noBio = createRequest({ ...form, bio: ' ' }, '13912345678')
    expect(noBio.ok && 'bio' in noBio.value).toBe(false)
    const err = (f: Partial<CreateForm>, phone = '13912345678') => {
      const r = createRequest({ ...form, ...f }, phone)
      return r.ok ? null : [r.error.code, r.error.message]
    }
    expect(err({ name: '' })).toEqual(['name', '请填写姓名'])
    expect(err({ name: '林晓2' })).toEqual(['name', '姓名不能包含数字'])
    expect(err({}, '')).toEqual(['phone', '请填写调解员的手机号码'])
    expect(err({}, '12345678901')).toEqual(['phone', '请填写11位中国大陆手机号码'])
    expect(err({ specialties: [] })).toEqual(['specialties', '请至少选择一个擅长领域'])
    expect(err({ regions: ['999999'] })).toEqual(['regions', '请至少选择一个服务地区'])
    expect(err({ capacity: 51 })).toEqual(['capacity', '可承接案件数须为 1–50 的整数'])
    expect(err({ bio: '字'.repeat(501) })).toEqual(['bio', '简介不能超过 500 字'])
    expect(createRequest(EMPTY_CREATE_FORM, '').ok).toBe(false)
    expect(REGION_CHOICES.find((r) => r.value === '330100')?.label).toBe('浙江省 · 杭州市')
  })
})
