import { mkdirSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { arranger } from '../../../test/support/arrange-core'
import { emulatorClient } from '../../../test/support/emulator-client'
import { contentWaiter, type ContentWaiter } from './wait-for-content'
import { indexMarkdown, type IndexRow } from './index-file'
import { PHASES, type Shot } from './product-shots'

// Takes the product's pictures: one phone (browser page) per seeded user, each shot reached
// the way a user gets there — tab pages and pages opened on their own by relaunch, every other
// page pushed over 首页.

interface Phone {
  page: Page
  waiter: ContentWaiter
}

type SimWindow = {
  wx: Record<string, (o: { url: string }) => Promise<unknown>>
  __sim: { errors: string[]; booted: boolean }
}

async function go(page: Page, method: 'reLaunch' | 'navigateTo', url: string): Promise<void> {
  await page.evaluate(([m, u]) => (window as unknown as SimWindow).wx[m]!({ url: u }), [
    method,
    url,
  ] as const)
}

export interface ProductRun {
  rows: IndexRow[]
  problems: string[]
}

export async function shootProduct(opts: {
  context: BrowserContext
  simUrl: string
  cloudUrl: string
  outDir: string
  tabPages: ReadonlySet<string>
  started: number
  /** Only the shots whose name matches (every phase still arranges its data). */
  only?: RegExp
}): Promise<ProductRun> {
  const client = emulatorClient(() => opts.cloudUrl, 'shots')
  const ctx = { client, arrange: arranger(client) }
  const phones = new Map<string, Phone>()
  const rows: IndexRow[] = []
  const problems: string[] = []
  mkdirSync(opts.outDir, { recursive: true })

  async function phoneOf(openid: string): Promise<Phone> {
    const known = phones.get(openid)
    if (known) return known
    const page = await opts.context.newPage()
    const waiter = contentWaiter(page, opts.cloudUrl)
    await page.goto(
      `${opts.simUrl}phone.html?openid=${openid}&cloud=${encodeURIComponent(opts.cloudUrl)}#/pages/home/index`,
    )
    await page.waitForFunction(() => (window as unknown as SimWindow).__sim?.booted === true)
    const phone = { page, waiter }
    phones.set(openid, phone)
    return phone
  }

  async function take(shot: Shot): Promise<void> {
    const { page, waiter } = await phoneOf(shot.as)
    const errorsBefore = await page.evaluate(
      () => (window as unknown as SimWindow).__sim.errors.length,
    )
    const bare = shot.route.split('?')[0] ?? shot.route
    if (opts.tabPages.has(bare) || shot.direct) {
      await go(page, 'reLaunch', '/' + shot.route)
    } else {
      await go(page, 'reLaunch', '/pages/home/index')
      await waiter.ready(`${shot.name}（首页）`)
      await go(page, 'navigateTo', '/' + shot.route)
    }
    await waiter.ready(shot.name, shot.selector ? { selector: shot.selector } : {})
    if (shot.act) {
      await shot.act(page, () => waiter.ready(shot.name))
      await waiter.ready(shot.name, {
        ...(shot.actSelector ? { selector: shot.actSelector } : {}),
        ...(shot.actDomSelector ? { domSelector: shot.actDomSelector } : {}),
      })
    }
    const errors = await page.evaluate(
      (n) => (window as unknown as SimWindow).__sim.errors.slice(n),
      errorsBefore,
    )
    for (const e of errors) problems.push(`${shot.name}: ${e.split('\n')[0] ?? e}`)
    const file = `${shot.name}.png`
    await page.screenshot({ path: path.join(opts.outDir, file) })
    rows.push({ file, route: shot.route, as: shot.as, state: shot.state, errors: errors.length })
    console.log(
      `screenshots/product/${file}${errors.length ? `  （${errors.length} 个运行时错误）` : ''}`,
    )
  }

  try {
    for (const phase of PHASES) {
      const t = Date.now()
      const shots = await phase.arrange(ctx)
      console.log(`— ${phase.title}（准备 ${Date.now() - t} ms）`)
      for (const shot of shots) if (!opts.only || opts.only.test(shot.name)) await take(shot)
    }
  } finally {
    for (const { page, waiter } of phones.values()) {
      waiter.dispose()
      await page.close()
    }
  }
  writeFileSync(
    path.join(opts.outDir, 'index.md'),
    indexMarkdown(rows, (Date.now() - opts.started) / 1000),
  )
  return { rows, problems }
}
