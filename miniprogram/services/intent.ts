// One user intent (a tap on 提交, 同意, …) gets one request id, reused on every retry of that
// intent, so a repeated call after a timeout returns the first result instead of acting twice.

export interface Intent {
  readonly id: string
  /** The request id for one step of the intent (a flow may call several actions). */
  requestIdFor(step: string): string
}

let sequence = 0

/** Starts a new intent; create it in the tap handler, keep it while the user retries. */
export function newIntent(now: number = Date.now()): Intent {
  sequence = (sequence + 1) % 1_000_000
  const id = `${now.toString(36)}${sequence.toString(36)}${Math.random().toString(36).slice(2, 10)}`
  return {
    id,
    requestIdFor: (step) => `${id}_${step.replace(/[^A-Za-z0-9]/g, '').slice(0, 24)}`,
  }
}
