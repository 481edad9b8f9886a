// A user without the role who opens a desk page is sent away: what the toast says and where the
// user lands. The toast is caught through a showToast mock, since it is gone before a read.
import { expect } from 'vitest'
import { waitForPage, waitUntil, type MiniProgram } from './harness'

// Where each app instance's toasts go while a check runs (exposeFunction is once per instance).
const sinks = new WeakMap<MiniProgram, string[] | undefined>()

async function catchToasts(mp: MiniProgram): Promise<string[]> {
  if (!sinks.has(mp)) {
    await mp.exposeFunction('reportSentAwayToast', (title: unknown) => {
      sinks.get(mp)?.push(String(title))
    })
  }
  const toasts: string[] = []
  sinks.set(mp, toasts)
  await mp.mockWxMethod('showToast', function (options: { title: string }) {
    ;(globalThis as unknown as { reportSentAwayToast(t: string): void }).reportSentAwayToast(
      options.title,
    )
    return { errMsg: 'showToast:ok' }
  })
  return toasts
}

/** Relaunches `path` and expects the user on `landsOn` (a route), told exactly `toast`. */
export async function expectSentAway(
  mp: MiniProgram,
  path: string,
  expected: { toast: string; landsOn: string },
): Promise<void> {
  const toasts = await catchToasts(mp)
  try {
    await mp.callWxMethod('reLaunch', { url: path })
    await waitForPage(mp, expected.landsOn, 15_000)
    await waitUntil('拒绝提示', () => toasts.length > 0)
    expect(toasts).toEqual([expected.toast])
  } finally {
    sinks.set(mp, undefined)
    await mp.restoreWxMethod('showToast')
  }
}
