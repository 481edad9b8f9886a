// Cold start of every cloud function: a fresh Node process (as a new CloudBase instance is)
// loads the function and answers its first invocation against the emulator. Each function runs
// twice in the same run — the esbuild bundle we deploy, and the same sources loaded unbundled
// (each module transpiled on its own, dependencies required from node_modules, as a function
// deployed with "云端安装依赖" would load) — and the ratio of the two is reported, with the bundle
// size. Median of several fresh processes per variant.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import type { BuildOptions, Metafile } from 'esbuild'
import { build, transformSync } from 'esbuild'
import { sdkEnvFor, startEmulator } from '../cloudbase-emulator/src/index'
import { median } from './stats'

export interface ColdStartRow {
  readonly name: string
  readonly bundleBytes: number
  readonly bundledMs: number
  readonly unbundledMs: number
  readonly unbundledModules: number
}

interface BuildScript {
  readFunctionList(): string[]
  esbuildOptions(name: string, overrides?: Record<string, unknown>): BuildOptions
}

// The child process: time from its own start to the first answer of `main`.
// With 'wx-server-sdk' as the entry it only loads the SDK: the floor every function pays.
const PROBE = `
const entry = process.argv[1]
const done = (answer) => {
  process.stdout.write(JSON.stringify({ ms: performance.now(), ok: answer && answer.ok === false }))
}
if (entry === 'wx-server-sdk') {
  require(entry)
  done({ ok: false })
} else {
  Promise.resolve(require(entry).main({ action: '__bench_probe__', payload: {} }, {}))
    .then(done)
    .catch((e) => {
      process.stdout.write(JSON.stringify({ error: String(e) }))
      process.exitCode = 1
    })
}
`

function runProbe(entry: string, env: Record<string, string>, nodePath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-e', PROBE, entry],
      { env: { ...process.env, ...env, NODE_PATH: nodePath }, timeout: 60_000 },
      (err, stdout) => {
        if (err) return reject(new Error(`${entry}: ${err.message}`))
        const out = JSON.parse(stdout) as { ms?: number; ok?: boolean; error?: string }
        if (out.ms === undefined || out.ok !== true) {
          return reject(new Error(`${entry}: ${out.error ?? '首次调用未返回类型化错误'}`))
        }
        resolve(out.ms)
      },
    )
  })
}

/** Writes every repository module the function reaches, transpiled alone, under `outRoot`. */
function writeUnbundled(repo: string, metafile: Metafile, outRoot: string): number {
  let modules = 0
  for (const input of Object.keys(metafile.inputs)) {
    if (input.includes('node_modules')) continue
    const source = path.join(repo, input)
    const target = path.join(outRoot, input).replace(/\.ts$/, '.js')
    mkdirSync(path.dirname(target), { recursive: true })
    const code = transformSync(readFileSync(source, 'utf8'), {
      loader: source.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      platform: 'node',
      target: 'node18',
    }).code
    writeFileSync(target, code)
    modules += 1
  }
  return modules
}

export interface ColdStartReport {
  /** A fresh process that only loads wx-server-sdk, median ms. */
  readonly sdkOnlyMs: number
  readonly rows: readonly ColdStartRow[]
}

export async function benchColdStart(repo: string, samples = 5): Promise<ColdStartReport> {
  const script = (await import(
    pathToFileURL(path.join(repo, 'tools/build/build-functions.mjs')).href
  )) as BuildScript
  const work = mkdtempSync(path.join(tmpdir(), 'bench-cold-'))
  const emulator = await startEmulator({
    port: 0,
    dataDir: path.join(work, 'data'),
    inMemory: true,
    seed: true,
  })
  const env = sdkEnvFor(emulator.baseUrl, { openid: 'o_party_applicant' })
  const nodeModules = path.join(repo, 'node_modules')
  const rows: ColdStartRow[] = []
  const sdkOnly: number[] = []
  try {
    for (let i = 0; i < samples; i += 1)
      sdkOnly.push(await runProbe('wx-server-sdk', env, nodeModules))
    for (const name of script.readFunctionList()) {
      const res = await build(script.esbuildOptions(name, { write: false, minify: false }))
      const bundle = path.join(work, 'bundled', name, 'index.js')
      mkdirSync(path.dirname(bundle), { recursive: true })
      writeFileSync(bundle, res.outputFiles?.find((f) => f.path.endsWith('.js'))?.contents ?? '')
      const unbundledRoot = path.join(work, 'unbundled')
      const unbundledModules = writeUnbundled(repo, res.metafile!, unbundledRoot)
      const entry = path.join(unbundledRoot, 'cloudfunctions', name, 'src', 'index.js')
      const bundled: number[] = []
      const unbundled: number[] = []
      // Alternate the variants so machine load drifts hit both alike.
      for (let i = 0; i < samples; i += 1) {
        bundled.push(await runProbe(bundle, env, nodeModules))
        unbundled.push(await runProbe(entry, env, nodeModules))
      }
      const deployed = path.join(repo, 'cloudfunctions', name, 'index.js')
      rows.push({
        name,
        bundleBytes: statSync(deployed, { throwIfNoEntry: false })?.size ?? statSync(bundle).size,
        bundledMs: median(bundled),
        unbundledMs: median(unbundled),
        unbundledModules,
      })
    }
  } finally {
    await emulator.stop()
    rmSync(work, { recursive: true, force: true })
  }
  return { sdkOnlyMs: median(sdkOnly), rows }
}
