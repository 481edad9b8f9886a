import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildE2eBundles } from '../e2e/support/bundles'
import {
  startEmulator,
  type EmulatorModule,
  type RunningEmulator,
} from '../../tools/cloudbase-emulator/src/index'
import { createFunctionsModule } from '../../tools/cloudbase-emulator/src/functions/index'
import { projectModules } from '../../tools/cloudbase-emulator/src/modules'
import { createRealClock } from '../../tools/cloudbase-emulator/src/server/clock'

// The seeded emulator of a whole run, shared by the e2e run (test/e2e/global-setup.ts) and
// `npm run screenshots`: in memory, on a free port, running function bundles built from the
// current sources (never the cloudfunctions/<name>/index.js another emulator may be loading).
// No test runner here.

export const RUN_ENV_ID = 'demo-local'

/** Function instances stay warm for the whole run (not 30 s): later callers reuse what earlier
 * ones booted, which is most of the cost of a first call. */
const WARM_IDLE_MS = 20 * 60_000

export interface RunEmulator {
  readonly emulator: RunningEmulator
  /** The functions bundled for the run. */
  readonly functionNames: readonly string[]
  /** Milliseconds spent building the bundles and starting the seeded emulator. */
  readonly timings: { readonly bundlesMs: number; readonly emulatorMs: number }
  stop(): Promise<void>
}

/** Starts the run's emulator; `extraModules` come after the project's, in their order. */
export async function startRunEmulator(
  repoRoot: string,
  options: { readonly tmpPrefix: string; readonly extraModules?: readonly EmulatorModule[] },
): Promise<RunEmulator> {
  const t0 = Date.now()
  const bundles = await buildE2eBundles(repoRoot)
  const t1 = Date.now()
  process.env['EMULATOR_FUNCTIONS_ROOT'] = bundles.root
  const dataDir = mkdtempSync(path.join(tmpdir(), options.tmpPrefix))
  const clock = createRealClock()
  const envId = RUN_ENV_ID
  const project = await Promise.all(projectModules.map(async (f) => f({ envId, dataDir, clock })))
  const modules = [
    ...project.map((m) =>
      m.name === 'functions' ? createFunctionsModule({ idleMs: WARM_IDLE_MS }) : m,
    ),
    ...(options.extraModules ?? []),
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
  return {
    emulator,
    functionNames: bundles.names,
    timings: { bundlesMs: t1 - t0, emulatorMs: Date.now() - t1 },
    async stop() {
      await emulator.stop()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(bundles.root, { recursive: true, force: true })
    },
  }
}
