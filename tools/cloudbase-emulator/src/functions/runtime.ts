// The functions runtime: finds a function's bundle, gives each invocation an instance, enforces the
// configured timeout, and records logs. As in SCF, a warm instance serves one invocation at a time
// but serves any caller: the caller's WX_* context is replaced in the instance's process.env before
// each invocation, so getWXContext() always answers the current caller, and module state that
// outlives a call (the real hazard on the platform) is shared between users here too.
import { randomBytes } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import type { EmulatorContext } from '../server/contracts'
import type { NetworkAttempt } from '../guard/index'
import type { DatabaseService } from '../database/service'
import { faultsOf } from '../faults/index'
import { injectedFailure, rollBackAbandoned, timeoutAfter } from '../faults/invocation'
import { loadFunctionConfig, isValidFunctionName, type FunctionConfig } from './config'
import {
  executeFail,
  functionNotFound,
  instanceCrashed,
  invalidFunctionName,
  resultNotSerialisable,
  timedOut,
  type InvokeError,
} from './errors'
import { FunctionInstance } from './instance'
import { LogRing, type LogLevel } from './logs'
import { beginInvocation, endInvocation, invocationLabel, now, profiling } from '../server/profile'
import { callerEnv, scfEnv, DEFAULT_APPID, type CallerIdentity } from './sdk-env'

export interface InvokeCaller {
  readonly openid?: string
  readonly appid?: string
  readonly unionid?: string
  readonly clientIp?: string
  readonly clientIpv6?: string
  /** TCB_SOURCE; defaults to `wx_client` (a call from the mini-program). */
  readonly source?: string
}

export interface InvokeExtras {
  /** Set for timer-trigger invocations (TRIGGER_SRC=timer, as SCF sets it). */
  readonly trigger?: { readonly type: 'timer'; readonly name: string }
}

/** What an admin call made from inside an invocation can learn about its origin. */
export interface InvocationInfo {
  readonly invocationId: string
  readonly function: FunctionConfig
  readonly caller: CallerIdentity
}

export type RawOutcome =
  | { readonly json: string; readonly invocationId: string }
  | { readonly error: InvokeError; readonly invocationId: string }

/** One finished invocation as its caller received it (the privacy capture observes these). */
export interface FinishedInvocation {
  readonly function: string
  readonly event: unknown
  readonly caller: CallerIdentity
  readonly outcome: RawOutcome
}

export interface RuntimeOptions {
  readonly functionsRoot: string
  readonly rcPath: string
  /** Spare instances kept with wx-server-sdk preloaded (default 2; 0 disables). */
  readonly spares?: number
  /** Reuse idle instances of the same build and configuration, for any caller (default true). */
  readonly warm?: boolean
  /** How long an idle instance stays warm, in ms (default 30 s). */
  readonly idleMs?: number
  /** Values for `{{env.X}}` placeholders in cloudbaserc.json. */
  readonly devValues?: Readonly<Record<string, string>>
}

// Warm instances are shared by every caller, so a burst of N concurrent users of a few functions
// needs about N instances of each; fewer would turn every call of a busy run into a cold start.
// Each idle one holds a V8 isolate (~40 MB).
const MAX_IDLE_INSTANCES = 64
const DEFAULT_SPARES = 2
const DEFAULT_MEMORY_MB = 256

function newId(prefix: string): string {
  return `${prefix}${randomBytes(12).toString('hex')}`
}

export class FunctionsRuntime {
  readonly logs = new LogRing()
  private readonly idle = new Map<string, FunctionInstance[]>()
  private readonly byToken = new Map<string, { instance: FunctionInstance; info: InvocationInfo }>()
  private readonly attempts: NetworkAttempt[] = []
  private readonly finishedListeners = new Set<(done: FinishedInvocation) => void>()
  private readonly warnedPlaceholders = new Set<string>()
  private readonly all = new Set<FunctionInstance>()
  private readonly spares: FunctionInstance[] = []
  private readonly idleOrder: FunctionInstance[] = []
  private sparesBooting = 0
  private booting = 0
  private readonly bootQueue: (() => void)[] = []
  private readonly maxBooting = Math.max(2, availableParallelism())
  private readonly sdkPath: string | undefined
  private stopped = false

  constructor(
    private readonly emu: EmulatorContext,
    private readonly options: RuntimeOptions,
  ) {
    try {
      this.sdkPath = createRequire(join(options.functionsRoot, 'index.js')).resolve('wx-server-sdk')
    } catch {
      this.sdkPath = undefined
    }
  }

