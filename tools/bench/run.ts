// `npm run bench`: every performance figure of the platform in one run, printed and written as
// reports/bench/bench.json and reports/bench/bench.md (git-ignored). Asserts nothing: the hard
// budgets (main package size, setData) fail `npm test`; this command measures.
//   --quick   smaller samples (1k/10k mediators, 40 users, 2 renders) for a fast look
//   --only <a,b>  only these sections: package, setdata, cold-start, recommend, throughput, render
//             (written as bench-<sections>.{json,md}, so the full report stays;
//             e.g. `npm run bench -- --only throughput`)
//   --users <n>   throughput journeys (default 200, 40 with --quick)
// EMULATOR_PROFILE=1 adds, under the throughput section, where each action's time went (see the
// emulator README, "Profiling").
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { loadavg } from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { benchColdStart } from './cold-start'
import { benchFirstRender } from './first-render'
import {
  formatKB,
  MAIN_PACKAGE_HARD_LIMIT,
  MAIN_PACKAGE_TARGET,
  measurePackages,
} from './package-size'
import { benchRecommendation } from './recommend-mediator'
import { benchThroughput } from './throughput'
import { formatProfile } from '../cloudbase-emulator/src/server/profile'

const repo = path.resolve(fileURLToPath(new URL('../..', import.meta.url)))
const outDir = path.join(repo, 'reports/bench')
const quick = process.argv.includes('--quick')

function flagValue(name: string): string | undefined {
  const at = process.argv.indexOf(name)
  return at >= 0 ? process.argv[at + 1] : undefined
}

const SECTIONS = ['package', 'setdata', 'cold-start', 'recommend', 'throughput', 'render'] as const
type Section = (typeof SECTIONS)[number]
const onlyArg = flagValue('--only')
const only = onlyArg === undefined ? undefined : new Set(onlyArg.split(',').map((s) => s.trim()))
for (const name of only ?? []) {
  if (!(SECTIONS as readonly string[]).includes(name)) {
    console.error(`未知的 --only 部分「${name}」，可选：${SECTIONS.join(', ')}`)
    process.exit(2)
  }
}
const wanted = (s: Section) => only === undefined || only.has(s)
const usersArg = flagValue('--users')
const users = usersArg === undefined ? (quick ? 40 : 200) : Number(usersArg)
if (!Number.isInteger(users) || users < 1) {
  console.error(`--users 必须是正整数，收到「${usersArg}」`)
  process.exit(2)
}

const md: string[] = [`# 性能报告 — ${new Date().toISOString()}${quick ? '（--quick）' : ''}`, '']
const json: Record<string, unknown> = {
  at: new Date().toISOString(),
  quick,
  ...(only ? { only: [...only] } : {}),
  loadAverage: loadavg(),
}

function section(title: string, header: string[], rows: (string | number)[][], note?: string) {
  const lines = [
    `## ${title}`,
    '',
    ...(note ? [note, ''] : []),
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ]
  md.push(...lines)
  console.log(lines.join('\n'))
}

const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(v < 100 ? 1 : 0) : '—')

interface SetDataFile {
  readonly file: string
  readonly tests: readonly {
    name: string
    calls: number
    bytes: number
    maxBytes: number
    violations: number
  }[]
}

