// Pure view logic of the organisation's mediator list: rows, the edit form (specialties, capacity,
// availability, service regions, a replacement phone) and the update it sends — only the fields
// that changed, with the version read — and the form that adds a mediator. Both forms are checked
// with the same rules (the core's validators) before anything is sent.
import {
  DISPUTE_TYPES,
  getDisputeType,
  isDisputeTypeCode,
  type DisputeTypeCode,
} from '../../../core/catalogues/dispute-types'
import { REGION_OPTIONS, regionLabel } from '../../../core/catalogues/regions'
import { validateMobile } from '../../../core/identity/mobile'
import { validatePersonName } from '../../../core/identity/names'
import { maskPhone } from '../../../core/masking'
import { failure, success, type Outcome } from '../../../core/result'
import type {
  MediatorFields,
  MediatorItem,
  UpdateMediatorRequest,
} from '../../../../typings/api/orgDesk'
import { chinaTime } from '../common'

/** The function's bound (`orgDesk` refuses more than this many open cases per mediator). */
export const MAX_CAPACITY = 50

export const SPECIALTY_OPTIONS: readonly {
  readonly value: DisputeTypeCode
  readonly label: string
}[] = DISPUTE_TYPES.map((t) => ({ value: t.code, label: t.label }))

/** Same bound as the function's `bio`. */
export const MAX_BIO_LENGTH = 500

export const REGION_CHOICES: readonly { readonly value: string; readonly label: string }[] =
  REGION_OPTIONS.map((r) => ({ value: r.value, label: r.label }))

export interface MediatorRow {
  readonly id: string
  readonly name: string
  readonly title: string
  readonly specialtiesText: string
  /** "北京市、上海市 · 139****5678"; what else the desk knows about them. */
  readonly contactText: string
  readonly loadText: string
  readonly full: boolean
  readonly available: boolean
  readonly bound: boolean
}

const labelOf = (code: string) => {
  const t = getDisputeType(code)
  return t.ok ? t.value.label : code
}

export function mediatorRow(item: MediatorItem): MediatorRow {
  return {
    id: item.mediatorId,
    name: item.name,
    title: item.title ?? '调解员',
    specialtiesText: item.specialties.length
      ? item.specialties.map(labelOf).join('、')
      : '未设置擅长领域',
    contactText: contactText(item),
    loadText: `在办 ${item.currentCaseload} / 可承接 ${item.capacity}`,
    full: item.currentCaseload >= item.capacity,
    available: item.available,
    bound: item.bound,
  }
}

function contactText(item: MediatorItem): string {
  const cities = item.regions.map(regionLabel).filter((l) => l !== '')
  const parts = [cities.length ? cities.join('、') : '未设置服务地区']
  if (item.maskedPhone) parts.push(item.maskedPhone)
  return parts.join(' · ')
}

export interface EditForm {
  readonly specialties: readonly string[]
  readonly capacity: number
  readonly available: boolean
  /** In the order chosen: the first is the home city. */
  readonly regions: readonly string[]
}

export const editFormOf = (item: MediatorItem): EditForm => ({
  specialties: [...item.specialties],
  capacity: item.capacity,
  available: item.available,
  regions: [...item.regions],
})

type FormField = 'phone' | 'specialties' | 'regions' | 'capacity'

// The rules both forms apply; each answers the cleaned value or the message for its field.
function checkedSpecialties(codes: readonly string[]): Outcome<DisputeTypeCode[], FormField> {
  const specialties = [...new Set(codes)].filter(isDisputeTypeCode)
  return specialties.length
    ? success(specialties)
    : failure('specialties', '请至少选择一个擅长领域', 'specialties')
}

function checkedRegions(codes: readonly string[]): Outcome<string[], FormField> {
  const offered = new Set(REGION_OPTIONS.map((r) => r.value))
  const regions = [...new Set(codes)].filter((r) => offered.has(r))
  return regions.length ? success(regions) : failure('regions', '请至少选择一个服务地区', 'regions')
}

function checkedCapacity(capacity: number): Outcome<number, FormField> {
  return Number.isInteger(capacity) && capacity >= 1 && capacity <= MAX_CAPACITY
    ? success(capacity)
    : failure('capacity', `可承接案件数须为 1–${MAX_CAPACITY} 的整数`, 'capacity')
}

function checkedPhone(phone: string): Outcome<string, FormField> {
  const mobile = validateMobile(phone)
  return mobile.ok
    ? success(mobile.value)
    : failure('phone', mobile.error?.message ?? '手机号码格式不正确', 'phone')
}

