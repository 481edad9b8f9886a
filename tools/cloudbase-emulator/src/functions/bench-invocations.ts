// Prints invocation latency figures for the functions runtime (not a test):
//   npx tsx tools/cloudbase-emulator/src/functions/bench-invocations.ts
// cold = a new instance (worker start + wx-server-sdk load), warm = reused instance for the same
// caller, burst = 20 different users at once (20 cold instances), warm-burst = the same 20 again.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../index'
import { createFunctionsModule, repoRoot } from './index'

const root = join(repoRoot, 'test', 'fixtures', 'functions')

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'emu-bench-fn-'))
  const functions = createFunctionsModule({
    functionsRoot: root,
    rcPath: join(root, 'cloudbaserc.json'),
  })
  const emu = await startEmulator({ port: 0, dataDir, inMemory: true, modules: [functions] })
  const time = async (fn: () => Promise<unknown>): Promise<number> => {
    const t = performance.now()
    await fn()
    return performance.now() - t
  }
  try {
    const cold: number[] = []
    for (let i = 0; i < 5; i++) {
      cold.push(await time(() => functions.api.invoke('counter', {}, { openid: `o_cold_${i}` })))
    }
    const warm: number[] = []
    for (let i = 0; i < 50; i++) {
      warm.push(await time(() => functions.api.invoke('counter', {}, { openid: 'o_cold_0' })))
    }
    const nested: number[] = []
    for (let i = 0; i < 10; i++) {
      nested.push(await time(() => functions.api.invoke('callsOther', {}, { openid: 'o_nested' })))
    }
    const users = Array.from({ length: 20 }, (_, i) => `o_burst_${i}`)
    const burst = await time(() =>
      Promise.all(users.map((openid) => functions.api.invoke('whoami', {}, { openid }))),
    )
    const warmBurst = await time(() =>
      Promise.all(users.map((openid) => functions.api.invoke('whoami', {}, { openid }))),
    )
    const rows: [string, string][] = [
      [
        'cold invocation p50 / max (ms)',
        `${pct(cold, 50).toFixed(0)} / ${Math.max(...cold).toFixed(0)}`,
      ],
      [
        'warm invocation p50 / p95 (ms)',
        `${pct(warm, 50).toFixed(1)} / ${pct(warm, 95).toFixed(1)}`,
      ],
      ['warm callFunction chain p50 (ms)', pct(nested.slice(2), 50).toFixed(1)],
      ['20 users at once, cold (ms total)', burst.toFixed(0)],
      ['20 users at once, warm (ms total)', warmBurst.toFixed(0)],
      ['warm throughput, 20 concurrent (inv/s)', (20_000 / warmBurst).toFixed(0)],
    ]
    for (const [k, v] of rows) console.log(`${k.padEnd(42)} ${v}`)
  } finally {
    await emu.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

void main()
