// Throughput of the party journey at the function level: N simulated applicants (default 200,
// at most 20 at a time) each verify by face, apply for mediation and invite their respondent,
// who verifies, joins and agrees; the applicant then gets recommendations, chooses a mediator,
// opens the case and lists their cases. The built functions run in the emulator's functions
// runtime, loopback only. Prints completed journeys per second, p50/p95 per action and the
// errors; a journey that gets an unexpected answer counts as an error. The emulator starts one
// worker per caller identity, so every new user pays each function's cold start.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gb11643CheckChar } from '../../miniprogram/core/identity/gb11643'
import { startEmulator } from '../cloudbase-emulator/src/index'
import type { FunctionsService } from '../cloudbase-emulator/src/functions/index'
import { percentile } from './stats'

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
}

/** Answers that mean "this mediator cannot take more now": the user picks the next one. */
const BUSY = ['MEDIATOR_AT_CAPACITY', 'MEDIATOR_UNAVAILABLE']

type Answer = { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string } }

/** A valid, distinct resident ID number for bench user `i` (born 1980-01-01 + i days). */
export function benchIdNumber(i: number): string {
  const birth = new Date(Date.UTC(1980, 0, 1) + i * 86_400_000)
  const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '')
  const body = `330106${ymd}${String(100 + (i % 900)).padStart(3, '0')}`
  return body + (gb11643CheckChar(body) ?? '0')
}

function application(i: number, respondentId: string) {
  return {
    disputeType: 'sale_contract',
    description: `压测用户 ${i} 的买卖合同纠纷：已按约交货，对方拒付货款，申请调解。`,
    amountFen: 1_000_000 + i,
    claims: ['支付货款'],
    evidence: [],
    respondent: {
      partyType: 'person',
      name: '王芳',
      phone: '13812345678',
      idType: 'resident_id',
      idNumber: respondentId,
      address: '浙江省杭州市西湖区文三路 100 号',
    },
    region: { provinceCode: '330000', cityCode: '330100' },
  }
}

export async function benchThroughput(
  opts: ThroughputOptions,
  log: (line: string) => void = () => undefined,
): Promise<ThroughputReport> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-throughput-'))
  const emulator = await startEmulator({ port: 0, dataDir, inMemory: true, seed: true })
  const functions = emulator.emu.service<FunctionsService>('functions')
  const timings = new Map<string, number[]>()
  const errors: string[] = []
  let seq = 0

  const call = async (openid: string, fn: string, action: string, payload: object) => {
    const t0 = performance.now()
    seq += 1
    const out = await functions.invoke(
      fn,
      { action, payload, requestId: `bench_${openid}_${action}_${seq}` },
      { openid },
    )
    const ms = performance.now() - t0
    const key = `${fn}.${action}`
    ;(timings.get(key) ?? timings.set(key, []).get(key)!).push(ms)
    if ('error' in out) throw new Error(`${key}: ${out.error.code}`)
    return out.result as Answer
  }
  const data = (a: Answer, what: string) => {
    if (!a.ok) throw new Error(`${what}: ${a.error.code}`)
    return a.data
  }

  const verify = async (openid: string, name: string, idNumber: string) => {
    const started = data(
      await call(openid, 'verifyIdentity', 'startFace', { name, idNumber }),
      'startFace',
    )
    const verifyId = String(started['verifyId'])
    const face = await fetch(`${emulator.baseUrl}/__emulator/face/${verifyId}/outcome`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ result: 'success' }),
    })
    if (!face.ok) throw new Error(`face outcome: ${face.status}`)
    data(await call(openid, 'verifyIdentity', 'confirmFace', { verifyId }), 'confirmFace')
  }

  // Each journey has its own applicant and respondent, who both verify; the respondent joins
  // through the invitation and agrees, then the applicant chooses a mediator.
  const journey = async (i: number) => {
    const openid = `o_bench_user_${String(i).padStart(4, '0')}`
    const respondent = `o_bench_resp_${String(i).padStart(4, '0')}`
    const respondentId = benchIdNumber(opts.users + i)
    await verify(openid, '陈静', benchIdNumber(i))
    await verify(respondent, '王芳', respondentId)
    const caseId = String(
      data(await call(openid, 'mediationCase', 'submit', application(i, respondentId)), 'submit')[
        'caseId'
      ],
    )
    const invited = data(await call(openid, 'mediationCase', 'invite', { caseId }), 'invite')
    const token = new URL(`https://x/${String(invited['sharePath'])}`).searchParams.get('token')
    data(await call(respondent, 'mediationCase', 'join', { token }), 'join')
    data(await call(respondent, 'mediationCase', 'respond', { caseId, agree: true }), 'respond')
    const recommended = data(
      await call(openid, 'recommendMediator', 'recommend', { caseId, limit: 10 }),
      'recommend',
    )['items'] as { mediator: { mediatorId: string } }[]
    if (recommended.length === 0) throw new Error('recommend: 无候选调解员')
    // Users spread over the list as real ones would; a full mediator is a business answer.
    let chosen = false
    for (let k = 0; k < recommended.length && !chosen; k += 1) {
      const pick = recommended[(i + k) % recommended.length]!
      const answer = await call(openid, 'recommendMediator', 'choose', {
        caseId,
        mediatorId: pick.mediator.mediatorId,
      })
      if (answer.ok) chosen = true
      else if (!BUSY.includes(answer.error.code)) throw new Error(`choose: ${answer.error.code}`)
    }
    if (!chosen) throw new Error('choose: 所有推荐调解员均已满额')
    data(await call(openid, 'mediationCase', 'detail', { caseId }), 'detail')
    data(await call(openid, 'mediationCase', 'listMine', { role: 'applicant' }), 'listMine')
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
  }
}
