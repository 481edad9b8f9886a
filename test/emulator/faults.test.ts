import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'
import { createClientModule } from '../../tools/cloudbase-emulator/src/client/index'
import {
  createFunctionsModule,
  type FunctionsService,
} from '../../tools/cloudbase-emulator/src/functions/index'
import { connectSdk, sdkError, type Cloud } from './support/sdk'

// A function that writes `steps` documents one after another: a timeout that stalls it midway
// must leave exactly the steps it had finished, as SCF leaves a killed function's work.
const STEPS_SOURCE = `const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  const db = cloud.database()
  for (let step = 1; step <= event.steps; step += 1) {
    await db.collection('fault_steps').add({ data: { run: event.run, step } })
  }
  return { wrote: event.steps }
}
`
// Each step is a transaction of two writes with a plain read between them: a stall never falls
// inside the transaction.
const TX_STEPS_SOURCE = `const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async (event) => {
  const db = cloud.database()
  for (let step = 1; step <= event.steps; step += 1) {
    await db.runTransaction(async (t) => {
      await t.collection('fault_steps').add({ data: { run: event.run, step, half: 'a' } })
      // A call outside the transaction while it is open (functions do this, e.g. a text check).
      await db.collection('fault_steps').where({ run: 'nothing' }).count()
      await t.collection('fault_steps').add({ data: { run: event.run, step, half: 'b' } })
    })
  }
  return { wrote: event.steps }
}
`
// Runs past its timeout with a transaction open (no fault needed: a slow function does this).
const TX_HANG_SOURCE = `const cloud = require('wx-server-sdk')
cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV })
exports.main = async () => {
  const t = await cloud.database().startTransaction()
  await t.collection('fault_steps').add({ data: { run: 'hang' } })
  await new Promise((resolve) => setTimeout(resolve, 60000))
}
`
const TIMEOUT_SECONDS = 2

const root = resolve(import.meta.dirname, '../..', '.cloudbase', `faults-test-${process.pid}`)
let emu: RunningEmulator
let functions: FunctionsService
let cloud: Cloud

beforeAll(async () => {
  for (const [name, source] of [
    ['steps', STEPS_SOURCE],
    ['other', STEPS_SOURCE],
    ['txsteps', TX_STEPS_SOURCE],
    ['txhang', TX_HANG_SOURCE],
  ] as const) {
    mkdirSync(join(root, name), { recursive: true })
    writeFileSync(join(root, name, 'index.js'), source)
    writeFileSync(join(root, name, 'config.json'), '{}')
  }
  writeFileSync(
    join(root, 'cloudbaserc.json'),
    JSON.stringify({
      functions: [
        { name: 'steps', timeout: TIMEOUT_SECONDS },
        { name: 'other', timeout: TIMEOUT_SECONDS },
        { name: 'txsteps', timeout: TIMEOUT_SECONDS },
        { name: 'txhang', timeout: TIMEOUT_SECONDS },
      ],
    }),
  )
  const fnModule = createFunctionsModule({
    functionsRoot: root,
    rcPath: join(root, 'cloudbaserc.json'),
  })
  emu = await startEmulator({
    port: 0,
    dataDir: join(root, 'data'),
    inMemory: true,
    modules: [fnModule, createClientModule()],
  })
  functions = fnModule.api
  for (const name of ['fault_steps', 'fault_probe']) {
    await emu.database.createCollection(emu.envId, name)
  }
  cloud = connectSdk(emu.baseUrl, emu.envId, 'o_fault_tester')
})

afterAll(async () => {
  await emu.stop()
  rmSync(root, { recursive: true, force: true })
})

beforeEach(async () => {
  await control('DELETE')
})

async function control(
  method: 'GET' | 'POST' | 'DELETE',
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.baseUrl}/__emulator/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

const probes = (): Record<string, unknown>[] =>
  emu.database.engine.find(emu.envId, 'fault_probe', {})

/** Which of `n` single writes fail under the current configuration, as a 0/1 string. */
async function writePattern(n: number, label: string): Promise<string> {
  let pattern = ''
  for (let i = 0; i < n; i += 1) {
    try {
      await cloud.database().collection('fault_probe').add({ data: { label, i } })
      pattern += '0'
    } catch {
      pattern += '1'
    }
  }
  return pattern
}

