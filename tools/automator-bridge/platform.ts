import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { startEmulator, type RunningEmulator } from '../cloudbase-emulator/src/index'
import { buildSimulator } from '../web-simulator/build'
import { serveDirectory, type RunningServer } from '../web-simulator/static-server'
import { launchPhoneBrowser, type PhoneBrowser } from '../web-simulator/browser/chromium'
import { startBridge, type Bridge } from './server'

// Everything DevTools would be for an automator run: a fresh seeded emulator, the simulator
// built from the project and opened in headless Chromium against it, and the protocol bridge.

export interface PlatformOptions {
  projectPath: string
  autoPort: number
  openid?: string
  onToolClose?: () => void
  log?: (line: string) => void
}

export interface Platform {
  bridge: Bridge
  emulator: RunningEmulator
  simUrl: string
  stop(): Promise<void>
}

function miniprogramRoot(projectPath: string): string {
  try {
    const cfg = JSON.parse(readFileSync(path.join(projectPath, 'project.config.json'), 'utf8')) as {
      miniprogramRoot?: string
    }
    return path.resolve(projectPath, cfg.miniprogramRoot ?? '.')
  } catch {
    return projectPath
  }
}

export async function startPlatform(opts: PlatformOptions): Promise<Platform> {
  const log = opts.log ?? (() => undefined)
  const dataDir = mkdtempSync(path.join(tmpdir(), 'automator-emulator-'))
  const emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
  log(`emulator ${emulator.baseUrl}`)
  let server: RunningServer | null = null
  let browser: PhoneBrowser | null = null
  let bridge: Bridge | null = null
  const stop = async () => {
    await bridge?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.close().catch(() => undefined)
    await emulator.stop().catch(() => undefined)
    rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    const outDir = path.join(opts.projectPath, '.sim-build', `automator-${opts.autoPort}`)
    const report = await buildSimulator({ root: miniprogramRoot(opts.projectPath), outDir })
    log(`simulator built: ${report.pages.length} pages in ${report.ms} ms`)
    server = await serveDirectory(outDir, 0)
    browser = await launchPhoneBrowser()
    const page = await browser.context.newPage()
    const simUrl =
      `${server.url}phone.html?openid=${encodeURIComponent(opts.openid ?? 'o_party_applicant')}` +
      `&cloud=${encodeURIComponent(emulator.baseUrl)}`
    const ready = startBridge({
      port: opts.autoPort,
      page,
      ...(opts.onToolClose ? { onToolClose: opts.onToolClose } : {}),
    })
    bridge = await ready
    await page.goto(simUrl)
    await page.waitForFunction(
      () => (window as unknown as { __sim?: { booted?: boolean } }).__sim?.booted === true,
      undefined,
      { timeout: 60_000 },
    )
    log(`bridge ${bridge.url}`)
    return { bridge, emulator, simUrl, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
