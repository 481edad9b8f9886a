// EMULATOR_PROFILE=1: where an invocation's time goes. Every function invocation is split into
// instance acquisition, worker IPC, time inside `main`, and — within that — the /admin calls it
// made (server-side handling time per action, transaction lock wait = `startTransaction`, and how
// long its transactions stayed open). The rest of `main` is the function's own CPU plus the
// SDK's request building and the loopback HTTP round trips. Off by default: then every hook is a
// single boolean test, so the emulator's timings are not disturbed by measuring them.
import { performance } from 'node:perf_hooks'

export const profiling = process.env['EMULATOR_PROFILE'] === '1'

export interface ProfilePart {
  readonly part: string
  readonly samples: number
  readonly p50: number
  readonly p95: number
  readonly mean: number
}

export interface ProfileRow {
  /** `function.action` for invocations, `admin` for calls made outside any invocation. */
  readonly label: string
  readonly parts: readonly ProfilePart[]
}

interface OpenInvocation {
  readonly label: string
  readonly parts: Map<string, number>
}

const open = new Map<string, OpenInvocation>()
const openTransactions = new Map<string, { readonly at: number; readonly token: string }>()
const finished = new Map<string, Map<string, number[]>>()

function push(label: string, part: string, value: number): void {
  let parts = finished.get(label)
  if (parts === undefined) {
    parts = new Map<string, number[]>()
    finished.set(label, parts)
  }
  const list = parts.get(part)
  if (list === undefined) parts.set(part, [value])
  else list.push(value)
}

function add(token: unknown, part: string, ms: number): void {
  const inv = typeof token === 'string' ? open.get(token) : undefined
  if (inv === undefined) {
    push('admin', part, ms)
    return
  }
  inv.parts.set(part, (inv.parts.get(part) ?? 0) + ms)
}

export const now = (): number => performance.now()

export function invocationLabel(name: string, event: unknown): string {
  const action =
    typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined
  return typeof action === 'string' ? `${name}.${action.slice(0, 40)}` : name
}

export function beginInvocation(token: string, label: string): void {
  if (!profiling) return
  open.set(token, { label, parts: new Map() })
}

/** Closes an invocation: `timings` are its measured phases (ms), added to what its admin calls took. */
export function endInvocation(token: string, timings: Readonly<Record<string, number>>): void {
  if (!profiling) return
  const inv = open.get(token)
  if (inv === undefined) return
  open.delete(token)
  for (const [part, ms] of Object.entries(timings)) inv.parts.set(part, ms)
  let adminMs = 0
  for (const [part, ms] of inv.parts) {
    if (part.startsWith('db ') || part.startsWith('admin ')) adminMs += ms
  }
  const main = inv.parts.get('main')
  if (main !== undefined) inv.parts.set('main − admin', main - adminMs)
  for (const [part, ms] of inv.parts) push(inv.label, part, ms)
}

/** One /admin call: its server-side handling time, attributed to the invocation that sent it. */
export function recordAdmin(
  token: unknown,
  action: string,
  ms: number,
  body: Record<string, unknown>,
  reply: { kind: string; body?: unknown },
): void {
  if (!profiling) return
  const part = action.startsWith('database.')
    ? `db ${action.slice('database.'.length)}`
    : `admin ${action}`
  add(token, part, ms)
  add(token, 'admin calls', 1)
  const txn =
    action === 'database.startTransaction' && reply.kind === 'json'
      ? (reply.body as { transactionId?: unknown } | undefined)?.transactionId
      : undefined
  if (typeof txn === 'string') {
    openTransactions.set(txn, { at: now(), token: typeof token === 'string' ? token : '' })
    return
  }
  const ended = body['transactionId']
  if (
    (action === 'database.commitTransaction' || action === 'database.abortTransaction') &&
    typeof ended === 'string'
  ) {
    const started = openTransactions.get(ended)
    if (started === undefined) return
    openTransactions.delete(ended)
    const held = now() - started.at
    if (open.has(started.token)) add(started.token, 'txn open', held)
    else push('admin', 'txn open', held)
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN
  const at = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[at]!
}

export function profileReport(): ProfileRow[] {
  return [...finished]
    .map(([label, parts]) => ({
      label,
      parts: [...parts].map(([part, values]) => {
        const sorted = values.slice().sort((a, b) => a - b)
        return {
          part,
          samples: values.length,
          p50: percentile(sorted, 50),
          p95: percentile(sorted, 95),
          mean: values.reduce((s, v) => s + v, 0) / values.length,
        }
      }),
    }))
    .sort((a, b) => a.label.localeCompare(b.label))
}

export function resetProfile(): void {
  open.clear()
  openTransactions.clear()
  finished.clear()
}

/** The report as text, one block per label; `main − admin` is function CPU + SDK + HTTP. */
export function formatProfile(rows: readonly ProfileRow[]): string {
  const out: string[] = []
  for (const row of rows) {
    out.push(row.label)
    for (const p of row.parts) {
      const f = (v: number) => v.toFixed(1)
      out.push(
        `  ${p.part.padEnd(26)} n=${String(p.samples).padStart(4)}  p50 ${f(p.p50).padStart(8)}  p95 ${f(p.p95).padStart(8)}  mean ${f(p.mean).padStart(8)}`,
      )
    }
  }
  return out.join('\n')
}
