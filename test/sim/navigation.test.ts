import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  currentRoute,
  diagnostics,
  galleryRoot,
  pageData,
  settle,
  startSim,
  type Sim,
} from './harness'

// Routing and the page framework: lifecycle order, switchTab, hash URLs, pull-down refresh,
// reach-bottom, and the 2d canvas used for handwritten signatures.

let sim: Sim

beforeAll(async () => {
  sim = await startSim(galleryRoot, 'navigation')
})

afterAll(async () => {
  await sim?.close()
})

const visible = (page: Page) => page.locator('.sim-page:visible')

async function hooks(page: Page, from: number): Promise<string[]> {
  const d = await diagnostics(page)
  return d.lifecycle
    .slice(from)
    .filter((l) => !['onPageScroll', 'onShareAppMessage'].includes(l.hook))
    .map((l) => `${l.route.split('/')[1]}.${l.hook}`)
}

describe('page stack', () => {
  it('navigateTo and navigateBack keep WeChat lifecycle order and state', async () => {
    const page = await sim.open('pages/display/index')
    await visible(page).locator('button', { hasText: '点击 0' }).click()
    const start = (await diagnostics(page)).lifecycle.length
    await visible(page).getByText('调解案件').click()
    await settle(page)
    expect(await currentRoute(page)).toBe('pages/detail/index')
    expect(page.url()).toMatch(/#\/pages\/detail\/index\?id=2$/)
    await expect(visible(page).getByText('案件编号：2').count()).resolves.toBe(1)
    await expect(page.locator('.sim-navbar__title').innerText()).resolves.toBe('案件详情')
    await visible(page).locator('button', { hasText: '再打开一层' }).click()
    await settle(page)
    await expect(visible(page).getByText('案件编号：3').count()).resolves.toBe(1)
    expect(
      await page.evaluate(() =>
        (window as unknown as { getCurrentPages(): { route: string }[] })
          .getCurrentPages()
          .map((p) => p.route),
      ),
    ).toEqual(['pages/display/index', 'pages/detail/index', 'pages/detail/index'])
    await page.locator('.sim-navbar__back').click()
    await settle(page)
    await visible(page).locator('button', { hasText: '返回' }).click()
    await settle(page)
    expect(await currentRoute(page)).toBe('pages/display/index')
    expect((await pageData<{ taps: number }>(page)).taps).toBe(1)
    expect(await hooks(page, start)).toEqual([
      'display.onHide',
      'detail.onLoad',
      'detail.onShow',
      'detail.onReady',
      'detail.onHide',
      'detail.onLoad',
      'detail.onShow',
      'detail.onReady',
      'detail.onUnload',
      'detail.onShow',
      'detail.onUnload',
      'display.onShow',
    ])
    expect((await diagnostics(page)).errors).toEqual([])
    await page.close()
  })

  it('switchTab unloads pushed pages and keeps tab pages alive', async () => {
    const page = await sim.open('pages/display/index')
    await visible(page).locator('navigator').click()
    await settle(page)
    await expect(visible(page).getByText('案件编号：7').count()).resolves.toBe(1)
    const start = (await diagnostics(page)).lifecycle.length
    await visible(page).locator('button', { hasText: '切换到表单页' }).click()
    await settle(page)
    expect(await currentRoute(page)).toBe('pages/form/index')
    expect(await hooks(page, start)).toEqual([
      'detail.onUnload',
      'form.onLoad',
      'form.onShow',
      'form.onReady',
    ])
    // The custom tab bar follows the page and switches back.
    await visible(page).locator('.sim-page__tabbar').getByText('展示').click()
    await settle(page)
    expect(await currentRoute(page)).toBe('pages/display/index')
    expect((await hooks(page, start)).slice(4)).toEqual(['form.onHide', 'display.onShow'])
    expect((await diagnostics(page)).errors).toEqual([])
    await page.close()
  })

  it('a hash URL opens a page directly with its query, and routing errors fail with errMsg', async () => {
    const page = await sim.open('pages/detail/index?id=42')
    await expect(visible(page).getByText('案件编号：42').count()).resolves.toBe(1)
    const err = await page.evaluate(() =>
      (window as unknown as { wx: { navigateTo(o: { url: string }): Promise<unknown> } }).wx
        .navigateTo({ url: '/pages/form/index' })
        .then(
          () => 'ok',
          (e: { errMsg: string }) => e.errMsg,
        ),
    )
    expect(err).toBe('navigateTo:fail can not navigateTo a tabbar page')
    await page.close()
  })

  it('App onLaunch and onShow run before the first page', async () => {
    const page = await sim.open('pages/display/index')
    const launched = await page.evaluate(
      () =>
        (window as unknown as { getApp(): { globalData: { launched: unknown[] } } }).getApp()
          .globalData.launched,
    )
    expect(launched).toEqual([['onLaunch', 'pages/display/index'], ['onShow']])
    await page.close()
  })
})

describe('page framework', () => {
  it('pull-down refresh calls onPullDownRefresh and reaching the bottom calls onReachBottom', async () => {
    const page = await sim.open('pages/refresh/index')
    const scroller = visible(page).locator('.sim-page__scroller')
    const box = (await scroller.boundingBox())!
    await page.mouse.move(box.x + 100, box.y + 40)
    await page.mouse.down()
    await page.mouse.move(box.x + 100, box.y + 260, { steps: 10 })
    await page.mouse.up()
    await settle(page)
    expect((await pageData<{ refreshed: number }>(page)).refreshed).toBe(1)
    await scroller.evaluate((el) => el.scrollTo(0, el.scrollHeight))
    await page.waitForTimeout(150)
    expect((await pageData<{ bottoms: number }>(page)).bottoms).toBe(1)
    const d = await diagnostics(page)
    expect(d.lifecycle.filter((l) => l.hook === 'onPullDownRefresh')).toHaveLength(1)
    expect(d.errors).toEqual([])
    await page.close()
  })

  it('canvas type=2d draws with touches and exports a PNG data URL', async () => {
    const page = await sim.open('pages/canvas/index')
    const canvas = visible(page).locator('canvas')
    const box = (await canvas.boundingBox())!
    await page.mouse.move(box.x + 30, box.y + 30)
    await page.mouse.down()
    await page.mouse.move(box.x + 200, box.y + 120, { steps: 10 })
    await page.mouse.up()
    await settle(page)
    expect((await pageData<{ strokes: number }>(page)).strokes).toBe(1)
    const inked = await canvas.evaluate((el) => {
      const c = el as HTMLCanvasElement
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data
      let n = 0
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n += 1
      return n
    })
    expect(inked).toBeGreaterThan(100)
    await visible(page).locator('button', { hasText: '导出签名' }).click()
    await settle(page)
    const d = await pageData<{ exported: string }>(page)
    expect(d.exported.startsWith('data:image/png;base64,')).toBe(true)
    const png = Buffer.from(d.exported.split(',')[1]!, 'base64')
    expect(png.subarray(1, 4).toString()).toBe('PNG')
    expect((await diagnostics(page)).errors).toEqual([])
    await page.close()
  })

  it('a wx API the simulator lacks throws a clear error and is recorded', async () => {
    const page = await sim.open('pages/display/index')
    const message = await page.evaluate(() => {
      try {
        ;(
          window as unknown as { wx: { startBluetoothDevicesDiscovery(): void } }
        ).wx.startBluetoothDevicesDiscovery()
        return 'no error'
      } catch (e) {
        return (e as Error).message
      }
    })
    expect(message).toContain('wx.startBluetoothDevicesDiscovery')
    expect((await diagnostics(page)).unimplemented).toEqual(['startBluetoothDevicesDiscovery'])
    await page.close()
  })
})
