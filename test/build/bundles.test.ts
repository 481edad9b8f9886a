// What `npm run build` produces: one self-contained CommonJS bundle per function listed in
// cloudbaserc.json, loadable where only wx-server-sdk is installed (as in the cloud), free of page
// and service code, and small enough (≤ 200 KB minified, wx-server-sdk excluded).
import { execFile } from 'node:child_process'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import * as esbuild from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = resolve(import.meta.dirname, '../..')
const MAX_MINIFIED_BYTES = 200 * 1024

interface BuildScript {
  readFunctionList(): string[]
  functionFolders(): string[]
  esbuildOptions(name: string, overrides?: Record<string, unknown>): esbuild.BuildOptions
}

let script: BuildScript
let listed: string[]
let sandbox: string

beforeAll(async () => {
  await run(process.execPath, [join(root, 'tools/build/build-functions.mjs')], { cwd: root })
  script = (await import(
    pathToFileURL(join(root, 'tools/build/build-functions.mjs')).href
  )) as BuildScript
  listed = script.readFunctionList()
  // A folder outside the repository where the only package is wx-server-sdk, as in the cloud.
  sandbox = mkdtempSync(join(tmpdir(), 'bundle-sandbox-'))
  mkdirSync(join(sandbox, 'node_modules'))
  symlinkSync(
    join(root, 'node_modules/wx-server-sdk'),
    join(sandbox, 'node_modules/wx-server-sdk'),
    'dir',
  )
}, 300_000)

afterAll(() => {
  rmSync(sandbox, { recursive: true, force: true })
})

describe('npm run build', () => {
  it('the cloudbaserc.json list and the function folders agree', () => {
    expect(listed.length).toBeGreaterThan(0)
    expect([...listed].sort()).toEqual([...script.functionFolders()].sort())
    for (const name of listed) {
      expect(existsSync(join(root, 'cloudfunctions', name, 'src/index.ts'))).toBe(true)
      const pkg = JSON.parse(
        readFileSync(join(root, 'cloudfunctions', name, 'package.json'), 'utf8'),
      ) as {
        main?: string
        dependencies?: Record<string, string>
      }
      expect(pkg.main).toBe('index.js')
      expect(pkg.dependencies).toEqual({ 'wx-server-sdk': '4.0.2' })
    }
  })

  it('every bundle loads with only wx-server-sdk resolvable and exports main', async () => {
    for (const name of listed) {
      const dir = join(sandbox, name)
      mkdirSync(dir, { recursive: true })
      copyFileSync(join(root, 'cloudfunctions', name, 'index.js'), join(dir, 'index.js'))
      const { stdout } = await run(
        process.execPath,
        ['-e', "const m = require('./index.js'); process.stdout.write(typeof m.main)"],
        { cwd: dir, env: { PATH: process.env['PATH'] ?? '' } },
      )
      expect({ name, main: stdout }).toEqual({ name, main: 'function' })
    }
  }, 120_000)

  it('no bundle pulls in page, component or service code', async () => {
    for (const name of listed) {
      const result = await esbuild.build({
        ...script.esbuildOptions(name),
        write: false,
        logLevel: 'silent',
      })
      const inputs = Object.keys(result.metafile?.inputs ?? {})
      expect(inputs.length).toBeGreaterThan(0)
      const leaks = inputs.filter((i) => /^miniprogram\/(?!core\/)/.test(i) || /^tools\//.test(i))
      expect({ name, leaks }).toEqual({ name, leaks: [] })
    }
  }, 120_000)

  it('each minified bundle is at most 200 KB (wx-server-sdk excluded)', async () => {
    const sizes: Record<string, number> = {}
    for (const name of listed) {
      const result = await esbuild.build({
        ...script.esbuildOptions(name),
        minify: true,
        write: false,
        logLevel: 'silent',
      })
      sizes[name] = result.outputFiles?.[0]?.contents.byteLength ?? Number.POSITIVE_INFINITY
    }
    console.log(
      'minified bundle sizes (KB):',
      Object.entries(sizes)
        .map(([n, b]) => `${n} ${(b / 1024).toFixed(1)}`)
        .join(', '),
    )
    for (const [name, bytes] of Object.entries(sizes)) {
      expect({ name, withinBudget: bytes <= MAX_MINIFIED_BYTES }).toEqual({
        name,
        withinBudget: true,
      })
    }
  })
})
