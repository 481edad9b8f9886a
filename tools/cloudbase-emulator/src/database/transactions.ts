import { randomBytes } from 'node:crypto'
import type { Doc } from './ejson'

/** A transaction's private working set: the documents it wrote (null = removed), per collection. */
export interface Transaction {
  readonly id: string
  readonly env: string
  readonly overlay: Map<string, Map<string, Doc | null>>
  /** `collection\u0000id` of every document it read or wrote; a foreign commit to one is a conflict. */
  readonly touched: Set<string>
  readonly createdCollections: Set<string>
  conflicted: boolean
  timer: NodeJS.Timeout | undefined
}

export function touchKey(collection: string, id: string): string {
  return `${collection}\u0000${id}`
}

export function newTransaction(env: string): Transaction {
  return {
    id: `txn_${randomBytes(12).toString('hex')}`,
    env,
    overlay: new Map(),
    touched: new Set(),
    createdCollections: new Set(),
    conflicted: false,
    timer: undefined,
  }
}

/**
 * A FIFO mutex per environment: transactions in one environment run one after another, which is
 * what makes 50 concurrent `inc` transactions on one document add exactly 50. A waiter gives up
 * after `timeoutMs` so that a transaction waiting on itself (e.g. through a nested function call)
 * ends in an error instead of hanging.
 */
export class EnvLock {
  #held = false
  readonly #waiters: Array<(granted: boolean) => void> = []

  acquire(timeoutMs: number): Promise<boolean> {
    if (!this.#held) {
      this.#held = true
      return Promise.resolve(true)
    }
    return new Promise((resolve) => {
      const waiter = (granted: boolean): void => {
        clearTimeout(timer)
        resolve(granted)
      }
      const timer = setTimeout(() => {
        const at = this.#waiters.indexOf(waiter)
        if (at >= 0) this.#waiters.splice(at, 1)
        resolve(false)
      }, timeoutMs)
      timer.unref()
      this.#waiters.push(waiter)
    })
  }

  release(): void {
    const next = this.#waiters.shift()
    if (next === undefined) this.#held = false
    else next(true)
  }
}
