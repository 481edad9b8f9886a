// Small statistics shared by the benchmark commands.

/** Nearest-rank percentile of an ascending array (NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? Number.NaN
}

/** Runs `run` n times one after another; the durations in ms, ascending. */
export async function timed(n: number, run: () => Promise<void>): Promise<number[]> {
  const out: number[] = []
  for (let i = 0; i < n; i += 1) {
    const t = performance.now()
    await run()
    out.push(performance.now() - t)
  }
  return out.sort((a, b) => a - b)
}

export function median(values: readonly number[]): number {
  return percentile(
    values.slice().sort((a, b) => a - b),
    50,
  )
}
