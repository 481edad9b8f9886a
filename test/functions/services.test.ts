// The client service layer against the real functions: typed results, NETWORK mapping, and
// retries that reuse the intent's request id so a lost answer never doubles a write.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createCaller, NETWORK_MESSAGE, type Transport } from '../../miniprogram/services/caller'
import { newIntent } from '../../miniprogram/services/intent'
import { startHarness, type Harness } from './harness'

let h: Harness
const openid = 'o_services'
beforeAll(async () => {
  h = await startHarness(['profile', 'messages'])
  await h.insert('messages', [
    {
      _id: 'msg_s1',
      toOpenid: openid,
      kind: 'case_progress',
      title: '进展',
      body: '正文',
      link: '/pages/home/index',
      read: false,
      createdAt: new Date(),
      version: 1,
    },
  ])
})
afterAll(async () => {
  await h.stop()
})

const emulatorTransport: Transport = (name, data) => h.raw(openid, name, data)

describe('services: call()', () => {
  it('returns the typed envelope of the function', async () => {
    const call = createCaller(emulatorTransport)
    const res = await call('messages', 'list', { pageSize: 5 })
    expect(res.ok && res.data.items.map((m) => m.id)).toEqual(['msg_s1'])
  })

  it('maps a transport failure to NETWORK in Chinese after the retries', async () => {
    let attempts = 0
    const call = createCaller(() => {
      attempts += 1
      return Promise.reject(new Error('cloud.callFunction:fail -404011'))
    })
    expect(await call('profile', 'whoAmI', {})).toEqual({
      ok: false,
      error: { code: 'NETWORK', message: NETWORK_MESSAGE },
    })
    expect(attempts).toBe(3)
  })

  it('a lost answer is retried with the same request id and the write happens once', async () => {
    const seen: unknown[] = []
    let dropNext = true
    const call = createCaller(async (name, data) => {
      seen.push(data['requestId'])
      const result = await emulatorTransport(name, data)
      if (dropNext) {
        dropNext = false
        throw new Error('timeout after the server answered')
      }
      return result
    })
    const intent = newIntent()
    const res = await call(
      'messages',
      'markAllRead',
      {},
      { requestId: intent.requestIdFor('readall') },
    )
    expect(res).toEqual({ ok: true, data: { updated: 1, unreadCount: 0 } })
    expect(seen).toHaveLength(2)
    expect(seen[0]).toBe(seen[1])
    expect(seen[0]).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })

  it('an unrecognisable result becomes INTERNAL, not a crash', async () => {
    const call = createCaller(() => Promise.resolve('<html>502</html>'))
    const res = await call('profile', 'whoAmI', {})
    expect(res).toMatchObject({ ok: false, error: { code: 'INTERNAL' } })
  })

  it('intents give distinct, well-formed request ids per step', () => {
    const a = newIntent()
    const b = newIntent()
    expect(a.id).not.toBe(b.id)
    expect(a.requestIdFor('startFace')).not.toBe(a.requestIdFor('confirmFace'))
    expect(a.requestIdFor('startFace')).toBe(a.requestIdFor('startFace'))
    expect(a.requestIdFor('x'.repeat(80))).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
  })
})