async function main() {
  const script = (await import(
    pathToFileURL(path.join(repo, 'tools/build/build-functions.mjs')).href
  )) as { readFunctionList(): string[]; buildFunction(name: string): Promise<unknown> }
  for (const name of script.readFunctionList()) await script.buildFunction(name)

  if (wanted('package')) {
    const pkg = await measurePackages(path.join(repo, 'miniprogram'), repo)
    json['packageSize'] = pkg
    section(
      '1. 代码包体积（按微信计算：仅可达文件与实际引用的 npm 组件）',
      ['包', '大小', '文件数', 'js', 'wxml', 'wxss', 'json', 'wxs'],
      pkg.packages.map((p) => [
        p.name,
        formatKB(p.bytes),
        p.files.length,
        ...['js', 'wxml', 'wxss', 'json', 'wxs'].map((k) => formatKB(p.byKind[k] ?? 0)),
      ]),
      `主包硬上限 ${formatKB(MAIN_PACKAGE_HARD_LIMIT)}（npm test 检查），目标 ${formatKB(MAIN_PACKAGE_TARGET)}；` +
        `引用的 TDesign 组件 ${pkg.npmComponents.length} 个。`,
    )
  }

  if (wanted('setdata')) {
    const setDataDir = path.join(repo, 'reports/setdata')
    // A trace is named `<e2e file>-<openid>`; one left by an e2e file that is gone is not news.
    const e2eFileOf = (trace: string) => trace.replace(/-o_[^-]+$/, '')
    const files = existsSync(setDataDir)
      ? readdirSync(setDataDir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => JSON.parse(readFileSync(path.join(setDataDir, f), 'utf8')) as SetDataFile)
          .filter((f) => existsSync(path.join(repo, 'test/e2e', `${e2eFileOf(f.file)}.test.ts`)))
      : []
    json['setData'] = files
    section(
      '2. setData 流量（最近一次 e2e 运行，按旅程与用户；未操作的用户不列出）',
      ['文件', '用例', '调用次数', '总字节', '单次最大', '违规'],
      files.flatMap((f) =>
        f.tests
          .filter((t) => t.calls > 0)
          .map((t) => [
            f.file,
            t.name,
            t.calls,
            formatKB(t.bytes),
            formatKB(t.maxBytes),
            t.violations,
          ]),
      ),
      files.length === 0 ? '尚无数据：先运行 `npm run test:e2e`。' : undefined,
    )
  }

  if (wanted('cold-start')) {
    const cold = await benchColdStart(repo, quick ? 2 : 5)
    json['coldStart'] = cold
    section(
      '3. 云函数冷启动（新进程 → 首次响应，中位数 ms）',
      ['函数', '打包体积', '打包', '未打包', '未打包/打包', '模块数'],
      cold.rows.map((r) => [
        r.name,
        formatKB(r.bundleBytes),
        ms(r.bundledMs),
        ms(r.unbundledMs),
        `${(r.unbundledMs / r.bundledMs).toFixed(2)}×`,
        r.unbundledModules,
      ]),
      `仅加载 wx-server-sdk 的新进程：${ms(cold.sdkOnlyMs)} ms（每个函数都要付出的下限）。`,
    )
  }

  if (wanted('recommend')) {
    const rec = await benchRecommendation(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000])
    json['recommendation'] = rec
    section(
      '4. 调解员推荐扩展性（recommend vs 全表扫描，ms）',
      ['调解员', '候选', '索引 p50', '索引 p95', '全扫 p50', '全扫 p95', '加速比'],
      rec.rows.map((r) => [
        r.mediators,
        r.candidates,
        ms(r.indexedP50),
        ms(r.indexedP95),
        ms(r.fullScanP50),
        ms(r.fullScanP95),
        `${(r.fullScanP50 / r.indexedP50).toFixed(1)}×`,
      ]),
    )
  }

  if (wanted('throughput')) {
    const load = loadavg()
    const tp = await benchThroughput({ users, concurrency: 20, budgetMs: 15 * 60_000 }, (l) =>
      console.log(l),
    )
    json['throughput'] = tp
    section(
      '5. 吞吐（当事人旅程，函数层，回环）',
      ['动作', '调用', 'p50 ms', 'p95 ms'],
      tp.actions.map((a) => [a.action, a.calls, ms(a.p50), ms(a.p95)]),
      `${tp.completed}/${tp.users} 个旅程完成，用时 ${tp.seconds.toFixed(1)} s，` +
        `${tp.journeysPerSecond.toFixed(2)} 旅程/秒，错误 ${tp.errors.length} 个` +
        (tp.errors.length ? `（首个：${tp.errors[0]}）` : '') +
        `。开始时负载 ${load.map((l) => l.toFixed(2)).join(' / ')}，` +
        `结束时 ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' / ')}（1/5/15 分钟）。`,
    )
    if (tp.profile) {
      md.push('```', formatProfile(tp.profile), '```', '')
      console.log(formatProfile(tp.profile))
    }
  }

  if (wanted('render')) {
    const render = await benchFirstRender(repo, quick ? 2 : 5)
    json['firstRender'] = render
    section(
      '6. 首次渲染（模拟器，无头 Chromium，ms）',
      ['页面', '启动后首次 onReady', 'onReady 中位数', '内容就绪中位数', '次数'],
      render.map((r) => [
        r.page,
        ms(r.firstOpenReadyMs),
        ms(r.readyMs),
        ms(r.contentMs),
        r.error ? `失败：${r.error}` : r.samples,
      ]),
    )
  }

  mkdirSync(outDir, { recursive: true })
  const base = only === undefined ? 'bench' : `bench-${[...only].sort().join('-')}`
  writeFileSync(path.join(outDir, `${base}.json`), JSON.stringify(json, null, 2))
  writeFileSync(path.join(outDir, `${base}.md`), md.join('\n'))
  console.log(`报告：${path.relative(repo, outDir)}/${base}.{json,md}`)
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e)
    process.exit(1)
  },
)
