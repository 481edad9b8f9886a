import { describe, expect, it } from 'vitest'
import {
  callTitle,
  joinOptions,
  memberRows,
  permissionGuide,
  refusedScopes,
  sameRows,
  unaskedScopes,
  videoTiles,
  voipErrorMessage,
} from '../../../miniprogram/pages/case/call/logic'
import type { CallView, JoinCallResponse } from '../../../typings/api/videoMediation'

const CALL: CallView = {
  callId: 'k1',
  caseId: 'c1',
  room: 'all',
  privateWith: null,
  status: 'active',
  startedAt: '2026-12-01T08:00:00.000Z',
  endedAt: null,
  durationSec: null,
  invitationExpiresAt: '2026-12-01T08:02:00.000Z',
  members: [
    {
      role: 'mediator',
      roleLabel: '调解员',
      maskedName: '陈*',
      invitation: null,
      joined: true,
      joinedAt: '2026-12-01T08:00:05.000Z',
      leftAt: null,
    },
    {
      role: 'applicant',
      roleLabel: '申请人',
      maskedName: '张*',
      invitation: 'joined',
      joined: true,
      joinedAt: '2026-12-01T08:00:30.000Z',
      leftAt: null,
    },
    {
      role: 'respondent',
      roleLabel: '被申请人',
      maskedName: '王*',
      invitation: 'ringing',
      joined: false,
      joinedAt: null,
      leftAt: null,
    },
  ],
}

describe('joinOptions', () => {
  it('passes the signed parameters through unchanged, microphone and earphone on', () => {
    const res: JoinCallResponse = {
      roomType: 'video',
      groupId: 'room-1',
      nonceStr: 'n0nce',
      timeStamp: 1796150824,
      signature: 'sig',
      call: CALL,
      me: { role: 'applicant', openid: 'o_party_applicant' },
    }
    expect(joinOptions(res)).toEqual({
      roomType: 'video',
      groupId: 'room-1',
      nonceStr: 'n0nce',
      timeStamp: 1796150824,
      signature: 'sig',
      muteConfig: { muteMicrophone: false, muteEarphone: false },
    })
  })
})

describe('videoTiles', () => {
  it('puts the own camera first and one stream per other member, without duplicates', () => {
    expect(videoTiles(['o_b', 'o_me', 'o_b', 'o_c'], 'o_me')).toEqual([
      { openid: 'o_me', mode: 'camera' },
      { openid: 'o_b', mode: 'video' },
      { openid: 'o_c', mode: 'video' },
    ])
    expect(videoTiles([], 'o_me')).toEqual([{ openid: 'o_me', mode: 'camera' }])
  })
})

describe('memberRows', () => {
  it('shows role, masked name and where each member is', () => {
    expect(memberRows(CALL)).toEqual([
      { key: 'mediator', title: '调解员 · 陈*', state: '通话中', theme: 'success' },
      { key: 'applicant', title: '申请人 · 张*', state: '通话中', theme: 'success' },
      { key: 'respondent', title: '被申请人 · 王*', state: '等待接听', theme: 'warning' },
    ])
    const left = memberRows({
      ...CALL,
      members: [
        { ...CALL.members[1]!, joined: false, leftAt: '2026-12-01T08:10:00.000Z' },
        { ...CALL.members[2]!, invitation: 'declined' },
      ],
    })
    expect(left.map((r) => r.state)).toEqual(['已离开', '已拒绝'])
  })
  it('tells whether a poll changed anything', () => {
    const rows = memberRows(CALL)
    expect(sameRows(rows, memberRows(CALL))).toBe(true)
    expect(sameRows(rows, rows.slice(1))).toBe(false)
    expect(sameRows(rows, [{ ...rows[0]!, state: '已离开' }, ...rows.slice(1)])).toBe(false)
  })
  it('names a caucus after the party in it', () => {
    expect(callTitle(CALL)).toBe('视频调解')
    expect(callTitle({ ...CALL, room: 'private', privateWith: 'respondent' })).toBe(
      '单独沟通 · 被申请人',
    )
  })
})

describe('permissions and errors', () => {
  it('splits refused scopes (only 设置 helps) from ones never asked', () => {
    expect(refusedScopes({ 'scope.record': false, 'scope.camera': true })).toEqual(['scope.record'])
    expect(unaskedScopes({ 'scope.record': true })).toEqual(['scope.camera'])
    expect(refusedScopes({})).toEqual([])
  })
  it('guides the user to 设置 naming what is missing', () => {
    expect(permissionGuide(['scope.record', 'scope.camera'])).toBe(
      '视频调解需要使用麦克风和摄像头。请点击「去设置」，打开麦克风和摄像头权限后返回本页加入通话。',
    )
  })
  it('explains the documented joinVoIPChat failures in Chinese', () => {
    expect(voipErrorMessage(-1)).toBe('您已在其他通话中，请先退出后再加入')
    expect(voipErrorMessage(-2)).toBe('麦克风正被占用（例如正在打电话），请结束后重试')
    expect(voipErrorMessage(undefined)).toBe('加入视频通话失败，请稍后重试')
  })
})
