import { inject } from 'vitest'
import { emulatorClient } from '../../support/emulator-client'
import { FRESH_DATA_PATH } from './fresh-data-module'

// The e2e run's emulator, as the test files reach it: over its HTTP control routes only (the
// client in test/support/emulator-client.ts, shared with `npm run screenshots`), so a test can
// run a real function as any seeded user, read what the emulator holds, and answer a face
// verification the way the simulator's face sheet does.

export type { Doc, FaceOutcome } from '../../support/emulator-client'

export function emulatorUrl(): string {
  return inject('emulatorUrl')
}

export const e2eClient = emulatorClient(emulatorUrl)
export const { requestId, invokeAs, ok, readCollection, decideFace } = e2eClient

/** Empties the emulator and loads the demo seed again. */
export async function resetToSeed(): Promise<void> {
  const res = await e2eClient.post(FRESH_DATA_PATH, {})
  if (res.status !== 200) throw new Error(`重置模拟数据失败：${JSON.stringify(res.json)}`)
}
