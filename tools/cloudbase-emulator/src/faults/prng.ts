// A small seeded generator (mulberry32): the same seed and the same sequence of calls inject the
// same faults, so a failing fault run can be replayed exactly.
export type Random = () => number

export function seededRandom(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Derives an independent stream per fault kind, so adding storage faults leaves the others alone. */
export function streamSeed(seed: number, kind: string): number {
  let h = seed >>> 0
  for (let i = 0; i < kind.length; i += 1) h = Math.imul(h ^ kind.charCodeAt(i), 0x01000193) >>> 0
  return h
}
