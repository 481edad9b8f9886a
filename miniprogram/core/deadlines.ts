import { failure, success, type CoreError, type Outcome } from './result'

/** A point in time as the core accepts it: a `Date` (as stored in CloudBase) or epoch ms. */
export type Instant = Date | number

/** One minute in ms. */
export const MINUTE_MS = 60_000
/** One hour in ms. */
export const HOUR_MS = 60 * MINUTE_MS
/** One day in ms; China has no daylight saving, so a day is always 24 h. */
export const DAY_MS = 24 * HOUR_MS

/** Error codes the deadline rules return. */
export type DeadlineErrorCode =
  | 'INVALID_TIME'
  | 'INVALID_MEDIATION_DAYS'
  | 'INVALID_EXTENSION_DAYS'
  | 'EXTENSION_LIMIT'
  | 'CONFIRMATION_NOT_EFFECTIVE'
  | 'CONFIRMATION_WINDOW_CLOSED'

/** Epoch ms of a valid `Date` or finite number; `undefined` for anything else. */
export function toMs(value: unknown): number | undefined {
  if (value instanceof Date) {
    const ms = value.getTime()
    return Number.isFinite(ms) ? ms : undefined
  }
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined
}

function invalidTime(field: string): {
  readonly ok: false
  readonly error: CoreError<'INVALID_TIME'>
} {
  return failure('INVALID_TIME', '时间格式不正确', field)
}

// ---------------------------------------------------------------------------------------------
// Mediation period
// ---------------------------------------------------------------------------------------------

/** Default mediation period (人民调解 "一般在一个月内调结"; court 委派 mediation 30 days). */
export const MEDIATION_DEFAULT_DAYS = 30
/** Cap on the period including extensions (commercial practice: 30 + one 30-day extension). */
export const MEDIATION_MAX_TOTAL_DAYS = 60

/**
 * The organisation's configured period in days: missing → the 30-day default; otherwise a whole
 * number from 1 to 60, because no extension could ever exceed the 60-day cap.
 */
export function resolveMediationDays(configured: unknown): Outcome<number, DeadlineErrorCode> {
  if (configured === undefined || configured === null) return success(MEDIATION_DEFAULT_DAYS)
  if (
    typeof configured !== 'number' ||
    !Number.isInteger(configured) ||
    configured < 1 ||
    configured > MEDIATION_MAX_TOTAL_DAYS
  ) {
    return failure(
      'INVALID_MEDIATION_DAYS',
      `调解期限应为 1 至 ${MEDIATION_MAX_TOTAL_DAYS} 天的整数`,
      'mediationDays',
    )
  }
  return success(configured)
}

/** How many more days may still be added to a period of `baseDays` already extended by `extendedDays`. */
export function maxExtensionDays(baseDays: number, extendedDays: number): number {
  const left = MEDIATION_MAX_TOTAL_DAYS - baseDays - extendedDays
  return Number.isFinite(left) && left > 0 ? Math.floor(left) : 0
}

/**
 * Checks an extension request and returns the new extended total. The law lets both parties
 * lengthen mediation by agreement, but practice caps the whole period at 60 days so a stalled
 * case cannot block the route to court for ever.
 */
export function checkExtension(
  baseDays: number,
  extendedDays: number,
  requestedDays: unknown,
): Outcome<number, DeadlineErrorCode> {
  if (typeof requestedDays !== 'number' || !Number.isInteger(requestedDays) || requestedDays < 1) {
    return failure('INVALID_EXTENSION_DAYS', '延长天数应为正整数', 'days')
  }
  const left = maxExtensionDays(baseDays, extendedDays)
  if (requestedDays > left) {
    return failure(
      'EXTENSION_LIMIT',
      left === 0
        ? `调解期限合计不能超过 ${MEDIATION_MAX_TOTAL_DAYS} 天，已不能再延长`
        : `调解期限合计不能超过 ${MEDIATION_MAX_TOTAL_DAYS} 天，最多还可延长 ${left} 天`,
      'days',
    )
  }
  return success(extendedDays + requestedDays)
}

/** The period a case runs under: when mediation started (受理), the base days and days added. */
export interface MediationPeriod {
  readonly startedAt: Instant
  readonly baseDays: number
  readonly extendedDays?: number
}

/** When the mediation period ends (epoch ms); the case may be closed as expired from then on. */
export function mediationDeadline(period: MediationPeriod): Outcome<number, DeadlineErrorCode> {
  const start = toMs(period.startedAt)
  if (start === undefined) return invalidTime('startedAt')
  const base = resolveMediationDays(period.baseDays)
  if (!base.ok) return base
  const extended = period.extendedDays ?? 0
  if (
    !Number.isInteger(extended) ||
    extended < 0 ||
    base.value + extended > MEDIATION_MAX_TOTAL_DAYS
  ) {
    return failure(
      'EXTENSION_LIMIT',
      `调解期限合计不能超过 ${MEDIATION_MAX_TOTAL_DAYS} 天`,
      'extendedDays',
    )
  }
  return success(start + (base.value + extended) * DAY_MS)
}

