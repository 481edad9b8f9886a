// Shapes several contracts share. Times cross the wire as ISO-8601 strings.

/** An ISO-8601 timestamp (what a `Date` becomes in a function's JSON answer). */
export type IsoTime = string

export interface PageRequest {
  /** 1-based page number. */
  readonly page?: number
  readonly pageSize?: number
}

export interface Page<T> {
  readonly items: readonly T[]
  readonly page: number
  readonly pageSize: number
  readonly hasMore: boolean
}

/** Caller kinds the server recognises (from `mediators` / `staff_members`, never from the client). */
export type CallerRole = 'user' | 'mediator' | 'staff'

export type { PartyType } from '../../miniprogram/core/catalogues/party-types'
export type { IdType } from '../../miniprogram/core/identity/id-types'
export type { IdentityStatus } from '../../miniprogram/core/machines/identity'

/** Purposes of subscribe-message templates (ids are configured per mini-program account). */
export type NoticeKind =
  | 'identity_review'
  | 'case_progress'
  | 'video_invitation'
  | 'sign_request'
  | 'confirmation_result'
  | 'filing_progress'

/** What `wx.requestSubscribeMessage` reports per template id. */
export type SubscribeChoice = 'accept' | 'reject' | 'ban' | 'filter'
