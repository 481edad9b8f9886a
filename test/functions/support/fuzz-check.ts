// What every fuzzed call must satisfy, and the runner that drives one action: the answer is an
// `ApiResult` (success, or a code the action's contract declares with a Chinese message), the
// function never crashes, and a refused call leaves every collection exactly as it was.
import fc from 'fast-check'
import { expect } from 'vitest'
import type { Harness } from '../harness'
import { commonCodes, contractActions } from './fuzz-contracts'
import type { ScannedAnswer } from './fuzz-leak-scan'
import { requestIds, seedFor } from './fuzz-payloads'

/** Every document of every collection, as JSON (what a refused call must not change). */
export function snapshot(h: Harness): Map<string, string> {
  const env = h.emulator.envId
  const engine = h.emulator.database.engine
  const out = new Map<string, string>()
  // `emulator_*` is the emulator's own bookkeeping (e.g. media checks it delivers later), not data.
  for (const name of engine.listCollections(env).sort()) {
    if (name.startsWith('emulator_')) continue
    out.set(name, JSON.stringify(engine.find(env, name, {}, { sort: { _id: 1 } })))
  }
  return out
}

/** Names of the collections that differ between two snapshots. */
export function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()])
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort()
}

/** Codes `fn.action` may answer: its contract's own plus the common ones, never INTERNAL. */
export function allowedCodes(fn: string, action: string): string[] {
  const spec = contractActions().find((a) => a.fn === fn && a.action === action)
  if (!spec) throw new Error(`${fn}.${action} is not in FunctionContracts`)
  return [...spec.codes, ...commonCodes().filter((c) => c !== 'INTERNAL')]
}

const CHINESE = /[\u4e00-\u9fff]/

/** Asserts the envelope; true when the call succeeded. */
export function expectApiResult(res: unknown, allowed: readonly string[], what: string): boolean {
  expect(typeof res, what).toBe('object')
  const r = res as { ok?: unknown; data?: unknown; error?: Record<string, unknown> }
  expect(typeof r.ok, `${what}: ok`).toBe('boolean')
  if (r.ok === true) {
    expect(Object.keys(r).sort(), what).toEqual(['data', 'ok'])
    return true
  }
  expect(Object.keys(r).sort(), what).toEqual(['error', 'ok'])
  const e = r.error ?? {}
  expect(allowed, `${what}: code ${String(e['code'])} (${String(e['message'])})`).toContain(
    e['code'],
  )
  expect(String(e['message']), `${what}: message`).toMatch(CHINESE)
  for (const key of Object.keys(e)) expect(['code', 'message', 'field'], what).toContain(key)
  return false
}

export interface FuzzCall {
  readonly h: Harness
  readonly fn: string
  readonly action: string
  readonly openid: string | undefined
  /** Every answer goes here, for the leak scan at the end of the suite. */
  readonly answers: ScannedAnswer[]
}

/**
 * Sends one event and checks it: a typed answer, and for a refusal not one document changed.
 * Returns the answer for further checks.
 */
export async function fuzzCall(
  c: FuzzCall,
  payload: unknown,
  requestId: string | undefined,
): Promise<{ ok: boolean; res: unknown }> {
  const event: Record<string, unknown> = { action: c.action, payload }
  if (requestId !== undefined) event['requestId'] = requestId
  const before = snapshot(c.h)
  const res = await c.h.raw(c.openid, c.fn, event)
  const what = `${c.fn}.${c.action}`
  c.answers.push({ label: `${what} as ${c.openid ?? 'anonymous'}`, body: JSON.stringify(res) })
  const ok = expectApiResult(res, allowedCodes(c.fn, c.action), what)
  if (!ok) {
    const sent = JSON.stringify(event)?.slice(0, 300)
    expect(
      changed(before, snapshot(c.h)),
      `${what} refused (${c.answers.at(-1)?.body}) but wrote; sent ${sent}`,
    ).toEqual([])
  }
  return { ok, res }
}

/**
 * A seeded, bounded property over generated payloads; a failure names the seed that replays it
 * (`FUZZ_SEED=<seed> npx vitest run <file>`).
 */
export async function fuzzProperty(
  c: FuzzCall,
  payloads: fc.Arbitrary<unknown>,
  numRuns: number,
): Promise<void> {
  const name = `${c.fn}.${c.action}`
  const seed = seedFor(name)
  try {
    await fc.assert(
      fc.asyncProperty(payloads, requestIds, async (p, id) => {
        await fuzzCall(c, p, id)
      }),
      { seed, numRuns, endOnFailure: true },
    )
  } catch (e) {
    const base = process.env['FUZZ_SEED'] ?? '20261202'
    throw new Error(
      `${name}: property failed (seed ${seed}; replay with FUZZ_SEED=${base})\n${String(e)}`,
      { cause: e },
    )
  }
}
