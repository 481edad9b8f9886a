import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { EmulatorModule } from '../../tools/cloudbase-emulator/src/index'
import { sdkError, startSdkEmulator, type SdkEmulator } from './support/sdk'

let t: SdkEmulator

const faulty: EmulatorModule = {
  name: 'faulty',
  actions: {
    'faulty.explode': () => Promise.reject(new Error('boom')),
    'faulty.echo': (req) =>
      Promise.resolve({ kind: 'json', body: { data: { got: req.body['value'] ?? null } } }),
  },
  routes: [
    {
      method: 'GET',
      path: '/__faulty/throws',
      handle: () => Promise.reject(new Error('route boom')),
    },
    {
      method: 'GET',
      path: '/__faulty/*',
      handle: (req, res) => {
        res.end(`prefix:${req.url ?? ''}`)
        return Promise.resolve()
      },
    },
  ],
  api: { hello: () => 'world' },
}

beforeAll(async () => {
  t = await startSdkEmulator('demo-server', { modules: [faulty] })
  await t.db.collection('users').add({ data: { _id: 'keep-me', openid: 'o_keep' } })
})

afterAll(async () => {
  await t.emu.stop()
})

async function admin(
  body: unknown,
  env = 'demo-server',
  contentType = 'application/json',
): Promise<Record<string, unknown>> {
  const res = await fetch(`${t.emu.adminUrl}?env=${env}&seqId=test_1`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as Record<string, unknown>
}

async function stillServing(): Promise<void> {
  const got = await t.db.collection('users').doc('keep-me').get()
  expect(got.data).toEqual({ _id: 'keep-me', openid: 'o_keep' })
}

describe('bad input gets a CloudBase-shaped error and the emulator keeps serving', () => {
  it('malformed EJSON in a query', async () => {
    const reply = await admin({
      action: 'database.getDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: '{"openid": ',
    })
    expect(reply).toMatchObject({ code: 'INVALID_PARAM' })
    expect(String(reply['message'])).toContain('不是合法的 EJSON')
    expect(String(reply['requestId'])).toMatch(/^local-[0-9a-f]{16}$/)
    await stillServing()
  })

  it('a body that is not JSON', async () => {
    expect(await admin('{{{not json')).toMatchObject({ code: 'INVALID_PARAM' })
    await stillServing()
  })

  it('an unknown action', async () => {
    const reply = await admin({ action: 'database.dropEverything' })
    expect(reply).toMatchObject({ code: 'INVALID_ACTION' })
    expect(String(reply['message'])).toContain('database.dropEverything')
    await stillServing()
  })

  it('a payload over 5 MB, through the SDK', async () => {
    const err = await sdkError(
      t.db.collection('users').add({ data: { blob: 'x'.repeat(6 * 1024 * 1024) } }),
    )
    expect(err.errCode).toBe(-501003)
    expect(err.errMsg).toMatch(/^collection\.add:fail -501003 exceed request limit\. /)
    await stillServing()
    expect((await t.db.collection('users').count()).total).toBe(1)
  })

  it('an environment that is not demo-* / local-*', async () => {
    const reply = await admin(
      { action: 'database.getDocument', collectionName: 'users' },
      'prod-9gxyz123abcd',
    )
    expect(reply).toMatchObject({ code: 'INVALIID_ENV' })
  })

  it('an action that throws becomes SYS_ERR; a route that throws becomes a 500', async () => {
    expect(await admin({ action: 'faulty.explode' })).toMatchObject({ code: 'SYS_ERR' })
    const res = await fetch(`${t.emu.baseUrl}/__faulty/throws`)
    expect(res.status).toBe(500)
    expect(await res.json()).toMatchObject({ code: 'SYS_ERR' })
    await stillServing()
  })

  it('an unknown path is a JSON 404', async () => {
    const res = await fetch(`${t.emu.baseUrl}/nowhere`)
    expect(res.status).toBe(404)
    expect(await res.json()).toMatchObject({ code: 'NOT_FOUND' })
  })
})

describe('dispatch', () => {
  it('merges a module reply into { requestId, … }', async () => {
    const reply = await admin({ action: 'faulty.echo', value: 42 })
    expect(reply).toEqual({
      requestId: expect.stringMatching(/^local-/) as unknown,
      data: { got: 42 },
    })
  })

  it('parses multipart bodies into fields', async () => {
    const boundary = '----emu-test-boundary'
    const body =
      `--${boundary}\r\nContent-Disposition: form-data; name="action"\r\n\r\nfaulty.echo\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="value"\r\n\r\n多部分\r\n` +
      `--${boundary}--\r\n`
    const reply = await admin(body, 'demo-server', `multipart/form-data; boundary=${boundary}`)
    expect(reply['data']).toEqual({ got: '多部分' })
  })

  it('routes prefixes and exposes module services', async () => {
    const res = await fetch(`${t.emu.baseUrl}/__faulty/some/where?x=1`)
    expect(await res.text()).toBe('prefix:/__faulty/some/where?x=1')
    expect(t.emu.emu.service<{ hello: () => string }>('faulty').hello()).toBe('world')
    expect(() => t.emu.emu.service('missing')).toThrow('模拟器服务 missing 不存在')
  })

  it('listens on 127.0.0.1 only', () => {
    expect(t.emu.baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('getWXContext() reflects sdkEnvFor', () => {
    const ctx = t.cloud.getWXContext()
    expect(ctx).toMatchObject({
      OPENID: 'o_test_user_0001',
      APPID: 'wx0000000000000000',
      ENV: 'demo-server',
    })
  })
})

describe('wire shapes the SDK parses', () => {
  it('modifyAndReturnDoc answers the updated document as EJSON', async () => {
    await t.db.collection('users').add({ data: { _id: 'counter-doc', openid: 'o_counter', n: 1 } })
    const reply = await admin({
      action: 'database.modifyAndReturnDoc',
      collectionName: 'users',
      queryType: 'WHERE',
      query: '{"openid":"o_counter"}',
      data: '{"$inc":{"n":{"$numberInt":"4"}}}',
    })
    expect(reply['data']).toEqual({
      updated: 1,
      doc: '{"_id":"counter-doc","openid":"o_counter","n":{"$numberInt":"5"}}',
    })
    await t.db.collection('users').doc('counter-doc').remove()
  })

  it('getDocument answers list, limit and offset', async () => {
    const reply = await admin({
      action: 'database.getDocument',
      collectionName: 'users',
      queryType: 'WHERE',
      query: '{"openid":"o_keep"}',
      limit: 5000,
      offset: 0,
    })
    expect(reply['data']).toEqual({
      list: ['{"_id":"keep-me","openid":"o_keep"}'],
      limit: 1000,
      offset: 0,
    })
  })
})
