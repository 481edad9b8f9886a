import type { CallView } from '../../../../typings/api/videoMediation'
import { callMembers, endCall, joinCall, leaveCall } from '../../../services/calls'
import { newIntent } from '../../../services/intent'
import { showError } from '../../../utils/notify'
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
  type CallScope,
  type MemberRow,
  type VideoTile,
} from './logic'

type Phase = 'joining' | 'permission' | 'failed' | 'in_call' | 'ended'

/** How often the members list is re-read while in the call (the VoIP event says who is in the room, the server says who they are). */
const MEMBERS_POLL_MS = 3_000

/** Codes after which 重新加入 cannot help. */
const FINAL_CODES: readonly string[] = [
  'CALL_ENDED',
  'INVITATION_EXPIRED',
  'INVITATION_DECLINED',
  'NOT_INVITED',
  'FORBIDDEN',
  'NOT_FOUND',
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'CASE_NOT_MEDIATING',
]

function getSetting(): Promise<Record<string, boolean | undefined>> {
  return new Promise((resolve) => {
    wx.getSetting({
      success: (res) => resolve(res.authSetting as Record<string, boolean | undefined>),
      fail: () => resolve({}),
    })
  })
}

function authorize(scope: CallScope): Promise<boolean> {
  return new Promise((resolve) => {
    wx.authorize({ scope, success: () => resolve(true), fail: () => resolve(false) })
  })
}

interface CallData {
  callId: string
  phase: Phase
  message: string
  retryable: boolean
  guide: string
  title: string
  tiles: VideoTile[]
  members: MemberRow[]
  isMediator: boolean
  muted: boolean
  devicePosition: 'front' | 'back'
  busy: '' | 'leave' | 'end'
}

const initialData: CallData = {
  callId: '',
  phase: 'joining',
  message: '',
  retryable: false,
  guide: '',
  title: '视频调解',
  tiles: [],
  members: [],
  isMediator: false,
  muted: false,
  devicePosition: 'front',
  busy: '',
}

Page({
  data: initialData,
  selfOpenid: '',
  pollTimer: null as number | null,
  /** Whether this page is in the VoIP room and still owes the server a `leave`. */
  inRoom: false,
  membersListener: null as ((r: { openIdList: string[] }) => void) | null,
  onLoad(query: Record<string, string | undefined>) {
    const callId = typeof query['callId'] === 'string' ? decodeURIComponent(query['callId']) : ''
    this.setData({ callId })
    void this.enter()
  },
  onUnload() {
    this.stopPolling()
    if (this.inRoom) {
      // Leaving by the back button is a hang-up too, or the others would see a ghost member.
      this.exitRoom()
      void leaveCall(this.data.callId, newIntent())
    }
  },
  async enter() {
    if (!this.data.callId) {
      this.fail('缺少通话编号，请从邀请或案件详情重新进入', false)
      return
    }
    this.setData({ phase: 'joining', message: '' })
    if (!(await this.ensurePermissions())) return
    const res = await joinCall(this.data.callId, newIntent())
    if (!res.ok) {
      this.fail(res.error.message, !FINAL_CODES.includes(res.error.code))
      return
    }
    this.selfOpenid = res.data.me.openid
    this.setData({
      isMediator: res.data.me.role === 'mediator',
      title: callTitle(res.data.call),
    })
    this.showCall(res.data.call)
    wx.joinVoIPChat({
      ...joinOptions(res.data),
      success: (r) => {
        this.inRoom = true
        this.listenMembers()
        this.setData({ phase: 'in_call', tiles: videoTiles(r.openIdList, this.selfOpenid) })
        this.startPolling()
      },
      fail: (err) => {
        // The server counted us in; tell it we are not, so the others do not wait for us.
        void leaveCall(this.data.callId, newIntent())
        this.fail(voipErrorMessage((err as { errCode?: unknown }).errCode), true)
      },
    })
  },
  /** Asks for the microphone and camera; a refusal shows how to allow them in 设置. */
  async ensurePermissions(): Promise<boolean> {
    const setting = await getSetting()
    const missing = refusedScopes(setting)
    for (const scope of unaskedScopes(setting)) {
      if (!(await authorize(scope))) missing.push(scope)
    }
    if (missing.length === 0) return true
    this.setData({ phase: 'permission', guide: permissionGuide(missing) })
    return false
  },
  onOpenSetting() {
    wx.openSetting({
      success: (res) => {
        const setting = res.authSetting as Record<string, boolean | undefined>
        const missing = [...refusedScopes(setting), ...unaskedScopes(setting)]
        if (missing.length === 0) void this.enter()
        else this.setData({ guide: permissionGuide(missing) })
      },
    })
  },
  onRetry() {
    void this.enter()
  },
  fail(message: string, retryable: boolean) {
    this.setData({ phase: 'failed', message, retryable })
    showError(this, message)
  },
  showCall(call: CallView) {
    const rows = memberRows(call)
    if (!sameRows(rows, this.data.members)) this.setData({ members: rows })
  },
  listenMembers() {
    const listener = (r: { openIdList: string[] }) => {
      this.setData({ tiles: videoTiles(r.openIdList, this.selfOpenid) })
      void this.refreshMembers()
    }
    this.membersListener = listener
    wx.onVoIPChatMembersChanged(listener)
  },
  exitRoom() {
    this.inRoom = false
    if (this.membersListener) wx.offVoIPChatMembersChanged(this.membersListener)
    this.membersListener = null
    wx.exitVoIPChat({ fail: () => undefined })
  },
  startPolling() {
    this.stopPolling()
    this.pollTimer = setInterval(() => void this.refreshMembers(), MEMBERS_POLL_MS)
  },
  stopPolling() {
    if (this.pollTimer !== null) clearInterval(this.pollTimer)
    this.pollTimer = null
  },
  async refreshMembers() {
    const res = await callMembers(this.data.callId)
    if (!res.ok || this.data.phase !== 'in_call') return
    if (res.data.status === 'ended') {
      this.leaveScreen('调解员已结束本次视频调解')
      return
    }
    this.showCall(res.data)
  },
  leaveScreen(message: string) {
    this.stopPolling()
    if (this.inRoom) this.exitRoom()
    this.setData({ phase: 'ended', message })
  },
  onMuteTap() {
    const muted = !this.data.muted
    wx.updateVoIPChatMuteConfig({
      muteConfig: { muteMicrophone: muted, muteEarphone: false },
      success: () => this.setData({ muted }),
      fail: () => showError(this, '切换静音失败，请重试'),
    })
  },
  onCameraTap() {
    this.setData({ devicePosition: this.data.devicePosition === 'front' ? 'back' : 'front' })
  },
  async onHangUpTap() {
    if (this.data.busy) return
    this.setData({ busy: 'leave' })
    const res = await leaveCall(this.data.callId, newIntent())
    this.setData({ busy: '' })
    // Already out on the server (PARTY_NOT_JOINED) is still a hang-up for the user.
    if (!res.ok && res.error.code !== 'PARTY_NOT_JOINED' && res.error.code !== 'CALL_ENDED') {
      showError(this, res.error.message)
      return
    }
    this.leaveScreen('您已退出本次视频调解')
    this.onBack()
  },
  async onEndTap() {
    if (this.data.busy) return
    this.setData({ busy: 'end' })
    const res = await endCall(this.data.callId, newIntent())
    this.setData({ busy: '' })
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.leaveScreen('本次视频调解已结束')
  },
  onBack() {
    if (getCurrentPages().length > 1) void wx.navigateBack()
    else void wx.reLaunch({ url: '/pages/home/index' })
  },
})
