// The stored shape of a call and of its invitations, and what the members see of them.
import { isCallInvitationExpired } from '../../../miniprogram/core/deadlines'
import type {
  CallMember,
  CallMemberRole,
  CallPartyRole,
  CallView,
  InvitationStatus,
} from '../../../typings/api/videoMediation'
import type { AuditHead } from '../../_shared/audit'
import { PARTY_SIDE_LABELS } from '../../_shared/case-access'
import type { StoredDoc } from '../../_shared'

export interface MemberRecord {
  readonly openid: string
  readonly maskedName: string
  /** Invitation state for parties; null for the mediator (who starts the call). */
  readonly invitation: InvitationStatus | null
  readonly joinedAt: Date | null
  readonly leftAt: Date | null
}

export interface CallDoc extends AuditHead, Record<string, unknown> {
  readonly caseId: string
  readonly caseNumber: string
  readonly organisationId: string | null
  readonly mediatorId: string
  readonly room: 'all' | 'private'
  readonly privateWith: CallPartyRole | null
  /** The VoIP room id (`groupId`): its own for every call, so a caucus never shares a room. */
  readonly groupId: string
  readonly status: 'ringing' | 'active' | 'ended'
  readonly members: Readonly<Partial<Record<CallMemberRole, MemberRecord>>>
  readonly startedAt: Date
  readonly invitationExpiresAt: Date
  readonly firstJoinAt: Date | null
  readonly endedAt: Date | null
  readonly durationSec: number | null
  readonly version: number
}

export interface InvitationDoc extends Record<string, unknown> {
  readonly toOpenid: string
  readonly caseId: string
  readonly caseNumber: string
  readonly callId: string
  readonly roomId: string
  readonly room: 'all' | 'private'
  readonly expiresAt: Date
  readonly status: InvitationStatus
  readonly createdAt: Date
  readonly version: number
}

export const invitationIdFor = (callId: string, role: CallPartyRole) => `inv_${callId}_${role}`

export const ROLE_LABELS: Readonly<Record<CallMemberRole, string>> = {
  ...PARTY_SIDE_LABELS,
  mediator: '调解员',
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** An invitation still "ringing" after its two minutes reads as expired, before the timer runs. */
export function effectiveInvitation(
  status: InvitationStatus | null,
  startedAt: Date,
  now: Date,
): InvitationStatus | null {
  if (status !== 'ringing') return status
  const expired = isCallInvitationExpired(startedAt, now)
  return expired.ok && expired.value ? 'expired' : status
}

export function toCallView(doc: StoredDoc<CallDoc>, now: Date, mediatorName: string): CallView {
  const order: CallMemberRole[] = ['mediator', 'applicant', 'respondent']
  const members: CallMember[] = []
  for (const role of order) {
    const m = doc.members[role]
    if (!m) continue
    members.push({
      role,
      roleLabel: ROLE_LABELS[role],
      maskedName: role === 'mediator' ? mediatorName : m.maskedName,
      invitation: effectiveInvitation(m.invitation, new Date(doc.startedAt), now),
      joined: m.joinedAt !== null && m.leftAt === null,
      joinedAt: iso(m.joinedAt),
      leftAt: iso(m.leftAt),
    })
  }
  return {
    callId: doc._id,
    caseId: doc.caseId,
    room: doc.room,
    privateWith: doc.privateWith,
    status: doc.status,
    startedAt: new Date(doc.startedAt).toISOString(),
    endedAt: iso(doc.endedAt),
    durationSec: doc.durationSec,
    invitationExpiresAt: new Date(doc.invitationExpiresAt).toISOString(),
    members,
  }
}