describe('fault injection: configuration', () => {
  it('refuses bad settings with a Chinese message and keeps the old configuration', async () => {
    expect(await control('POST', { database: { writeFailureRate: 0.5 } })).toMatchObject({
      status: 200,
    })
    const bad = await control('POST', { database: { writeFailureRate: 2 } })
    expect(bad).toEqual({
      status: 400,
      body: { code: 'INVALID_PARAM', message: 'database.writeFailureRate 必须是 0 到 1 之间的数' },
    })
    expect((await control('POST', { disks: {} })).body['message']).toBe('不支持的故障设置 disks')
    expect(
      (await control('POST', { functions: { failureRate: 0.7, timeoutRate: 0.5 } })).body[
        'message'
      ],
    ).toBe('functions.failureRate 与 functions.timeoutRate 之和不能超过 1')
    const current = await control('GET')
    expect(current.body).toMatchObject({
      active: true,
      config: { database: { writeFailureRate: 0.5 } },
    })
  })

  it('takes the configuration at start and clears it on DELETE with the final counters', async () => {
    const other = await startEmulator({
      port: 0,
      inMemory: true,
      dataDir: join(root, 'data-start'),
      modules: [],
      faults: { seed: 7, storage: { failureRate: 0.25 }, match: { collections: ['x'] } },
    })
    try {
      const res = await fetch(`${other.baseUrl}/__emulator/faults`)
      expect(await res.json()).toMatchObject({
        active: true,
        config: { seed: 7, storage: { failureRate: 0.25 }, match: { collections: ['x'] } },
        counters: { storage: { calls: 0, failed: 0 } },
      })
    } finally {
      await other.stop()
    }
    await expect(
      startEmulator({ port: 0, inMemory: true, modules: [], faults: { seed: -1 } }),
    ).rejects.toThrow('故障注入设置有误：seed 必须是 0 到 4294967295 之间的整数')
  })
})

describe('fault injection: database and storage', () => {
  it('fails a write with the CloudBase error and changes nothing', async () => {
    await control('POST', { database: { failNext: 1 } })
    const before = probes().length
    const err = await sdkError(
      cloud
        .database()
        .collection('fault_probe')
        .add({ data: { label: 'lost' } }),
    )
    expect(err.errCode).toBe(-502001)
    expect(err.errMsg).toContain('database request fail')
    expect(probes()).toHaveLength(before)
    // The next write goes through; reads are never failed.
    await cloud
      .database()
      .collection('fault_probe')
      .add({ data: { label: 'kept' } })
    expect(probes().filter((d) => d['label'] === 'kept')).toHaveLength(1)
    expect((await control('GET')).body['counters']).toMatchObject({
      database: { writes: 2, failed: 1 },
    })
  })

  it('fails a transaction as one write, at its commit, and keeps none of its writes', async () => {
    const db = cloud.database()
    const { _id } = await db.collection('fault_probe').add({ data: { label: 'tx', n: 0 } })
    await control('POST', { database: { failNext: 1 } })
    const err = await sdkError(
      db.runTransaction(async (t) => {
        await t
          .collection('fault_probe')
          .doc(_id)
          .update({ data: { n: 1 } })
        await t.collection('fault_probe').add({ data: { label: 'tx-child' } })
      }),
    )
    // A failed commit reaches the caller as the raw TCB answer, as @cloudbase/database throws it.
    expect(err).toMatchObject({ code: 'DATABASE_REQUEST_FAILED' })
    expect(probes().find((d) => d['_id'] === _id)?.['n']).toBe(0)
    expect(probes().filter((d) => d['label'] === 'tx-child')).toHaveLength(0)
    expect((await control('GET')).body['counters']).toMatchObject({
      database: { writes: 1, failed: 1 },
    })
    // The rolled-back transaction released the environment: the next one commits.
    await db.runTransaction(async (t) => {
      await t
        .collection('fault_probe')
        .doc(_id)
        .update({ data: { n: 2 } })
    })
    expect(probes().find((d) => d['_id'] === _id)?.['n']).toBe(2)
  })

  it('matches a transaction by the collections it wrote', async () => {
    const db = cloud.database()
    await control('POST', { database: { writeFailureRate: 1 }, match: { collections: ['x'] } })
    await db.runTransaction(async (t) => {
      await t.collection('fault_probe').add({ data: { label: 'tx-unmatched' } })
    })
    await control('POST', {
      database: { writeFailureRate: 1 },
      match: { collections: ['fault_probe'] },
    })
    await sdkError(
      db.runTransaction(async (t) => {
        await t.collection('fault_probe').add({ data: { label: 'tx-matched' } })
      }),
    )
    expect(probes().filter((d) => d['label'] === 'tx-unmatched')).toHaveLength(1)
    expect(probes().filter((d) => d['label'] === 'tx-matched')).toHaveLength(0)
  })

  it('injects the same faults for the same seed, other faults for another seed', async () => {
    await control('POST', { seed: 42, database: { writeFailureRate: 0.3 } })
    const first = await writePattern(40, 'seed-a')
    await control('POST', { seed: 42, database: { writeFailureRate: 0.3 } })
    const again = await writePattern(40, 'seed-b')
    await control('POST', { seed: 43, database: { writeFailureRate: 0.3 } })
    const other = await writePattern(40, 'seed-c')
    expect(again).toBe(first)
    expect(other).not.toBe(first)
    expect(first).toMatch(/1/)
    expect(first).toMatch(/0/)
    // Exactly the writes that were acknowledged exist.
    const kept = probes().filter((d) => d['label'] === 'seed-a')
    expect(kept).toHaveLength([...first].filter((c) => c === '0').length)
  })

  it('fails writes only in the matched collections', async () => {
    await control('POST', { database: { writeFailureRate: 1 }, match: { collections: ['x'] } })
    expect(await writePattern(3, 'unmatched')).toBe('000')
    await control('POST', {
      database: { writeFailureRate: 1 },
      match: { collections: ['fault_probe'] },
    })
    expect(await writePattern(3, 'matched')).toBe('111')
  })

  it('fails a storage call with the storage error and stores nothing', async () => {
    await control('POST', { storage: { failureRate: 1 } })
    const err = await sdkError(
      cloud.uploadFile({ cloudPath: 'faults/lost.txt', fileContent: Buffer.from('x') }),
    )
    // wx-server-sdk reports a failed upload leg with the TCB code and its own errMsg prefix.
    expect(err).toMatchObject({
      code: 'STORAGE_REQUEST_FAIL',
      errMsg: 'uploadFile:fail 存储请求失败（故障注入）',
    })
    expect(await emu.storage.get(emu.envId, 'faults/lost.txt')).toBeUndefined()
    await control('DELETE')
    const saved = await cloud.uploadFile({
      cloudPath: 'faults/kept.txt',
      fileContent: Buffer.from('kept'),
    })
    expect(saved.fileID).toContain('faults/kept.txt')
  })
})

