// Decides which calls fail. One seeded stream per fault kind; `failNext`/`timeoutNext` are
// consumed before any rate is rolled, so a test can fail exactly the next n calls.
import { NO_FAULTS, type FaultConfig } from './config'
import { seededRandom, streamSeed, type Random } from './prng'

export interface FaultCounters {
  readonly database: { writes: number; failed: number }
  readonly storage: { calls: number; failed: number }
  readonly functions: { invocations: number; failed: number; timedOut: number }
}

export type InvocationFault = 'fail' | 'timeout' | undefined

/** The longest a timed-out invocation is let run before the emulator stalls it. */
const MAX_STALL_POINT = 8

interface Armed {
  readonly stallAt: number
  calls: number
  /** Transactions the invocation has open: no stall while one is (see `stall`). */
  open: number
  readonly release: (() => void)[]
}

function zeroCounters(): FaultCounters {
  return {
    database: { writes: 0, failed: 0 },
    storage: { calls: 0, failed: 0 },
    functions: { invocations: 0, failed: 0, timedOut: 0 },
  }
}

export class FaultInjector {
  #config: FaultConfig = NO_FAULTS
  #counters = zeroCounters()
  #left = { database: 0, storage: 0, fail: 0, timeout: 0 }
  #random: Record<'database' | 'storage' | 'functions' | 'stall', Random> = this.#streams(1)
  readonly #armed = new Map<string, Armed>()
  readonly #transactions = new Map<string, Set<string>>()
  /** Open transactions by the WX_API_TOKEN of the instance using them (env per transaction). */
  readonly #byToken = new Map<string, Map<string, string>>()

  get config(): FaultConfig {
    return this.#config
  }

