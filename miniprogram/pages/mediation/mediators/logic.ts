// View models of 选择调解员: recommendation and search cards, the search request, whether the
// applicant may choose now, and appending pages of results by path.
import { DISPUTE_TYPES, REGION_OPTIONS } from '../../../core/catalogues/index'
import type { CaseAction, CaseStatus } from '../../../../typings/api/mediationCase'
import type {
  MediatorPublicCard,
  RecommendedMediator,
  SearchFilters,
  SearchRequest,
} from '../../../../typings/api/recommendMediator'

/** Who a mediator is, as every card and the profile show it. */
export interface MediatorIdentity {
  readonly id: string
  readonly name: string
  readonly title: string
  readonly organisation: string
  readonly city: string
  readonly avatarText: string
  readonly avatarColor: string
  readonly specialties: readonly string[]
}

export interface MediatorRow extends MediatorIdentity {
  readonly ratingText: string
  readonly caseloadText: string
  readonly accepting: boolean
  /** Shown instead of 选择TA when the mediator takes no new cases; '' when they do. */
  readonly closedNote: string
  /** Why this mediator was recommended; empty for search results. */
  readonly reasons: readonly string[]
  readonly summary: string
}

/** Specialties shown on a card; the profile lists them all. */
const CARD_SPECIALTIES = 3

export function ratingText(rating: number | null, count: number): string {
  return rating === null || count === 0 ? '暂无评价' : `${rating.toFixed(1)} 分 · ${count} 条评价`
}

/** The identity part of a card (its first `specialties` specialties) or of the profile (all). */
export function mediatorIdentity(
  m: MediatorPublicCard,
  specialties: number = m.specialties.length,
): MediatorIdentity {
  return {
    id: m.mediatorId,
    name: m.name,
    title: m.title ?? '调解员',
    organisation: m.organisationName ?? '',
    city: m.cityName ?? '',
    avatarText: m.avatarText,
    avatarColor: m.avatarColor,
    specialties: m.specialties.slice(0, specialties).map((s) => s.label),
  }
}

function baseRow(m: MediatorPublicCard): MediatorRow {
  return {
    ...mediatorIdentity(m, CARD_SPECIALTIES),
    ratingText: ratingText(m.rating, m.ratingCount),
    caseloadText: `已调解 ${m.casesHandled} 件`,
    accepting: m.acceptingCases,
    closedNote: m.acceptingCases ? '' : '暂不接受新案件',
    reasons: [],
    summary: '',
  }
}

export function recommendedRow(r: RecommendedMediator): MediatorRow {
  return { ...baseRow(r.mediator), reasons: r.reasons, summary: r.summary }
}

export function searchRow(m: MediatorPublicCard): MediatorRow {
  return baseRow(m)
}

export const SPECIALTY_OPTIONS = [
  { label: '全部领域', value: '' },
  ...DISPUTE_TYPES.map((t) => ({ label: t.label, value: t.code })),
]

export const CITY_OPTIONS = [
  { label: '全部城市', value: '' },
  ...REGION_OPTIONS.map((r) => ({ label: r.label, value: r.value })),
]

export function optionLabel(options: readonly { label: string; value: string }[], value: string) {
  return options.find((o) => o.value === value)?.label ?? options[0]?.label ?? ''
}

export interface SearchState {
  readonly keyword: string
  readonly specialty: string
  readonly city: string
}

/** The search request; undefined when there is nothing to search by (the server would refuse). */
export function searchRequest(
  state: SearchState,
  page: number,
  pageSize: number,
): SearchRequest | undefined {
  const keyword = state.keyword.trim()
  const filters: { -readonly [K in keyof SearchFilters]: string } = {}
  if (state.specialty) filters.specialty = state.specialty
  if (state.city) filters.city = state.city
  if (!keyword && Object.keys(filters).length === 0) return undefined
  return {
    ...(keyword ? { keyword } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    page,
    pageSize,
  }
}

/** Whether the applicant may choose a mediator now (the server lists the action). */
export function canChoose(allowed: readonly CaseAction[]): boolean {
  return allowed.includes('chooseMediator')
}

/** Why 选择TA is not available yet, in words the applicant can act on; '' when it is. */
export function chooseNotice(status: CaseStatus, allowed: readonly CaseAction[]): string {
  if (canChoose(allowed)) return ''
  if (status === 'submitted' || status === 'awaiting_respondent')
    return '被申请人同意调解后即可选择调解员。请先邀请被申请人加入，您可以先了解推荐的调解员。'
  if (status === 'accepted' || status === 'mediating') return '调解员已受理本案，无需再选择。'
  return '当前案件状态不能选择调解员。'
}

export function caseDetailUrl(caseId: string): string {
  return `/pages/case/detail/index?caseId=${encodeURIComponent(caseId)}`
}

export function profileUrl(caseId: string, mediatorId: string): string {
  return `/pages/mediation/mediator/index?caseId=${encodeURIComponent(caseId)}&mediatorId=${encodeURIComponent(mediatorId)}`
}
