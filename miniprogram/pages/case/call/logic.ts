// Pure logic of the call page: the `wx.joinVoIPChat` options from the server's answer, the
// video tiles, the members list, VoIP error texts and the permissions the call needs.
import type { CallMember, CallView, JoinCallResponse } from '../../../../typings/api/videoMediation'

/** Options for `wx.joinVoIPChat`: the signed parameters, with microphone and earphone on. */
export function joinOptions(res: JoinCallResponse): {
  roomType: 'video'
  groupId: string
  nonceStr: string
  timeStamp: number
  signature: string
  muteConfig: { muteMicrophone: boolean; muteEarphone: boolean }
} {
  return {
    roomType: res.roomType,
    groupId: res.groupId,
    nonceStr: res.nonceStr,
    timeStamp: res.timeStamp,
    signature: res.signature,
    muteConfig: { muteMicrophone: false, muteEarphone: false },
  }
}

export interface VideoTile {
  readonly openid: string
  /** `camera` renders the user's own camera; `video` another member's stream. */
  readonly mode: 'camera' | 'video'
}

/** One tile per member in the VoIP room, the user's own camera first. */
export function videoTiles(openIdList: readonly string[], self: string): VideoTile[] {
  const others = [...new Set(openIdList)].filter((id) => id !== self && id !== '')
  return [
    { openid: self, mode: 'camera' as const },
    ...others.map((openid) => ({ openid, mode: 'video' as const })),
  ]
}

export interface MemberRow {
  readonly key: string
  readonly title: string
  readonly state: string
  readonly theme: 'success' | 'warning' | 'default' | 'danger'
}

const INVITATION_STATES: Record<string, { state: string; theme: MemberRow['theme'] }> = {
  ringing: { state: '等待接听', theme: 'warning' },
  declined: { state: '已拒绝', theme: 'danger' },
  expired: { state: '未接听', theme: 'default' },
  cancelled: { state: '已取消', theme: 'default' },
}

function memberState(m: CallMember): { state: string; theme: MemberRow['theme'] } {
  if (m.joined) return { state: '通话中', theme: 'success' }
  if (m.leftAt !== null) return { state: '已离开', theme: 'default' }
  if (m.invitation !== null)
    return INVITATION_STATES[m.invitation] ?? { state: '未加入', theme: 'default' }
  return { state: '未加入', theme: 'default' }
}

/** The members list: role and masked name, and where each one is in the call. */
export function memberRows(call: CallView): MemberRow[] {
  return call.members.map((m) => ({
    key: m.role,
    title: `${m.roleLabel} · ${m.maskedName}`,
    ...memberState(m),
  }))
}

/** Whether the members list changed (so a poll that found nothing new sends no setData). */
export function sameRows(a: readonly MemberRow[], b: readonly MemberRow[]): boolean {
  return (
    a.length === b.length &&
    a.every((r, i) => {
      const o = b[i]
      return o !== undefined && o.key === r.key && o.state === r.state && o.title === r.title
    })
  )
}

export function callTitle(call: CallView): string {
  if (call.room === 'private')
    return `单独沟通 · ${call.privateWith === 'respondent' ? '被申请人' : '申请人'}`
  return '视频调解'
}

/** What `wx.joinVoIPChat` failures mean to the user (codes from the platform's documentation). */
export function voipErrorMessage(errCode: unknown): string {
  switch (errCode) {
    case -1:
      return '您已在其他通话中，请先退出后再加入'
    case -2:
      return '麦克风正被占用（例如正在打电话），请结束后重试'
    case -3:
      return '加入过程中已退出，请重新加入'
    case -1000:
      return '系统错误，请稍后重试'
    default:
      return '加入视频通话失败，请稍后重试'
  }
}

/** The scopes a video call needs: the microphone, and the camera for video. */
export const CALL_SCOPES = ['scope.record', 'scope.camera'] as const
export type CallScope = (typeof CALL_SCOPES)[number]

const SCOPE_LABELS: Record<CallScope, string> = {
  'scope.record': '麦克风',
  'scope.camera': '摄像头',
}

/** Scopes the user has refused before: `wx.authorize` will not ask again, only 设置 can. */
export function refusedScopes(
  authSetting: Readonly<Record<string, boolean | undefined>>,
): CallScope[] {
  return CALL_SCOPES.filter((s) => authSetting[s] === false)
}

/** Scopes never asked for yet: `wx.authorize` shows the system prompt for these. */
export function unaskedScopes(
  authSetting: Readonly<Record<string, boolean | undefined>>,
): CallScope[] {
  return CALL_SCOPES.filter((s) => authSetting[s] === undefined)
}

/** The guidance shown when a permission is missing. */
export function permissionGuide(missing: readonly CallScope[]): string {
  const names = missing.map((s) => SCOPE_LABELS[s]).join('和')
  return `视频调解需要使用${names}。请点击「去设置」，打开${names}权限后返回本页加入通话。`
}