  config(name: string): FunctionConfig | undefined {
    return loadFunctionConfig(
      {
        functionsRoot: this.options.functionsRoot,
        rcPath: this.options.rcPath,
        placeholder: (key) => this.placeholder(key),
      },
      name,
    )
  }

  /** Names of every function that has a bundle under the functions root. */
  list(): string[] {
    let names: string[]
    try {
      names = readdirSync(this.options.functionsRoot)
    } catch {
      return []
    }
    return names.filter((n) => isValidFunctionName(n) && this.config(n) !== undefined).sort()
  }

  /** The invocation an admin request came from, by the WX_API_TOKEN its instance was given. */
  invocationForToken(token: unknown): InvocationInfo | undefined {
    if (typeof token !== 'string' || token === '') return undefined
    return this.byToken.get(token)?.info
  }

  /** Non-loopback attempts the egress guard blocked inside function instances. */
  networkAttempts(): NetworkAttempt[] {
    return [...this.attempts]
  }

  takeNetworkAttempts(): NetworkAttempt[] {
    return this.attempts.splice(0, this.attempts.length)
  }

  onInvocation(listener: (done: FinishedInvocation) => void): () => void {
    this.finishedListeners.add(listener)
    return () => this.finishedListeners.delete(listener)
  }

  async invoke(
    name: string,
    event: unknown,
    caller: InvokeCaller,
    extras: InvokeExtras = {},
  ): Promise<RawOutcome> {
    const invocationId = newId('inv-')
    if (!isValidFunctionName(name)) return { error: invalidFunctionName(name), invocationId }
    const fn = this.config(name)
    if (!fn) return { error: functionNotFound(name), invocationId }
    if (this.stopped) return { error: instanceCrashed('模拟器正在停止'), invocationId }

    const identity: CallerIdentity = {
      openid: caller.openid ?? '',
      appid: caller.appid ?? DEFAULT_APPID,
      unionid: caller.unionid ?? '',
      clientIp: caller.clientIp ?? '',
      clientIpv6: caller.clientIpv6 ?? '',
      source: caller.source ?? 'wx_client',
    }
    const perCall = callerEnv(identity)
    const instanceEnv: Record<string, string> = {
      ...scfEnv(this.emu.baseUrl(), this.emu.envId),
      ...fn.envVariables,
      SCF_FUNCTIONNAME: fn.name,
      SCF_FUNCTIONVERSION: '$LATEST',
      SCF_MEMORY: String(fn.memoryMb),
      SCF_TIMEOUT: String(fn.timeoutMs / 1000),
    }
    if (extras.trigger) instanceEnv['TRIGGER_SRC'] = extras.trigger.type
    const env = { ...instanceEnv, ...perCall }
    const key = JSON.stringify([fn.name, fn.mtimeMs, instanceEnv])
    const faults = faultsOf(this.emu)
    const fault = faults?.planInvocation(fn.name)
    if (fault === 'fail') return { error: injectedFailure(fn.name), invocationId }

    const t0 = profiling ? now() : 0
    const instance = await this.acquire(key, fn, instanceEnv)
    if (!instance) return { error: instanceCrashed('模拟器正在停止'), invocationId }
    const acquiredAt = profiling ? now() : 0
    const info: InvocationInfo = { invocationId, function: fn, caller: identity }
    this.byToken.set(instance.token, { instance, info })
    if (profiling) beginInvocation(instance.token, invocationLabel(fn.name, event))

    const context = {
      callbackWaitsForEmptyEventLoop: true,
      memory_limit_in_mb: fn.memoryMb,
      time_limit_in_ms: fn.timeoutMs,
      request_id: invocationId,
      function_name: fn.name,
      function_version: '$LATEST',
      namespace: this.emu.envId,
      tencentcloud_region: env['TENCENTCLOUD_REGION'],
      environ: Object.entries(env)
        .filter(([k]) => !k.startsWith('TENCENTCLOUD_SECRET') && k !== 'TENCENTCLOUD_SESSIONTOKEN')
        .map(([k, v]) => `${k}=${v}`)
        .join(';'),
    }
    const startedAt = Date.now()
    this.logs.addLine({
      invocationId,
      function: fn.name,
      level: 'info',
      text: `START RequestId: ${invocationId}`,
      at: startedAt,
    })
    if (fault === 'timeout') faults?.armTimeout(instance.token)
    const ran = await instance.run(
      { invocationId, event, context, callerEnv: perCall },
      fn.timeoutMs,
    )
    const result =
      fault === 'timeout' && faults
        ? await timeoutAfter(faults, instance.token, ran, startedAt + fn.timeoutMs)
        : ran
    if (result.kind === 'timeout' || result.kind === 'crashed') {
      rollBackAbandoned(faults, this.emu, instance.token)
      // Including transactions granted after the kill (the request was already on its way), which
      // no one would ever commit: each would hold its documents until the idle rollback.
      this.abandonTransactions(instance.token)
    }
    const durationMs = Date.now() - startedAt
    this.byToken.delete(instance.token)
    if (profiling) {
      const end = now()
      endInvocation(instance.token, {
        total: end - t0,
        acquire: acquiredAt - t0,
        run: end - acquiredAt,
        ...(ran.kind === 'ok' || ran.kind === 'threw' ? ran.timing : {}),
      })
    }

    let outcome: RawOutcome
    let status: 'ok' | 'error' | 'timeout' = 'ok'
    switch (result.kind) {
      case 'ok':
        outcome = { json: result.json, invocationId }
        break
      case 'threw':
        status = 'error'
        outcome = {
          error:
            result.error.name === 'TypeError' && /circular|BigInt/i.test(result.error.message)
              ? resultNotSerialisable(result.error.message)
              : executeFail(result.error),
          invocationId,
        }
        break
      case 'timeout':
        status = 'timeout'
        outcome = { error: timedOut(fn.timeoutMs / 1000), invocationId }
        break
      case 'crashed':
        status = 'error'
        outcome = { error: instanceCrashed(result.detail), invocationId }
        break
    }
    if ('error' in outcome) {
      this.logs.addLine({
        invocationId,
        function: fn.name,
        level: 'error',
        text: outcome.error.message,
        at: Date.now(),
      })
    }
    this.logs.addLine({
      invocationId,
      function: fn.name,
      level: 'info',
      text: `END RequestId: ${invocationId} Duration:${durationMs}ms`,
      at: Date.now(),
    })
    this.logs.addInvocation({
      invocationId,
      function: fn.name,
      source: identity.source,
      openid: identity.openid,
      startedAt,
      durationMs,
      status,
      ...('error' in outcome ? { errorCode: outcome.error.code } : {}),
    })
    for (const listener of this.finishedListeners)
      listener({ function: fn.name, event, caller: identity, outcome })
    this.release(instance, result.kind === 'ok' || result.kind === 'threw')
    return outcome
  }

