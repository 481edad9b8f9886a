import type { CaseDetail, EvidenceView } from '../../../../typings/api/mediationCase'
import type { CallRoom, CallView } from '../../../../typings/api/videoMediation'
import { callMembers, endCall, startCall } from '../../../services/calls'
import { caseDetail } from '../../../services/cases'
import { newIntent, type Intent } from '../../../services/intent'
import { acceptCase, addNote, closeCase, declineCase } from '../../../services/mediator-desk'
import { showError, showSuccess } from '../../../utils/notify'
import { requireRole } from '../../../utils/require-role'
import {
  CLOSE_KIND_OPTIONS,
  agreementPageUrl,
  callPageUrl,
  callPanel,
  caseIdFromQuery,
  checkNote,
  checkReason,
  editorUrl,
  workspaceView,
  type CallPanel,
  type CloseKind,
  type WorkspaceView,
} from './logic'

/** Intents of the actions in flight, kept while the user retries the same action. */
const intents: Record<
  'accept' | 'decline' | 'note' | 'close' | 'call' | 'end',
  Intent | undefined
> = {
  accept: undefined,
  decline: undefined,
  note: undefined,
  close: undefined,
  call: undefined,
  end: undefined,
}

function intentFor(key: keyof typeof intents): Intent {
  const existing = intents[key]
  if (existing) return existing
  const created = newIntent()
  intents[key] = created
  return created
}

/** A refused request will not pass by retrying: the next tap is a new intent. */
function settle(key: keyof typeof intents, code: string | null): void {
  if (code !== 'NETWORK') intents[key] = undefined
}

interface WorkspaceData {
  caseId: string
  loading: boolean
  failed: string
  view: WorkspaceView | null
  evidence: EvidenceView[]
  call: CallPanel | null
  /** The action whose request is running ('' when idle): its button spins, all are disabled. */
  busy: string
  declineReason: string
  declineError: string
  noteText: string
  noteError: string
  closeOpen: boolean
  closeKind: CloseKind
  closeKindOptions: typeof CLOSE_KIND_OPTIONS
  closeReason: string
  closeError: string
}

const INITIAL: WorkspaceData = {
  caseId: '',
  loading: true,
  failed: '',
  view: null,
  evidence: [],
  call: null,
  busy: '',
  declineReason: '',
  declineError: '',
  noteText: '',
  noteError: '',
  closeOpen: false,
  closeKind: 'failed',
  closeKindOptions: CLOSE_KIND_OPTIONS,
  closeReason: '',
  closeError: '',
}

