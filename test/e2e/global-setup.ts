import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { TestProject } from 'vitest/node'
import { startEmulator } from '../../tools/cloudbase-emulator/src/index'
import { createCaptureModule } from '../../tools/cloudbase-emulator/src/capture/index'
import { createFunctionsModule } from '../../tools/cloudbase-emulator/src/functions/index'
import { projectModules } from '../../tools/cloudbase-emulator/src/modules'
import { createRealClock } from '../../tools/cloudbase-emulator/src/server/clock'
import { buildE2eBundles } from './support/bundles'
import { createFreshDataModule } from './support/fresh-data-module'
import { launchProject, repoRoot, type Launched } from './support/launch'
import { privacyScanAtEnd } from './support/privacy-report'

// One seeded emulator and one mini-program launch for the whole e2e run. The emulator runs
// here, so test files reach it (reset, invoke, read) and the cli stand-in, spawned by
// automator.launch with our environment, points every simulated phone at it. With
// WECHAT_DEVTOOLS_CLI set the real DevTools cli is launched instead, unchanged.

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
  const t0 = Date.now()
  const bundles = await buildE2eBundles(repoRoot)
  const t1 = Date.now()
  process.env['EMULATOR_FUNCTIONS_ROOT'] = bundles.root
  const dataDir = mkdtempSync(path.join(tmpdir(), 'e2e-emulator-'))
  const clock = createRealClock()
  const envId = 'demo-local'
  // Function instances stay warm for the whole run (not 30 s): files reuse what earlier files
  // booted, which is most of the cost of a first call.
  const modules = [
    ...(await Promise.all(projectModules.map(async (f) => f({ envId, dataDir, clock })))).map(
      (m) => (m.name === 'functions' ? createFunctionsModule({ idleMs: 20 * 60_000 }) : m),
    ),
    createFreshDataModule(),
  ]
  // Last, so the modules it listens to have started: everything delivered during the run.
  const capture = createCaptureModule()
  modules.push(capture)
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    seed: true,
    clock,
    envId,
    modules,
  })
  const t2 = Date.now()
  const realDevTools = process.env['WECHAT_DEVTOOLS_CLI']
  process.env['AUTOMATOR_EMULATOR_URL'] = emulator.baseUrl
  let launched: Launched
  try {
    launched = await launchProject(repoRoot)
  } catch (e) {
    await emulator.stop()
    throw e
  }
  const port = launched.port
  project.provide('automatorWs', `ws://127.0.0.1:${port}`)
  project.provide('automatorMultiUser', realDevTools === undefined)
  project.provide('emulatorUrl', emulator.baseUrl)
  // The fixed part of every e2e run, for the time budget.
  console.log(
    `e2e setup: function bundles ${t1 - t0} ms, seeded emulator ${t2 - t1} ms, ` +
      `mini-program launch ${Date.now() - t2} ms`,
  )
  return async () => {
    await launched.close()
    // After every e2e file: the scan covers the whole run (it sets the exit code on a finding).
    privacyScanAtEnd(capture.api.snapshot())
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
    rmSync(bundles.root, { recursive: true, force: true })
  }
}
