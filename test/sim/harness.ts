import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import type { SetDataMeter } from '../../tools/web-simulator/runtime/setdata-meter'
import { buildSimulator, type BuildReport } from '../../tools/web-simulator/build'
import { serveDirectory, type RunningServer } from '../../tools/web-simulator/static-server'
import { launchPhoneBrowser, type PhoneBrowser } from '../../tools/web-simulator/browser/chromium'

// One build, one static server and one Chromium per test file.

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '')
export const galleryRoot = path.join(repoRoot, 'test/sim/fixtures/gallery')
export const productRoot = path.join(repoRoot, 'miniprogram')

export interface SimDiagnostics {
  errors: string[]
  unimplemented: string[]
  lifecycle: { route: string; hook: string }[]
  shares: { route: string; title: string; path: string }[]
  /** The simulator's setData meter (tools/web-simulator/runtime/setdata-meter.ts). */
  setData: Pick<SetDataMeter, 'byComponent' | 'violations'> | null
  booted: boolean
}

export interface Sim {
  report: BuildReport
  server: RunningServer
  browser: PhoneBrowser
  open(route?: string, openid?: string): Promise<Page>
  close(): Promise<void>
}

export async function startSim(
  root: string,
  name: string,
  opts: { cloud?: string } = {},
): Promise<Sim> {
  const outDir = path.join(repoRoot, '.sim-build', `test-${name}`)
  const report = await buildSimulator({ root, outDir })
  const server = await serveDirectory(outDir, 0)
  const browser = await launchPhoneBrowser()
  return {
    report,
    server,
    browser,
    async open(route?: string, openid = 'o_party_applicant') {
      const page = await browser.context.newPage()
      const cloud = opts.cloud ? `&cloud=${encodeURIComponent(opts.cloud)}` : ''
      await page.goto(
        `${server.url}phone.html?openid=${openid}${cloud}${route ? `#/${route}` : ''}`,
      )
      await page.waitForFunction(
        () => (window as unknown as { __sim?: SimDiagnostics }).__sim?.booted === true,
      )
      await settle(page)
      return page
    },
    async close() {
      await browser.close()
      await server.close()
    },
  }
}

export function diagnostics(page: Page): Promise<SimDiagnostics> {
  return page.evaluate(() => (window as unknown as { __sim: SimDiagnostics }).__sim)
}

export function pageData<T = Record<string, unknown>>(page: Page): Promise<T> {
  return page.evaluate(
    () =>
      (window as unknown as { __simControl: { pageData(): unknown } }).__simControl.pageData() as T,
  )
}

export function currentRoute(page: Page): Promise<string | null> {
  return page.evaluate(() =>
    (
      window as unknown as { __simControl: { currentRoute(): string | null } }
    ).__simControl.currentRoute(),
  )
}

// Two animation frames: glass-easel's render callback and onReady have run.
export async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((r) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 30))),
      ),
  )
}

export function byId(id: string): string {
  return `[exparser\\:info-attr-id="${id}"]`
}

export function visiblePage(page: Page) {
  return page.locator('.sim-page:visible')
}
