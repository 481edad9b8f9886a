// One user decision keeps its intent (and so its request ids) while it is retried after a network
// error, so the retry is answered with the first result instead of acting twice; any other answer
// ends the decision and the next tap is a new one.
import type { ApiResult } from '../../typings/api/envelope'
import { newIntent, type Intent } from '../services/intent'

export class RetriedIntent {
  private intent: Intent | undefined

  /** Forgets the decision (the page opened afresh). */
  reset(): void {
    this.intent = undefined
  }

  async send<T>(request: (intent: Intent) => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    this.intent = this.intent ?? newIntent()
    const res = await request(this.intent)
    if (res.ok || res.error.code !== 'NETWORK') this.intent = undefined
    return res
  }
}
