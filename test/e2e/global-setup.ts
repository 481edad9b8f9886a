import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import automator from 'miniprogram-automator'
import type { TestProject } from 'vitest/node'
import { startEmulator } from '../../tools/cloudbase-emulator/src/index'
import { projectModules } from '../../tools/cloudbase-emulator/src/modules'
import { createRealClock } from '../../tools/cloudbase-emulator/src/server/clock'
import { buildE2eBundles } from './support/bundles'
import { createFreshDataModule } from './support/fresh-data-module'

// One seeded emulator and one mini-program launch for the whole e2e run. The emulator runs
// here, so test files reach it (reset, invoke, read) and the cli stand-in, spawned by
// automator.launch with our environment, points every simulated phone at it. With
// WECHAT_DEVTOOLS_CLI set the real DevTools cli is launched instead, unchanged.

const repoRoot = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
const standIn = path.join(repoRoot, 'tools/automator-bridge/cli.mjs')

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The bare endpoint: the launched mini-program, default user. */
    automatorWs: string
    /** True when the bridge serves one phone per `?openid=` (not real DevTools). */
    automatorMultiUser: boolean
    emulatorUrl: string
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const bundles = await buildE2eBundles(repoRoot)
  process.env['EMULATOR_FUNCTIONS_ROOT'] = bundles.root
  const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-emulator-'))
  const clock = createRealClock()
  const envId = 'demo-local'
  const modules = [
    ...(await Promise.all(projectModules.map(async (f) => f({ envId, dataDir, clock })))),
    createFreshDataModule(),
  ]
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    seed: true,
    clock,
    envId,
    modules,
  })
  const realDevTools = process.env['WECHAT_DEVTOOLS_CLI']
  process.env['AUTOMATOR_EMULATOR_URL'] = emulator.baseUrl
  const port = await freePort()
  let mp: Awaited<ReturnType<typeof automator.launch>>
  try {
    mp = await automator.launch({
      cliPath: realDevTools ?? standIn,
      projectPath: repoRoot,
      port,
      timeout: 120_000,
    })
  } catch (e) {
    await emulator.stop()
    throw e
  }
  project.provide('automatorWs', `ws://127.0.0.1:${port}`)
  project.provide('automatorMultiUser', realDevTools === undefined)
  project.provide('emulatorUrl', emulator.baseUrl)
  return async () => {
    await mp.close()
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(bundles.root, { recursive: true, force: true })
  }
}