Page({
  data: INITIAL,
  async onLoad(query: Record<string, string | undefined>) {
    const caseId = caseIdFromQuery(query['caseId'])
    this.setData({ caseId })
    for (const key of Object.keys(intents)) intents[key as keyof typeof intents] = undefined
    const who = await requireRole('mediator')
    if (!who) return
    if (!caseId) {
      this.setData({ loading: false, failed: '缺少案件编号，请从案件列表进入' })
      return
    }
    await this.load()
  },
  onShow() {
    // Back from the call, the editor or the agreement page: the case and the call moved on.
    if (this.data.view) void this.load()
  },
  async load() {
    const res = await caseDetail(this.data.caseId)
    if (!res.ok) {
      this.setData({ loading: false, failed: res.error.message })
      return
    }
    this.show(res.data)
    const callId = this.data.view?.lastCallId
    if (callId) await this.refreshCall(callId)
  },
  show(detail: CaseDetail) {
    this.setData({
      loading: false,
      failed: '',
      view: workspaceView(detail, Date.now()),
      evidence: [...detail.evidence],
    })
  },
  async refreshCall(callId: string) {
    const res = await callMembers(callId)
    if (res.ok) this.showCall(res.data)
    else showError(this, res.error.message)
  },
  showCall(call: CallView) {
    this.setData({ call: callPanel(call) })
  },

  async onAcceptTap() {
    if (this.data.busy) return
    this.setData({ busy: 'accept' })
    const res = await acceptCase(this.data.caseId, intentFor('accept'))
    this.setData({ busy: '' })
    settle('accept', res.ok ? null : res.error.code)
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    showSuccess(this, '已受理，调解期限自今日起计算')
    await this.load()
  },
  onDeclineInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    intents.decline = undefined
    this.setData({ declineReason: e.detail.value, declineError: '' })
  },
  async onDeclineTap() {
    if (this.data.busy) return
    const error = checkReason(this.data.declineReason, '不予受理的原因')
    this.setData({ declineError: error })
    if (error) return
    this.setData({ busy: 'decline' })
    const res = await declineCase(
      this.data.caseId,
      this.data.declineReason.trim(),
      intentFor('decline'),
    )
    this.setData({ busy: '' })
    settle('decline', res.ok ? null : res.error.code)
    if (!res.ok) {
      if (res.error.field === 'payload.reason') this.setData({ declineError: res.error.message })
      else showError(this, res.error.message)
      return
    }
    showSuccess(this, '已不予受理，申请人将重新选择调解员')
    this.setData({ declineReason: '' })
    await this.load()
  },

  onStartAllTap() {
    void this.start('all')
  },
  onPrivateTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { party?: unknown }>) {
    const party = e.currentTarget.dataset.party
    if (party === 'applicant' || party === 'respondent') void this.start({ privateWith: party })
  },
  async start(room: CallRoom) {
    if (this.data.busy) return
    this.setData({ busy: 'call' })
    const res = await startCall(this.data.caseId, room, intentFor('call'))
    this.setData({ busy: '' })
    settle('call', res.ok ? null : res.error.code)
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.showCall(res.data)
    wx.navigateTo({
      url: callPageUrl(this.data.caseId, res.data.callId),
      fail: () => showError(this, '无法打开通话页面，请在下方查看接听情况'),
    })
  },
  onRefreshCallTap() {
    const callId = this.data.call?.callId
    if (callId) void this.refreshCall(callId)
  },
  onEnterCallTap() {
    const callId = this.data.call?.callId
    if (callId) void wx.navigateTo({ url: callPageUrl(this.data.caseId, callId) })
  },
  async onEndCallTap() {
    const callId = this.data.call?.callId
    if (!callId || this.data.busy) return
    this.setData({ busy: 'end' })
    const res = await endCall(callId, intentFor('end'))
    this.setData({ busy: '' })
    settle('end', res.ok ? null : res.error.code)
    if (!res.ok) {
      showError(this, res.error.message)
      return
    }
    this.showCall(res.data)
    showSuccess(this, '通话已结束')
  },

  onNoteInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    intents.note = undefined
    this.setData({ noteText: e.detail.value, noteError: '' })
  },
  async onAddNoteTap() {
    if (this.data.busy) return
    const error = checkNote(this.data.noteText)
    this.setData({ noteError: error })
    if (error) return
    this.setData({ busy: 'note' })
    const res = await addNote(
      { caseId: this.data.caseId, text: this.data.noteText.trim() },
      intentFor('note'),
    )
    this.setData({ busy: '' })
    settle('note', res.ok ? null : res.error.code)
    if (!res.ok) {
      if (res.error.field === 'payload.text') this.setData({ noteError: res.error.message })
      else showError(this, res.error.message)
      return
    }
    showSuccess(this, res.data.flagged ? '笔记已保存，内容将由工作人员复核' : '笔记已保存')
    this.setData({ noteText: '' })
    await this.load()
  },

  onDraftTap() {
    void wx.navigateTo({ url: editorUrl(this.data.caseId) })
  },
  onSignTap() {
    void wx.navigateTo({ url: agreementPageUrl(this.data.caseId) })
  },

  onCloseOpenTap() {
    this.setData({ closeOpen: !this.data.closeOpen })
  },
  onCloseKindChange(e: WechatMiniprogram.CustomEvent<{ value: CloseKind }>) {
    intents.close = undefined
    this.setData({ closeKind: e.detail.value })
  },
  onCloseReasonInput(e: WechatMiniprogram.CustomEvent<{ value: string }>) {
    intents.close = undefined
    this.setData({ closeReason: e.detail.value, closeError: '' })
  },
  async onCloseTap() {
    if (this.data.busy) return
    const error = checkReason(this.data.closeReason, '结案原因')
    this.setData({ closeError: error })
    if (error) return
    this.setData({ busy: 'close' })
    const res = await closeCase(
      { caseId: this.data.caseId, kind: this.data.closeKind, reason: this.data.closeReason.trim() },
      intentFor('close'),
    )
    this.setData({ busy: '' })
    settle('close', res.ok ? null : res.error.code)
    if (!res.ok) {
      if (res.error.field === 'payload.reason') this.setData({ closeError: res.error.message })
      else showError(this, res.error.message)
      return
    }
    showSuccess(this, `已结案（${res.data.statusLabel}），当事人可在线立案`)
    this.setData({ closeOpen: false, closeReason: '' })
    await this.load()
  },

  onEvidenceTap(e: WechatMiniprogram.BaseEvent<Record<string, never>, { index?: unknown }>) {
    const item = this.data.evidence[Number(e.currentTarget.dataset.index)]
    if (!item?.url) {
      showError(this, '该证据暂时无法查看，请稍后刷新重试')
      return
    }
    if (item.kind === 'image') {
      const urls = this.data.evidence
        .filter((v) => v.kind === 'image' && v.url)
        .map((v) => v.url as string)
      void wx.previewImage({ current: item.url, urls })
      return
    }
    wx.downloadFile({
      url: item.url,
      success: (r) => void wx.openDocument({ filePath: r.tempFilePath, showMenu: true }),
      fail: () => showError(this, '证据下载失败，请检查网络后重试'),
    })
  },
})
