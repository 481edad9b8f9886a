import { describe, expect, it } from 'vitest'
import {
  all,
  current,
  evaluate,
  offsetOf,
  relaunch,
  sizeOf,
  textOf,
  useApp,
  useFreshData,
  waitUntil,
  waitForSelector,
} from './support/harness'

// The automator bridge answers the public miniprogram-automator API the way DevTools does.
// Fresh seed data: the default user is unverified here whatever an earlier file did.

useFreshData()
const app = useApp()

declare const wx: Record<string, (...a: unknown[]) => unknown>
declare function getCurrentPages(): { route: string }[]

describe('automator bridge', () => {
  it('reports the page stack and page data after a reLaunch', async () => {
    const page = await relaunch(app.mp, '/pages/me/index')
    expect(page.path).toBe('pages/me/index')
    const stack = await app.mp.pageStack()
    expect(stack.map((p) => p.path)).toEqual(['pages/me/index'])
    expect((await page.data()) as object).toEqual(expect.any(Object))
    await page.setData({ automatorProbe: 'set' })
    expect((await page.data('automatorProbe')) as string).toBe('set')
  })

  it('finds elements by WXML selector and reads text, attributes and real layout', async () => {
    const page = await relaunch(app.mp, '/pages/me/index')
    const name = await waitForSelector(page, '.mc-me__name')
    expect(await textOf(name)).toBe('微信用户')
    expect(await name.attribute('class')).toContain('mc-me__name')
    const cells = await all(page, 't-cell')
    expect(cells.length).toBeGreaterThanOrEqual(2)
    const size = await sizeOf(name)
    expect(size.width).toBeGreaterThan(0)
    expect(size.height).toBeGreaterThan(0)
    const header = await page.$('.mc-me__header')
    const offset = await offsetOf(cells[0]!)
    const headerSize = await sizeOf(header!)
    expect(offset.top).toBeGreaterThanOrEqual(headerSize.height)
    expect(await page.$('.does-not-exist')).toBeNull()
    // A plain selector stays in the page's shadow tree; >>> enters the component.
    expect(await page.$('.t-cell__title-text')).toBeNull()
    const title = await page.$('t-cell >>> .t-cell__title-text')
    expect(title && (await textOf(title))).toBe('实名认证')
    const inner = await cells[0]!.$('.t-cell__title-text')
    expect(inner && (await textOf(inner))).toBe('实名认证')
    expect(await cells[0]!.wxml()).toContain('实名认证')
    expect(await cells[0]!.outerWxml()).toMatch(/^<t-cell/)
  })

  it('taps through a custom component, with a function mock reporting through exposeFunction', async () => {
    const page = await relaunch(app.mp, '/pages/me/index')
    const seen: unknown[] = []
    await app.mp.exposeFunction('reportNavigation', (url: unknown) => seen.push(url))
    await app.mp.mockWxMethod('navigateTo', function (options: { url: string }) {
      ;(globalThis as unknown as { reportNavigation(u: string): void }).reportNavigation(
        options.url,
      )
      return { errMsg: 'navigateTo:ok' }
    })
    try {
      const cell = await waitForSelector(page, 't-cell')
      await cell.tap()
      await waitUntil('导航被拦截', () => seen.length > 0)
      expect(seen).toEqual(['/pages/identity/index'])
      await page.callMethod('onIdentityTap')
      await waitUntil('第二次导航', () => seen.length > 1)
    } finally {
      await app.mp.restoreWxMethod('navigateTo')
    }
    const restored = await evaluate<unknown>(app.mp, () => typeof wx['navigateTo'])
    expect(restored).toBe('function')
    expect((await current(app.mp)).path).toBe('pages/me/index')
  })

  it('calls and mocks wx methods with a result, then restores them', async () => {
    const real = (await app.mp.systemInfo()) as { windowWidth: number }
    expect(real.windowWidth).toBeGreaterThan(0)
    await app.mp.mockWxMethod('getSystemInfoSync', { windowWidth: 1, model: 'automator' })
    expect((await app.mp.callWxMethod('getSystemInfoSync')) as object).toEqual({
      windowWidth: 1,
      model: 'automator',
    })
    await app.mp.restoreWxMethod('getSystemInfoSync')
    expect(((await app.mp.systemInfo()) as { windowWidth: number }).windowWidth).toBe(
      real.windowWidth,
    )
    await app.mp.callWxMethod('setStorageSync', 'automator-key', { a: 1 })
    expect((await app.mp.callWxMethod('getStorageSync', 'automator-key')) as object).toEqual({
      a: 1,
    })
  })

  it('mocks dotted methods such as cloud.callFunction', async () => {
    await app.mp.mockWxMethod('cloud.callFunction', function (options: { name: string }) {
      return { result: { ok: true, data: { echoed: options.name } } }
    })
    try {
      const out = await evaluate<unknown>(app.mp, async () => {
        const cloud = (
          wx as unknown as {
            cloud: { callFunction(o: { name: string }): Promise<{ result: unknown }> }
          }
        ).cloud
        return (await cloud.callFunction({ name: 'profile' })).result
      })
      expect(out).toEqual({ ok: true, data: { echoed: 'profile' } })
    } finally {
      await app.mp.restoreWxMethod('cloud.callFunction')
    }
  })

  it('evaluates code in the app service with arguments and promises', async () => {
    await relaunch(app.mp, '/pages/me/index')
    const routes = await evaluate<unknown>(app.mp, () => getCurrentPages().map((p) => p.route))
    expect(routes).toEqual(['pages/me/index'])
    const sum = await evaluate<unknown>(
      app.mp,
      async (a: number, b: number) => Promise.resolve(a + b),
      2,
      3,
    )
    expect(sum).toBe(5)
  })

  it('answers a modal natively', async () => {
    await evaluate<unknown>(app.mp, () => {
      wx['showModal']!({
        title: '确认',
        content: '继续吗？',
        success: (r: { confirm: boolean }) => {
          ;(globalThis as unknown as { __modal: unknown }).__modal = r.confirm
        },
      })
    })
    await waitUntil('弹窗出现', () =>
      evaluate<boolean>(app.mp, () => document.querySelector('.sim-modal') !== null),
    )
    await app.mp.native().confirmModal()
    const answer = await waitUntil('弹窗应答', () =>
      evaluate<boolean | undefined>(
        app.mp,
        () => (globalThis as unknown as { __modal?: boolean }).__modal,
      ),
    )
    expect(answer).toBe(true)
  })

  it('takes a PNG screenshot of the phone', async () => {
    const data = (await app.mp.screenshot()) as string
    const png = Buffer.from(data, 'base64')
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG')
    expect(png.readUInt32BE(16)).toBeGreaterThan(300)
  })

  it('names unsupported methods in its errors', async () => {
    await expect(app.mp.remote()).rejects.toThrow(/Tool\.enableRemoteDebug/)
    await expect(app.mp.testAccounts()).rejects.toThrow(/Tool\.getTestAccounts/)
    const page = await current(app.mp)
    expect(await page.xpath('//view')).toBeNull()
  })

  it('delivers console and exception events', async () => {
    const logs: { type: string; args: unknown[] }[] = []
    app.mp.on('console', (m: { type: string; args: unknown[] }) => logs.push(m))
    await evaluate<unknown>(app.mp, () => console.log('automator-probe', 7))
    await waitUntil('console 事件', () => logs.some((l) => l.args[0] === 'automator-probe'))
    expect(logs.find((l) => l.args[0] === 'automator-probe')).toEqual({
      type: 'log',
      args: ['automator-probe', 7],
    })
    // Provoked on purpose: the harness must not charge it (nor its late console echo) to a test.
    app.allowProblems(/automator-boom/)
    const errors: string[] = []
    app.mp.on('exception', (e: { message: string }) => errors.push(e.message))
    await evaluate<unknown>(app.mp, () => {
      setTimeout(() => {
        throw new Error('automator-boom')
      }, 0)
    })
    await waitUntil('exception 事件', () => errors.some((m) => m.includes('automator-boom')))
  })
})
