import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { nextFireAfter, parseCron } from '../../tools/cloudbase-emulator/src/timers/cron'
import { startHarness, type Harness } from '../fixtures/functions/harness'

/** An instant written in China Standard Time, the zone CloudBase timers run in. */
const cst = (text: string): number => Date.parse(`${text}+08:00`)

function next(expr: string, after: string): string | undefined {
  const parsed = parseCron(expr)
  if (!parsed.ok) throw new Error(parsed.message)
  const t = nextFireAfter(parsed.schedule, cst(after))
  return t === undefined ? undefined : new Date(t + 8 * 3600_000).toISOString().slice(0, 19)
}

describe('7-field cron', () => {
  it('fires hourly on the hour', () => {
    expect(next('0 0 * * * * *', '2026-12-01T10:30:00')).toBe('2026-12-01T11:00:00')
    expect(next('0 0 * * * * *', '2026-12-01T11:00:00')).toBe('2026-12-01T12:00:00')
    expect(next('0 0 * * * * *', '2026-12-31T23:59:59')).toBe('2027-01-01T00:00:00')
  })

  it('handles steps, ranges, lists and names', () => {
    expect(next('*/15 * * * * * *', '2026-12-01T10:00:01')).toBe('2026-12-01T10:00:15')
    expect(next('0 30 9 * * MON-FRI *', '2026-12-04T10:00:00')).toBe('2026-12-07T09:30:00')
    expect(next('0 0 8,20 * * * *', '2026-12-01T08:00:00')).toBe('2026-12-01T20:00:00')
    expect(next('0 0 0 1 JAN * 2028', '2026-12-01T00:00:00')).toBe('2028-01-01T00:00:00')
    expect(next('0 0 0 29 2 * *', '2026-03-01T00:00:00')).toBe('2028-02-29T00:00:00')
  })

  it('matches day-of-month or weekday when both are restricted', () => {
    // 2026-12-05 is a Saturday: the 10th or any Saturday, whichever comes first.
    expect(next('0 0 12 10 * SAT *', '2026-12-01T00:00:00')).toBe('2026-12-05T12:00:00')
    expect(next('0 0 12 10 * SAT *', '2026-12-05T13:00:00')).toBe('2026-12-10T12:00:00')
  })

  it('rejects malformed expressions with a Chinese message', () => {
    const bad = [
      '0 0 * * * *',
      '61 0 * * * * *',
      '0 0 * * * L *',
      '0 0 25 * * * *',
      '0 */0 * * * * *',
    ]
    for (const expr of bad) {
      const parsed = parseCron(expr)
      expect(parsed.ok, expr).toBe(false)
      if (!parsed.ok) expect(parsed.message).toMatch(/[\u4e00-\u9fff]/)
    }
  })

  it('has no next time after its last year', () => {
    expect(next('0 0 0 1 1 * 2027', '2027-06-01T00:00:00')).toBeUndefined()
  })
})

describe('timer triggers against the emulator clock', () => {
  let h: Harness

  beforeAll(async () => {
    h = await startHarness({ clock: cst('2026-12-01T10:59:58') })
  })

  afterAll(async () => {
    await h.stop()
  })

  const tickerFirings = (): number =>
    h.timers.history().filter((f) => f.function === 'ticker' && !f.manual).length

  it('lists the trigger from config.json with its next time', () => {
    expect(h.timers.list()).toEqual([
      {
        function: 'ticker',
        trigger: 'hourly',
        cron: '0 0 * * * * *',
        nextFireAt: cst('2026-12-01T11:00:00'),
      },
    ])
  })

  it('fires once when the clock crosses the hour, as a timer with no user', async () => {
    h.emulator.clock.advance(1000)
    await h.timers.tick()
    expect(tickerFirings()).toBe(0)

    h.emulator.clock.advance(2000)
    await h.timers.tick()
    expect(tickerFirings()).toBe(1)
    const firing = h.timers.history().at(-1)
    expect(firing).toMatchObject({
      function: 'ticker',
      trigger: 'hourly',
      scheduledAt: cst('2026-12-01T11:00:00'),
      outcome: {
        ok: true,
        result: {
          event: {
            Type: 'Timer',
            TriggerName: 'hourly',
            Time: '2026-12-01T03:00:00Z',
            Message: '',
          },
          OPENID: '',
          SOURCE: 'wx_trigger',
          triggerSrc: 'timer',
        },
      },
    })

    h.emulator.clock.advance(10_000)
    await h.timers.tick()
    expect(tickerFirings()).toBe(1)
  })

  it('coalesces several missed hours into one run', async () => {
    h.emulator.clock.advance(3 * 3600_000)
    await h.timers.tick()
    expect(tickerFirings()).toBe(2)
    expect(h.timers.history().at(-1)?.scheduledAt).toBe(cst('2026-12-01T12:00:00'))
  })

  it('fires one now through POST /__emulator/timers/<function>/fire', async () => {
    const res = await fetch(`${h.baseUrl}/__emulator/timers/ticker/fire`, { method: 'POST' })
    expect(res.status).toBe(200)
    const body = (await res.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      function: 'ticker',
      trigger: 'hourly',
      manual: true,
      outcome: { ok: true, result: { OPENID: '', SOURCE: 'wx_trigger', triggerSrc: 'timer' } },
    })
    expect(tickerFirings()).toBe(2)

    const missing = await fetch(`${h.baseUrl}/__emulator/timers/echo/fire`, { method: 'POST' })
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: { message: string } }).error.message).toContain(
      'echo',
    )
  })
})