describe('fault injection: the mini-program endpoint', () => {
  it('fails a client upload and a client write with the client error shapes', async () => {
    const login = await fetch(`${emu.baseUrl}/client/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_client_up' }),
    })
    const { token } = (await login.json()) as { token: string }
    const upload = () =>
      fetch(`${emu.baseUrl}/client/uploadFile?cloudPath=faults/client.txt`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body: 'client bytes',
      })
    await control('POST', { storage: { failNext: 1 }, database: { failNext: 1 } })
    const failed = await upload()
    const answer = (await failed.json()) as { code: string; errCode: number; errMsg: string }
    expect(answer).toMatchObject({ code: 'STORAGE_REQUEST_FAIL', errCode: -503001 })
    expect(answer.errMsg).toContain('cloud.uploadFile:fail -503001')
    expect(await emu.storage.get(emu.envId, 'faults/client.txt')).toBeUndefined()
    expect(await (await upload()).json()).toMatchObject({ errMsg: 'cloud.uploadFile:ok' })
    const write = await fetch(`${emu.baseUrl}/client/database`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ action: 'add', collection: 'fault_probe', data: { label: 'c' } }),
    })
    expect(await write.json()).toMatchObject({ errCode: -502001 })
    expect(probes().filter((d) => d['label'] === 'c')).toHaveLength(0)
  })
})

describe('fault injection: functions', () => {
  it('fails the next n invocations of the matched function without running them', async () => {
    await control('POST', { functions: { failNext: 2 }, match: { functions: ['steps'] } })
    const other = await functions.invoke('other', { run: 'f-other', steps: 1 }, { openid: 'o_a' })
    expect(other).toMatchObject({ result: { wrote: 1 } })
    for (let i = 0; i < 2; i += 1) {
      const out = await functions.invoke('steps', { run: 'f-1', steps: 1 }, { openid: 'o_a' })
      expect(out).toMatchObject({
        error: { code: 'FUNCTIONS_EXECUTE_FAIL', errCode: -504002 },
      })
      if ('error' in out) expect(out.error.message).toContain('云函数 steps 执行失败（故障注入）')
    }
    const steps = emu.database.engine.find(emu.envId, 'fault_steps', { run: 'f-1' })
    expect(steps).toHaveLength(0)
    expect(
      await functions.invoke('steps', { run: 'f-1', steps: 1 }, { openid: 'o_a' }),
    ).toMatchObject({ result: { wrote: 1 } })
    expect((await control('GET')).body).toMatchObject({
      counters: { functions: { invocations: 3, failed: 2, timedOut: 0 } },
      remaining: { functions: { failNext: 0 } },
    })
  })

  it('shows a mini-program caller the SCF error through /client/callFunction', async () => {
    await control('POST', { functions: { failNext: 1 } })
    const login = await fetch(`${emu.baseUrl}/client/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: 'o_client' }),
    })
    const { token } = (await login.json()) as { token: string }
    const call = () =>
      fetch(`${emu.baseUrl}/client/callFunction`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ name: 'steps', data: { run: 'client', steps: 1 } }),
      })
    const failed = await call()
    expect(failed.ok).toBe(false)
    expect(await failed.json()).toMatchObject({ errCode: -504002 })
    const ok = await call()
    expect(await ok.json()).toMatchObject({ result: { wrote: 1 }, errMsg: 'cloud.callFunction:ok' })
  })

  it('times out after the configured timeout and leaves the steps done before the stall', async () => {
    await control('POST', { seed: 5, functions: { timeoutNext: 1 } })
    const out = await functions.invoke('steps', { run: 't-1', steps: 12 }, { openid: 'o_t' })
    expect(out).toMatchObject({
      error: {
        code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
        errCode: -504003,
        message: `Invoking task timed out after ${TIMEOUT_SECONDS} seconds`,
      },
    })
    const done = emu.database.engine
      .find(emu.envId, 'fault_steps', { run: 't-1' })
      .map((d) => d['step'] as number)
      .sort((a, b) => a - b)
    // Partial work: a prefix of the steps, never all twelve (the stall comes within 8 calls).
    expect(done.length).toBeLessThan(12)
    expect(done).toEqual(Array.from({ length: done.length }, (_, i) => i + 1))
    // Same seed, same stall point.
    await control('POST', { seed: 5, functions: { timeoutNext: 1 } })
    await functions.invoke('steps', { run: 't-2', steps: 12 }, { openid: 'o_t' })
    expect(emu.database.engine.find(emu.envId, 'fault_steps', { run: 't-2' })).toHaveLength(
      done.length,
    )
    expect(
      await functions.invoke('steps', { run: 't-3', steps: 2 }, { openid: 'o_t' }),
    ).toMatchObject({ result: { wrote: 2 } })
  })

  it('stalls a timed-out function between its transactions, never inside one', async () => {
    await control('POST', { seed: 11, functions: { timeoutNext: 1 } })
    const out = await functions.invoke('txsteps', { run: 'tx-1', steps: 10 }, { openid: 'o_tx' })
    expect(out).toMatchObject({ error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' } })
    const docs = emu.database.engine.find(emu.envId, 'fault_steps', { run: 'tx-1' })
    const steps = [...new Set(docs.map((d) => d['step'] as number))].sort((a, b) => a - b)
    expect(steps.length).toBeLessThan(10)
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1))
    for (const step of steps) {
      expect(docs.filter((d) => d['step'] === step).map((d) => d['half'])).toEqual(
        expect.arrayContaining(['a', 'b']),
      )
    }
    // No transaction was left open by the killed instance: a new one starts and commits at once
    // (a held lock would make startTransaction fail with a conflict after its 20 s wait).
    const t = await cloud.database().startTransaction()
    await t.collection('fault_steps').add({ data: { run: 'tx-after' } })
    await t.commit()
    expect(emu.database.engine.find(emu.envId, 'fault_steps', { run: 'tx-after' })).toHaveLength(1)
  })

  it('rolls back the transaction a timed-out instance left open', async () => {
    const out = await functions.invoke('txhang', {}, { openid: 'o_hang' })
    expect(out).toMatchObject({ error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' } })
    // Otherwise the environment's one transaction slot stays taken until the 30 s idle rollback
    // and this startTransaction fails with a conflict.
    const t = await cloud.database().startTransaction()
    await t.commit()
    expect(emu.database.engine.find(emu.envId, 'fault_steps', { run: 'hang' })).toHaveLength(0)
  })

  it('answers the timeout even when the function finished before its stall point', async () => {
    await control('POST', { seed: 5, functions: { timeoutNext: 1 } })
    const out = await functions.invoke('steps', { run: 'quick', steps: 0 }, { openid: 'o_q' })
    expect(out).toMatchObject({ error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED' } })
  })
})
