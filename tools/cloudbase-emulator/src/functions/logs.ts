// In-memory ring of function log lines and invocation summaries, served at GET /__emulator/logs
// and shown by the console. Bounded so a chatty function cannot grow the emulator without limit.

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug'

export interface LogLine {
  readonly seq: number
  readonly invocationId: string
  readonly function: string
  readonly level: LogLevel
  readonly text: string
  readonly at: number
}

export interface InvocationRecord {
  readonly seq: number
  readonly invocationId: string
  readonly function: string
  readonly source: string
  readonly openid: string
  readonly startedAt: number
  readonly durationMs: number
  readonly status: 'ok' | 'error' | 'timeout'
  readonly errorCode?: string
}

export interface LogQuery {
  readonly function?: string
  readonly invocationId?: string
  readonly limit?: number
}

export class LogRing {
  private readonly lines: LogLine[] = []
  private readonly invocations: InvocationRecord[] = []
  private readonly lineListeners = new Set<(line: LogLine) => void>()
  private seq = 0

  constructor(private readonly capacity = 5000) {}

  /** Every line as it is added, beyond the ring's bound (the privacy capture reads them all). */
  onLine(listener: (line: LogLine) => void): () => void {
    this.lineListeners.add(listener)
    return () => this.lineListeners.delete(listener)
  }

  addLine(line: Omit<LogLine, 'seq'>): void {
    const added = { ...line, seq: ++this.seq }
    this.lines.push(added)
    for (const listener of this.lineListeners) listener(added)
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity)
  }

  addInvocation(rec: Omit<InvocationRecord, 'seq'>): void {
    this.invocations.push({ ...rec, seq: ++this.seq })
    if (this.invocations.length > this.capacity) {
      this.invocations.splice(0, this.invocations.length - this.capacity)
    }
  }

  query(q: LogQuery = {}): { lines: LogLine[]; invocations: InvocationRecord[] } {
    const match = (r: { function: string; invocationId: string }): boolean =>
      (q.function === undefined || r.function === q.function) &&
      (q.invocationId === undefined || r.invocationId === q.invocationId)
    const limit = q.limit !== undefined && q.limit > 0 ? Math.min(q.limit, this.capacity) : 500
    return {
      lines: this.lines.filter(match).slice(-limit),
      invocations: this.invocations.filter(match).slice(-limit),
    }
  }

  clear(): void {
    this.lines.length = 0
    this.invocations.length = 0
  }
}
