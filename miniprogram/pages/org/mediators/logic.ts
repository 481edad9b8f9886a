// Pure view logic of the organisation's mediator list: rows, the edit form (specialties, capacity,
// availability) and the update it sends — only the fields that changed, with the version read.
import {
  DISPUTE_TYPES,
  getDisputeType,
  isDisputeTypeCode,
  type DisputeTypeCode,
} from '../../../core/catalogues/dispute-types'
import { failure, success, type Outcome } from '../../../core/result'
import type { MediatorItem, UpdateMediatorRequest } from '../../../../typings/api/orgDesk'
import { chinaTime } from '../common'

/** The function's bound (`orgDesk` refuses more than this many open cases per mediator). */
export const MAX_CAPACITY = 50

export const SPECIALTY_OPTIONS: readonly {
  readonly value: DisputeTypeCode
  readonly label: string
}[] = DISPUTE_TYPES.map((t) => ({ value: t.code, label: t.label }))

export interface MediatorRow {
  readonly id: string
  readonly name: string
  readonly title: string
  readonly specialtiesText: string
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
    loadText: `在办 ${item.currentCaseload} / 可承接 ${item.capacity}`,
    full: item.currentCaseload >= item.capacity,
    available: item.available,
    bound: item.bound,
  }
}

export interface EditForm {
  readonly specialties: readonly string[]
  readonly capacity: number
  readonly available: boolean
}

export const editFormOf = (item: MediatorItem): EditForm => ({
  specialties: [...item.specialties],
  capacity: item.capacity,
  available: item.available,
})

/** The update for what changed, or why it cannot be saved; `null` when nothing changed. */
export function mediatorUpdate(
  item: MediatorItem,
  form: EditForm,
): Outcome<UpdateMediatorRequest | null, 'specialties' | 'capacity'> {
  const specialties = [...new Set(form.specialties)].filter(isDisputeTypeCode)
  if (specialties.length === 0) return failure('specialties', '请至少选择一个擅长领域')
  if (!Number.isInteger(form.capacity) || form.capacity < 1 || form.capacity > MAX_CAPACITY)
    return failure('capacity', `可承接案件数须为 1–${MAX_CAPACITY} 的整数`)
  const same = (a: readonly string[], b: readonly string[]) =>
    a.length === b.length && a.every((x) => b.includes(x))
  const changes: { specialties?: DisputeTypeCode[]; capacity?: number; available?: boolean } = {}
  if (!same(specialties, item.specialties)) changes.specialties = specialties
  if (form.capacity !== item.capacity) changes.capacity = form.capacity
  if (form.available !== item.available) changes.available = form.available
  if (Object.keys(changes).length === 0) return success(null)
  return success({ mediatorId: item.mediatorId, version: item.version, ...changes })
}

/** "绑定码 8 位，2026-12-02 14:05 前有效，仅显示一次". */
export const bindCodeHint = (expiresAt: string) =>
  `请将绑定码告知调解员本人，在 ${chinaTime(expiresAt)} 前于「工作台」输入完成绑定。绑定码仅显示一次。`
