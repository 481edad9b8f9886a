// Pure view logic of one manual identity review: what staff look at (masked values, photos behind
// short-lived URLs only under their own review claim), the 审核中 notice when another reviewer
// holds the claim, and the checks before a decision is sent.
import { getPartyType } from '../../../core/catalogues/party-types'
import { getIdType } from '../../../core/identity/id-types'
import type {
  ClaimedReview,
  PendingClaim,
  PendingReview,
} from '../../../../typings/api/verifyIdentity'
import { chinaTime, reasonError } from '../common'

export interface ReviewPhoto {
  readonly key: string
  readonly label: string
  readonly url: string
}

/** The masked facts of a submission, shown whether or not the caller holds the claim. */
export interface FactsView {
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
  readonly warnings: readonly string[]
}

export interface ReviewView extends FactsView {
  readonly photos: readonly ReviewPhoto[]
  /** Photos whose URL could not be issued (shown as "未能加载", never silently dropped). */
  readonly missingPhotos: readonly string[]
  /** "您已领取本审核，10:42 前仅您可查看照片和作出决定". */
  readonly claimText: string
}

/** "10:42" in China time, like every desk time. */
const clock = (iso: string) => chinaTime(iso).slice(11)

export function factsView(review: PendingReview | ClaimedReview): FactsView {
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
    warnings: review.warnings,
  }
}

export function reviewView(review: ClaimedReview): ReviewView {
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
  return {
    ...factsView(review),
    photos: slots
      .filter((s): s is [string, string, string] => s[2] !== null)
      .map(([key, label, url]) => ({ key, label, url })),
    // The back of a passport is optional, so only a missing required photo is reported.
    missingPhotos: slots.filter((s) => s[2] === null && s[0] !== 'back').map((s) => s[1]),
    claimText: `您已领取本审核，${clock(review.claim.expiresAt)} 前仅您可查看照片和作出决定`,
  }
}

/** What the page shows while another reviewer holds the claim (or held it until it lapsed). */
export interface ClaimedElsewhere {
  /** "审核中：林*（至 10:42）", or the lapsed-claim note. */
  readonly notice: string
  /** Epoch ms from which 重新领取 may succeed; 0: now. */
  readonly reclaimAt: number
}

export function claimedElsewhere(claim: PendingClaim | null): ClaimedElsewhere {
  if (!claim) return { notice: '上一位审核员的领取已结束，可重新领取', reclaimAt: 0 }
  const at = Date.parse(claim.expiresAt)
  return {
    notice: `审核中：${claim.reviewerName}（至 ${clock(claim.expiresAt)}）`,
    reclaimAt: Number.isNaN(at) ? 0 : at,
  }
}

/** Whether 重新领取 is offered now: only once the other reviewer's claim has lapsed. */
export const canReclaim = (reclaimAt: number, now: number) => now >= reclaimAt

export const rejectReasonError = (reason: string) => reasonError(reason, '驳回理由')
