// The mediator's case workspace: which desk actions the case allows now, the parties as the
// mediator may see them (masked), the notes and timeline, and who is in the current call.
import { formatAmount } from '../../../core/agreement-text'
import { remaining } from '../../../core/deadlines'
import { MAX_REASON_LENGTH } from '../../../core/limits'
import type { CaseDetail, CaseStatus, PartyView } from '../../../../typings/api/mediationCase'
import type { CallView, InvitationStatus } from '../../../../typings/api/videoMediation'
import { caseTagTheme, type TagTheme } from '../../../utils/tag-theme'

/** Longest mediation note the server keeps. */
export const MAX_NOTE_LENGTH = 2000

const RUNNING: readonly CaseStatus[] = ['accepted', 'mediating', 'agreement_drafted', 'signing']

/** The buttons the workspace shows for a status (the server still decides each action). */
export interface DeskActions {
  readonly answer: boolean
  readonly call: boolean
  readonly draft: boolean
  readonly editAgreement: boolean
  readonly sign: boolean
  readonly close: boolean
  readonly notes: boolean
}

export function deskActions(status: CaseStatus, hasAgreement: boolean): DeskActions {
  const running = RUNNING.includes(status)
  return {
    answer: status === 'awaiting_mediator',
    call: running,
    draft: (status === 'accepted' || status === 'mediating') && !hasAgreement,
    editAgreement: (status === 'agreement_drafted' || status === 'signing') && hasAgreement,
    sign: status === 'signing' && hasAgreement,
    close: running,
    notes: running,
  }
}

export interface PartyRow {
  readonly key: string
  readonly roleLabel: string
  readonly name: string
  readonly detail: string
  readonly joined: boolean
  readonly joinedText: string
}

function partyRow(key: string, roleLabel: string, party: PartyView | null): PartyRow {
  if (!party) return { key, roleLabel, name: '未填写', detail: '', joined: false, joinedText: '' }
  const detail = [
    party.partyType === 'enterprise' ? '企业' : '个人',
    party.maskedIdNumber ?? party.maskedUscc,
    party.maskedPhone,
  ]
    .filter((v): v is string => !!v)
    .join(' · ')
  return {
    key,
    roleLabel,
    name: party.maskedName,
    detail,
    joined: party.joined,
    joinedText: party.joined ? '已加入' : '未加入',
  }
}

export interface TimelineRow {
  readonly key: string
  readonly title: string
  readonly content: string
}

export interface NoteRow {
  readonly key: string
  readonly at: string
  readonly text: string
}

export interface WorkspaceView {
  readonly caseNumber: string
  readonly statusLabel: string
  readonly theme: TagTheme
  readonly disputeTypeLabel: string
  readonly amountText: string
  readonly deadlineText: string
  readonly description: string
  readonly descriptionFlagged: boolean
  readonly claims: readonly string[]
  readonly parties: readonly PartyRow[]
  readonly closeText: string
  readonly actions: DeskActions
  readonly notes: readonly NoteRow[]
  readonly timeline: readonly TimelineRow[]
  /** The most recent call, to show who joined (null before any call). */
  readonly lastCallId: string | null
}

/** `12月1日 14:05`, China time. */
export function formatChinaTime(iso: string): string {
  const ms = Date.parse(iso)
  if (Number.isNaN(ms)) return ''
  const d = new Date(ms + 8 * 3600_000)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `¥12,345.60`; '' for a case without an amount. */
export function amountText(fen: number | null): string {
  if (fen === null || fen <= 0) return ''
  return `¥${formatAmount(fen)}`
}

const NOTE_EVENT = 'note.added'

export function workspaceView(detail: CaseDetail, now: number): WorkspaceView {
  const deadline = detail.countdown.deadline
  const left =
    deadline && RUNNING.includes(detail.status) ? remaining(Date.parse(deadline), now) : null
  const timeline = detail.timeline
  const lastCall = detail.calls.reduce<CaseDetail['calls'][number] | null>(
    (latest, c) => (!latest || Date.parse(c.startedAt) > Date.parse(latest.startedAt) ? c : latest),
    null,
  )
  return {
    caseNumber: detail.caseNumber ?? '案号待生成',
    statusLabel: detail.statusLabel,
    theme: caseTagTheme(detail.status),
    disputeTypeLabel: detail.disputeTypeLabel ?? '纠纷类型未填写',
    amountText: amountText(detail.amountFen),
    deadlineText: left?.ok ? left.value.text : '',
    description: detail.description ?? '',
    descriptionFlagged: detail.descriptionCheck === 'review',
    claims: detail.claims,
    parties: [
      partyRow('applicant', '申请人', detail.applicant),
      partyRow('respondent', '被申请人', detail.respondent),
    ],
    closeText: detail.closeReason
      ? detail.closeReason.label + (detail.closeReason.note ? `：${detail.closeReason.note}` : '')
      : '',
    actions: deskActions(detail.status, detail.agreement !== null),
    notes: timeline
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type === NOTE_EVENT)
      .map(({ e, i }) => ({ key: `n${i}`, at: formatChinaTime(e.at), text: e.note ?? '' }))
      .reverse(),
    timeline: timeline
      .map((e, i) => ({ e, i }))
      .filter(({ e }) => e.type !== NOTE_EVENT)
      .map(({ e, i }) => ({
        key: `t${i}`,
        title: e.label,
        content: [formatChinaTime(e.at), e.actorLabel, e.note].filter((v) => !!v).join(' · '),
      })),
    lastCallId: lastCall?.callId ?? null,
  }
}

