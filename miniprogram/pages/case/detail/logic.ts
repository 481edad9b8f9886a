// Pure view logic of 案件详情: the header, the stage timeline, masked parties, evidence, calls,
// and the 更多 action sheet built from what the server allows this caller now.
import { MEDIATION_DEFAULT_DAYS, maxExtensionDays, remaining } from '../../../core/deadlines'
import { MAX_REASON_LENGTH } from '../../../core/limits'
import { formatMoney } from '../../../core/money'
import { caseEventLabel } from '../../../core/timeline-labels'
import { caseTagTheme, type TagTheme } from '../../../utils/tag-theme'
import type {
  CaseAction,
  CaseDetail,
  CaseStatus,
  PartyView,
  TimelineEntry,
} from '../../../../typings/api/mediationCase'

/** TDesign step states. */
export type StepStatus = 'default' | 'process' | 'finish' | 'error'

export interface StageStep {
  readonly key: string
  readonly title: string
  readonly status: StepStatus
  /** When the stage was reached (China time), or a hint for the stage still ahead. */
  readonly content: string
}

export interface EventRow {
  readonly key: string
  readonly label: string
  readonly meta: string
  readonly note: string
}

export interface PartyRow {
  readonly key: 'applicant' | 'respondent'
  readonly sideLabel: string
  readonly name: string
  readonly detail: string
  readonly joinedLabel: string
}

export interface EvidenceRow {
  readonly key: string
  readonly name: string
  readonly kind: 'image' | 'document'
  readonly url: string
  readonly note: string
}

export interface CallRow {
  readonly key: string
  readonly callId: string
  readonly title: string
  readonly note: string
}

/** One item of the 更多 sheet; `action` says what the page does when it is chosen. */
export type SheetAction =
  | { readonly kind: 'navigate'; readonly url: string }
  | { readonly kind: 'reason'; readonly action: 'withdraw' | 'end' }
  | { readonly kind: 'extension' }
  | { readonly kind: 'consent'; readonly agree: boolean }

export interface SheetItem {
  readonly label: string
  readonly action: SheetAction
}

export interface DetailView {
  readonly caseNumber: string
  readonly statusLabel: string
  readonly theme: TagTheme
  readonly disputeTypeLabel: string
  readonly amountText: string
  readonly countdown: string
  readonly countdownUrgent: boolean
  readonly extensionNote: string
  /** Most days 申请延期 may still ask for (the 60-day cap minus the period so far). */
  readonly extensionMax: number
  readonly closeNote: string
  readonly description: string
  readonly claims: readonly string[]
  readonly steps: readonly StageStep[]
  readonly events: readonly EventRow[]
  readonly parties: readonly PartyRow[]
  readonly evidence: readonly EvidenceRow[]
  readonly calls: readonly CallRow[]
  readonly agreementText: string
  readonly agreementUrl: string
  readonly sheet: readonly SheetItem[]
  readonly canRate: boolean
  readonly ratingText: string
}

const pad = (n: number) => String(n).padStart(2, '0')

