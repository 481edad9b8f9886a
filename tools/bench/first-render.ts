// First render of 首页 and 案件详情 in the web simulator (headless Chromium, seeded emulator):
// time from the page being opened (reLaunch) to its onReady — WeChat's "页面初次渲染完成" — and to
// the moment its data is on screen (no skeleton left). Median of several opens after one warm-up
// per page; the very first open after boot is reported on its own.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startEmulator } from '../cloudbase-emulator/src/index'
import type { FunctionsService } from '../cloudbase-emulator/src/functions/index'
import { launchPhoneBrowser } from '../web-simulator/browser/chromium'
import { buildSimulator } from '../web-simulator/build'
import { serveDirectory } from '../web-simulator/static-server'
import { median } from './stats'

export interface FirstRenderRow {
  readonly page: string
  readonly firstOpenReadyMs: number
  readonly readyMs: number
  readonly contentMs: number
  readonly samples: number
  /** Set when the page could not be measured (the figures are then NaN). */
  readonly error?: string
}

interface SimWindow {
  __sim: { booted: boolean; lifecycle: { route: string; hook: string }[] }
  wx: { reLaunch(o: { url: string }): void }
}

/** Opens `url` and measures, inside the page, the time to onReady and to content. */
function openAndMeasure(page: Page, url: string): Promise<{ ready: number; content: number }> {
  return page.evaluate(async (target) => {
    const w = window as unknown as SimWindow
    const route = target.replace(/^\//, '').split('?')[0]!
    const seen = w.__sim.lifecycle.length
    const t0 = performance.now()
    w.wx.reLaunch({ url: target })
    let ready = -1
    for (;;) {
      await new Promise((r) => requestAnimationFrame(r))
      const now = performance.now()
      if (ready < 0) {
        const fresh = w.__sim.lifecycle.slice(seen)
        if (fresh.some((l) => l.route === route && l.hook === 'onReady')) ready = now - t0
      }
      // Content is on screen once no skeleton and no loading indicator is left.
      const busy = document.querySelector('t-skeleton, .t-skeleton, t-loading, .t-loading')
      if (ready >= 0 && !busy) return { ready, content: now - t0 }
      if (now - t0 > 30_000) throw new Error(`${target} 30 秒内未完成渲染`)
    }
  }, url)
}

async function arrangeCase(emulatorUrl: string, functions: FunctionsService): Promise<string> {
  const openid = 'o_party_applicant'
  const call = async (fn: string, action: string, payload: object) => {
    const out = await functions.invoke(
      fn,
      { action, payload, requestId: `fr_${action}` },
      { openid },
    )
    if ('error' in out) throw new Error(`${fn}.${action}: ${out.error.message}`)
    const answer = out.result as { ok: boolean; data?: Record<string, unknown>; error?: unknown }
    if (!answer.ok) throw new Error(`${fn}.${action}: ${JSON.stringify(answer.error)}`)
    return answer.data ?? {}
  }
  const { verifyId } = await call('verifyIdentity', 'startFace', {
    name: '张伟',
    idNumber: '11010519491231002X',
  })
  await fetch(`${emulatorUrl}/__emulator/face/${String(verifyId)}/outcome`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ result: 'success' }),
  })
  await call('verifyIdentity', 'confirmFace', { verifyId })
  const { caseId } = await call('mediationCase', 'submit', {
    disputeType: 'sale_contract',
    description: '双方签订钢材采购合同，我方已按约交货，对方以质量问题为由拒付货款。',
    amountFen: 12_345_600,
    claims: ['支付货款 123,456 元'],
    evidence: [],
    respondent: {
      partyType: 'person',
      name: '王芳',
      phone: '13812345678',
      address: '浙江省杭州市西湖区文三路 100 号',
    },
    region: { provinceCode: '330000', cityCode: '330100' },
  })
  return String(caseId)
}

export async function benchFirstRender(repo: string, samples = 5): Promise<FirstRenderRow[]> {
  const work = mkdtempSync(path.join(tmpdir(), 'bench-render-'))
  const emulator = await startEmulator({
    port: 0,
    dataDir: path.join(work, 'data'),
    inMemory: true,
    seed: true,
  })
  const outDir = path.join(work, 'sim')
  await buildSimulator({ root: path.join(repo, 'miniprogram'), outDir })
  const server = await serveDirectory(outDir, 0)
  const browser = await launchPhoneBrowser()
  try {
    const caseId = await arrangeCase(
      emulator.baseUrl,
      emulator.emu.service<FunctionsService>('functions'),
    )
    const page = await browser.context.newPage()
    await page.goto(
      `${server.url}phone.html?openid=o_party_applicant&cloud=${encodeURIComponent(emulator.baseUrl)}`,
    )
    await page.waitForFunction(() => (window as unknown as SimWindow).__sim?.booted === true)
    const rows: FirstRenderRow[] = []
    for (const [name, url] of [
      ['首页', '/pages/home/index'],
      ['案件详情', `/pages/case/detail/index?caseId=${caseId}`],
    ] as const) {
      try {
        const first = await openAndMeasure(page, url)
        const ready: number[] = []
        const content: number[] = []
        for (let i = 0; i < samples; i += 1) {
          const m = await openAndMeasure(page, url)
          ready.push(m.ready)
          content.push(m.content)
        }
        rows.push({
          page: name,
          firstOpenReadyMs: first.ready,
          readyMs: median(ready),
          contentMs: median(content),
          samples,
        })
      } catch (e) {
        const error = ((e as Error).message.split('\n')[0] ?? '').slice(0, 200)
        rows.push({
          page: name,
          firstOpenReadyMs: NaN,
          readyMs: NaN,
          contentMs: NaN,
          samples,
          error,
        })
      }
    }
    return rows
  } finally {
    await browser.close()
    await server.close()
    await emulator.stop()
    rmSync(work, { recursive: true, force: true })
  }
}
