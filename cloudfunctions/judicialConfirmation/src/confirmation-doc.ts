// A `judicial_confirmations` document (one per case: `jc_<caseId>`) and its view.
import { allowedCommands, type Actor } from '../../../miniprogram/core/machines'
import {
  CONFIRMATION_STATUS_LABELS,
  judicialConfirmationMachine,
  type ConfirmationEntity,
} from '../../../miniprogram/core/machines/judicial-confirmation'
import type { CourtBasis, ConfirmationView } from '../../../typings/api/judicialConfirmation'
import type { AuditHead, StoredDoc } from '../../_shared'
import { iso } from '../../_shared/settled-case'
import { COURT_BASIS_LABELS } from './courts'

export interface ConfirmationDoc extends ConfirmationEntity, AuditHead, Record<string, unknown> {
  readonly caseId: string
  readonly caseNumber: string
  readonly organisationId: string
  readonly initiatorOpenid: string
  readonly otherOpenid: string
  readonly partyOpenids: readonly string[]
  readonly courtBasis: CourtBasis
  readonly requestedCourt: string
  readonly agreementHash: string
  /** SHA-256 over what the other party consented to (case, agreement hash, court, who, when). */
  readonly consentDigest?: string | null
  readonly consentedAt?: Date | null
  readonly rulingFileId?: string | null
  readonly deadline: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

export const confirmationIdFor = (caseId: string) => `jc_${caseId}`.slice(0, 64)

export function toView(
  doc: StoredDoc<ConfirmationDoc>,
  viewer: { actor: Actor; openid: string },
  organisationName: string,
  now: Date,
): ConfirmationView {
  const court = doc.courtName ?? doc.requestedCourt
  const progress: Partial<Record<ConfirmationDoc['status'], string>> = {
    submitted_to_org: `已提交至${organisationName}，待转交人民法院`,
    forwarded_to_court: `${organisationName}已转交${court}，待人民法院裁定`,
    awaiting_consent: '已发起，待对方当事人同意共同申请',
  }
  return {
    confirmationId: doc._id,
    caseId: doc.caseId,
    caseNumber: doc.caseNumber,
    status: doc.status,
    statusLabel: CONFIRMATION_STATUS_LABELS[doc.status],
    progressText: progress[doc.status] ?? CONFIRMATION_STATUS_LABELS[doc.status],
    courtBasis: doc.courtBasis,
    courtBasisLabel: COURT_BASIS_LABELS[doc.courtBasis],
    courtName: court,
    initiatedByMe: doc.initiatorOpenid === viewer.openid,
    allowedActions: allowedCommands(judicialConfirmationMachine, doc, viewer.actor, now),
    consentedAt: iso(doc.consentedAt),
    refusalReason: doc.refusalReason ?? null,
    submittedAt: iso(doc.submittedAt),
    forwardedAt: iso(doc.forwardedAt),
    rulingNumber: doc.rulingNumber ?? null,
    rulingFileId: doc.rulingFileId ?? null,
    dismissReason: doc.dismissReason ?? null,
    decidedAt: iso(doc.decidedAt),
    deadline: iso(doc.deadline),
  }
}
