// Contract of the `withdrawCase` function: the filing party withdraws a filing (撤回) or, once it
// was accepted, asks for permission to withdraw (撤诉申请), which the organisation's staff grant or
// refuse here.
import type { FilingStatus } from '../../miniprogram/core/machines/filing'
import type { ActionContract } from './envelope'
import type { IsoTime } from './common'

export interface WithdrawRequest {
  readonly filingId: string
  readonly reason: string
}

export interface WithdrawalView {
  readonly filingId: string
  readonly status: FilingStatus
  readonly statusLabel: string
  /** `immediate`: withdrawn at once (before acceptance); `requested`: awaiting staff. */
  readonly effect: 'immediate' | 'requested'
  readonly withdrawalRequestId: string | null
  readonly requestStatus: 'pending' | 'granted' | 'refused' | null
  readonly reason: string | null
  readonly refusedReason: string | null
  readonly requestedAt: IsoTime | null
  readonly decidedAt: IsoTime | null
}

export interface DecideWithdrawalRequest {
  readonly withdrawalRequestId: string
}

export interface RefuseWithdrawalRequest {
  readonly withdrawalRequestId: string
  readonly reason: string
}

export type WithdrawCaseErrorCodes =
  | 'NOT_FILER'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'INVALID_TRANSITION'
  | 'NO_WITHDRAWAL_REQUEST'
  | 'CONTENT_RISKY'

export interface WithdrawCaseContracts {
  readonly withdraw: ActionContract<WithdrawRequest, WithdrawalView, WithdrawCaseErrorCodes>
  readonly status: ActionContract<
    { readonly filingId: string },
    WithdrawalView,
    WithdrawCaseErrorCodes
  >
  readonly grant: ActionContract<DecideWithdrawalRequest, WithdrawalView, WithdrawCaseErrorCodes>
  readonly refuse: ActionContract<RefuseWithdrawalRequest, WithdrawalView, WithdrawCaseErrorCodes>
}