  /** Replaces the configuration, restarts the seeded streams and zeroes the counters. */
  configure(config: FaultConfig): void {
    this.#config = config
    this.#counters = zeroCounters()
    this.#left = {
      database: config.database.failNext,
      storage: config.storage.failNext,
      fail: config.functions.failNext,
      timeout: config.functions.timeoutNext,
    }
    this.#random = this.#streams(config.seed)
  }

  clear(): void {
    this.configure(NO_FAULTS)
  }

  snapshot(): Record<string, unknown> {
    const c = this.#config
    const active =
      c.database.writeFailureRate > 0 ||
      c.storage.failureRate > 0 ||
      c.functions.failureRate > 0 ||
      c.functions.timeoutRate > 0 ||
      Object.values(this.#left).some((n) => n > 0)
    return {
      active,
      config: c,
      remaining: {
        database: { failNext: this.#left.database },
        storage: { failNext: this.#left.storage },
        functions: { failNext: this.#left.fail, timeoutNext: this.#left.timeout },
      },
      counters: structuredClone(this.#counters),
    }
  }

  /**
   * A database write (or a transaction's commit) touching `collections`; `fromFunction` is the
   * function whose invocation sent it, if any.
   */
  failDatabaseWrite(collections: readonly string[], fromFunction: string | undefined): boolean {
    if (!this.#fromMatched(fromFunction)) return false
    const only = this.#config.match.collections
    if (only !== undefined && !collections.some((c) => only.includes(c))) return false
    this.#counters.database.writes += 1
    const fail = this.#take('database', this.#config.database.writeFailureRate, 'database')
    if (fail) this.#counters.database.failed += 1
    return fail
  }

  /** Remembers which collections a live transaction writes, for `match.collections`. */
  noteTransactionWrite(transactionId: string, collection: string): void {
    const set = this.#transactions.get(transactionId) ?? new Set<string>()
    set.add(collection)
    this.#transactions.set(transactionId, set)
  }

  /** Forgets a transaction; answers the collections it wrote. */
  endTransaction(transactionId: string): string[] {
    const set = this.#transactions.get(transactionId)
    this.#transactions.delete(transactionId)
    return [...(set ?? [])]
  }

  /** Tracks which instance uses which open transaction, so a killed one's can be rolled back. */
  trackTransaction(token: unknown, transactionId: string, env: string, ended: boolean): void {
    if (typeof token !== 'string' || token === '') return
    const open = this.#byToken.get(token) ?? new Map<string, string>()
    if (ended) open.delete(transactionId)
    else open.set(transactionId, env)
    if (open.size === 0) this.#byToken.delete(token)
    else this.#byToken.set(token, open)
  }

  /** The transactions a terminated instance left open (forgotten here). */
  abandoned(token: string): { transactionId: string; env: string }[] {
    const open = this.#byToken.get(token)
    this.#byToken.delete(token)
    return [...(open ?? [])].map(([transactionId, env]) => ({ transactionId, env }))
  }

  failStorage(fromFunction: string | undefined): boolean {
    if (!this.#fromMatched(fromFunction)) return false
    this.#counters.storage.calls += 1
    const fail = this.#take('storage', this.#config.storage.failureRate, 'storage')
    if (fail) this.#counters.storage.failed += 1
    return fail
  }

  planInvocation(name: string): InvocationFault {
    const only = this.#config.match.functions
    if (only !== undefined && !only.includes(name)) return undefined
    this.#counters.functions.invocations += 1
    let fault: InvocationFault
    if (this.#left.fail > 0) {
      this.#left.fail -= 1
      fault = 'fail'
    } else if (this.#left.timeout > 0) {
      this.#left.timeout -= 1
      fault = 'timeout'
    } else {
      const { failureRate, timeoutRate } = this.#config.functions
      const roll = failureRate + timeoutRate > 0 ? this.#random.functions() : 1
      fault = roll < failureRate ? 'fail' : roll < failureRate + timeoutRate ? 'timeout' : undefined
    }
    if (fault === 'fail') this.#counters.functions.failed += 1
    if (fault === 'timeout') this.#counters.functions.timedOut += 1
    return fault
  }

  /**
   * The invocation holding `token` is to time out: its admin calls pass until a seeded stall
   * point, where one call is held (never executed) until the runtime terminates the instance.
   */
  armTimeout(token: string): void {
    const stallAt = 1 + Math.floor(this.#random.stall() * MAX_STALL_POINT)
    this.#armed.set(token, { stallAt, calls: 0, open: 0, release: [] })
  }

  /**
   * For an admin call of an armed invocation: a promise if this call is the one held. Stalls
   * fall between a function's steps, never while it has a transaction open: the emulator
   * serialises transactions per environment, so a worker killed inside one would hold up every
   * other function until its idle rollback.
   */
  stall(token: unknown, action: string, inTransaction: boolean): Promise<void> | undefined {
    if (typeof token !== 'string') return undefined
    const armed = this.#armed.get(token)
    if (armed === undefined) return undefined
    if (action === 'database.commitTransaction' || action === 'database.abortTransaction') {
      armed.open = Math.max(0, armed.open - 1)
      return undefined
    }
    if (inTransaction || armed.open > 0) return undefined
    armed.calls += 1
    if (armed.calls >= armed.stallAt) {
      return new Promise<void>((resolve) => armed.release.push(resolve))
    }
    if (action === 'database.startTransaction') armed.open += 1
    return undefined
  }

  disarm(token: string): void {
    const armed = this.#armed.get(token)
    this.#armed.delete(token)
    for (const release of armed?.release ?? []) release()
  }

  #fromMatched(fromFunction: string | undefined): boolean {
    const only = this.#config.match.functions
    return only === undefined || (fromFunction !== undefined && only.includes(fromFunction))
  }

  #take(left: 'database' | 'storage', rate: number, stream: 'database' | 'storage'): boolean {
    if (this.#left[left] > 0) {
      this.#left[left] -= 1
      return true
    }
    return rate > 0 && this.#random[stream]() < rate
  }

  #streams(seed: number): Record<'database' | 'storage' | 'functions' | 'stall', Random> {
    return {
      database: seededRandom(streamSeed(seed, 'database')),
      storage: seededRandom(streamSeed(seed, 'storage')),
      functions: seededRandom(streamSeed(seed, 'functions')),
      stall: seededRandom(streamSeed(seed, 'stall')),
    }
  }
}
