// Contract of the `videoMediation` function: the case's mediator rings the parties (one
// invitation document each, watched in real time), everyone joins the same VoIP room, or a
// private caucus room with one party.
import type { ActionContract } from './envelope'
import type { IsoTime } from './common'

export type CallPartyRole = 'applicant' | 'respondent'
export type CallMemberRole = CallPartyRole | 'mediator'

export type CallRoom = 'all' | { readonly privateWith: CallPartyRole }

export type CallStatus = 'ringing' | 'active' | 'ended'
export type InvitationStatus = 'ringing' | 'joined' | 'declined' | 'expired' | 'cancelled'

export interface StartCallRequest {
  readonly caseId: string
  readonly room: CallRoom
}

export interface CallMember {
  readonly role: CallMemberRole
  readonly roleLabel: string
  readonly maskedName: string
  readonly invitation: InvitationStatus | null
  readonly joined: boolean
  readonly joinedAt: IsoTime | null
  readonly leftAt: IsoTime | null
}

export interface CallView {
  readonly callId: string
  readonly caseId: string
  /** `all`: the mediation room; `private`: a caucus with one party. */
  readonly room: 'all' | 'private'
  readonly privateWith: CallPartyRole | null
  readonly status: CallStatus
  readonly startedAt: IsoTime
  readonly endedAt: IsoTime | null
  /** Seconds from the first join to the end (0 if nobody else joined). */
  readonly durationSec: number | null
  /** When unanswered invitations lapse. */
  readonly invitationExpiresAt: IsoTime
  readonly members: readonly CallMember[]
}

export interface CallRequest {
  readonly callId: string
}

/** Exactly the parameters of `wx.joinVoIPChat`. */
export interface JoinCallResponse {
  readonly roomType: 'video'
  readonly groupId: string
  readonly nonceStr: string
  readonly timeStamp: number
  readonly signature: string
  readonly call: CallView
  /** The caller in this call: their role, and their own openid for `<voip-room mode="camera">`. */
  readonly me: { readonly role: CallMemberRole; readonly openid: string }
}

export type CallErrorCode =
  | 'INVALID_TRANSITION'
  | 'CASE_NOT_MEDIATING'
  | 'NOT_INVITED'
  | 'INVITATION_EXPIRED'
  | 'INVITATION_DECLINED'
  | 'CALL_ENDED'
  | 'PARTY_NOT_JOINED'
  | 'IDENTITY_REQUIRED'
  | 'IDENTITY_MISMATCH'
  | 'UPSTREAM_UNAVAILABLE'

export interface VideoMediationContracts {
  readonly start: ActionContract<StartCallRequest, CallView, CallErrorCode>
  readonly join: ActionContract<CallRequest, JoinCallResponse, CallErrorCode>
  readonly decline: ActionContract<CallRequest, CallView, CallErrorCode>
  readonly leave: ActionContract<CallRequest, CallView, CallErrorCode>
  readonly end: ActionContract<CallRequest, CallView, CallErrorCode>
  readonly members: ActionContract<CallRequest, CallView, CallErrorCode>
}
