import { readFileSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnostics, galleryRoot, startSim, type Sim } from './harness'

// Every gallery page renders its tdesign components with no runtime error and no `wx` call
// the simulator lacks.

const pages = (
  JSON.parse(readFileSync(path.join(galleryRoot, 'app.json'), 'utf8')) as { pages: string[] }
).pages

let sim: Sim

beforeAll(async () => {
  sim = await startSim(galleryRoot, 'gallery-render')
})

afterAll(async () => {
  await sim?.close()
})

describe('gallery fixture', () => {
  it('builds every page and component', () => {
    expect(sim.report.pages).toEqual(pages)
    expect(sim.report.components).toBeGreaterThan(50)
  })

  it.each(pages)('renders %s without errors', async (route) => {
    const page = await sim.open(route)
    const d = await diagnostics(page)
    expect(d.errors).toEqual([])
    expect(d.unimplemented).toEqual([])
    expect(d.lifecycle.filter((l) => l.route === route).map((l) => l.hook)).toEqual([
      'onLoad',
      'onShow',
      'onReady',
    ])
    const text = await page.locator('.sim-page:visible').innerText()
    expect(text.trim().length).toBeGreaterThan(0)
    await page.close()
  })

  it('shows tdesign content with scoped classes, offline icons and the custom tab bar', async () => {
    const page = await sim.open('pages/display/index')
    const visible = page.locator('.sim-page:visible')
    await expect(visible.getByText('待受理').count()).resolves.toBe(1)
    await expect(visible.getByText('申请已提交').count()).resolves.toBeGreaterThan(0)
    // tdesign's modifier classes come from WXS (`_.cls`), scoped with the component prefix.
    const buttonClass = await visible.locator('button').first().getAttribute('class')
    expect(buttonClass).toMatch(/--t-button--primary/)
    // Icons are CSS masks over local SVG files, not the CDN font.
    const mask = await visible
      .locator('[class*="t-icon-chat"]')
      .first()
      .evaluate(
        (el) =>
          getComputedStyle(el, '::before').webkitMaskImage ||
          getComputedStyle(el, '::before').maskImage,
      )
    expect(mask).toContain('/__sim/icons/chat.svg')
    const iconResponse = await page.request.get(new URL('/__sim/icons/chat.svg', page.url()).href)
    expect(iconResponse.status()).toBe(200)
    const tabBar = page.locator('.sim-page:visible .sim-page__tabbar')
    await expect(tabBar.innerText()).resolves.toContain('表单')
    expect(await page.title()).toBe('商会调解 · 模拟器')
    await expect(page.locator('.sim-navbar__title').innerText()).resolves.toBe('展示组件')
    await page.close()
  })

  it('hides the native navigation bar for navigationStyle custom and renders t-navbar', async () => {
    const page = await sim.open('pages/nav/index')
    await expect(page.locator('.sim-navbar').isVisible()).resolves.toBe(false)
    await expect(page.locator('.sim-page:visible').getByText('自定义导航').count()).resolves.toBe(1)
    await page.close()
  })
})
