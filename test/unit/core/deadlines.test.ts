import { describe, expect, it } from 'vitest'
import {
  CALL_INVITATION_TTL_MS,
  callInvitationExpiresAt,
  checkConfirmationWindow,
  checkExtension,
  confirmationWindowClosesAt,
  DAY_MS,
  deskItemDueAt,
  dueReminder,
  idempotencyKeyExpiresAt,
  idPhotosExpireAt,
  HOUR_MS,
  isCallInvitationExpired,
  isManualReviewOverdue,
  manualReviewDueAt,
  MANUAL_REVIEW_PROMISE_TEXT,
  maxExtensionDays,
  mediationDeadline,
  MINUTE_MS,
  reminderPoints,
  remaining,
  resolveMediationDays,
  toMs,
} from '../../../miniprogram/core/deadlines'

const T0 = Date.UTC(2026, 11, 1, 0, 0, 0)

function code(r: { ok: boolean; error?: { code: string } } | undefined): string {
  if (r === undefined) return 'none'
  return r.ok ? 'ok' : (r.error?.code ?? 'missing')
}

describe('toMs', () => {
  it('accepts valid Dates and finite numbers only', () => {
    expect(toMs(new Date(T0))).toBe(T0)
    expect(toMs(T0)).toBe(T0)
    for (const bad of [NaN, Infinity, new Date('x'), '2026-12-01', null, undefined, {}]) {
      expect(toMs(bad)).toBeUndefined()
    }
  })
})

describe('mediation period', () => {
  it('defaults to 30 days and accepts an organisation setting from 1 to 60', () => {
    expect(resolveMediationDays(undefined)).toEqual({ ok: true, value: 30 })
    expect(resolveMediationDays(null)).toEqual({ ok: true, value: 30 })
    expect(resolveMediationDays(45)).toEqual({ ok: true, value: 45 })
    expect(resolveMediationDays(1)).toEqual({ ok: true, value: 1 })
    expect(resolveMediationDays(60)).toEqual({ ok: true, value: 60 })
    for (const bad of [0, 61, 15.5, '30', -3, NaN]) {
      expect(resolveMediationDays(bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_MEDIATION_DAYS', field: 'mediationDays' },
      })
    }
  })

  it('ends start + days, with extensions added', () => {
    expect(mediationDeadline({ startedAt: T0, baseDays: 30 })).toEqual({
      ok: true,
      value: T0 + 30 * DAY_MS,
    })
    expect(mediationDeadline({ startedAt: new Date(T0), baseDays: 30, extendedDays: 30 })).toEqual({
      ok: true,
      value: T0 + 60 * DAY_MS,
    })
    expect(code(mediationDeadline({ startedAt: T0, baseDays: 30, extendedDays: 31 }))).toBe(
      'EXTENSION_LIMIT',
    )
    expect(code(mediationDeadline({ startedAt: T0, baseDays: 30, extendedDays: -1 }))).toBe(
      'EXTENSION_LIMIT',
    )
    expect(code(mediationDeadline({ startedAt: NaN, baseDays: 30 }))).toBe('INVALID_TIME')
    expect(code(mediationDeadline({ startedAt: T0, baseDays: 0 }))).toBe('INVALID_MEDIATION_DAYS')
  })

  it('caps extensions at 60 days in total', () => {
    expect(maxExtensionDays(30, 0)).toBe(30)
    expect(maxExtensionDays(30, 20)).toBe(10)
    expect(maxExtensionDays(30, 30)).toBe(0)
    expect(maxExtensionDays(45, 0)).toBe(15)
    expect(maxExtensionDays(NaN, 0)).toBe(0)
    expect(checkExtension(30, 0, 30)).toEqual({ ok: true, value: 30 })
    expect(checkExtension(30, 20, 10)).toEqual({ ok: true, value: 30 })
    expect(checkExtension(30, 20, 11)).toEqual({
      ok: false,
      error: {
        code: 'EXTENSION_LIMIT',
        message: '调解期限合计不能超过 60 天，最多还可延长 10 天',
        field: 'days',
      },
    })
    expect(checkExtension(30, 30, 1)).toMatchObject({
      ok: false,
      error: { code: 'EXTENSION_LIMIT', message: '调解期限合计不能超过 60 天，已不能再延长' },
    })
    for (const bad of [0, -5, 2.5, '10', undefined, null]) {
      expect(code(checkExtension(30, 0, bad))).toBe('INVALID_EXTENSION_DAYS')
    }
  })
})

