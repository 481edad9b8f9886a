// The fuzz tests of one suite: per action a seeded property over mutated payloads, the fixed
// hostile corpus in every text field, every RegExp metacharacter in every search field, forged and
// traversing file ids in every file field; per function events of any shape; then the leak scan
// of every answer received.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Harness } from '../harness'
import { FUZZ_CALLERS, fuzzTargets, type FuzzCtx, type FuzzSuite } from './fuzz-baselines'
import { fuzzCall, fuzzProperty, type FuzzCall } from './fuzz-check'
import { leaksIn, PARTY_SECRETS, type ScannedAnswer } from './fuzz-leak-scan'
import {
  HOSTILE_CORPUS,
  PATH_CORPUS,
  REGEXP_CORPUS,
  UNICODE_CORPUS,
  getAt,
  payloadsFor,
  runs,
  setAt,
  stringPaths,
} from './fuzz-payloads'

export interface FuzzWorld {
  readonly h: Harness
  readonly ctx: FuzzCtx
  /** File ids of other people's files (ID photos, evidence, signatures) as `openid` would forge. */
  readonly forgedFor: (openid: string) => readonly string[]
}

const soak = runs(1) > 1
const SLICE = 6

/** The corpus entries an action gets: all in a soak run, a rotating slice by default. */
function corpusSlice(index: number): readonly string[] {
  if (soak) return HOSTILE_CORPUS
  return Array.from(
    { length: SLICE },
    (_, i) => HOSTILE_CORPUS[(index * SLICE + i) % HOSTILE_CORPUS.length]!,
  )
}

let fresh = 0
const requestId = () => {
  fresh += 1
  return `fz_${process.pid.toString(36)}_${fresh.toString(36)}_corpus`
}

/** Registers the suite's tests; `world` is ready once the file's `beforeAll` ran. */
export function describeFuzzSuite(suite: FuzzSuite, world: () => FuzzWorld, numRuns: number) {
  const answers: ScannedAnswer[] = []
  const targets = fuzzTargets(suite)

  describe(`fuzzed payloads (${suite} suite)`, () => {
    for (const [index, t] of targets.entries()) {
      const call = (): FuzzCall => ({
        h: world().h,
        fn: t.fn,
        action: t.action,
        openid: FUZZ_CALLERS[t.as],
        answers,
      })

      it(`${t.fn}.${t.action}: random and malformed payloads get typed answers, no partial write`, async () => {
        await fuzzProperty(call(), payloadsFor(t.payload(world().ctx)), runs(numRuns))
      })

      it(`${t.fn}.${t.action}: the hostile corpus in text, search and file fields`, async () => {
        const { ctx, forgedFor } = world()
        const base = t.payload(ctx)
        const paths = stringPaths(base)
        // Corpus entries go into the text fields in turn, so every field gets some; a default run
        // gives each action a slice (the suite as a whole uses the entire corpus), a soak run all.
        for (const [i, entry] of corpusSlice(index).entries()) {
          if (paths.length === 0) break
          const path = paths[(i + index) % paths.length]!
          await fuzzCall(call(), setAt(base, path, entry), requestId())
        }
        for (const field of t.search) {
          for (const entry of [...REGEXP_CORPUS, ...UNICODE_CORPUS.slice(0, soak ? 99 : 3)]) {
            const { ok, res } = await fuzzCall(call(), setAt(base, [field], entry), requestId())
            // Plain-text matching: a pattern finds nobody, it never matches everyone.
            if (ok && REGEXP_CORPUS.includes(entry)) {
              const items = (res as { data: { items: unknown[] } }).data.items
              expect(items, `${t.fn}.${t.action} ${field}=${entry}`).toEqual([])
            }
          }
        }
        const files = paths.filter((p) => String(getAt(base, p)).startsWith('cloud://'))
        for (const path of files) {
          const paths = soak ? PATH_CORPUS : PATH_CORPUS.filter((_, i) => i % 3 === index % 3)
          for (const forged of [...forgedFor(FUZZ_CALLERS[t.as]), ...paths]) {
            const { ok, res } = await fuzzCall(call(), setAt(base, path, forged), requestId())
            expect(ok, `${t.fn}.${t.action} accepted ${forged}: ${JSON.stringify(res)}`).toBe(false)
          }
        }
      })
    }

    const functions = [...new Set(targets.map((t) => t.fn))]
    it('whole events of any shape', async () => {
      const { h } = world()
      await fc.assert(
        fc.asyncProperty(
          fc.anything({ maxDepth: 3 }),
          fc.constantFrom(...functions),
          async (event, fn) => {
            // One caller per function: each new caller of a function is a cold worker.
            const openid = FUZZ_CALLERS[targets.find((t) => t.fn === fn)?.as ?? 'applicant']
            const res = await h.raw(openid, fn, event)
            const r = res as { ok?: unknown; error?: { code?: unknown; message?: unknown } }
            expect(typeof r.ok).toBe('boolean')
            if (r.ok === false) {
              expect(['INVALID_INPUT', 'UNKNOWN_ACTION', 'UNAUTHENTICATED']).toContain(
                r.error?.code,
              )
              expect(String(r.error?.message)).toMatch(/[\u4e00-\u9fff]/)
            }
          },
        ),
        { seed: 20_261_202, numRuns: runs(40) },
      )
    })

    it('no answer carried a full name, ID number or phone number in clear', () => {
      expect(answers.length).toBeGreaterThan(targets.length * numRuns)
      const leaks = leaksIn(answers, {
        names: PARTY_SECRETS.names,
        values: [...PARTY_SECRETS.values, '13900139000', '13700137000'],
      })
      expect(leaks).toEqual([])
    })
  })
}