/** `2026-12-01 20:05` in China time (UTC+8, no daylight saving), whatever the phone's zone. */
export function chinaTime(iso: string): string {
  const ms = Date.parse(iso)
  if (!Number.isFinite(ms)) return ''
  const d = new Date(ms + 8 * 3_600_000)
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`
}

/** `¥12,345.60` from integer fen; 非金钱请求 for 0, empty for no amount. */
export function amountText(fen: number | null): string {
  if (fen === null || !Number.isFinite(fen) || fen <= 0) return fen === 0 ? '非金钱请求' : ''
  return formatMoney(fen)
}

export function durationText(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '通话进行中或未接通'
  const s = Math.max(0, Math.round(seconds))
  const m = Math.floor(s / 60)
  return m > 0 ? `时长 ${m} 分 ${s % 60} 秒` : `时长 ${s} 秒`
}

// The stages the manual names, each reached by one timeline event.
const HAPPY_STAGES: readonly { key: string; title: string; event: string; hint: string }[] = [
  { key: 'apply', title: '申请', event: 'case.submitted', hint: '提交调解申请' },
  {
    key: 'mediator',
    title: '选择调解员',
    event: 'case.mediator_chosen',
    hint: '从推荐中选择调解员',
  },
  { key: 'accept', title: '受理', event: 'case.mediator_accepted', hint: '等待调解员受理' },
  { key: 'mediate', title: '调解', event: 'case.mediation_started', hint: '调解员组织视频调解' },
  { key: 'sign', title: '协议签署', event: 'case.settled', hint: '双方签署调解协议' },
]

/** Index of the stage a status is in: the first not yet completed. */
const STATUS_STAGE: Readonly<Record<CaseStatus, number>> = {
  draft: 0,
  submitted: 1,
  awaiting_respondent: 1,
  awaiting_mediator: 2,
  accepted: 3,
  mediating: 3,
  agreement_drafted: 4,
  signing: 4,
  settled: 5,
  closed_without_agreement: 5,
}

const CLOSE_EVENTS: readonly string[] = [
  'case.respondent_declined',
  'case.withdrawn',
  'case.mediator_declined',
  'case.ended_by_party',
  'case.closed_failed',
  'case.terminated',
  'case.expired',
]

function stageOfStatus(status: string): number {
  return (STATUS_STAGE as Record<string, number | undefined>)[status] ?? 0
}

/**
 * 申请 → 选择调解员 → 受理 → 调解 → 协议签署 → 司法确认/调解书, or, after a close without
 * agreement, the stages reached, then 调解失败 → 在线立案.
 */
export function stageSteps(detail: CaseDetail): StageStep[] {
  const reachedAt = (event: string) => detail.timeline.find((e) => e.type === event)?.at
  if (detail.status === 'closed_without_agreement') {
    const close = [...detail.timeline].reverse().find((e) => CLOSE_EVENTS.includes(e.type))
    // The stages the case went through before it closed, each shown with when it began.
    const done: StageStep[] = []
    for (const s of HAPPY_STAGES) {
      const at = reachedAt(s.event)
      if (at === undefined) break
      done.push({ key: s.key, title: s.title, status: 'finish', content: chinaTime(at) })
    }
    const why = detail.closeReason?.label ?? '调解未达成协议'
    return [
      ...done,
      {
        key: 'failed',
        title: '调解失败',
        status: 'error',
        content: close ? `${why} · ${chinaTime(close.at)}` : why,
      },
      {
        key: 'filing',
        title: '在线立案',
        status: 'process',
        content: '可向工商联组织申请在线立案',
      },
    ]
  }
  const current = stageOfStatus(detail.status)
  const steps: StageStep[] = HAPPY_STAGES.map((s, i) => {
    const at = reachedAt(s.event)
    const status: StepStatus = i < current ? 'finish' : i === current ? 'process' : 'default'
    return {
      key: s.key,
      title: s.title,
      status,
      content: i < current && at ? chinaTime(at) : s.hint,
    }
  })
  steps.push({
    key: 'after',
    title: '司法确认 / 调解书',
    status: detail.status === 'settled' ? 'process' : 'default',
    content: '协议生效后可申请司法确认或出具调解书',
  })
  return steps
}

/** Every recorded event, newest first, as the 进展记录 list shows it. */
export function eventRows(timeline: readonly TimelineEntry[]): EventRow[] {
  return [...timeline].reverse().map((e, i) => ({
    key: `${e.at}-${i}`,
    label: caseEventLabel(e.type),
    meta: `${chinaTime(e.at)} · ${e.actorLabel}`,
    note: e.note ?? '',
  }))
}

const ID_LABELS: Record<string, string> = {
  resident_id: '居民身份证',
  hmt_residence_permit: '港澳台居民居住证',
  hk_mo_travel_permit: '港澳居民来往内地通行证',
  tw_travel_permit: '台湾居民来往大陆通行证',
  passport: '护照',
  foreign_permanent_resident: '外国人永久居留身份证',
}

export function partyRow(side: 'applicant' | 'respondent', party: PartyView): PartyRow {
  const bits: string[] = [party.partyType === 'enterprise' ? '企业' : '个人']
  if (party.maskedUscc) bits.push(`统一社会信用代码 ${party.maskedUscc}`)
  else if (party.maskedIdNumber)
    bits.push(`${ID_LABELS[party.idType ?? ''] ?? '证件'} ${party.maskedIdNumber}`)
  if (party.maskedPhone) bits.push(`手机 ${party.maskedPhone}`)
  return {
    key: side,
    sideLabel: side === 'applicant' ? '申请人' : '被申请人',
    name: party.maskedName,
    detail: bits.join(' · '),
    joinedLabel: party.joined ? '已加入' : '未加入',
  }
}

const CHECK_NOTES: Record<string, string> = {
  pending: '内容审核中',
  review: '待人工复核',
  risky: '内容不合规，已屏蔽',
}

const AGREEMENT_LABELS: Record<string, string> = {
  draft: '调解员拟定中',
  signing: '待签署',
  effective: '已生效',
}

function q(caseId: string): string {
  return `caseId=${encodeURIComponent(caseId)}`
}

// The order the sheet lists them in: the next stage first, then the case's own steps, the
// closing ones last.
const SHEET_ORDER: readonly CaseAction[] = [
  'fileCase',
  'applyConfirmation',
  'applyDocument',
  'invite',
  'chooseMediator',
  'requestExtension',
  'consentExtension',
  'withdraw',
  'end',
]

function itemsOf(action: CaseAction, id: string): SheetItem[] {
  const go = (label: string, path: string): SheetItem[] => [
    { label, action: { kind: 'navigate', url: `${path}?${id}` } },
  ]
  switch (action) {
    case 'fileCase':
      return go('在线立案', '/pages/filing/apply/index')
    case 'applyConfirmation':
      return go('申请司法确认', '/pages/case/confirmation/index')
    case 'applyDocument':
      return go('申请出具调解书', '/pages/case/document/index')
    case 'invite':
      return go('邀请对方', '/pages/mediation/invite/index')
    case 'chooseMediator':
      return go('选择调解员', '/pages/mediation/mediators/index')
    case 'requestExtension':
      return [{ label: '申请延期', action: { kind: 'extension' } }]
    case 'consentExtension':
      return [
        { label: '同意延期', action: { kind: 'consent', agree: true } },
        { label: '不同意延期', action: { kind: 'consent', agree: false } },
      ]
    case 'withdraw':
      return [{ label: '撤回申请', action: { kind: 'reason', action: 'withdraw' } }]
    case 'end':
      return [{ label: '结束调解', action: { kind: 'reason', action: 'end' } }]
    default:
      return []
  }
}

/**
 * The 更多 items: exactly the server's `allowedActions` for this caller now, including the next
 * steps other functions own (在线立案, 司法确认, 调解书), which the server decides with the same
 * core rule those functions check. Actions with their own place on the page (rate, respond)
 * are not repeated here.
 */
export function sheetItems(detail: CaseDetail): SheetItem[] {
  const allowed = new Set<CaseAction>(detail.allowedActions)
  const id = q(detail.caseId)
  return SHEET_ORDER.filter((a) => allowed.has(a)).flatMap((a) => itemsOf(a, id))
}

function extensionNote(detail: CaseDetail): string {
  const p = detail.countdown.pendingExtension
  if (!p)
    return detail.countdown.extendedDays > 0 ? `已延长 ${detail.countdown.extendedDays} 天` : ''
  const agreed = p.consents.map((c) => (c === 'applicant' ? '申请人' : '被申请人')).join('、')
  return `延期申请 ${p.days} 天待双方同意${agreed ? `（${agreed}已同意）` : ''}`
}

export function detailView(detail: CaseDetail, now: number): DetailView {
  const closed = detail.status === 'settled' || detail.status === 'closed_without_agreement'
  const left =
    !closed && detail.countdown.deadline !== null
      ? remaining(Date.parse(detail.countdown.deadline), now)
      : null
  const parties: PartyRow[] = []
  if (detail.applicant) parties.push(partyRow('applicant', detail.applicant))
  if (detail.respondent) parties.push(partyRow('respondent', detail.respondent))
  return {
    caseNumber: detail.caseNumber ?? '案号待生成',
    statusLabel: detail.statusLabel,
    theme: caseTagTheme(detail.status),
    disputeTypeLabel: detail.disputeTypeLabel ?? '纠纷类型未填写',
    amountText: amountText(detail.amountFen),
    countdown: left?.ok ? `调解期限${left.value.text}` : '',
    countdownUrgent: left?.ok === true && (left.value.expired || left.value.days < 3),
    extensionNote: closed ? '' : extensionNote(detail),
    extensionMax: maxExtensionDays(
      detail.countdown.mediationDays ?? MEDIATION_DEFAULT_DAYS,
      detail.countdown.extendedDays,
    ),
    closeNote: detail.closeReason
      ? `${detail.closeReason.label}${detail.closeReason.note ? `：${detail.closeReason.note}` : ''}`
      : '',
    description: detail.description ?? '',
    claims: detail.claims,
    steps: stageSteps(detail),
    events: eventRows(detail.timeline),
    parties,
    evidence: detail.evidence.map((e, i) => ({
      key: `${i}-${e.name}`,
      name: e.name,
      kind: e.kind,
      url: e.url ?? '',
      note: e.url === null ? '暂无法预览' : (CHECK_NOTES[e.check] ?? ''),
    })),
    calls: detail.calls.map((c, i) => ({
      key: c.callId,
      callId: c.callId,
      title: `第 ${detail.calls.length - i} 次视频调解 · ${chinaTime(c.startedAt)}`,
      note: durationText(c.durationSec),
    })),
    agreementText: detail.agreement
      ? `第 ${detail.agreement.version} 版 · ${AGREEMENT_LABELS[detail.agreement.status] ?? detail.agreement.status}`
      : '',
    agreementUrl: detail.agreement ? `/pages/case/agreement/index?${q(detail.caseId)}` : '',
    sheet: sheetItems(detail),
    canRate: detail.allowedActions.includes('rate'),
    ratingText: detail.myRating
      ? `${detail.myRating.score} 星${detail.myRating.comment ? ` · ${detail.myRating.comment}` : ''}`
      : '',
  }
}

export type FormError = { readonly ok: false; readonly message: string }

/** The reason typed for 撤回申请 / 结束调解: required, at most MAX_REASON_LENGTH characters. */
export function checkReason(
  text: string,
): { readonly ok: true; readonly value: string } | FormError {
  const value = text.trim()
  if (value.length === 0) return { ok: false, message: '请填写原因' }
  if (value.length > MAX_REASON_LENGTH)
    return { ok: false, message: `原因不能超过 ${MAX_REASON_LENGTH} 个字` }
  return { ok: true, value }
}

/** Days asked for in 申请延期: a whole number within the allowed range. */
export function checkExtensionDays(
  days: number,
  max: number,
): { readonly ok: true; readonly value: number } | FormError {
  if (max < 1) return { ok: false, message: '调解期限已达上限，不能再延长' }
  if (!Number.isInteger(days) || days < 1 || days > max)
    return { ok: false, message: `延长天数应为 1 至 ${max} 天` }
  return { ok: true, value: days }
}

/** The rating: 1–5 stars, an optional comment of at most MAX_REASON_LENGTH characters. */
export function checkRating(
  score: number,
  comment: string,
): { readonly ok: true; readonly score: number; readonly comment: string } | FormError {
  if (!Number.isInteger(score) || score < 1 || score > 5)
    return { ok: false, message: '请选择 1 至 5 星' }
  const text = comment.trim()
  if (text.length > MAX_REASON_LENGTH)
    return { ok: false, message: `评价不能超过 ${MAX_REASON_LENGTH} 个字` }
  return { ok: true, score, comment: text }
}
