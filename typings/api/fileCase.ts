// Contract of the `fileCase` function: online filing (在线立案) with an ACFIC organisation, as a
// transfer of a case whose mediation ended without agreement or as a direct filing. The filing
// party's verified identity is snapshotted; every later operation needs the same identity again.
import type { FilingCommand, FilingStatus } from '../../miniprogram/core/machines/filing'
import type { ActionContract } from './envelope'
import type { IsoTime, Page, PageRequest, PartyType } from './common'

export interface RegionInput {
  readonly provinceCode: string
  readonly cityCode: string
}

export interface OrganisationOption {
  readonly organisationId: string
  readonly name: string
  readonly address: string | null
}

/** The other side as the filer types it (direct filing) — sealed and masked on the server. */
export interface FilingPartyInput {
  readonly partyType: PartyType
  readonly name: string
  /** Identity number or USCC when known (a defendant's number is often not). */
  readonly idNumber?: string
  readonly address: string
  readonly phone?: string
}

export interface FilingPartyView {
  readonly role: 'plaintiff' | 'defendant'
  readonly roleLabel: string
  readonly partyType: PartyType
  readonly maskedName: string
  readonly maskedIdNumber: string | null
  readonly maskedPhone: string | null
}

export interface FilingEvidenceInput {
  readonly fileId: string
  readonly name: string
}

export interface FilingPrefill {
  readonly caseId: string
  readonly caseNumber: string
  readonly parties: readonly FilingPartyView[]
  readonly claims: readonly string[]
  readonly factsAndReasons: string
  readonly evidence: readonly FilingEvidenceInput[]
  readonly region: RegionInput | null
  readonly organisations: readonly OrganisationOption[]
}

export interface SubmitFilingRequest {
  /** A case closed without agreement (transfer); absent for a direct filing. */
  readonly caseId?: string
  readonly organisationId: string
  readonly region: RegionInput
  /** Required for a direct filing; a transfer takes the other party from the case when absent. */
  readonly defendants?: readonly FilingPartyInput[]
  readonly claims: readonly string[]
  readonly factsAndReasons: string
  readonly evidence: readonly FilingEvidenceInput[]
}

export interface ResubmitFilingRequest {
  readonly filingId: string
  readonly claims?: readonly string[]
  readonly factsAndReasons?: string
  readonly evidence?: readonly FilingEvidenceInput[]
}

export interface FilingView {
  readonly filingId: string
  readonly route: 'transfer' | 'direct'
  readonly caseId: string | null
  readonly caseNumber: string | null
  readonly status: FilingStatus
  readonly statusLabel: string
  readonly organisationId: string
  readonly organisationName: string
  readonly parties: readonly FilingPartyView[]
  readonly claims: readonly string[]
  readonly factsAndReasons: string
  readonly evidence: readonly FilingEvidenceInput[]
  readonly filingNumber: string | null
  readonly rejectReason: string | null
  readonly withdrawalReason: string | null
  readonly withdrawalRefusedReason: string | null
  readonly submittedAt: IsoTime | null
  readonly acceptedAt: IsoTime | null
  readonly withdrawnAt: IsoTime | null
  readonly allowedActions: readonly FilingCommand[]
  /** True while the filer's current identity does not match the snapshot (every action refused). */
  readonly identityLocked: boolean
}

export interface FilingRef {
  readonly filingId: string
}

export interface RejectFilingRequest {
  readonly filingId: string
  readonly reason: string
}

export type FileCaseErrorCodes =
  | 'NOT_FILEABLE'
  | 'ORGANISATION_NOT_COMPETENT'
  | 'ALREADY_FILED'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'FILE_NOT_OWNED'
  | 'INVALID_TRANSITION'
  | 'CONTENT_RISKY'

export interface FileCaseContracts {
  readonly prefill: ActionContract<{ readonly caseId: string }, FilingPrefill, FileCaseErrorCodes>
  readonly listOrganisations: ActionContract<
    { readonly region: RegionInput },
    readonly OrganisationOption[],
    FileCaseErrorCodes
  >
  readonly submit: ActionContract<SubmitFilingRequest, FilingView, FileCaseErrorCodes>
  readonly resubmit: ActionContract<ResubmitFilingRequest, FilingView, FileCaseErrorCodes>
  readonly accept: ActionContract<FilingRef, FilingView, FileCaseErrorCodes>
  readonly reject: ActionContract<RejectFilingRequest, FilingView, FileCaseErrorCodes>
  readonly listMine: ActionContract<PageRequest, Page<FilingView>, FileCaseErrorCodes>
  readonly detail: ActionContract<FilingRef, FilingView, FileCaseErrorCodes>
}
