// Test harness for the cloud functions: builds the real bundles, starts the emulator in-process
// and invokes functions through its functions runtime (worker per caller, real wx-server-sdk),
// as any caller we like.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import {
  sdkEnvFor,
  startEmulator,
  type RunningEmulator,
} from '../../tools/cloudbase-emulator/src/index'
import { createFaceModule } from '../../tools/cloudbase-emulator/src/face/index'
import {
  createFunctionsModule,
  type FunctionsService,
} from '../../tools/cloudbase-emulator/src/functions/index'
import { createOpenApiModule } from '../../tools/cloudbase-emulator/src/openapi/index'
import type { ApiResult } from '../../typings/api/envelope'
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings/api/index'

export const repoRoot = resolve(import.meta.dirname, '../..')

interface BuildScript {
  buildFunction(name: string, overrides?: Record<string, unknown>): Promise<unknown>
}

/**
 * Builds the given functions with the build script's own esbuild options into a private folder
 * per test file (inside the repo, so `wx-server-sdk` resolves from its node_modules), so test
 * files running in parallel never load a bundle another one is rewriting.
 */
export async function buildBundles(names: readonly string[]): Promise<string> {
  const spec = pathToFileURL(join(repoRoot, 'tools/build/build-functions.mjs')).href
  const script = (await import(spec)) as BuildScript
  const root = join(repoRoot, '.cloudbase', 'fn-test', `${process.pid}-${Date.now().toString(36)}`)
  for (const name of names) {
    const dir = join(root, name)
    mkdirSync(dir, { recursive: true })
    await script.buildFunction(name, { outfile: join(dir, 'index.js') })
    for (const file of ['config.json', 'package.json']) {
      copyFileSync(join(repoRoot, 'cloudfunctions', name, file), join(dir, file))
    }
  }
  return root
}

export interface Harness {
  readonly emulator: RunningEmulator
  readonly functions: FunctionsService
  /** Calls an action as `openid` (undefined: no signed-in user) and returns the envelope. */
  call<F extends FunctionName, A extends ActionName<F>>(
    openid: string | undefined,
    fn: F,
    action: A,
    payload: RequestOf<F, A>,
    requestId?: string,
  ): Promise<ApiResult<ResponseOf<F, A>>>
  /** Sends any event at all (for malformed-input tests). */
  raw(openid: string | undefined, fn: string, event: unknown): Promise<unknown>
  /** Documents of a collection, straight from the engine (what a write really left behind). */
  docs(collection: string, where?: Record<string, unknown>): Promise<Record<string, unknown>[]>
  insert(collection: string, docs: Record<string, unknown>[]): Promise<void>
  stop(): Promise<void>
}

let counter = 0
/** A fresh client request id. */
export function rid(): string {
  counter += 1
  return `req_${Date.now().toString(36)}_${counter}_${Math.random().toString(36).slice(2, 8)}`
}

export async function startHarness(functionNames: readonly string[]): Promise<Harness> {
  const functionsRoot = await buildBundles(functionNames)
  const dataDir = mkdtempSync(join(tmpdir(), 'fn-test-'))
  const functionsModule = createFunctionsModule({ functionsRoot })
  const emulator = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    modules: [functionsModule, createFaceModule(), createOpenApiModule()],
  })
  const functions = emulator.emu.service<FunctionsService>('functions')
  const env = emulator.envId

  const raw = async (openid: string | undefined, fn: string, event: unknown) => {
    const out = await functions.invoke(fn, event, openid === undefined ? {} : { openid })
    if ('error' in out)
      throw new Error(`invoke ${fn} failed: ${out.error.code} ${out.error.message}`)
    return out.result
  }

  return {
    emulator,
    functions,
    call: async (openid, fn, action, payload, requestId) =>
      (await raw(openid, fn, {
        action,
        payload,
        ...(requestId === undefined ? {} : { requestId }),
      })) as ApiResult<never>,
    raw,
    docs: (collection, where = {}) =>
      Promise.resolve(emulator.database.engine.find(env, collection, where)),
    insert: async (collection, docs) => {
      await emulator.database.engine.insert(env, collection, docs)
    },
    stop: async () => {
      await emulator.stop()
      rmSync(functionsRoot, { recursive: true, force: true })
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/**
 * Points the test process's own wx-server-sdk at the emulator, so a test can use the kernel's
 * server code directly (e.g. `verifyAuditChain`) or upload files as a user would.
 */
export function useSdkInProcess(h: Harness, openid = 'o_test_runner'): void {
  Object.assign(process.env, sdkEnvFor(h.emulator.baseUrl, { openid }))
}

/** Decides a pending face verification, as the simulator's face sheet does. */
export async function decideFace(
  h: Harness,
  verifyId: string,
  result: 'success' | 'mismatch' | 'cancelled',
): Promise<void> {
  const res = await fetch(
    `${h.emulator.baseUrl}/__emulator/face/${encodeURIComponent(verifyId)}/outcome`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result }),
    },
  )
  if (!res.ok) throw new Error(`face outcome refused: ${res.status} ${await res.text()}`)
}

/** The people of the tests: roles come from these seeded documents only. */
export const PEOPLE = {
  applicant: 'o_party_applicant',
  respondent: 'o_party_respondent',
  stranger: 'o_party_stranger',
  mediator: 'o_mediator_0001',
  staffA: 'o_staff_a',
  staffB: 'o_staff_b',
} as const

export async function seedRoles(h: Harness): Promise<void> {
  await h.insert('organisations', [
    { _id: 'org_a', name: '测试市工商联调解委员会', version: 1 },
    { _id: 'org_b', name: '另一市商会调解中心', version: 1 },
  ])
  await h.insert('staff_members', [
    { _id: 'stf_a', openid: PEOPLE.staffA, organisationId: 'org_a', role: 'reviewer', version: 1 },
    { _id: 'stf_b', openid: PEOPLE.staffB, organisationId: 'org_b', role: 'reviewer', version: 1 },
  ])
  await h.insert('mediators', [
    { _id: 'med_1', openid: PEOPLE.mediator, organisationId: 'org_a', version: 1 },
  ])
}

/** Uploads a small file as if the user did (the path decides ownership). */
export async function upload(h: Harness, cloudPath: string): Promise<string> {
  useSdkInProcess(h)
  const cloud = await import('wx-server-sdk')
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV as unknown as string })
  const res = (await cloud.uploadFile({
    cloudPath,
    fileContent: Buffer.from(`photo ${cloudPath}`),
  })) as { fileID: string }
  return res.fileID
}
