// `npm run bench:functions`: latency of `recommendMediator.recommend` at 1k, 10k and 100k
// mediators — the built function, invoked through the emulator's functions runtime (worker,
// real wx-server-sdk, indexed candidate queries) — against a naive full-scan baseline in the
// same run (page through every mediator with the same SDK, score them all with the same core).
// Then the minified bundle size of every function in cloudbaserc.json. Prints; asserts nothing.
//
// Mediators are inserted through the emulator's programmatic database API
// (`emu.service('database')`), not through the SDK: 100k documents over HTTP would dominate the
// run, and the write path is not what is measured.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { scoreMediators } from '../../miniprogram/core/recommendation/score'
import { caseFacts } from '../../cloudfunctions/recommendMediator/src/candidates'
import {
  toCandidate,
  type MediatorDoc,
} from '../../cloudfunctions/recommendMediator/src/mediator-doc'
import type { CaseDoc } from '../../cloudfunctions/_shared/cases'
import type * as WxSdk from 'wx-server-sdk'
import type { BuildOptions } from 'esbuild'
import { percentile, timed } from './stats'
import { sdkEnvFor, startEmulator } from '../cloudbase-emulator/src/index'
import type { DatabaseService } from '../cloudbase-emulator/src/database/index'
import {
  createFunctionsModule,
  type FunctionsService,
} from '../cloudbase-emulator/src/functions/index'
import {
  buildOrganisations,
  generateMediators,
  REFERENCE_DATE,
} from '../cloudbase-emulator/seed/index'

type WxServerSdk = typeof WxSdk

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)))
const ENV = 'demo-local'
const APPLICANT = 'o_bench_applicant'
const SIZES = [1_000, 10_000, 100_000]
/** Samples of the indexed path per size, and of the full-scan baseline (fewer: it is slow). */
const SAMPLES: Record<number, number> = { 1_000: 40, 10_000: 30, 100_000: 8 }
const BASELINE_SAMPLES: Record<number, number> = { 1_000: 20, 10_000: 6, 100_000: 2 }
const WARMUP = 3
/** CloudBase's server SDK returns at most 1000 documents per get. */
const PAGE = 1000

interface BuildScript {
  buildFunction(name: string, overrides?: Record<string, unknown>): Promise<unknown>
  esbuildOptions(name: string, overrides?: Record<string, unknown>): BuildOptions
  readFunctionList(): string[]
}

/** A submitted, agreed Hangzhou sales-contract case awaiting the applicant's choice. */
function benchCase(now: Date): Record<string, unknown> {
  const party = (name: string, type: 'person' | 'enterprise') => ({
    partyType: type,
    maskedName: `${name.charAt(0)}*`,
    nameEnc: '',
    nameHash: `bench-${name}`,
    enterpriseName: type === 'enterprise' ? name : null,
    idType: null,
    idNumberEnc: null,
    idNumberHash: null,
    maskedIdNumber: null,
    uscc: null,
    usccHash: null,
    maskedUscc: null,
    phoneEnc: null,
    phoneHash: null,
    maskedPhone: null,
    addressEnc: null,
    identityId: null,
  })
  return {
    _id: 'case_bench',
    status: 'awaiting_mediator',
    version: 4,
    caseNumber: 'TJ20261101000001',
    applicantOpenid: APPLICANT,
    respondentOpenid: 'o_bench_respondent',
    partyOpenids: [APPLICANT, 'o_bench_respondent'],
    organisationId: null,
    disputeType: 'sale_contract',
    description: '钢材采购合同货款纠纷，对方以质量问题为由拒付货款。',
    descriptionCheck: 'pass',
    amountFen: 12_345_600,
    claims: ['支付货款'],
    evidence: [],
    region: { provinceCode: '330000', cityCode: '330100' },
    applicant: party('张伟', 'person'),
    respondent: party('杭州某某贸易有限公司', 'enterprise'),
    invitation: null,
    mediatorId: null,
    declinedMediatorIds: [],
    extendedDays: 0,
    extensionRequest: null,
    createdAt: now,
    updatedAt: now,
  }
}