// ---------------------------------------------------------------------------------------------
// Judicial confirmation window
// ---------------------------------------------------------------------------------------------

/** 民诉法 第205条 / 人民调解法 第33条: apply within 30 days of the agreement taking effect. */
export const CONFIRMATION_WINDOW_DAYS = 30

/** When the judicial-confirmation window closes (epoch ms); closed from this instant on. */
export function confirmationWindowClosesAt(
  effectiveAt: Instant,
): Outcome<number, DeadlineErrorCode> {
  const start = toMs(effectiveAt)
  if (start === undefined) return invalidTime('agreementEffectiveAt')
  return success(start + CONFIRMATION_WINDOW_DAYS * DAY_MS)
}

/**
 * Refuses a confirmation step outside the statutory window: before the agreement is effective
 * there is nothing to confirm, and from effectiveAt + 30 days a court will not accept it.
 */
export function checkConfirmationWindow(
  effectiveAt: unknown,
  now: unknown,
): CoreError<DeadlineErrorCode> | undefined {
  const start = toMs(effectiveAt)
  if (start === undefined) {
    return { code: 'CONFIRMATION_NOT_EFFECTIVE', message: '调解协议尚未生效，不能申请司法确认' }
  }
  const at = toMs(now)
  if (at === undefined) return { code: 'INVALID_TIME', message: '时间格式不正确', field: 'now' }
  if (at < start) {
    return { code: 'CONFIRMATION_NOT_EFFECTIVE', message: '调解协议尚未生效，不能申请司法确认' }
  }
  if (at >= start + CONFIRMATION_WINDOW_DAYS * DAY_MS) {
    return {
      code: 'CONFIRMATION_WINDOW_CLOSED',
      message: `已超过调解协议生效之日起 ${CONFIRMATION_WINDOW_DAYS} 日的司法确认申请期限`,
    }
  }
  return undefined
}

// ---------------------------------------------------------------------------------------------
// Manual identity review
// ---------------------------------------------------------------------------------------------

/** Internal SLA for a manual identity review; the pages promise 2–4 hours. */
export const MANUAL_REVIEW_SLA_HOURS = 4
/** What the pages tell the user while a manual review is pending. */
export const MANUAL_REVIEW_PROMISE_TEXT = '人工审核预计 2–4 小时内完成'

/** When a manual review is due (epoch ms); overdue from this instant on. */
export function manualReviewDueAt(submittedAt: Instant): Outcome<number, DeadlineErrorCode> {
  const start = toMs(submittedAt)
  if (start === undefined) return invalidTime('submittedAt')
  return success(start + MANUAL_REVIEW_SLA_HOURS * HOUR_MS)
}

/** Whether a manual review has passed its SLA (so the desk can flag it). */
export function isManualReviewOverdue(
  submittedAt: Instant,
  now: Instant,
): Outcome<boolean, DeadlineErrorCode> {
  const due = manualReviewDueAt(submittedAt)
  if (!due.ok) return due
  const at = toMs(now)
  if (at === undefined) return invalidTime('now')
  return success(at >= due.value)
}

// ---------------------------------------------------------------------------------------------
// Organisation desk
// ---------------------------------------------------------------------------------------------

/** What waits on the organisation desk besides identity reviews (whose SLA is above). */
export type DeskItemKind =
  'filing' | 'judicial_confirmation' | 'document_request' | 'withdrawal_request'

/**
 * Desk service levels in hours: a filing is decided within 7 days (民诉法 第126条); the others are
 * the desk's internal targets.
 */
export const DESK_SLA_HOURS: Readonly<Record<DeskItemKind, number>> = {
  filing: 7 * 24,
  judicial_confirmation: 3 * 24,
  document_request: 5 * 24,
  withdrawal_request: 3 * 24,
}

/** When a desk item waiting since `since` is due (epoch ms); overdue from this instant on. */
export function deskItemDueAt(
  kind: DeskItemKind,
  since: Instant,
): Outcome<number, DeadlineErrorCode> {
  const start = toMs(since)
  if (start === undefined) return invalidTime('since')
  return success(start + DESK_SLA_HOURS[kind] * HOUR_MS)
}

// ---------------------------------------------------------------------------------------------
// Retention of personal and technical data
// ---------------------------------------------------------------------------------------------

/** ID photos of a manual review are kept this long after the review, then deleted. */
export const ID_PHOTO_RETENTION_DAYS = 30

/** When the photos of a review decided at `reviewedAt` must be gone (epoch ms). */
export function idPhotosExpireAt(reviewedAt: Instant): Outcome<number, DeadlineErrorCode> {
  const start = toMs(reviewedAt)
  if (start === undefined) return invalidTime('reviewedAt')
  return success(start + ID_PHOTO_RETENTION_DAYS * DAY_MS)
}

/** A client request id is answered from its stored result for this long, then forgotten. */
export const IDEMPOTENCY_KEY_TTL_DAYS = 7

