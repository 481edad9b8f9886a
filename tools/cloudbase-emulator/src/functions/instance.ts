// One function instance: a worker thread whose process.env is the instance's own (getWXContext()
// reads process.env, so identity must never be shared between callers). It serves one invocation
// at a time; on timeout it is terminated, exactly as SCF kills an instance that runs too long.
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { networkGuardPath, type NetworkAttempt } from '../guard/index'
import type { LogLevel } from './logs'

/** SCF's separate, longer limit for loading the bundle before the first event. */
const INIT_TIMEOUT_MS = 60_000

const workerEntryPath = fileURLToPath(new URL('./worker-entry.cjs', import.meta.url))

export interface InvokeMessage {
  readonly invocationId: string
  readonly event: unknown
  readonly context: Record<string, unknown>
}

export type InstanceResult =
  | { readonly kind: 'ok'; readonly json: string }
  | { readonly kind: 'threw'; readonly error: { name: string; message: string; stack: string } }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'crashed'; readonly detail: string }

export interface LogSink {
  (invocationId: string, level: LogLevel, text: string, at: number): void
}

interface WorkerLog {
  type: 'log'
  invocationId: string | null
  level: LogLevel
  text: string
  at: number
}
interface WorkerDone {
  type: 'done'
  invocationId: string
  ok: boolean
  json?: string
  error?: { name: string; message: string; stack: string }
  attempts?: NetworkAttempt[]
}
type WorkerMessage = WorkerLog | WorkerDone | { type: 'ready' }

export class FunctionInstance {
  private readonly worker: Worker
  private pending:
    { id: string; resolve: (r: InstanceResult) => void; timer: NodeJS.Timeout } | undefined
  private dead = false
  private readonly ready: Promise<boolean>
  private markReady: (ok: boolean) => void = () => undefined
  private lastInvocationId = ''
  idleTimer: NodeJS.Timeout | undefined
  private deathReason = ''

  constructor(
    readonly key: string,
    readonly token: string,
    entry: string,
    env: Record<string, string>,
    memoryMb: number,
    private readonly onLog: LogSink,
    private readonly onAttempts: (attempts: NetworkAttempt[]) => void,
  ) {
    this.worker = new Worker(workerEntryPath, {
      env,
      execArgv: [],
      workerData: { entry, guardPath: networkGuardPath },
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, memoryMb) },
      stdout: false,
      stderr: false,
    })
    this.ready = new Promise<boolean>((resolve) => {
      this.markReady = resolve
    })
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m))
    this.worker.on('error', (err: Error) => this.fail(err.stack ?? err.message))
    this.worker.on('exit', (code: number) => this.fail(`退出码 ${code}`))
  }

  get alive(): boolean {
    return !this.dead
  }

  get busy(): boolean {
    return this.pending !== undefined
  }

  async run(message: InvokeMessage, timeoutMs: number): Promise<InstanceResult> {
    if (this.pending) throw new Error('instance is busy')
    this.lastInvocationId = message.invocationId
    const initTimer = setTimeout(() => this.fail('初始化超时'), INIT_TIMEOUT_MS)
    const ready = await this.ready
    clearTimeout(initTimer)
    if (!ready || this.dead) return { kind: 'crashed', detail: this.deathReason || '实例已退出' }
    return new Promise<InstanceResult>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = undefined
        resolve({ kind: 'timeout' })
        this.kill()
      }, timeoutMs)
      this.pending = { id: message.invocationId, resolve, timer }
      this.worker.postMessage({ type: 'invoke', ...message })
    })
  }

  kill(): void {
    if (this.dead) return
    this.dead = true
    if (this.idleTimer) clearTimeout(this.idleTimer)
    void this.worker.terminate()
  }

  private onMessage(m: WorkerMessage): void {
    if (m.type === 'log') {
      this.onLog(m.invocationId ?? this.lastInvocationId, m.level, m.text, m.at)
      return
    }
    if (m.type === 'ready') {
      this.markReady(true)
      return
    }
    if (m.type !== 'done') return
    if (m.attempts && m.attempts.length > 0) this.onAttempts(m.attempts)
    const p = this.pending
    if (!p || p.id !== m.invocationId) return
    clearTimeout(p.timer)
    this.pending = undefined
    if (m.ok) p.resolve({ kind: 'ok', json: m.json ?? 'null' })
    else p.resolve({ kind: 'threw', error: m.error ?? { name: 'Error', message: '', stack: '' } })
  }

  private fail(detail: string): void {
    const wasDead = this.dead
    this.dead = true
    if (!this.deathReason) this.deathReason = detail
    this.markReady(false)
    if (this.idleTimer) clearTimeout(this.idleTimer)
    const p = this.pending
    if (p) {
      clearTimeout(p.timer)
      this.pending = undefined
      p.resolve({ kind: 'crashed', detail })
    }
    if (!wasDead) void this.worker.terminate()
  }
}