describe('judicial confirmation window', () => {
  it('closes exactly at effective + 30 days', () => {
    expect(confirmationWindowClosesAt(T0)).toEqual({ ok: true, value: T0 + 30 * DAY_MS })
    expect(checkConfirmationWindow(T0, T0)).toBeUndefined()
    expect(checkConfirmationWindow(new Date(T0), T0 + 30 * DAY_MS - 1)).toBeUndefined()
    expect(checkConfirmationWindow(T0, T0 + 30 * DAY_MS)?.code).toBe('CONFIRMATION_WINDOW_CLOSED')
    expect(checkConfirmationWindow(T0, T0 + 90 * DAY_MS)?.code).toBe('CONFIRMATION_WINDOW_CLOSED')
  })

  it('is not open before the agreement is effective or without an effective time', () => {
    expect(checkConfirmationWindow(T0, T0 - 1)?.code).toBe('CONFIRMATION_NOT_EFFECTIVE')
    expect(checkConfirmationWindow(undefined, T0)?.code).toBe('CONFIRMATION_NOT_EFFECTIVE')
    expect(checkConfirmationWindow(T0, 'now')?.code).toBe('INVALID_TIME')
    expect(code(confirmationWindowClosesAt(NaN))).toBe('INVALID_TIME')
  })
})

describe('manual identity review', () => {
  it('is due 4 hours after submission and overdue from that instant', () => {
    expect(manualReviewDueAt(T0)).toEqual({ ok: true, value: T0 + 4 * HOUR_MS })
    expect(isManualReviewOverdue(T0, T0 + 4 * HOUR_MS - 1)).toEqual({ ok: true, value: false })
    expect(isManualReviewOverdue(new Date(T0), new Date(T0 + 4 * HOUR_MS))).toEqual({
      ok: true,
      value: true,
    })
    expect(code(isManualReviewOverdue(T0, NaN))).toBe('INVALID_TIME')
    expect(code(manualReviewDueAt(new Date('bad')))).toBe('INVALID_TIME')
    expect(MANUAL_REVIEW_PROMISE_TEXT).toContain('2–4 小时')
  })
})

describe('organisation desk', () => {
  it('gives a filing 7 days (民诉法 第126条) and the other desk items their internal targets', () => {
    expect(deskItemDueAt('filing', T0)).toEqual({ ok: true, value: T0 + 7 * DAY_MS })
    expect(deskItemDueAt('judicial_confirmation', new Date(T0))).toEqual({
      ok: true,
      value: T0 + 3 * DAY_MS,
    })
    expect(deskItemDueAt('document_request', T0)).toEqual({ ok: true, value: T0 + 5 * DAY_MS })
    expect(deskItemDueAt('withdrawal_request', T0)).toEqual({ ok: true, value: T0 + 3 * DAY_MS })
    expect(code(deskItemDueAt('filing', new Date('bad')))).toBe('INVALID_TIME')
  })
})

describe('retention', () => {
  it('keeps ID photos 30 days after the review and request results 7 days', () => {
    expect(idPhotosExpireAt(T0)).toEqual({ ok: true, value: T0 + 30 * DAY_MS })
    expect(idempotencyKeyExpiresAt(new Date(T0))).toEqual({ ok: true, value: T0 + 7 * DAY_MS })
    expect(code(idPhotosExpireAt(NaN))).toBe('INVALID_TIME')
    expect(code(idempotencyKeyExpiresAt(new Date('never')))).toBe('INVALID_TIME')
  })
})