  private abandonTransactions(token: string): void {
    try {
      this.emu.service<DatabaseService>('database').engine.abandon(token)
    } catch {
      // No database module in this emulator.
    }
  }

  async stop(): Promise<void> {
    this.stopped = true
    for (const inst of this.all) inst.kill()
    this.all.clear()
    this.idle.clear()
    this.spares.length = 0
    this.idleOrder.length = 0
    for (const wake of this.bootQueue.splice(0)) wake()
    this.byToken.clear()
    await Promise.resolve()
  }

  private async acquire(
    key: string,
    fn: FunctionConfig,
    env: Record<string, string>,
  ): Promise<FunctionInstance | undefined> {
    const list = this.idle.get(key)
    while (list && list.length > 0) {
      const inst = list.pop()
      const at = inst ? this.idleOrder.indexOf(inst) : -1
      if (at >= 0) this.idleOrder.splice(at, 1)
      if (inst && inst.alive && !inst.busy) {
        if (inst.idleTimer) clearTimeout(inst.idleTimer)
        inst.idleTimer = undefined
        return inst
      }
    }
    this.evictStaleBuilds(fn)
    const onLog = (invocationId: string, level: LogLevel, text: string, at: number): void =>
      this.logs.addLine({ invocationId, function: fn.name, level, text, at })
    const withToken = (token: string): Record<string, string> => ({
      ...env,
      WX_API_TOKEN: token,
      ...(env['TRIGGER_SRC'] === 'timer' ? { WX_TRIGGER_API_TOKEN_V0: token } : {}),
    })
    const spareIndex = this.spares.findIndex((s) => s.alive && s.memoryMb === fn.memoryMb)
    const spare = spareIndex >= 0 ? this.spares.splice(spareIndex, 1)[0] : undefined
    if (spare) {
      spare.bind(key, fn.name, fn.entry, withToken(spare.token), onLog)
      this.refillSpares()
      return spare
    }
    await this.bootSlot()
    if (this.stopped) {
      this.freeSlot()
      return undefined
    }
    const token = newId('wxapitoken-')
    const inst = new FunctionInstance(
      token,
      { kind: 'bound', key, entry: fn.entry, env: withToken(token) },
      fn.memoryMb,
      onLog,
      (i, attempts) => this.recordAttempts(i, attempts),
    )
    inst.functionName = fn.name
    this.all.add(inst)
    void inst.whenReady().then(() => this.freeSlot())
    this.refillSpares()
    return inst
  }