/** When an idempotency record stored at `storedAt` expires (epoch ms). */
export function idempotencyKeyExpiresAt(storedAt: Instant): Outcome<number, DeadlineErrorCode> {
  const start = toMs(storedAt)
  if (start === undefined) return invalidTime('storedAt')
  return success(start + IDEMPOTENCY_KEY_TTL_DAYS * DAY_MS)
}

// ---------------------------------------------------------------------------------------------
// Reminders
// ---------------------------------------------------------------------------------------------

/** Reminder points before a deadline (the confirmation window and the mediation period). */
export type ReminderKey = 'D-7' | 'D-2'

/** Days before the deadline for each reminder point, earliest first. */
export const REMINDER_POINTS: readonly {
  readonly key: ReminderKey
  readonly daysBefore: number
}[] = [
  { key: 'D-7', daysBefore: 7 },
  { key: 'D-2', daysBefore: 2 },
]

/** The instants (epoch ms) of the reminder points of a deadline, earliest first. */
export function reminderPoints(
  deadline: Instant,
): Outcome<readonly { readonly key: ReminderKey; readonly at: number }[], DeadlineErrorCode> {
  const end = toMs(deadline)
  if (end === undefined) return invalidTime('deadline')
  return success(REMINDER_POINTS.map((p) => ({ key: p.key, at: end - p.daysBefore * DAY_MS })))
}

/**
 * The reminder the hourly timer should send now, or `null`. Only the latest point already reached
 * counts: if the timer missed D-7 and it is already D-2, a "7 days left" message would mislead.
 * Nothing is sent once the deadline has passed or when that point was already sent.
 */
export function dueReminder(
  deadline: Instant,
  now: Instant,
  alreadySent: readonly string[],
): Outcome<ReminderKey | null, DeadlineErrorCode> {
  const points = reminderPoints(deadline)
  if (!points.ok) return points
  const at = toMs(now)
  if (at === undefined) return invalidTime('now')
  const end = toMs(deadline) ?? 0
  if (at >= end) return success(null)
  const reached = points.value.filter((p) => p.at <= at)
  const latest = reached[reached.length - 1]
  if (latest === undefined) return success(null)
  const sent = Array.isArray(alreadySent) ? alreadySent : []
  return success(sent.includes(latest.key) ? null : latest.key)
}

// ---------------------------------------------------------------------------------------------
// Call invitations
// ---------------------------------------------------------------------------------------------

/** How long a video-call invitation rings before it lapses. */
export const CALL_INVITATION_TTL_MS = 2 * MINUTE_MS

/** When a call invitation lapses (epoch ms). */
export function callInvitationExpiresAt(createdAt: Instant): Outcome<number, DeadlineErrorCode> {
  const start = toMs(createdAt)
  if (start === undefined) return invalidTime('createdAt')
  return success(start + CALL_INVITATION_TTL_MS)
}

/** Whether a call invitation has lapsed (exactly at +2 min it has). */
export function isCallInvitationExpired(
  createdAt: Instant,
  now: Instant,
): Outcome<boolean, DeadlineErrorCode> {
  const end = callInvitationExpiresAt(createdAt)
  if (!end.ok) return end
  const at = toMs(now)
  if (at === undefined) return invalidTime('now')
  return success(at >= end.value)
}

// ---------------------------------------------------------------------------------------------
// Countdown
// ---------------------------------------------------------------------------------------------

/** A countdown to a deadline, whole units rounded down, with the Chinese text the pages show. */
export interface Remaining {
  readonly expired: boolean
  /** ms left; 0 once expired. */
  readonly totalMs: number
  readonly days: number
  readonly hours: number
  readonly minutes: number
  readonly text: string
}

/**
 * Time left until `deadline`. Expired exactly at the deadline. The text drops to finer units as
 * the deadline nears: "剩余 3 天 4 小时", "剩余 5 小时 12 分钟", "剩余 8 分钟", "剩余不足 1 分钟", "已到期".
 */
export function remaining(deadline: Instant, now: Instant): Outcome<Remaining, DeadlineErrorCode> {
  const end = toMs(deadline)
  if (end === undefined) return invalidTime('deadline')
  const at = toMs(now)
  if (at === undefined) return invalidTime('now')
  const left = end - at
  if (left <= 0) {
    return success({ expired: true, totalMs: 0, days: 0, hours: 0, minutes: 0, text: '已到期' })
  }
  const days = Math.floor(left / DAY_MS)
  const hours = Math.floor((left % DAY_MS) / HOUR_MS)
  const minutes = Math.floor((left % HOUR_MS) / MINUTE_MS)
  let text: string
  if (days > 0) text = hours > 0 ? `剩余 ${days} 天 ${hours} 小时` : `剩余 ${days} 天`
  else if (hours > 0)
    text = minutes > 0 ? `剩余 ${hours} 小时 ${minutes} 分钟` : `剩余 ${hours} 小时`
  else if (minutes > 0) text = `剩余 ${minutes} 分钟`
  else text = '剩余不足 1 分钟'
  return success({ expired: false, totalMs: left, days, hours, minutes, text })
}
