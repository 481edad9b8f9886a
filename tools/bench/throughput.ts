// Throughput of the party journey at the function level: N simulated applicants (default 200,
// at most 20 at a time) each verify by face, apply for mediation and invite their respondent,
// who verifies, joins and agrees; the applicant then gets recommendations, chooses a mediator,
// opens the case and lists their cases. The built functions run in the emulator's functions
// runtime, loopback only. Prints completed journeys per second, p50/p95 per action and the
// errors; a journey that gets an unexpected answer counts as an error. Warm function instances
// serve any caller (as SCF's do), so cold starts are paid per function, not per user.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startEmulator } from '../cloudbase-emulator/src/index'
import type { FunctionsService } from '../cloudbase-emulator/src/functions/index'
import type { DatabaseService } from '../cloudbase-emulator/src/database/service'
import { dataOf, requestIdFor, runIntake, type Answer, type JourneyPlatform } from './party-journey'
import { percentile } from './stats'
import {
  profileReport,
  profiling,
  resetProfile,
  type ProfileRow,
} from '../cloudbase-emulator/src/server/profile'

export interface ThroughputOptions {
  readonly users: number
  readonly concurrency: number
  /** The run stops starting journeys after this long. */
  readonly budgetMs: number
}

export interface ThroughputReport {
  readonly users: number
  readonly completed: number
  readonly errors: readonly string[]
  readonly seconds: number
  readonly journeysPerSecond: number
  readonly actions: readonly { action: string; calls: number; p50: number; p95: number }[]
  /** With EMULATOR_PROFILE=1: each action's time split into its parts. */
  readonly profile?: readonly ProfileRow[]
}

/** The seed binds only the five demo mediators' WeChat accounts; a chamber in production has
 * every active mediator bound, and only bound mediators are recommended. Without this the run
 * would measure how fast five mediators fill up, not the platform. */
async function bindEveryMediator(database: DatabaseService, envId: string): Promise<void> {
  const mediators = database.collection(envId, 'mediators')
  for (const doc of mediators.find({ openid: null })) {
    const id = String(doc['_id'])
    await mediators.update({ _id: id }, { $set: { openid: `o_bench_${id}` } })
  }
}

/** Answers that mean "this mediator cannot take more now": the user picks the next one. */
const BUSY = ['MEDIATOR_AT_CAPACITY', 'MEDIATOR_UNAVAILABLE']

export async function benchThroughput(
  opts: ThroughputOptions,
  log: (line: string) => void = () => undefined,
): Promise<ThroughputReport> {
  resetProfile()
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-throughput-'))
  const emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
  const functions = emulator.emu.service<FunctionsService>('functions')
  await bindEveryMediator(emulator.emu.service<DatabaseService>('database'), emulator.emu.envId)
  const timings = new Map<string, number[]>()
  const errors: string[] = []

  const call = async (
    openid: string,
    fn: string,
    action: string,
    payload: object,
    requestId: string,
  ) => {
    const t0 = performance.now()
    const out = await functions.invoke(fn, { action, payload, requestId }, { openid })
    const key = `${fn}.${action}`
    ;(timings.get(key) ?? timings.set(key, []).get(key)!).push(performance.now() - t0)
    if ('error' in out) throw new Error(`${key}: ${out.error.code}`)
    return out.result as Answer
  }
  const platform: JourneyPlatform = {
    invoke: call,
    async passFace(verifyId) {
      const face = await fetch(`${emulator.baseUrl}/__emulator/face/${verifyId}/outcome`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ result: 'success' }),
      })
      if (face.status === 404) return false
      if (!face.ok) throw new Error(`face outcome: ${face.status}`)
      return true
    },
  }

  const journey = async (i: number) => {
    const { caseId, applicant: openid } = await runIntake(platform, i, opts.users, undefined, true)
    const rid = (action: string) => requestIdFor(openid, action)
    const recommended = dataOf(
      await call(openid, 'recommendMediator', 'recommend', { caseId, limit: 10 }, rid('recommend')),
      'recommend',
    )['items'] as { mediator: { mediatorId: string } }[]
    if (recommended.length === 0) throw new Error('recommend: 无候选调解员')
    // Users spread over the list as real ones would; a full mediator is a business answer.
    let chosen = false
    for (let k = 0; k < recommended.length && !chosen; k += 1) {
      const pick = recommended[(i + k) % recommended.length]!
      const answer = await call(
        openid,
        'recommendMediator',
        'choose',
        { caseId, mediatorId: pick.mediator.mediatorId },
        rid(`choose_${k}`),
      )
      if (answer.ok) chosen = true
      else if (!BUSY.includes(answer.error.code)) throw new Error(`choose: ${answer.error.code}`)
    }
    if (!chosen) throw new Error('choose: 所有推荐调解员均已满额')
    dataOf(await call(openid, 'mediationCase', 'detail', { caseId }, rid('detail')), 'detail')
    const mine = { role: 'applicant' }
    dataOf(await call(openid, 'mediationCase', 'listMine', mine, rid('listMine')), 'listMine')
  }

  const t0 = performance.now()
  let next = 0
  let completed = 0
  const worker = async () => {
    while (next < opts.users && performance.now() - t0 < opts.budgetMs) {
      const i = next
      next += 1
      try {
        await journey(i)
        completed += 1
        if (completed % 20 === 0) log(`  ${completed}/${opts.users} journeys`)
      } catch (e) {
        errors.push(`user ${i}: ${(e as Error).message}`)
      }
    }
  }
  try {
    await Promise.all(Array.from({ length: opts.concurrency }, worker))
  } finally {
    await emulator.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
  const seconds = (performance.now() - t0) / 1000
  return {
    users: opts.users,
    completed,
    errors,
    seconds,
    journeysPerSecond: completed / seconds,
    actions: [...timings].map(([action, ms]) => {
      const sorted = ms.slice().sort((a, b) => a - b)
      return { action, calls: ms.length, p50: percentile(sorted, 50), p95: percentile(sorted, 95) }
    }),
    ...(profiling ? { profile: profileReport() } : {}),
  }
}
