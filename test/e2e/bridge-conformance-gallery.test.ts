import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CustomElement } from 'miniprogram-automator/out/Element'
import { launchProject, repoRoot, type Launched } from './support/launch'
import { relaunch, textOf, waitForSelector, waitUntil, type Page } from './support/harness'

// The rest of the public automator API on the simulator's gallery fixture (its automation
// page), launched as a project of its own: gestures, scroll-view, swiper, a custom component's
// data and methods, styles, window properties, the native modal and action sheet, and the
// errors of what the bridge does not support.

let app: Launched
let page: Page

// Methods of Element subclasses the published typings do not declare.
type Gestures = CustomElement & {
  scrollTo(x: number, y: number): Promise<void>
  swipeTo(index: number): Promise<void>
  // What the client's movable-view, slider and video elements send, callable on any element.
  callFunction(name: string, ...args: unknown[]): Promise<unknown>
  send(method: string, params?: Record<string, unknown>): Promise<unknown>
}
type WindowProps = { windowProperty(names: string[]): Promise<unknown[]> }
type NativeExtra = { sendNative(method: string, data?: unknown): Promise<unknown> }

async function el(selector: string): Promise<Gestures> {
  return (await waitForSelector(page, selector)) as Gestures
}

async function dataOf(name: string): Promise<unknown> {
  return page.data(name)
}

beforeAll(async () => {
  app = await launchProject(path.join(repoRoot, 'test/e2e/support/conformance-project'))
  page = await relaunch(app.mp, '/pages/automation/index')
  await waitForSelector(page, '#press')
})

afterAll(async () => {
  await app?.close()
})

describe('automator bridge on the gallery fixture', () => {
  it('sends touches with their coordinates and fires longpress after 350 ms', async () => {
    const press = await el('#press')
    await press.touchstart({
      touches: [{ clientX: 20, clientY: 30 }],
      changeTouches: [{ clientX: 20, clientY: 30 }],
    })
    await press.touchmove({
      touches: [{ clientX: 24, clientY: 31 }],
      changeTouches: [{ clientX: 24, clientY: 31 }],
    })
    await press.touchend({ touches: [], changeTouches: [{ clientX: 24, clientY: 31 }] })
    expect(await dataOf('events')).toBe('touchstart@20,30;touchmove@24,31;touchend@24,31;')
    await page.setData({ events: '' })
    await press.longpress()
    const events = await waitUntil('longpress', async () => {
      const v = String(await dataOf('events'))
      return v.includes('touchend') ? v : null
    })
    expect(events).toMatch(/^touchstart@[\d.]+,[\d.]+;longpress;touchend@/)
  })

  it('triggers and dispatches events on a custom component', async () => {
    const probe = await el('#probe')
    await probe.trigger('ping', { from: '触发' })
    await waitUntil('ping 事件', async () => (await dataOf('pinged')) === '触发')
    await probe.dispatchEvent({ eventName: 'ping' })
    // dispatchEvent sends a DOM-like event without WeChat's detail: it still reaches the page.
    await waitUntil('派发事件', async () => (await dataOf('pinged')) !== '触发')
  })

  it('reads and writes a custom component’s data and calls its methods', async () => {
    const probe = await el('#probe')
    expect(await probe.data('count')).toBe(0)
    await probe.setData({ count: 5 })
    expect(await probe.data()).toMatchObject({ count: 5, label: '探针' })
    expect(await probe.callMethod('add', 2)).toBe(7)
    expect(await textOf(probe)).toBe('探针：7')
    await expect(probe.callMethod('missing')).rejects.toThrow(/没有方法 missing/)
  })

  it('scrolls a scroll-view and swipes a swiper, as their own events report', async () => {
    const scroller = await el('#scroller')
    const height = Number(await scroller.callFunction('scroll-view.scrollHeight'))
    await scroller.scrollTo(0, 120)
    await waitUntil('scroll 事件', async () => Number(await dataOf('scrollTop')) > 0)
    expect(Number(await scroller.property('scrollTop'))).toBe(120)
    expect(height).toBeGreaterThan(120)
    const swiper = await el('#swiper')
    await swiper.swipeTo(2)
    await waitUntil('change 事件', async () => (await dataOf('swiperCurrent')) === 2)
    expect(await textOf(await el('#swiper-current'))).toBe('2')
  })

  it('reads computed styles and window properties from the browser', async () => {
    const styled = await el('#styled')
    expect(await styled.style('color')).toBe('rgb(255, 0, 0)')
    expect(await styled.style('width')).toBe('120px')
    const [width, height] = (await (page as unknown as WindowProps).windowProperty([
      'innerWidth',
      'document.documentElement.scrollHeight',
    ])) as number[]
    expect(width).toBe(375)
    expect(height).toBeGreaterThan(0)
    const size = await page.size()
    expect(size.height).toBe(height)
  })

  it('answers the native modal and action sheet', async () => {
    await (await el('#modal')).tap()
    await waitUntil('弹窗', () =>
      app.mp.evaluate(() => document.querySelector('.sim-modal') !== null),
    )
    await app.mp.native().cancelModal()
    await waitUntil('取消', async () => (await dataOf('answer')) === 'modal-cancel')
    await (await el('#modal')).tap()
    await waitUntil('弹窗', () =>
      app.mp.evaluate(() => document.querySelector('.sim-modal') !== null),
    )
    await app.mp.native().confirmModal()
    await waitUntil('确定', async () => (await dataOf('answer')) === 'modal-confirm')
    const native = app.mp.native() as unknown as NativeExtra
    await (await el('#sheet')).tap()
    await waitUntil('菜单', () =>
      app.mp.evaluate(() => document.querySelector('.sim-sheet') !== null),
    )
    await native.sendNative('selectActionSheet', { index: 1 })
    await waitUntil('选择', async () => (await dataOf('answer')) === 'sheet:1')
    await (await el('#sheet')).tap()
    await waitUntil('菜单', () =>
      app.mp.evaluate(() => document.querySelector('.sim-sheet') !== null),
    )
    await native.sendNative('cancelActionSheet')
    await waitUntil('取消菜单', async () => (await dataOf('answer')) === 'sheet-cancel')
    // Nothing left to answer: the bridge says so.
    await expect(app.mp.native().confirmModal()).rejects.toThrow(/无可应答的弹窗/)
  })

  it('names each unsupported method in its error', async () => {
    const press = await el('#press')
    await expect(press.callFunction('movable-view.moveTo', 1, 1)).rejects.toThrow(/movable-view/)
    await expect(press.callFunction('slider.slideTo', 1)).rejects.toThrow(/slider\.slideTo/)
    await expect(
      press.send('Element.callContextMethod', { method: 'play', args: [] }),
    ).rejects.toThrow(/Element\.callContextMethod/)
    await expect(page.xpath('//view')).resolves.toBeNull()
    await expect(app.mp.native().goHome()).rejects.toThrow(/goHome/)
    await expect(app.mp.native().shareConfirm()).rejects.toThrow(/shareConfirm/)
    await expect(app.mp.stopAudits()).rejects.toThrow(/Tool\.stopAudits/)
    await expect(app.mp.getTicket()).rejects.toThrow(/Tool\.getTicket/)
  })
})
