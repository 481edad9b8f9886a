// The stored shape of a `mediators` document as this function reads it, and what the public may
// see of it: never the openid, never the declared affiliations.
import { getDisputeType } from '../../../miniprogram/core/catalogues/dispute-types'
import { MIN_CASES_FOR_RATE_REASON } from '../../../miniprogram/core/recommendation/weights'
import type {
  MediatorAffiliation,
  MediatorCandidate,
} from '../../../miniprogram/core/recommendation/types'
import type { MediatorProfile, MediatorPublicCard } from '../../../typings/api/recommendMediator'

export interface MediatorDoc extends Record<string, unknown> {
  readonly _id: string
  readonly name?: string
  readonly title?: string | null
  readonly organisationId?: string
  readonly specialties?: readonly string[]
  readonly expertiseTags?: readonly string[]
  readonly region?: {
    readonly provinceCode: string
    readonly cityCode: string
    readonly cityName?: string
  }
  readonly rating?: number | null
  readonly ratingCount?: number
  readonly casesHandled?: number
  readonly casesSettled?: number
  readonly currentCaseload?: number
  /** Cases chosen for this mediator and not yet accepted or declined. */
  readonly pendingCount?: number
  readonly capacity?: number
  readonly available?: boolean
  readonly unavailableUntil?: Date | string | null
  readonly affiliations?: readonly MediatorAffiliation[]
  readonly openid?: string | null
  readonly bio?: string | null
  readonly yearsOfPractice?: number | null
  readonly avatarText?: string
  readonly avatarColor?: string
  readonly version?: number
}

/** Fields recommendation and the cards need; `searchPrefixes` and the rest stay on the server. */
export const CANDIDATE_FIELDS: Record<string, true> = {
  _id: true,
  name: true,
  title: true,
  organisationId: true,
  specialties: true,
  expertiseTags: true,
  region: true,
  rating: true,
  ratingCount: true,
  casesHandled: true,
  casesSettled: true,
  currentCaseload: true,
  pendingCount: true,
  capacity: true,
  available: true,
  unavailableUntil: true,
  affiliations: true,
  openid: true,
  avatarText: true,
  avatarColor: true,
}

export function load(doc: MediatorDoc): number {
  return (doc.currentCaseload ?? 0) + (doc.pendingCount ?? 0)
}

function onLeave(doc: MediatorDoc, now: Date): boolean {
  return doc.unavailableUntil != null && new Date(doc.unavailableUntil).getTime() > now.getTime()
}

/** Whether a case can be put to this mediator now (bound account, available, room left). */
export function acceptingCases(doc: MediatorDoc, now: Date): boolean {
  return (
    doc.available === true &&
    !onLeave(doc, now) &&
    load(doc) < (doc.capacity ?? 0) &&
    typeof doc.openid === 'string' &&
    doc.openid !== ''
  )
}

/** The core's view of a mediator; chosen-but-unanswered cases count as caseload. */
export function toCandidate(doc: MediatorDoc): MediatorCandidate {
  const c = {
    mediatorId: doc._id,
    organisationId: doc.organisationId ?? '',
    specialties: doc.specialties ?? [],
    expertiseTags: doc.expertiseTags ?? [],
    region: {
      provinceCode: doc.region?.provinceCode ?? '',
      cityCode: doc.region?.cityCode ?? '',
    },
    currentCaseload: load(doc),
    capacity: doc.capacity ?? 0,
    casesHandled: doc.casesHandled ?? 0,
    casesSettled: doc.casesSettled ?? 0,
    rating: doc.rating ?? null,
    ratingCount: doc.ratingCount ?? 0,
    available: doc.available === true,
    unavailableUntil: doc.unavailableUntil ? new Date(doc.unavailableUntil) : null,
    affiliations: doc.affiliations ?? [],
    openid: doc.openid ?? null,
  }
  return c
}

export function publicCard(
  doc: MediatorDoc,
  organisationName: string | null,
  now: Date,
): MediatorPublicCard {
  const name = doc.name ?? ''
  return {
    mediatorId: doc._id,
    name,
    title: doc.title ?? null,
    organisationId: doc.organisationId ?? '',
    organisationName,
    cityName: doc.region?.cityName ?? null,
    specialties: (doc.specialties ?? []).map((code) => {
      const t = getDisputeType(code)
      return { code, label: t.ok ? t.value.label : code }
    }),
    expertiseTags: doc.expertiseTags ?? [],
    rating: doc.rating ?? null,
    ratingCount: doc.ratingCount ?? 0,
    casesHandled: doc.casesHandled ?? 0,
    avatarText: doc.avatarText ?? name.charAt(0),
    avatarColor: doc.avatarColor ?? '#0052D9',
    acceptingCases: acceptingCases(doc, now),
  }
}

export function profileOf(
  doc: MediatorDoc,
  organisationName: string | null,
  now: Date,
): MediatorProfile {
  const handled = doc.casesHandled ?? 0
  const settled = Math.min(doc.casesSettled ?? 0, handled)
  return {
    ...publicCard(doc, organisationName, now),
    bio: doc.bio ?? null,
    yearsOfPractice: doc.yearsOfPractice ?? null,
    successRatePercent:
      handled >= MIN_CASES_FOR_RATE_REASON ? Math.round((settled / handled) * 100) : null,
    currentCaseload: doc.currentCaseload ?? 0,
    capacity: doc.capacity ?? 0,
    unavailableUntil:
      doc.unavailableUntil && onLeave(doc, now)
        ? new Date(doc.unavailableUntil).toISOString()
        : null,
  }
}
