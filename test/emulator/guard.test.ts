import dns from 'node:dns'
import http from 'node:http'
import net from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isLoopbackHost } from '../../tools/cloudbase-emulator/src/guard/index'
import { startHarness, type Harness } from '../fixtures/functions/harness'
import { takeNetworkAttempts } from './support/network-guard'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  await h.stop()
})

describe('network guard inside function instances', () => {
  it('sees zero non-loopback attempts while a function uses database, storage, functions and open APIs', async () => {
    h.functions.runtime().takeNetworkAttempts()
    const out = await h.functions.invoke('dbWriter', { n: 7 }, { openid: 'o_guard' })
    expect(out).toMatchObject({
      result: { n: 7, file: 'hello guard', calleeOpenid: 'o_guard', suggest: 'pass' },
    })
    expect(h.functions.runtime().networkAttempts()).toEqual([])
    const res = await fetch(`${h.baseUrl}/__emulator/network-guard`)
    expect(await res.json()).toEqual({ attempts: [] })
  })

  it('blocks and records a function that tries to reach api.weixin.qq.com (negative control)', async () => {
    const out = await h.functions.invoke('reachesOut', {}, { openid: 'o_guard' })
    expect(out).toMatchObject({ result: { viaDns: 'ENETGUARD', viaHttps: 'ENETGUARD' } })
    const attempts = h.functions.runtime().takeNetworkAttempts()
    expect(attempts.map((a) => `${a.kind} ${a.target}`)).toEqual([
      'dns.lookup api.weixin.qq.com',
      'https.request https://api.weixin.qq.com/cgi-bin/token',
    ])
  })
})

describe('network guard in the test process', () => {
  it('blocks DNS, sockets, http and fetch to non-loopback hosts, and records each', async () => {
    const lookup = await new Promise<string>((resolve) => {
      dns.lookup('tcb-api.tencentcloudapi.com', (err) => resolve(err?.code ?? 'resolved'))
    })
    expect(lookup).toBe('ENETGUARD')
    await expect(dns.promises.lookup('example.com')).rejects.toMatchObject({ code: 'ENETGUARD' })

    const socketError = await new Promise<string>((resolve) => {
      const s = net.connect(443, '203.0.113.7')
      s.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? ''))
    })
    expect(socketError).toBe('ENETGUARD')

    const httpError = await new Promise<string>((resolve) => {
      const req = http.get('http://example.com/', () => resolve('connected'))
      req.on('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? ''))
    })
    expect(httpError).toBe('ENETGUARD')

    await expect(fetch('https://api.weixin.qq.com/')).rejects.toThrow()

    const kinds = takeNetworkAttempts().map((a) => a.kind)
    expect(kinds.slice(0, 4)).toEqual(['dns.lookup', 'dns.lookup', 'net.connect', 'http.request'])
    expect(kinds.length).toBeGreaterThanOrEqual(5)
  })

  it('lets loopback through', async () => {
    const res = await fetch(`${h.baseUrl}/__emulator/status`)
    expect(res.status).toBe(200)
    expect(['127.0.0.1', 'localhost', '::1', '[::1]', '127.8.9.10'].every(isLoopbackHost)).toBe(
      true,
    )
    expect(['10.0.0.1', 'api.weixin.qq.com', '::ffff:8.8.8.8'].some(isLoopbackHost)).toBe(false)
    expect(takeNetworkAttempts()).toEqual([])
  })
})