describe('reminders', () => {
  const deadline = T0 + 30 * DAY_MS

  it('sits at D-7 and D-2', () => {
    expect(reminderPoints(deadline)).toEqual({
      ok: true,
      value: [
        { key: 'D-7', at: deadline - 7 * DAY_MS },
        { key: 'D-2', at: deadline - 2 * DAY_MS },
      ],
    })
  })

  it('is due from the exact point, once', () => {
    expect(dueReminder(deadline, deadline - 7 * DAY_MS - 1, [])).toEqual({ ok: true, value: null })
    expect(dueReminder(deadline, deadline - 7 * DAY_MS, [])).toEqual({ ok: true, value: 'D-7' })
    expect(dueReminder(deadline, deadline - 3 * DAY_MS, ['D-7'])).toEqual({ ok: true, value: null })
    expect(dueReminder(deadline, deadline - 2 * DAY_MS, ['D-7'])).toEqual({
      ok: true,
      value: 'D-2',
    })
    expect(dueReminder(deadline, deadline - DAY_MS, ['D-7', 'D-2'])).toEqual({
      ok: true,
      value: null,
    })
  })

  it('skips a missed D-7 when D-2 is already reached, and stops at the deadline', () => {
    expect(dueReminder(deadline, deadline - DAY_MS, [])).toEqual({ ok: true, value: 'D-2' })
    expect(dueReminder(deadline, deadline, [])).toEqual({ ok: true, value: null })
  })

  it('rejects bad times', () => {
    expect(code(dueReminder(NaN, T0, []))).toBe('INVALID_TIME')
    expect(code(dueReminder(deadline, 'x' as never, []))).toBe('INVALID_TIME')
    expect(dueReminder(deadline, deadline - DAY_MS, 'D-2' as never)).toEqual({
      ok: true,
      value: 'D-2',
    })
  })
})

describe('call invitations', () => {
  it('lapse exactly 2 minutes after creation', () => {
    expect(CALL_INVITATION_TTL_MS).toBe(2 * MINUTE_MS)
    expect(callInvitationExpiresAt(T0)).toEqual({ ok: true, value: T0 + 120_000 })
    expect(isCallInvitationExpired(T0, T0 + 119_999)).toEqual({ ok: true, value: false })
    expect(isCallInvitationExpired(T0, T0 + 120_000)).toEqual({ ok: true, value: true })
    expect(code(isCallInvitationExpired(T0, Infinity))).toBe('INVALID_TIME')
  })
})

describe('remaining', () => {
  const text = (ms: number): string => {
    const r = remaining(T0 + ms, T0)
    return r.ok ? r.value.text : r.error.code
  }

  it('counts days, hours and minutes, rounded down', () => {
    expect(remaining(T0 + 3 * DAY_MS + 4 * HOUR_MS + 59 * MINUTE_MS, T0)).toEqual({
      ok: true,
      value: {
        expired: false,
        totalMs: 3 * DAY_MS + 4 * HOUR_MS + 59 * MINUTE_MS,
        days: 3,
        hours: 4,
        minutes: 59,
        text: '剩余 3 天 4 小时',
      },
    })
  })

  it('uses finer units as the deadline nears', () => {
    expect(text(3 * DAY_MS)).toBe('剩余 3 天')
    expect(text(DAY_MS - 1)).toBe('剩余 23 小时 59 分钟')
    expect(text(5 * HOUR_MS)).toBe('剩余 5 小时')
    expect(text(5 * HOUR_MS + 12 * MINUTE_MS)).toBe('剩余 5 小时 12 分钟')
    expect(text(8 * MINUTE_MS + 30_000)).toBe('剩余 8 分钟')
    expect(text(59_999)).toBe('剩余不足 1 分钟')
    expect(text(1)).toBe('剩余不足 1 分钟')
  })

  it('is expired exactly at the deadline and after', () => {
    expect(remaining(T0, T0)).toEqual({
      ok: true,
      value: { expired: true, totalMs: 0, days: 0, hours: 0, minutes: 0, text: '已到期' },
    })
    expect(text(-DAY_MS)).toBe('已到期')
  })

  it('accepts Dates and rejects bad times', () => {
    expect(text(2 * HOUR_MS)).toBe('剩余 2 小时')
    const r = remaining(new Date(T0 + DAY_MS), new Date(T0))
    expect(r.ok && r.value.text).toBe('剩余 1 天')
    expect(code(remaining(NaN, T0))).toBe('INVALID_TIME')
    expect(code(remaining(T0, null as never))).toBe('INVALID_TIME')
  })
})
