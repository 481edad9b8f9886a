// `npm run bench:emulator`: latency of get / add / update / query-by-index through the real
// wx-server-sdk against the emulator running as its own process (as in `npm start`), at 10k and
// 100k documents, plus throughput with 20 concurrent clients. Prints a table; asserts nothing.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { sdkEnvFor } from '../src/sdk-env'

const repo = resolve(fileURLToPath(new URL('../../..', import.meta.url)))
const ENV_ID = 'demo-bench'
const SIZES = [10_000, 100_000]
const SAMPLES = 300
const CONCURRENCY = 20
const THROUGHPUT_OPS = 4_000

interface Db {
  collection(name: string): {
    doc(id: string): {
      get(): Promise<unknown>
      update(o: { data: Record<string, unknown> }): Promise<unknown>
    }
    add(o: { data: Record<string, unknown> }): Promise<{ _id: string }>
    where(q: Record<string, unknown>): { get(): Promise<{ data: unknown[] }> }
  }
  command: { inc(n: number): unknown }
}

function writeImport(dir: string, count: number): void {
  mkdirSync(join(dir, 'database'), { recursive: true })
  const lines: string[] = []
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        _id: `u${i}`,
        openid: `o${i}`,
        n: { $numberInt: String(i) },
        city: `city-${i % 50}`,
        note: 'x'.repeat(120),
      }),
    )
  }
  writeFileSync(join(dir, 'database', 'users.jsonl'), `${lines.join('\n')}\n`)
}

function startChild(
  dataDir: string,
  importDir: string,
): Promise<{ child: ChildProcess; baseUrl: string }> {
  const child = spawn(
    join(repo, 'node_modules/.bin/tsx'),
    [
      join(repo, 'tools/cloudbase-emulator/src/cli.ts'),
      '--port',
      '0',
      '--data',
      dataDir,
      '--env',
      ENV_ID,
      '--import',
      importDir,
    ],
    { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  return new Promise((resolvePromise, reject) => {
    const onData = (chunk: Buffer): void => {
      output += chunk.toString()
      const match = /admin\s+(http:\/\/127\.0\.0\.1:\d+)\/admin/.exec(output)
      if (match?.[1] !== undefined) resolvePromise({ child, baseUrl: match[1] })
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.on('exit', (code) => reject(new Error(`模拟器退出（${code}）：\n${output}`)))
  })
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN
}

async function measure(op: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < 20; i++) await op(i)
  const times: number[] = []
  for (let i = 0; i < SAMPLES; i++) {
    const start = performance.now()
    await op(i)
    times.push(performance.now() - start)
  }
  times.sort((a, b) => a - b)
  return { p50: percentile(times, 50), p95: percentile(times, 95) }
}

async function throughput(op: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0
  const start = performance.now()
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < THROUGHPUT_OPS) await op(next++)
    }),
  )
  return THROUGHPUT_OPS / ((performance.now() - start) / 1000)
}

async function benchSize(count: number, rows: string[][]): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'cb-emu-bench-'))
  const importDir = join(work, 'import')
  writeImport(importDir, count)
  const loadStart = performance.now()
  const { child, baseUrl } = await startChild(join(work, 'data'), importDir)
  const loadMs = performance.now() - loadStart
  try {
    Object.assign(process.env, sdkEnvFor(baseUrl, { envId: ENV_ID }))
    const cloud = createRequire(join(repo, 'package.json'))('wx-server-sdk') as {
      init(o: { env: unknown }): void
      DYNAMIC_CURRENT_ENV: unknown
      database(): Db
    }
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
    const db = cloud.database()
    const users = db.collection('users')
    const pick = (i: number): number => (i * 7919) % count
    const label = `${count / 1000}k`
    const row = (name: string, r: { p50: number; p95: number }): void => {
      rows.push([label, name, r.p50.toFixed(2), r.p95.toFixed(2), ''])
    }
    row('get (doc)', await measure((i) => users.doc(`u${pick(i)}`).get()))
    row(
      'add',
      await measure((i) =>
        users.add({ data: { openid: `new-${count}-${i}-${Date.now()}`, n: i } }),
      ),
    )
    row(
      'update (inc)',
      await measure((i) => users.doc(`u${pick(i)}`).update({ data: { n: db.command.inc(1) } })),
    )
    row('query by index', await measure((i) => users.where({ openid: `o${pick(i)}` }).get()))
    const scan = await measure((i) => users.where({ n: pick(i) }).get())
    row('query without index (scan)', scan)
    const mixed = await throughput((i) =>
      i % 2 === 0
        ? users.doc(`u${pick(i)}`).get()
        : users.doc(`u${pick(i)}`).update({ data: { n: db.command.inc(1) } }),
    )
    rows.push([label, `throughput, ${CONCURRENCY} clients (get+update)`, '', '', mixed.toFixed(0)])
    const adds = await throughput((i) => users.add({ data: { openid: `tp-${count}-${i}`, n: i } }))
    rows.push([label, `throughput, ${CONCURRENCY} clients (add)`, '', '', adds.toFixed(0)])
    rows.push([label, `start-up with --import of ${count} docs (ms)`, '', '', loadMs.toFixed(0)])
  } finally {
    child.kill('SIGTERM')
    await new Promise((r) => child.once('exit', r))
    rmSync(work, { recursive: true, force: true })
  }
}

async function main(): Promise<void> {
  const rows: string[][] = []
  for (const size of SIZES) {
    process.stderr.write(`测量 ${size} 条文档…\n`)
    await benchSize(size, rows)
  }
  const header = ['docs', 'operation', 'p50 ms', 'p95 ms', 'ops/s']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`
  process.stdout.write(
    [
      line(header),
      `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
      ...rows.map(line),
      '',
    ].join('\n'),
  )
  process.stdout.write(
    `(${SAMPLES} sequential samples per latency row; fsync on every commit; Node ${process.version})\n`,
  )
}

void main()
