import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { buildSimulator } from './build'
import { serveDirectory } from './static-server'
import { launchPhoneBrowser } from './browser/chromium'
import { startShotsEmulator } from './shots/emulator'
import { contentWaiter } from './shots/wait-for-content'
import { shootProduct } from './shots/product-run'
import { PHASES } from './shots/product-shots'

// `npm run screenshots`: the product's pages in their key states, each as the user who sees it
// with data arranged through the real functions (seeded in-memory emulator), in
// screenshots/product/ with an index.md; and every page of the tdesign gallery fixture plus its
// overlay states in screenshots/gallery/. `-- --only <regexp>` takes only the product shots whose
// name matches (for working on one page; no coverage check, no gallery).

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')

interface AppJson {
  pages: string[]
  subpackages?: { root: string; pages: string[] }[]
  subPackages?: { root: string; pages: string[] }[]
  tabBar?: { list: { pagePath: string }[] }
}

function pagesOf(root: string): { pages: string[]; tabs: Set<string> } {
  const app = JSON.parse(readFileSync(path.join(root, 'app.json'), 'utf8')) as AppJson
  const subs = [...(app.subpackages ?? []), ...(app.subPackages ?? [])]
  const pages = [
    ...app.pages,
    ...subs.flatMap((s) => s.pages.map((p) => path.posix.join(s.root, p))),
  ]
  const tabs = new Set((app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, '')))
  return { pages, tabs }
}

interface GalleryShot {
  name: string
  route: string
  act?: (page: Page) => Promise<void>
}

const GALLERY_STATES: GalleryShot[] = [
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

/** Every product page has at least one shot, or the run says which do not. */
function checkCoverage(pages: readonly string[], routes: readonly string[]): void {
  const shot = new Set(routes.map((r) => r.split('?')[0]))
  const missing = pages.filter((p) => !shot.has(p))
  if (missing.length) throw new Error(`以下页面没有截图：${missing.join('、')}`)
}

function onlyArg(): RegExp | undefined {
  const i = process.argv.indexOf('--only')
  const src = i >= 0 ? process.argv[i + 1] : undefined
  return src ? new RegExp(src) : undefined
}

async function run(): Promise<void> {
  const started = Date.now()
  const only = onlyArg()
  const outRoot = path.join(repo, 'screenshots')
  const shots = await startShotsEmulator(repo)
  const emulator = shots.emulator
  const browser = await launchPhoneBrowser()
  let count = 0
  try {
    const productRoot = path.join(repo, 'miniprogram')
    const productOut = path.join(repo, '.sim-build', 'shots-product')
    await Promise.all([buildSimulator({ root: productRoot, outDir: productOut }), shots.warm()])
    console.log(`模拟器构建与云函数预热完成（${((Date.now() - started) / 1000).toFixed(0)} 秒）`)
    const product = await serveDirectory(productOut, 0)
    const { pages, tabs } = pagesOf(productRoot)
    const outDir = path.join(outRoot, 'product')
    if (!only) rmSync(outDir, { recursive: true, force: true })
    const result = await shootProduct({
      context: browser.context,
      simUrl: product.url,
      cloudUrl: emulator.baseUrl,
      outDir,
      tabPages: tabs,
      started,
      ...(only ? { only } : {}),
    })
    await product.close()
    count += result.rows.length
    if (only) return
    checkCoverage(
      pages,
      result.rows.map((r) => r.route),
    )
    if (result.problems.length)
      console.warn(`运行时错误 ${result.problems.length} 个：\n${result.problems.join('\n')}`)

    const galleryRoot = path.join(repo, 'test/sim/fixtures/gallery')
    const galleryOut = path.join(repo, '.sim-build', 'shots-gallery')
    await buildSimulator({ root: galleryRoot, outDir: galleryOut })
    const gallery = await serveDirectory(galleryOut, 0)
    const g = pagesOf(galleryRoot)
    mkdirSync(path.join(outRoot, 'gallery'), { recursive: true })
    const galleryShots: GalleryShot[] = [
      ...g.pages.map((route) => ({ name: route.replace(/\//g, '__'), route })),
      ...GALLERY_STATES,
    ]
    for (const shot of galleryShots) {
      const page = await browser.context.newPage()
      const waiter = contentWaiter(page, emulator.baseUrl)
      await page.goto(
        `${gallery.url}phone.html?cloud=${encodeURIComponent(emulator.baseUrl)}#/${shot.route}`,
      )
      await page.waitForFunction(
        () => (window as unknown as { __sim?: { booted: boolean } }).__sim?.booted === true,
      )
      await waiter.ready(`gallery/${shot.name}`, { skeletonMeansLoading: false })
      if (shot.act) {
        await shot.act(page)
        await waiter.ready(`gallery/${shot.name}`, { skeletonMeansLoading: false })
      }
      await page.screenshot({ path: path.join(outRoot, 'gallery', `${shot.name}.png`) })
      count += 1
      waiter.dispose()
      await page.close()
    }
    await gallery.close()
  } finally {
    await browser.close()
    await shots.stop()
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0)
  console.log(
    `共 ${count} 张截图（产品 ${PHASES.length} 个数据阶段），用时 ${seconds} 秒，位于 screenshots/；索引见 screenshots/product/index.md`,
  )
}

void run().catch((e: unknown) => {
  console.error(`截图失败：${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
