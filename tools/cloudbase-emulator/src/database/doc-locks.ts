// Exclusive per-document locks for transactions (strict two-phase locking): a transaction takes
// the lock of every document id it reads or writes and keeps them all until it commits or rolls
// back. Transactions on different documents run side by side; transactions on one document queue
// for it in arrival order. A wait that would close a cycle (A waits for B, B for A) is refused at
// once — the requester is the victim and the caller rolls it back, as a database's deadlock
// detector does — and a wait longer than the configured limit is refused too, so a transaction
// waiting on itself through a nested function call ends in an error instead of hanging.

export type LockRefusal = 'deadlock' | 'timeout' | 'ended'

/** Why a lock was not granted. */
export class LockRefused extends Error {
  constructor(readonly why: LockRefusal) {
    super(`lock refused: ${why}`)
  }
}

interface Waiter {
  readonly txn: string
  readonly key: string
  readonly resolve: () => void
  readonly reject: (err: LockRefused) => void
  timer: NodeJS.Timeout | undefined
}

interface Lock {
  holder: string
  readonly queue: Waiter[]
}

export class DocLocks {
  readonly #locks = new Map<string, Lock>()
  readonly #held = new Map<string, Set<string>>()
  readonly #waiting = new Map<string, Set<Waiter>>()

  /** How many lock requests are waiting right now. */
  get waiting(): number {
    let n = 0
    for (const waits of this.#waiting.values()) n += waits.size
    return n
  }

  /**
   * Takes `key` for `txn`: `undefined` when granted at once, otherwise a promise that resolves
   * when granted and rejects with a `LockRefused` saying why it never will be.
   */
  acquire(txn: string, key: string, timeoutMs: number): Promise<void> | undefined {
    const lock = this.#locks.get(key)
    if (lock === undefined) {
      this.#locks.set(key, { holder: txn, queue: [] })
      this.#grant(txn, key)
      return undefined
    }
    if (lock.holder === txn) return undefined
    if (this.#blockedBy(lock, lock.queue.length).some((t) => this.#reaches(t, txn, new Set()))) {
      return Promise.reject(new LockRefused('deadlock'))
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { txn, key, resolve, reject, timer: undefined }
      waiter.timer = setTimeout(() => {
        this.#dropWaiter(waiter)
        reject(new LockRefused('timeout'))
      }, timeoutMs)
      waiter.timer.unref()
      lock.queue.push(waiter)
      let mine = this.#waiting.get(txn)
      if (mine === undefined) this.#waiting.set(txn, (mine = new Set()))
      mine.add(waiter)
    })
  }

  /** Ends `txn`'s part: its pending waits are refused, its locks pass to the next in line. */
  releaseAll(txn: string): void {
    for (const waiter of [...(this.#waiting.get(txn) ?? [])]) {
      this.#dropWaiter(waiter)
      waiter.reject(new LockRefused('ended'))
    }
    this.#waiting.delete(txn)
    const keys = this.#held.get(txn)
    this.#held.delete(txn)
    for (const key of keys ?? []) {
      const lock = this.#locks.get(key)
      if (lock === undefined || lock.holder !== txn) continue
      const next = lock.queue.shift()
      if (next === undefined) {
        this.#locks.delete(key)
        continue
      }
      if (next.timer !== undefined) clearTimeout(next.timer)
      this.#waiting.get(next.txn)?.delete(next)
      lock.holder = next.txn
      this.#grant(next.txn, key)
      next.resolve()
    }
  }

  #grant(txn: string, key: string): void {
    let keys = this.#held.get(txn)
    if (keys === undefined) this.#held.set(txn, (keys = new Set()))
    keys.add(key)
  }

  #dropWaiter(waiter: Waiter): void {
    if (waiter.timer !== undefined) clearTimeout(waiter.timer)
    const lock = this.#locks.get(waiter.key)
    const at = lock?.queue.indexOf(waiter) ?? -1
    if (lock !== undefined && at >= 0) lock.queue.splice(at, 1)
    this.#waiting.get(waiter.txn)?.delete(waiter)
  }

  /** Who a waiter at `position` in `lock`'s queue waits for: the holder and everyone ahead. */
  #blockedBy(lock: Lock, position: number): string[] {
    return [lock.holder, ...lock.queue.slice(0, position).map((w) => w.txn)]
  }

  /** Whether `from` (transitively) waits for `target`. */
  #reaches(from: string, target: string, seen: Set<string>): boolean {
    if (from === target) return true
    if (seen.has(from)) return false
    seen.add(from)
    for (const waiter of this.#waiting.get(from) ?? []) {
      const lock = this.#locks.get(waiter.key)
      if (lock === undefined) continue
      const blockers = this.#blockedBy(lock, lock.queue.indexOf(waiter))
      if (blockers.some((t) => this.#reaches(t, target, seen))) return true
    }
    return false
  }
}