/** The message for a reason field (decline, close), or '' when it can be sent. */
export function checkReason(text: string, what: string): string {
  const t = text.trim()
  if (!t) return `请填写${what}`
  if (t.length > MAX_REASON_LENGTH) return `${what}不超过 ${MAX_REASON_LENGTH} 个字`
  return ''
}

export function checkNote(text: string): string {
  const t = text.trim()
  if (!t) return '请填写调解笔记内容'
  if (t.length > MAX_NOTE_LENGTH) return `调解笔记不超过 ${MAX_NOTE_LENGTH} 个字`
  return ''
}

export type CloseKind = 'failed' | 'terminated'

export const CLOSE_KIND_OPTIONS: readonly { readonly value: CloseKind; readonly label: string }[] =
  [
    { value: 'failed', label: '调解不成功' },
    { value: 'terminated', label: '调解终结（如当事人无法联系）' },
  ]

const INVITATION_TEXT: Readonly<Record<InvitationStatus, string>> = {
  ringing: '呼叫中',
  joined: '已接听',
  declined: '已拒绝',
  expired: '未接听',
  cancelled: '已取消',
}

export interface CallMemberRow {
  readonly key: string
  readonly label: string
  readonly stateText: string
  readonly theme: TagTheme
}

export interface CallPanel {
  readonly callId: string
  readonly title: string
  readonly statusText: string
  readonly live: boolean
  readonly members: readonly CallMemberRow[]
}

export function callPanel(call: CallView): CallPanel {
  const live = call.status !== 'ended'
  const privateLabel = call.privateWith === 'applicant' ? '申请人' : '被申请人'
  return {
    callId: call.callId,
    title: call.room === 'private' ? `单独会谈（${privateLabel}）` : '视频调解（全体当事人）',
    statusText:
      call.status === 'ended'
        ? `已结束${call.durationSec ? ` · 时长 ${Math.ceil(call.durationSec / 60)} 分钟` : ''}`
        : call.status === 'active'
          ? '通话中'
          : '等待接听',
    live,
    members: call.members.map((m) => {
      const inRoom = m.joined && m.leftAt === null
      const stateText = inRoom
        ? '在通话中'
        : m.joined
          ? '已离开'
          : m.invitation
            ? INVITATION_TEXT[m.invitation]
            : '未邀请'
      return {
        key: m.role,
        label: `${m.roleLabel} ${m.maskedName}`,
        stateText,
        theme: inRoom ? 'success' : m.invitation === 'ringing' ? 'warning' : 'default',
      }
    }),
  }
}

/** The room picker of 单独会谈. */
export const PRIVATE_ROOM_OPTIONS = [
  { label: '与申请人单独会谈', value: 'applicant' },
  { label: '与被申请人单独会谈', value: 'respondent' },
] as const

/** Where the call page lives (built for parties and the mediator alike). */
export function callPageUrl(caseId: string, callId: string): string {
  return `/pages/case/call/index?caseId=${encodeURIComponent(caseId)}&callId=${encodeURIComponent(callId)}`
}

export function agreementPageUrl(caseId: string): string {
  return `/pages/case/agreement/index?caseId=${encodeURIComponent(caseId)}`
}

export function editorUrl(caseId: string): string {
  return `/pages/mediator/agreement-editor/index?caseId=${encodeURIComponent(caseId)}`
}

/** The case id from a page query: links encode it, and the platform passes it on as written. */
export function caseIdFromQuery(value: string | undefined): string {
  if (!value) return ''
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}