interface SdkDb {
  collection(name: string): {
    where(q: Record<string, unknown>): SdkQuery
  }
}
interface SdkQuery {
  skip(n: number): SdkQuery
  limit(n: number): SdkQuery
  get(): Promise<{ data: unknown[] }>
}

/** The naive way: fetch every mediator, score every one. */
async function fullScan(db: SdkDb, facts: Awaited<ReturnType<typeof caseFacts>>, n: number) {
  const all: MediatorDoc[] = []
  for (let skip = 0; ; skip += PAGE) {
    // Natural order, as a naive loader would page; an orderBy would only make it slower.
    const res = await db.collection('mediators').where({}).skip(skip).limit(PAGE).get()
    all.push(...(res.data as MediatorDoc[]))
    if (res.data.length < PAGE) break
  }
  const scored = scoreMediators(facts, all.map(toCandidate), new Date(), {
    limit: 10,
    maxCandidates: n + 100,
  })
  if (!scored.ok) throw new Error(scored.error.message)
}

/**
 * cloudbaserc.json with a longer timeout for recommendMediator: the emulator's engine sorts every
 * hash-index hit in JavaScript (no sorted compound index as in CloudBase), which at 100k
 * mediators can exceed the deployed 10 s. The deployed configuration is not changed.
 */
function benchRc(): string {
  const rc = JSON.parse(readFileSync(join(repo, 'cloudbaserc.json'), 'utf8')) as {
    functions: { name: string; timeout: number }[]
  }
  for (const f of rc.functions) if (f.name === 'recommendMediator') f.timeout = 120
  const path = join(mkdtempSync(join(tmpdir(), 'bench-rc-')), 'cloudbaserc.json')
  writeFileSync(path, JSON.stringify(rc))
  return path
}

async function benchSize(n: number) {
  const functionsModule = createFunctionsModule({
    rcPath: benchRc(),
    functionsRoot: join(repo, 'cloudfunctions'),
  })
  const emulator = await startEmulator({
    port: 0,
    dataDir: mkdtempSync(join(tmpdir(), 'bench-fn-')),
    inMemory: true,
    modules: [functionsModule],
  })
  try {
    const database = emulator.emu.service<DatabaseService>('database')
    const mediators = database.collection(ENV, 'mediators')
    const t0 = performance.now()
    await database
      .collection(ENV, 'organisations')
      .insert(buildOrganisations(REFERENCE_DATE) as never)
    const docs = generateMediators(n, 'bench-functions', { referenceDate: REFERENCE_DATE })
    for (let i = 0; i < docs.length; i += 5000) {
      await mediators.insert(docs.slice(i, i + 5000) as never)
    }
    await database.collection(ENV, 'mediation_cases').insert([benchCase(REFERENCE_DATE)] as never)
    const insertMs = performance.now() - t0

    const functions = emulator.emu.service<FunctionsService>('functions')
    let candidates = 0
    const recommend = async () => {
      const out = await functions.invoke(
        'recommendMediator',
        { action: 'recommend', payload: { caseId: 'case_bench', limit: 10 } },
        { openid: APPLICANT },
      )
      if ('error' in out) throw new Error(out.error.message)
      const res = out.result as { ok: boolean; data?: { candidateCount: number }; error?: unknown }
      if (!res.ok) throw new Error(JSON.stringify(res.error))
      candidates = res.data?.candidateCount ?? 0
    }
    await timed(WARMUP, recommend)
    const indexed = await timed(SAMPLES[n] ?? 10, recommend)

    Object.assign(process.env, sdkEnvFor(emulator.baseUrl, { openid: APPLICANT }))
    const mod = (await import('wx-server-sdk')) as WxServerSdk & { default?: WxServerSdk }
    const cloud = mod.default ?? mod
    // Paging 100k documents takes far longer than the SDK's default 15 s request timeout.
    cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string, timeout: 120_000 } as never)
    const db = cloud.database() as unknown as SdkDb
    const doc = database.collection(ENV, 'mediation_cases').get('case_bench')
    const facts = await caseFacts(doc as unknown as CaseDoc)
    await fullScan(db, facts, n)
    const baseline = await timed(BASELINE_SAMPLES[n] ?? 3, () => fullScan(db, facts, n))
    return { n, insertMs, candidates, indexed, baseline }
  } finally {
    await emulator.stop()
  }
}

