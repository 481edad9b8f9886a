import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, inject, onTestFailed, beforeEach, afterEach } from 'vitest'
import automator from 'miniprogram-automator'
import type MiniProgram from 'miniprogram-automator/out/MiniProgram'
import type Page from 'miniprogram-automator/out/Page'
import type Element from 'miniprogram-automator/out/Element'

import { resetToSeed } from './emulator'

// Per test file: connect to the shared mini-program as a seeded user, fail any test during
// which the app threw or logged a console error, and keep a screenshot of every failed test in
// test-results/. Only the public miniprogram-automator API is used, so the files also run
// against DevTools (there as the DevTools user only).

export type { MiniProgram, Page, Element }

export const DEFAULT_USER = 'o_party_applicant'

export interface AppHandle {
  readonly mp: MiniProgram
  /** The seeded user this instance acts as. */
  readonly openid: string
  /** Problems reported by the app since the current test started. */
  readonly problems: string[]
  /**
   * Declares problems the current test provokes on purpose (e.g. a deliberate exception): the
   * ones matching are not charged to it. Forgotten after the test.
   */
  allowProblems(...patterns: RegExp[]): void
}

/** Resets the emulator to the fresh demo seed before this file's tests (call at the top). */
export function useFreshData(): void {
  beforeAll(async () => {
    await resetToSeed()
  })
}

/** The ws endpoint serving `openid`'s phone. */
export function endpointFor(openid: string): string {
  const base = inject('automatorWs')
  if (inject('automatorMultiUser')) return `${base}/?openid=${encodeURIComponent(openid)}`
  if (openid !== DEFAULT_USER)
    throw new Error(`微信开发者工具只能以默认用户运行，无法以 ${openid} 的身份打开小程序`)
  return base
}

interface SetDataTotals {
  calls: number
  bytes: number
  maxBytes: number
}
interface MeterView {
  byComponent: Record<string, SetDataTotals>
  violations: { component: string; key: string; detail: string }[]
}

/**
 * The simulator's setData meter (window.__sim.setData), reset before each test; null under real
 * DevTools, where the app service has no window and DevTools' own panel does this job.
 */
async function setDataMeter(mp: MiniProgram, reset: boolean): Promise<MeterView | null> {
  return (await mp.evaluate((r: boolean) => {
    const w = (typeof window === 'undefined' ? undefined : window) as
      { __sim?: { setData?: (MeterView & { reset(): void }) | null } } | undefined
    const meter = w?.__sim?.setData
    if (!meter) return null
    const view = { byComponent: meter.byComponent, violations: meter.violations }
    const copy = JSON.parse(JSON.stringify(view)) as MeterView
    if (r) meter.reset()
    return copy
  }, reset)) as MeterView | null
}

/** setData totals per test of this file and user, for `npm run bench` (reports/setdata/). */
function writeSetDataReport(file: string, openid: string, tests: object[]): void {
  if (tests.length === 0) return
  const dir = path.resolve('reports/setdata')
  mkdirSync(dir, { recursive: true })
  const name = `${path.basename(file, '.test.ts')}-${openid}`
  writeFileSync(path.join(dir, `${name}.json`), JSON.stringify({ file: name, tests }, null, 2))
}

let markers = 0

/**
 * Waits until everything the app reported so far has arrived: a console marker goes through
 * the same ordered event stream, so once it is back no earlier console echo is still on its way.
 */
async function flushEvents(mp: MiniProgram, seen: Set<string>): Promise<void> {
  markers += 1
  const marker = `__e2e_flush_${process.pid}_${markers}`
  await mp.evaluate((m: string) => console.debug(m), marker)
  await waitUntil('应用事件送达', () => seen.has(marker), 10_000)
  seen.delete(marker)
}

