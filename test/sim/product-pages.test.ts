import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { diagnostics, productRoot, settle, startSim, type Sim } from './harness'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'

// Every page of the product's app.json (main package and subpackages) renders in the
// simulator with no runtime error and no unimplemented wx call. The list grows with app.json.

interface AppJson {
  pages: string[]
  tabBar?: { list: { pagePath: string }[] }
  subpackages?: { root: string; pages: string[] }[]
  subPackages?: { root: string; pages: string[] }[]
}

const app = JSON.parse(readFileSync(path.join(productRoot, 'app.json'), 'utf8')) as AppJson
const pages = [
  ...app.pages,
  ...[...(app.subpackages ?? []), ...(app.subPackages ?? [])].flatMap((s) =>
    s.pages.map((p) => path.posix.join(s.root, p)),
  ),
]

const tabPages = (app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, ''))

let sim: Sim
let emulator: RunningEmulator
const dataDir = mkdtempSync(path.join(tmpdir(), 'sim-product-'))

// Pages talk to the seeded local emulator through the simulator's wx.cloud, as with npm start.
beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
  sim = await startSim(productRoot, 'product', { cloud: emulator.baseUrl })
})

afterAll(async () => {
  await sim?.close()
  await emulator?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

describe('product pages', () => {
  it('builds every registered page', () => {
    expect(sim.report.pages).toEqual(pages)
  })

  // Tab pages open directly; every other page is pushed over the first page, the way a user
  // reaches it (so a page that navigates back on load has somewhere to go back to).
  it.each(pages)('%s renders without errors', async (route) => {
    const direct = tabPages.includes(route) || route === pages[0]
    const page = await sim.open(direct ? route : pages[0])
    if (!direct) {
      await page.evaluate(
        (url) =>
          (
            window as unknown as { wx: { navigateTo(o: { url: string }): Promise<unknown> } }
          ).wx.navigateTo({ url }),
        '/' + route,
      )
      await settle(page)
    }
    const d = await diagnostics(page)
    expect(d.errors).toEqual([])
    expect(d.unimplemented).toEqual([])
    // No single setData over 256 KB and no list resent whole while the page loads its data.
    expect(d.setData?.violations).toEqual([])
    expect(Object.keys(d.setData?.byComponent ?? {}).length).toBeGreaterThan(0)
    const hooks = d.lifecycle.filter((l) => l.route === route).map((l) => l.hook)
    expect(hooks.slice(0, 2)).toEqual(['onLoad', 'onShow'])
    await page.close()
  })
})
