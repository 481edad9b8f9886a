// Contract of the `profile` function: who the caller is, their grants and privacy consent.
import type { ActionContract } from './envelope'
import type { CallerRole, IdentityStatus, IsoTime, NoticeKind, SubscribeChoice } from './common'

export interface WhoAmI {
  readonly roles: readonly CallerRole[]
  /** The caller's `mediators` doc id when they are a bound mediator. */
  readonly mediatorId: string | null
  /** The organisation the caller works for when they are staff. */
  readonly staffOrganisationId: string | null
  readonly identity: {
    readonly status: IdentityStatus
    /** Masked (`张*`); null until a name was submitted. */
    readonly maskedName: string | null
  }
  readonly unreadCount: number
  /** The privacy-guide version the caller accepted, null if never. */
  readonly privacyAcceptedVersion: string | null
  /** Upload private files (ID photos) under this `cloudPath` prefix. */
  readonly storagePrefix: string
  /** Configured template ids by purpose, for `wx.requestSubscribeMessage`. */
  readonly subscribeTemplates: Readonly<Partial<Record<NoticeKind, string>>>
}

export interface RecordSubscribeGrantsRequest {
  /** The `wx.requestSubscribeMessage` success result, template id → choice (errMsg removed). */
  readonly results: Readonly<Record<string, SubscribeChoice>>
}

export interface RecordSubscribeGrantsResponse {
  /** Sends now available per configured template id that the user accepted. */
  readonly remaining: Readonly<Record<string, number>>
}

export interface AcceptPrivacyRequest {
  readonly version: string
}

export interface AcceptPrivacyResponse {
  readonly version: string
  readonly acceptedAt: IsoTime
}

export interface ProfileContracts {
  readonly whoAmI: ActionContract<Record<string, never>, WhoAmI, never>
  readonly recordSubscribeGrants: ActionContract<
    RecordSubscribeGrantsRequest,
    RecordSubscribeGrantsResponse,
    'UNKNOWN_TEMPLATE'
  >
  readonly acceptPrivacy: ActionContract<AcceptPrivacyRequest, AcceptPrivacyResponse, never>
}
