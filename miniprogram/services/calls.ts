// Video mediation: the mediator starts a call, parties answer the invitation they watch in
// `call_invitations` (only the addressee can read theirs), and join with the server's
// `wx.joinVoIPChat` parameters.
import type { CallRoom } from '../../typings/api/videoMediation'
import { call } from './call'
import type { Intent } from './intent'

export const startCall = (caseId: string, room: CallRoom, intent: Intent) =>
  call('videoMediation', 'start', { caseId, room }, { requestId: intent.requestIdFor('start') })

/** The signed parameters, ready for `wx.joinVoIPChat` (drop `call` before passing them on). */
export const joinCall = (callId: string, intent: Intent) =>
  call('videoMediation', 'join', { callId }, { requestId: intent.requestIdFor('join') })

export const declineCall = (callId: string, intent: Intent) =>
  call('videoMediation', 'decline', { callId }, { requestId: intent.requestIdFor('decline') })

export const leaveCall = (callId: string, intent: Intent) =>
  call('videoMediation', 'leave', { callId }, { requestId: intent.requestIdFor('leave') })

export const endCall = (callId: string, intent: Intent) =>
  call('videoMediation', 'end', { callId }, { requestId: intent.requestIdFor('end') })

export const callMembers = (callId: string) => call('videoMediation', 'members', { callId })

/** The ringing invitations addressed to the current user, in real time. */
export function watchInvitations(
  onChange: (invitations: readonly Record<string, unknown>[]) => void,
  onError: (error: unknown) => void,
): { close(): Promise<void> } {
  const db = wx.cloud.database()
  return db
    .collection('call_invitations')
    .where({ toOpenid: '{openid}', status: 'ringing' })
    .watch({
      onChange: (snapshot) => onChange(snapshot.docs as readonly Record<string, unknown>[]),
      onError,
    })
}
