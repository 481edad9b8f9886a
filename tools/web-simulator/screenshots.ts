import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { buildSimulator } from './build'
import { serveDirectory } from './static-server'
import { launchPhoneBrowser } from './browser/chromium'
import { startEmulator } from '../cloudbase-emulator/src/index'

// `npm run screenshots`: one PNG per page of the product (against a seeded in-memory emulator)
// and of the tdesign gallery fixture, plus the gallery's overlay states, in screenshots/.

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface AppJson {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

function pagesOf(root: string): { pages: string[]; direct: Set<string> } {
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson
  const subs = [...(app.subpackages ?? []), ...(app.subPackages ?? [])]
  const pages = [
    ...app.pages,
    ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p))),
  ]
  const direct = new Set([
    ...(app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, '')),
    app.pages[0] ?? '',
  ])
  return { pages, direct }
}

interface Shot {
  name: string
  route: string
  act?: (page: Page) => Promise<void>
}

const GALLERY_STATES: Shot[] = [
  {
    name: 'overlay--popup',
    route: 'pages/overlay/index',
    act: (p) => p.locator('.sim-page:visible button', { hasText: '弹出层' }).click(),
  },
  {
    name: 'overlay--dialog',
    route: 'pages/overlay/index',
    act: (p) => p.locator('.sim-page:visible button', { hasText: '对话框' }).click(),
  },
  {
    name: 'overlay--action-sheet',
    route: 'pages/overlay/index',
    act: (p) => p.locator('.sim-page:visible button', { hasText: '动作面板' }).click(),
  },
  {
    name: 'form--picker',
    route: 'pages/form/index',
    act: (p) => p.locator('.sim-page:visible').getByText('纠纷类型').first().click(),
  },
]

async function run(): Promise<void> {
  const outRoot = path.join(repo, 'screenshots')
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sim-shots-'))
  const emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
  const browser = await launchPhoneBrowser()
  let count = 0
  try {
    for (const [name, rel] of [
      ['product', 'miniprogram'],
      ['gallery', 'test/sim/fixtures/gallery'],
    ] as const) {
      const root = path.join(repo, rel)
      const outDir = path.join(repo, '.sim-build', `shots-${name}`)
      await buildSimulator({ root, outDir })
      const server = await serveDirectory(outDir, 0)
      const { pages, direct } = pagesOf(root)
      const shots: Shot[] = pages.map((route) => ({ name: route.replace(/\//g, '__'), route }))
      if (name === 'gallery') shots.push(...GALLERY_STATES)
      mkdirSync(path.join(outRoot, name), { recursive: true })
      for (const shot of shots) {
        const page = await browser.context.newPage()
        const first = direct.has(shot.route) ? shot.route : (pages[0] ?? shot.route)
        await page.goto(
          `${server.url}phone.html?cloud=${encodeURIComponent(emulator.baseUrl)}#/${first}`,
        )
        await page.waitForFunction(
          () => (window as unknown as { __sim?: { booted: boolean } }).__sim?.booted === true,
        )
        if (first !== shot.route) {
          await page.evaluate(
            (url) =>
              (
                window as unknown as { wx: { navigateTo(o: { url: string }): Promise<unknown> } }
              ).wx.navigateTo({ url }),
            '/' + shot.route,
          )
        }
        await page.waitForTimeout(600)
        if (shot.act) {
          await shot.act(page)
          await page.waitForTimeout(600)
        }
        const errors = await page.evaluate(
          () => (window as unknown as { __sim: { errors: string[] } }).__sim.errors,
        )
        const file = path.join(outRoot, name, `${shot.name}.png`)
        await page.screenshot({ path: file })
        count += 1
        console.log(
          `${path.relative(repo, file)}${errors.length ? `  （${errors.length} 个运行时错误）` : ''}`,
        )
        await page.close()
      }
      await server.close()
    }
  } finally {
    await browser.close()
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  console.log(`共 ${count} 张截图，位于 screenshots/`)
}

void run().catch((e: unknown) => {
  console.error(`截图失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
