import type { TestProject } from 'vitest/node'
import { createCaptureModule } from '../../tools/cloudbase-emulator/src/capture/index'
import { startRunEmulator } from '../support/run-emulator'
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
  // Capture last, so the modules it listens to have started: everything delivered during the run.
  const capture = createCaptureModule()
  const run = await startRunEmulator(repoRoot, {
    tmpPrefix: 'e2e-emulator-',
    extraModules: [createFreshDataModule(), capture],
  })
  const { emulator } = run
  const t2 = Date.now()
  const realDevTools = process.env['WECHAT_DEVTOOLS_CLI']
  process.env['AUTOMATOR_EMULATOR_URL'] = emulator.baseUrl
  let launched: Launched
  try {
    launched = await launchProject(repoRoot)
  } catch (e) {
    await run.stop()
    throw e
  }
  const port = launched.port
  project.provide('automatorWs', `ws://127.0.0.1:${port}`)
  project.provide('automatorMultiUser', realDevTools === undefined)
  project.provide('emulatorUrl', emulator.baseUrl)
  // The fixed part of every e2e run, for the time budget.
  console.log(
    `e2e setup: function bundles ${run.timings.bundlesMs} ms, ` +
      `seeded emulator ${run.timings.emulatorMs} ms, ` +
      `mini-program launch ${Date.now() - t2} ms`,
  )
  return async () => {
    await launched.close()
    // After every e2e file: the scan covers the whole run (it sets the exit code on a finding).
    privacyScanAtEnd(capture.api.snapshot())
    await run.stop()
  }
}
