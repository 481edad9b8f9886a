import type { Clock } from './contracts'

/**
 * The emulator's clock. Real time by default; a controlled clock starts at a fixed instant and
 * only moves when told to, so tests can expire temp URLs or fire timers without waiting.
 */
export interface EmulatorClock extends Clock {
  readonly controllable: boolean
  /** Jump to an absolute instant (ms since epoch). Throws on a real clock. */
  set(ms: number): void
  /** Move forward by `ms`. Throws on a real clock. */
  advance(ms: number): void
  /** Called after every set/advance with the new time; returns an unsubscribe function. */
  subscribe(listener: (now: number) => void): () => void
}

export class ClockNotControllableError extends Error {
  constructor() {
    super('时钟不可控：启动模拟器时未使用可控时钟')
  }
}

export function createRealClock(): EmulatorClock {
  return {
    controllable: false,
    now: () => Date.now(),
    set: () => {
      throw new ClockNotControllableError()
    },
    advance: () => {
      throw new ClockNotControllableError()
    },
    subscribe: () => () => undefined,
  }
}

export function createControlledClock(startMs: number = Date.now()): EmulatorClock {
  let current = startMs
  const listeners = new Set<(now: number) => void>()
  const notify = (): void => {
    for (const listener of [...listeners]) listener(current)
  }
  return {
    controllable: true,
    now: () => current,
    set: (ms) => {
      current = ms
      notify()
    },
    advance: (ms) => {
      current += ms
      notify()
    },
    subscribe: (listener) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
  }
}