async function bundleSizes(script: BuildScript) {
  const esbuild = await import('esbuild')
  const rows: { name: string; bytes: number | null }[] = []
  for (const name of script.readFunctionList()) {
    try {
      const res = await esbuild.build(script.esbuildOptions(name, { minify: true, write: false }))
      const js = res.outputFiles?.find((f) => f.path.endsWith('.js'))
      rows.push({ name, bytes: js?.contents.byteLength ?? null })
    } catch {
      rows.push({ name, bytes: null })
    }
  }
  return rows
}

export interface RecommendationRow {
  readonly mediators: number
  readonly candidates: number
  readonly indexedP50: number
  readonly indexedP95: number
  readonly fullScanP50: number
  readonly fullScanP95: number
  readonly samples: readonly [number, number]
  readonly insertSeconds: number
}

/** Builds recommendMediator, then measures every size; also the minified bundle sizes. */
export async function benchRecommendation(
  sizes: readonly number[] = SIZES,
  progress: (row: RecommendationRow) => void = () => undefined,
): Promise<{ rows: RecommendationRow[]; bundles: { name: string; bytes: number | null }[] }> {
  const script = (await import(
    pathToFileURL(join(repo, 'tools/build/build-functions.mjs')).href
  )) as BuildScript
  await script.buildFunction('recommendMediator')
  const rows: RecommendationRow[] = []
  for (const n of sizes) {
    const r = await benchSize(n)
    const row: RecommendationRow = {
      mediators: n,
      candidates: r.candidates,
      indexedP50: percentile(r.indexed, 50),
      indexedP95: percentile(r.indexed, 95),
      fullScanP50: percentile(r.baseline, 50),
      fullScanP95: percentile(r.baseline, 95),
      samples: [r.indexed.length, r.baseline.length],
      insertSeconds: r.insertMs / 1000,
    }
    rows.push(row)
    progress(row)
  }
  return { rows, bundles: await bundleSizes(script) }
}

const fmt = (ms: number) => ms.toFixed(ms < 100 ? 1 : 0).padStart(8)

async function main() {
  console.log('recommendMediator.recommend — indexed candidate queries vs naive full scan')
  console.log('(ms; indexed: built function via the emulator functions runtime; full scan: same')
  console.log(' SDK paging every mediator 1000 at a time, then the same core scoring)\n')
  console.log(
    'mediators | candidates | indexed p50 | indexed p95 | full-scan p50 | full-scan p95 | speed-up',
  )
  console.log(
    '--------- | ---------- | ----------- | ----------- | ------------- | ------------- | --------',
  )
  const { bundles } = await benchRecommendation(SIZES, (r) => {
    console.log(
      `${String(r.mediators).padStart(9)} | ${String(r.candidates).padStart(10)} |` +
        `${fmt(r.indexedP50)}    |${fmt(r.indexedP95)}    |` +
        `${fmt(r.fullScanP50)}      |${fmt(r.fullScanP95)}      |` +
        ` ${(r.fullScanP50 / r.indexedP50).toFixed(1)}×   (insert ${r.insertSeconds.toFixed(1)} s; ` +
        `${r.samples[0]}/${r.samples[1]} samples)`,
    )
  })
  console.log('\nMinified bundle size per function (esbuild, minify, wx-server-sdk external)\n')
  console.log('function             | bytes    | KB')
  console.log('-------------------- | -------- | ------')
  for (const row of bundles) {
    const kb = row.bytes === null ? 'build failed' : (row.bytes / 1024).toFixed(1)
    console.log(`${row.name.padEnd(20)} | ${String(row.bytes ?? '-').padStart(8)} | ${kb}`)
  }
}

// Run as `npm run bench:functions`; imported by `npm run bench` without running.
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e)
      process.exit(1)
    },
  )
}