export function useApp(options: { as?: string } = {}): AppHandle {
  const openid = options.as ?? DEFAULT_USER
  const allowed: RegExp[] = []
  const markersSeen = new Set<string>()
  const handle = {
    mp: null as unknown as MiniProgram,
    openid,
    problems: [] as string[],
    allowProblems: (...patterns: RegExp[]) => {
      allowed.push(...patterns)
    },
  }
  beforeAll(async () => {
    handle.mp = await automator.connect({ wsEndpoint: endpointFor(openid) })
    handle.mp.on('exception', (e: { message: string }) => handle.problems.push(e.message))
    handle.mp.on('console', (m: { type: string; args: unknown[] }) => {
      const first = m.args[0]
      if (m.type === 'debug' && typeof first === 'string' && first.startsWith('__e2e_flush_'))
        markersSeen.add(first)
      else if (m.type === 'error')
        handle.problems.push(
          m.args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '),
        )
    })
    // Whatever an earlier file left on its way is not this file's.
    await flushEvents(handle.mp, markersSeen)
  })
  const setDataTests: object[] = []
  let fileName = 'e2e'
  let testName = ''
  beforeEach(async (ctx) => {
    handle.problems.length = 0
    allowed.length = 0
    fileName = ctx.task.file.name
    testName = ctx.task.name
    await setDataMeter(handle.mp, true)
    onTestFailed(async () => {
      const dir = path.resolve('test-results')
      mkdirSync(dir, { recursive: true })
      const name = `${openid}-${ctx.task.name}`.replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 100)
      const shot = await handle.mp.screenshot()
      writeFileSync(path.join(dir, `${name}.png`), Buffer.from(shot as string, 'base64'))
    })
  })
  afterEach(async () => {
    await flushEvents(handle.mp, markersSeen)
    const charged = handle.problems.filter((p) => !allowed.some((re) => re.test(p)))
    handle.problems.length = 0
    expect(charged, `小程序运行时报错（${openid}）`).toEqual([])
    const meter = await setDataMeter(handle.mp, true)
    if (meter) {
      const totals = Object.values(meter.byComponent)
      setDataTests.push({
        name: testName,
        calls: totals.reduce((n, t) => n + t.calls, 0),
        bytes: totals.reduce((n, t) => n + t.bytes, 0),
        maxBytes: Math.max(0, ...totals.map((t) => t.maxBytes)),
        violations: meter.violations.length,
      })
      // No single setData over 256 KB, and no list resent whole for one changed/appended item.
      expect(meter.violations, `setData 违规（${openid}）`).toEqual([])
    }
  })
  afterAll(() => {
    writeSetDataReport(fileName, openid, setDataTests)
    handle.mp?.disconnect()
  })
  return handle
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls until `check` returns a truthy value; fails with `what` after `timeout` ms. */
export async function waitUntil<T>(
  what: string,
  check: () => T | null | undefined | false | Promise<T | null | undefined | false>,
  timeout = 10_000,
): Promise<T> {
  const end = Date.now() + timeout
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > end) throw new Error(`等待超时（${timeout} ms）：${what}`)
    await sleep(100)
  }
}

/** Bounded replacement for `page.waitFor(selector)`, which never times out. */
export function waitForSelector(page: Page, selector: string, timeout = 10_000): Promise<Element> {
  return waitUntil(`元素 ${selector}`, () => page.$(selector), timeout)
}

/** Waits until the current page is `route` and has rendered; returns it. */
export function waitForPage(mp: MiniProgram, route: string, timeout = 10_000): Promise<Page> {
  return waitUntil(
    `页面 ${route}`,
    async () => {
      const page = await mp.currentPage()
      return page?.path === route ? page : null
    },
    timeout,
  )
}

/** reLaunch without the client's fixed 3 s sleep. */
export async function relaunch(mp: MiniProgram, url: string): Promise<Page> {
  await mp.callWxMethod('reLaunch', { url })
  return waitForPage(mp, url.replace(/^\//, '').split('?')[0]!)
}

/** Reads an element's visible text, collapsed. */
export async function textOf(el: Element): Promise<string> {
  return (await el.text()).replace(/\s+/g, ' ').trim()
}

// Typed views of client methods whose published typings answer `any`.
export async function all(scope: Page | Element, selector: string): Promise<Element[]> {
  return (await scope.$$(selector)) as Element[]
}

export async function sizeOf(el: Element): Promise<{ width: number; height: number }> {
  const s = await el.size()
  return { width: Number(s.width), height: Number(s.height) }
}

export async function offsetOf(el: Element): Promise<{ left: number; top: number }> {
  return (await el.offset()) as { left: number; top: number }
}

export async function evaluate<T>(
  mp: MiniProgram,
  fn: (...a: never[]) => unknown,
  ...args: unknown[]
): Promise<T> {
  return (await mp.evaluate(fn, ...args)) as T
}

export async function current(mp: MiniProgram): Promise<Page> {
  const page = await mp.currentPage()
  if (!page) throw new Error('没有当前页面')
  return page
}
