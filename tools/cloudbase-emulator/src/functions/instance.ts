// One function instance: a worker thread whose process.env is the instance's own (getWXContext()
// reads process.env). It serves one invocation at a time, with that caller's context swapped into
// process.env for the call; on timeout it is terminated, exactly as SCF kills an instance that runs too long.
import { performance } from 'node:perf_hooks'
import { Worker } from 'node:worker_threads'
import { fileURLToPath } from 'node:url'
import { networkGuardPath, type NetworkAttempt } from '../guard/index'
import type { LogLevel } from './logs'

/** SCF's separate, longer limit for loading the bundle before the first event. */
const INIT_TIMEOUT_MS = 60_000

/** A clock shared with the worker threads (timeOrigin differs per thread; their sum does not). */
const wallNow = (): number => performance.timeOrigin + performance.now()

const workerEntryPath = fileURLToPath(new URL('./worker-entry.cjs', import.meta.url))

export interface InvokeMessage {
  readonly invocationId: string
  readonly event: unknown
  readonly context: Record<string, unknown>
  /** The caller's WX_* / TCB_SOURCE variables, set in process.env for this invocation only. */
  readonly callerEnv: Record<string, string>
}

/** Worker-side phases of one invocation (ms): waiting in the worker's queue and inside `main`. */
export interface WorkerTiming {
  readonly 'ipc in'?: number
  readonly main?: number
  readonly 'ipc out'?: number
}

export type InstanceResult =
  | { readonly kind: 'ok'; readonly json: string; readonly timing: WorkerTiming }
  | {
      readonly kind: 'threw'
      readonly error: { name: string; message: string; stack: string }
      readonly timing: WorkerTiming
    }
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
  /** performance.timeOrigin-based instants: event received, main started, main ended. */
  times?: [number, number, number]
}
type WorkerMessage = WorkerLog | WorkerDone | { type: 'ready' } | { type: 'spare' }

/** How an instance starts: bound to a function now, or as a spare with the SDK preloaded. */
export type InstanceStart =
  | {
      readonly kind: 'bound'
      readonly key: string
      readonly entry: string
      readonly env: Record<string, string>
    }
  | {
      readonly kind: 'spare'
      readonly env: Record<string, string>
      readonly preload: string | undefined
    }

export class FunctionInstance {
  private readonly worker: Worker
  private pending:
    | { id: string; resolve: (r: InstanceResult) => void; timer: NodeJS.Timeout; sentAt: number }
    | undefined
  private dead = false
  private readonly ready: Promise<boolean>
  private markReady: (ok: boolean) => void = () => undefined
  private lastInvocationId = ''
  idleTimer: NodeJS.Timeout | undefined
  private deathReason = ''

  key: string
  private bound: boolean
  private readonly spareReady: Promise<boolean>
  private markSpare: (ok: boolean) => void = () => undefined

  constructor(
    readonly token: string,
    start: InstanceStart,
    readonly memoryMb: number,
    private onLog: LogSink,
    private readonly onAttempts: (instance: FunctionInstance, attempts: NetworkAttempt[]) => void,
  ) {
    this.key = start.kind === 'bound' ? start.key : ''
    this.bound = start.kind === 'bound'
    this.worker = new Worker(workerEntryPath, {
      env: start.env,
      execArgv: [],
      workerData: {
        entry: start.kind === 'bound' ? start.entry : null,
        preload: start.kind === 'spare' ? start.preload : undefined,
        guardPath: networkGuardPath,
      },
      resourceLimits: { maxOldGenerationSizeMb: Math.max(64, memoryMb) },
      stdout: false,
      stderr: false,
    })
    this.ready = new Promise<boolean>((resolve) => {
      this.markReady = resolve
    })
    this.spareReady = new Promise<boolean>((resolve) => {
      this.markSpare = resolve
    })
    this.worker.on('message', (m: WorkerMessage) => this.onMessage(m))
    this.worker.on('error', (err: Error) => this.fail(err.stack ?? err.message))
    this.worker.on('exit', (code: number) => this.fail(`退出码 ${code}`))
  }

  /** Resolves true once a spare has preloaded the SDK (false if it died first). */
  whenSpareReady(): Promise<boolean> {
    return this.spareReady
  }

  /** Turns a spare into one function's instance for one caller environment. */
  functionName = ''

  bind(
    key: string,
    functionName: string,
    entry: string,
    env: Record<string, string>,
    onLog: LogSink,
  ): void {
    if (this.bound) throw new Error('instance is already bound')
    this.bound = true
    this.key = key
    this.functionName = functionName
    this.onLog = onLog
    this.worker.postMessage({ type: 'bind', entry, env })
  }

  /** Resolves once the instance is ready for events (false if it died first). */
  whenReady(): Promise<boolean> {
    return this.ready
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
      this.pending = { id: message.invocationId, resolve, timer, sentAt: wallNow() }
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
    if (m.type === 'spare') {
      this.markSpare(true)
      return
    }
    if (m.type === 'ready') {
      this.markReady(true)
      return
    }
    if (m.type !== 'done') return
    if (m.attempts && m.attempts.length > 0) this.onAttempts(this, m.attempts)
    const p = this.pending
    if (!p || p.id !== m.invocationId) return
    clearTimeout(p.timer)
    this.pending = undefined
    const timing: WorkerTiming =
      m.times === undefined
        ? {}
        : {
            'ipc in': m.times[0] - p.sentAt,
            main: m.times[2] - m.times[1],
            'ipc out': wallNow() - m.times[2],
          }
    if (m.ok) p.resolve({ kind: 'ok', json: m.json ?? 'null', timing })
    else
      p.resolve({
        kind: 'threw',
        error: m.error ?? { name: 'Error', message: '', stack: '' },
        timing,
      })
  }

  private fail(detail: string): void {
    const wasDead = this.dead
    this.dead = true
    if (!this.deathReason) this.deathReason = detail
    this.markReady(false)
    this.markSpare(false)
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