/**
 * The update for what changed, or why it cannot be saved; `null` when nothing changed. `phone`
 * is a newly typed number (empty: keep the one on file — the masked value is never sent back).
 */
export function mediatorUpdate(
  item: MediatorItem,
  form: EditForm,
  phone = '',
): Outcome<UpdateMediatorRequest | null, FormField> {
  const newPhone = phone ? checkedPhone(phone) : undefined
  if (newPhone && !newPhone.ok) return newPhone
  const specialties = checkedSpecialties(form.specialties)
  if (!specialties.ok) return specialties
  // A mediator who never had regions may stay so; one who had them keeps at least one.
  const regions = form.regions.length || item.regions.length ? checkedRegions(form.regions) : null
  if (regions && !regions.ok) return regions
  const capacity = checkedCapacity(form.capacity)
  if (!capacity.ok) return capacity
  const sameSet = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x) => b.includes(x))
  const sameOrder = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x, i) => b[i] === x)
  const changes: {
    specialties?: DisputeTypeCode[]
    capacity?: number
    available?: boolean
    regions?: string[]
    phone?: string
  } = {}
  if (!sameSet(specialties.value, item.specialties)) changes.specialties = specialties.value
  if (capacity.value !== item.capacity) changes.capacity = capacity.value
  if (form.available !== item.available) changes.available = form.available
  if (regions && !sameOrder(regions.value, item.regions)) changes.regions = regions.value
  if (newPhone) changes.phone = newPhone.value
  if (Object.keys(changes).length === 0) return success(null)
  return success({ mediatorId: item.mediatorId, version: item.version, ...changes })
}

/** Where and until when the mediator enters the code (China time); it is shown once. */
export const bindCodeHint = (expiresAt: string) =>
  `请将绑定码告知调解员本人，由其于 ${chinaTime(expiresAt)} 前在小程序「我的」→「绑定调解员账号」中输入。绑定码仅显示一次。`

/** What the 新增调解员 form holds; the phone lives outside it once masked (see `phoneEntry`). */
export interface CreateForm {
  readonly name: string
  readonly specialties: readonly string[]
  readonly regions: readonly string[]
  readonly capacity: number
  readonly available: boolean
  readonly bio: string
}

export const EMPTY_CREATE_FORM: CreateForm = {
  name: '',
  specialties: [],
  regions: [],
  capacity: 5,
  available: true,
  bio: '',
}

export type CreateField = 'name' | 'phone' | 'specialties' | 'regions' | 'capacity' | 'bio'

/**
 * The phone field after the person leaves it: a valid number is kept (normalised) and shown
 * masked, so it is not left readable on the desk's screen; an invalid one stays with its message.
 */
export function phoneEntry(typed: string): {
  readonly phone: string
  readonly shown: string
  readonly error: string
} {
  if (!typed.trim()) return { phone: '', shown: '', error: '' }
  const check = validateMobile(typed)
  if (!check.ok)
    return { phone: '', shown: typed, error: check.error?.message ?? '手机号码格式不正确' }
  return { phone: check.value, shown: maskPhone(check.value), error: '' }
}

/** The request for a new mediator, or the first field that stops it, with its message. */
export function createRequest(
  form: CreateForm,
  phone: string,
): Outcome<MediatorFields, CreateField> {
  const name = validatePersonName(form.name)
  if (!name.ok) return failure('name', name.error?.message ?? '请填写姓名', 'name')
  if (!phone) return failure('phone', '请填写调解员的手机号码', 'phone')
  const mobile = checkedPhone(phone)
  if (!mobile.ok) return mobile
  const specialties = checkedSpecialties(form.specialties)
  if (!specialties.ok) return specialties
  const regions = checkedRegions(form.regions)
  if (!regions.ok) return regions
  const capacity = checkedCapacity(form.capacity)
  if (!capacity.ok) return capacity
  const bio = form.bio.trim()
  if (bio.length > MAX_BIO_LENGTH) return failure('bio', `简介不能超过 ${MAX_BIO_LENGTH} 字`, 'bio')
  return success({
    name: name.value,
    phone: mobile.value,
    specialties: specialties.value,
    regions: regions.value,
    capacity: capacity.value,
    available: form.available,
    ...(bio ? { bio } : {}),
  })
}

/**
 * The edit sheet's phone field after the person leaves it: left empty, it shows the number on
 * file (masked) again and nothing is sent; a new valid number replaces it, shown masked.
 */
export function editPhoneEntry(
  typed: string,
  maskedOnFile: string | null,
): ReturnType<typeof phoneEntry> {
  return typed.trim() ? phoneEntry(typed) : { phone: '', shown: maskedOnFile ?? '', error: '' }
}
