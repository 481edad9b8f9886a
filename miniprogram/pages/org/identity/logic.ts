// Pure view logic of one manual identity review: what staff look at (masked values, photos behind
// short-lived URLs) and the checks before a decision is sent.
import { getPartyType } from '../../../core/catalogues/party-types'
import { getIdType } from '../../../core/identity/id-types'
import type { PendingReview } from '../../../../typings/api/verifyIdentity'
import { chinaTime, reasonError } from '../common'

export interface ReviewPhoto {
  readonly key: string
  readonly label: string
  readonly url: string
}

export interface ReviewView {
  readonly identityId: string
  readonly partyTypeLabel: string
  readonly idTypeLabel: string
  readonly maskedName: string
  readonly maskedIdNumber: string
  readonly submittedText: string
  readonly dueText: string
  readonly overdue: boolean
  readonly enterpriseName: string
  readonly maskedUscc: string
  readonly photos: readonly ReviewPhoto[]
  /** Photos whose URL could not be issued (shown as "未能加载", never silently dropped). */
  readonly missingPhotos: readonly string[]
  readonly warnings: readonly string[]
}

export function reviewView(review: PendingReview): ReviewView {
  const slots: [string, string, string | null][] = [
    ['front', '证件正面', review.photoUrls.front],
    ['back', '证件背面', review.photoUrls.back],
    ['handheld', '手持证件照', review.photoUrls.handheld],
  ]
  if (review.enterprise) {
    slots.push(['licence', '营业执照', review.enterprise.licenceUrl])
    slots.push([
      'authorisation',
      '授权委托书 / 法定代表人证明书',
      review.enterprise.authorisationUrl,
    ])
  }
  const partyType = getPartyType(review.partyType)
  const idType = getIdType(review.idType)
  return {
    identityId: review.identityId,
    partyTypeLabel: partyType.ok ? partyType.value.label : review.partyType,
    idTypeLabel: idType.ok ? idType.value.label : review.idType,
    maskedName: review.maskedName,
    maskedIdNumber: review.maskedIdNumber,
    submittedText: chinaTime(review.submittedAt),
    dueText: review.overdue
      ? `已超时（应于 ${chinaTime(review.reviewDueAt)} 前完成）`
      : `${chinaTime(review.reviewDueAt)} 前`,
    overdue: review.overdue,
    enterpriseName: review.enterprise?.name ?? '',
    maskedUscc: review.enterprise?.maskedUscc ?? '',
    photos: slots
      .filter((s): s is [string, string, string] => s[2] !== null)
      .map(([key, label, url]) => ({ key, label, url })),
    // The back of a passport is optional, so only a missing required photo is reported.
    missingPhotos: slots.filter((s) => s[2] === null && s[0] !== 'back').map((s) => s[1]),
    warnings: review.warnings,
  }
}

export const rejectReasonError = (reason: string) => reasonError(reason, '驳回理由')
