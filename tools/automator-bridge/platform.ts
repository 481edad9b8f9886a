import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Page } from 'playwright-core'
import { startEmulator, type RunningEmulator } from '../cloudbase-emulator/src/index'
import { buildSimulator } from '../web-simulator/build'
import { serveDirectory, type RunningServer } from '../web-simulator/static-server'
import { launchSharedBrowser, type SharedBrowser } from './browser'
import { startBridge, type Bridge } from './server'

// Everything DevTools would be for an automator run: a seeded emulator (a fresh one of its own,
// or the one at `emulatorUrl` that the test run started), the simulator built from the project,
// one headless Chromium with a phone per simulated user, and the protocol bridge.

export const DEFAULT_OPENID = 'o_party_applicant'

export interface PlatformOptions {
  projectPath: string
  autoPort: number
  /** Use this running emulator instead of starting one (the e2e run shares its own). */
  emulatorUrl?: string
  /** The user of the bare endpoint (what `automator.launch` connects to). */
  openid?: string
  onToolClose?: () => void
  log?: (line: string) => void
}

export interface Platform {
  bridge: Bridge
  emulatorUrl: string
  simUrl(openid: string): string
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
  let dataDir: string | null = null
  let emulator: RunningEmulator | null = null
  let server: RunningServer | null = null
  let browser: SharedBrowser | null = null
  let bridge: Bridge | null = null
  const stop = async () => {
    await bridge?.close().catch(() => undefined)
    await browser?.close().catch(() => undefined)
    await server?.close().catch(() => undefined)
    await emulator?.stop().catch(() => undefined)
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    let emulatorUrl = opts.emulatorUrl
    if (!emulatorUrl) {
      dataDir = mkdtempSync(path.join(tmpdir(), 'automator-emulator-'))
      emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
      emulatorUrl = emulator.baseUrl
    }
    log(`emulator ${emulatorUrl}`)
    const outDir = path.join(opts.projectPath, '.sim-build', `automator-${opts.autoPort}`)
    const report = await buildSimulator({ root: miniprogramRoot(opts.projectPath), outDir })
    log(`simulator built: ${report.pages.length} pages in ${report.ms} ms`)
    const served = await serveDirectory(outDir, 0)
    server = served
    const shared = await launchSharedBrowser()
    browser = shared
    const cloud = emulatorUrl
    const simUrl = (openid: string) =>
      `${served.url}phone.html?openid=${encodeURIComponent(openid)}` +
      `&cloud=${encodeURIComponent(cloud)}`
    const boot = async (page: Page, openid: string): Promise<void> => {
      await page.goto(simUrl(openid))
      await page.waitForFunction(
        () => (window as unknown as { __sim?: { booted?: boolean } }).__sim?.booted === true,
        undefined,
        { timeout: 60_000 },
      )
      log(`phone ${openid} booted`)
    }
    const defaultOpenid = opts.openid ?? DEFAULT_OPENID
    bridge = await startBridge({
      port: opts.autoPort,
      defaultOpenid,
      newPhone: () => shared.newPhone(),
      boot,
      ...(opts.onToolClose ? { onToolClose: opts.onToolClose } : {}),
    })
    await bridge.open(defaultOpenid)
    log(`bridge ${bridge.url}`)
    return { bridge, emulatorUrl, simUrl, stop }
  } catch (e) {
    await stop()
    throw e
  }
}
