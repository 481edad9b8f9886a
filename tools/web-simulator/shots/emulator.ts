import { startRunEmulator } from '../../../test/support/run-emulator'
import type { RunningEmulator } from '../../cloudbase-emulator/src/index'

// The screenshots' emulator: the run emulator the e2e run uses too, with instances kept warm
// for the whole run — a cold start costs seconds on this machine.

export interface ShotsEmulator {
  emulator: RunningEmulator
  /** Boots one instance of every function (an unknown action answers an error envelope). */
  warm(): Promise<void>
  stop(): Promise<void>
}

export async function startShotsEmulator(repoRoot: string): Promise<ShotsEmulator> {
  const run = await startRunEmulator(repoRoot, { tmpPrefix: 'sim-shots-' })
  const { emulator } = run
  return {
    emulator,
    async warm() {
      await Promise.all(
        run.functionNames.map((name) =>
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
    stop: () => run.stop(),
  }
}