  private recordAttempts(inst: FunctionInstance, attempts: NetworkAttempt[]): void {
    this.attempts.push(...attempts)
    for (const a of attempts) this.emu.log('guard.blocked', { function: inst.functionName, ...a })
  }

  /** Limits how many instances load their bundle at once; a burst would otherwise thrash. */
  private bootSlot(): Promise<void> {
    if (this.booting < this.maxBooting) {
      this.booting += 1
      return Promise.resolve()
    }
    return new Promise((resolve) => this.bootQueue.push(resolve))
  }

  private freeSlot(): void {
    const next = this.bootQueue.shift()
    if (next) next()
    else this.booting -= 1
  }

  /** Keeps a few instances with wx-server-sdk already loaded, so a new caller starts fast. */
  private refillSpares(): void {
    if (this.stopped) return
    const target = this.options.spares ?? DEFAULT_SPARES
    while (this.spares.length + this.sparesBooting < target) {
      this.sparesBooting += 1
      void this.bootSlot().then(() => {
        this.sparesBooting -= 1
        if (this.stopped) {
          this.freeSlot()
          return
        }
        const spare = new FunctionInstance(
          newId('wxapitoken-'),
          {
            kind: 'spare',
            env: scfEnv(this.emu.baseUrl(), this.emu.envId),
            preload: this.sdkPath,
          },
          DEFAULT_MEMORY_MB,
          () => undefined,
          (i, attempts) => this.recordAttempts(i, attempts),
        )
        this.all.add(spare)
        this.spares.push(spare)
        void spare.whenSpareReady().then(() => this.freeSlot())
      })
    }
  }

  private release(inst: FunctionInstance, reusable: boolean): void {
    if (!reusable || !inst.alive || this.options.warm === false || this.stopped) {
      this.retire(inst)
      return
    }
    // Each idle instance holds a whole V8 isolate, so the warm set is capped; the instance idle
    // the longest makes room.
    if (this.idleOrder.length >= MAX_IDLE_INSTANCES) {
      const oldest = this.idleOrder[0]
      if (oldest) this.retire(oldest)
    }
    const list = this.idle.get(inst.key) ?? []
    list.push(inst)
    this.idle.set(inst.key, list)
    this.idleOrder.push(inst)
    inst.idleTimer = setTimeout(() => this.retire(inst), this.options.idleMs ?? 30_000)
    inst.idleTimer.unref()
  }

  private retire(inst: FunctionInstance): void {
    const l = this.idle.get(inst.key)
    if (l) {
      const i = l.indexOf(inst)
      if (i >= 0) l.splice(i, 1)
      if (l.length === 0) this.idle.delete(inst.key)
    }
    const j = this.idleOrder.indexOf(inst)
    if (j >= 0) this.idleOrder.splice(j, 1)
    inst.kill()
    this.all.delete(inst)
  }

  /** A rebuilt bundle (new mtime) retires every idle instance of the old build. */
  private evictStaleBuilds(fn: FunctionConfig): void {
    const prefix = JSON.stringify([fn.name]).slice(0, -1) + ','
    const current = JSON.stringify([fn.name, fn.mtimeMs]).slice(0, -1) + ','
    for (const [key, list] of this.idle) {
      if (key.startsWith(prefix) && !key.startsWith(current)) {
        for (const inst of [...list]) this.retire(inst)
      }
    }
  }

  private placeholder(key: string): string {
    const known: Record<string, string> = { ENV_ID: this.emu.envId, ...this.options.devValues }
    const value = known[key] ?? `local-${key.toLowerCase().replace(/_/g, '-')}`
    if (!this.warnedPlaceholders.has(key)) {
      this.warnedPlaceholders.add(key)
      this.emu.log('functions.placeholder', {
        placeholder: `{{env.${key}}}`,
        value,
        message: `cloudbaserc.json 中的 {{env.${key}}} 在模拟器里使用开发值 ${value}`,
      })
    }
    return value
  }
}
