import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { buildE2eBundles } from '../../../test/e2e/support/bundles'
import { startEmulator, type RunningEmulator } from '../../cloudbase-emulator/src/index'
import { createFunctionsModule } from '../../cloudbase-emulator/src/functions/index'
import { projectModules } from '../../cloudbase-emulator/src/modules'
import { createRealClock } from '../../cloudbase-emulator/src/server/clock'

// The screenshots' emulator: seeded, in memory, running function bundles built from the
// current sources (never the cloudfunctions/<name>/index.js another emulator may be loading),
// with instances kept warm for the whole run — a cold start costs seconds on this machine.

export interface ShotsEmulator {
  emulator: RunningEmulator
  /** Boots one instance of every function (an unknown action answers an error envelope). */
  warm(): Promise<void>
  stop(): Promise<void>
}

export async function startShotsEmulator(repoRoot: string): Promise<ShotsEmulator> {
  const bundles = await buildE2eBundles(repoRoot)
  process.env['EMULATOR_FUNCTIONS_ROOT'] = bundles.root
  const dataDir = mkdtempSync(path.join(tmpdir(), 'sim-shots-'))
  const clock = createRealClock()
  const envId = 'demo-local'
  const modules = (
    await Promise.all(projectModules.map(async (f) => f({ envId, dataDir, clock })))
  ).map((m) => (m.name === 'functions' ? createFunctionsModule({ idleMs: 20 * 60_000 }) : m))
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
    async warm() {
      await Promise.all(
        bundles.names.map((name) =>
          fetch(`${emulator.baseUrl}/__emulator/functions/${encodeURIComponent(name)}/invoke`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              event: { action: 'warmUp', payload: {} },
              caller: { openid: 'o_party_stranger' },
            }),
          }).then((r) => r.text()),
        ),
      )
    },
    async stop() {
      await emulator.stop()
      rmSync(dataDir, { recursive: true, force: true })
      rmSync(bundles.root, { recursive: true, force: true })
    },
  }
}
