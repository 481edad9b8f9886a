import { describe, expect, it } from 'vitest'
import type { ApiResult } from '../../../typings/api/envelope'
import type { Intent } from '../../../miniprogram/services/intent'
import { RetriedIntent } from '../../../miniprogram/utils/retried-intent'

const NETWORK: ApiResult<string> = { ok: false, error: { code: 'NETWORK', message: '网络不稳定' } }
const REFUSED: ApiResult<string> = { ok: false, error: { code: 'CONFLICT', message: '已变更' } }
const DONE: ApiResult<string> = { ok: true, data: 'done' }

/** Sends `answer` and reports the intent id the request went out with. */
async function idOf(decision: RetriedIntent, answer: ApiResult<string>): Promise<string> {
  let seen = ''
  const res = await decision.send((intent: Intent) => {
    seen = intent.id
    return Promise.resolve(answer)
  })
  expect(res).toBe(answer)
  return seen
}

describe('RetriedIntent', () => {
  it('keeps the intent while the decision is retried after a network error', async () => {
    const decision = new RetriedIntent()
    const first = await idOf(decision, NETWORK)
    expect(await idOf(decision, NETWORK)).toBe(first)
    expect(await idOf(decision, DONE)).toBe(first)
  })

  it('starts a new intent after a success', async () => {
    const decision = new RetriedIntent()
    const first = await idOf(decision, DONE)
    expect(await idOf(decision, DONE)).not.toBe(first)
  })

  it('starts a new intent after a refusal other than the network', async () => {
    const decision = new RetriedIntent()
    const first = await idOf(decision, REFUSED)
    expect(await idOf(decision, REFUSED)).not.toBe(first)
  })

  it('starts a new intent after a reset', async () => {
    const decision = new RetriedIntent()
    const first = await idOf(decision, NETWORK)
    decision.reset()
    expect(await idOf(decision, NETWORK)).not.toBe(first)
  })
})
