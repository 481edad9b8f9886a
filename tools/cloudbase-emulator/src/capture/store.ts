import {
  CAPTURE_KINDS,
  type CaptureCounts,
  type CaptureEntry,
  type CaptureKind,
  type CaptureSnapshot,
} from './types'

type Unsequenced<T> = T extends unknown ? Omit<T, 'seq'> : never

/** JSON round trip: the capture keeps what was delivered, not live references the engine mutates. */
function frozenCopy(value: unknown): unknown {
  if (value === undefined) return null
  return JSON.parse(JSON.stringify(value)) as unknown
}

/**
 * Append-only, unbounded on purpose: a scan over a sample would prove nothing. Only runs that ask
 * for it (the e2e global setup) register the capture module, so `npm start` never grows with it.
 */
export class CaptureStore {
  private readonly list: CaptureEntry[] = []
  private seq = 0

  add(entry: Unsequenced<CaptureEntry>): void {
    const copy = { ...entry } as Record<string, unknown>
    for (const key of ['event', 'body', 'doc', 'params']) {
      if (key in copy) copy[key] = frozenCopy(copy[key])
    }
    this.list.push({ ...copy, seq: ++this.seq } as CaptureEntry)
  }

  counts(): CaptureCounts {
    const out = Object.fromEntries(CAPTURE_KINDS.map((k) => [k, 0])) as Record<CaptureKind, number>
    for (const e of this.list) out[e.kind] += 1
    return out
  }

  snapshot(kind?: CaptureKind, afterSeq = 0): CaptureSnapshot {
    return {
      counts: this.counts(),
      entries: this.list.filter((e) => e.seq > afterSeq && (kind === undefined || e.kind === kind)),
    }
  }
}
