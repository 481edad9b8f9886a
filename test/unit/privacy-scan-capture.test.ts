// The capture the privacy scan reads: wired to the functions runtime's invocations and log ring,
// the open-API call record and the database change feed, it keeps each delivered value as it was
// at delivery, survives nothing being asked of it, and serves itself at GET /__emulator/capture.
import { EventEmitter } from 'node:events'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import { createCaptureModule } from '../../tools/cloudbase-emulator/src/capture/index'
import type { FinishedInvocation } from '../../tools/cloudbase-emulator/src/functions/runtime'
import { LogRing } from '../../tools/cloudbase-emulator/src/functions/logs'
import { OpenApiState } from '../../tools/cloudbase-emulator/src/openapi/state'
import type {
  ChangeEvent,
  EmulatorContext,
} from '../../tools/cloudbase-emulator/src/server/contracts'

function wired() {
  const logs = new LogRing(2)
  const invocations = new Set<(d: FinishedInvocation) => void>()
  const changes = new Set<(c: ChangeEvent) => void>()
  const openapi = new OpenApiState(() => undefined)
  const services: Record<string, unknown> = {
    functions: {
      runtime: () => ({
        logs,
        onInvocation: (l: (d: FinishedInvocation) => void) => {
          invocations.add(l)
          return () => invocations.delete(l)
        },
      }),
    },
    openapi: { onCall: openapi.onCall.bind(openapi) },
    database: {
      onChange: (l: (c: ChangeEvent) => void) => {
        changes.add(l)
        return () => changes.delete(l)
      },
    },
  }
  const emu = {
    envId: 'demo-local',
    service: <T>(name: string) => services[name] as T,
  } as unknown as EmulatorContext
  const finish = (d: FinishedInvocation): void => invocations.forEach((l) => l(d))
  const change = (c: ChangeEvent): void => changes.forEach((l) => l(c))
  return { logs, openapi, emu, finish, change }
}

const caller = {
  openid: 'o_zhang',
  appid: 'wx0',
  unionid: '',
  clientIp: '',
  clientIpv6: '',
  source: 'wx_client',
}

async function get(
  module: ReturnType<typeof createCaptureModule>,
  url: string,
): Promise<{ status: number; body: unknown }> {
  const route = module.routes?.[0]
  if (!route) throw new Error('no route')
  let status = 0
  let text = ''
  const res = Object.assign(new EventEmitter(), {
    writeHead(s: number) {
      status = s
      return res
    },
    setHeader: () => res,
    end(chunk?: string) {
      text = chunk ?? ''
    },
  }) as unknown as ServerResponse
  const req = Object.assign(new EventEmitter(), {
    url,
    method: 'GET',
    headers: { host: '127.0.0.1' },
  }) as unknown as IncomingMessage
  await route.handle(req, res, {} as EmulatorContext)
  return { status, body: JSON.parse(text) as unknown }
}

describe('capture module', () => {
  it('records requests, answers, every log line, messages, subscribe messages and SMS', async () => {
    const w = wired()
    const capture = createCaptureModule()
    await capture.start?.(w.emu)

    const event = { action: 'get', payload: { caseId: 'c1' } }
    w.finish({
      function: 'mediationCase',
      event,
      caller,
      outcome: { json: '{"ok":true,"data":{"name":"张*"}}', invocationId: 'inv-1' },
    })
    // Mutating the event after delivery must not change what was captured.
    event.payload.caseId = 'changed'
    // More lines than the ring keeps: the capture has them all.
    for (const text of ['START', 'one', 'two', 'END']) {
      w.logs.addLine({
        invocationId: 'inv-1',
        function: 'mediationCase',
        level: 'info',
        text,
        at: 0,
      })
    }
    const doc = { toOpenid: 'o_wang', title: '调解邀请', body: '您有一件调解申请待确认' }
    w.change({
      envName: 'demo-local',
      collection: 'messages',
      docId: 'm1',
      type: 'add',
      after: doc,
      before: undefined,
    })
    w.change({
      envName: 'demo-local',
      collection: 'mediation_cases',
      docId: 'c1',
      type: 'add',
      after: { a: 1 },
      before: undefined,
    })
    w.change({
      envName: 'demo-local',
      collection: 'messages',
      docId: 'm1',
      type: 'remove',
      after: undefined,
      before: doc,
    })
    const base = { function: 'mediationCase', openid: 'o_zhang', at: 0 }
    w.openapi.record({
      ...base,
      apiName: 'subscribeMessage.send',
      params: { touser: 'o_wang', template_id: 't1', data: { thing1: { value: '张*' } } },
      errcode: 0,
    })
    w.openapi.record({
      ...base,
      apiName: 'cloudbase.sendSms',
      params: { phoneNumberList: ['+8613812345678'], content: '待确认' },
      errcode: -604100,
    })
    w.openapi.record({ ...base, apiName: 'security.msgSecCheck', params: {}, errcode: 0 })

    const snap = capture.api.snapshot()
    expect(snap.counts).toEqual({
      request: 1,
      response: 1,
      log: 4,
      message: 1,
      subscribe: 1,
      sms: 1,
    })
    expect(w.logs.query().lines.map((l) => l.text)).toEqual(['two', 'END'])
    expect(snap.entries.find((e) => e.kind === 'request')).toMatchObject({
      function: 'mediationCase',
      action: 'get',
      openid: 'o_zhang',
      source: 'wx_client',
      event: { action: 'get', payload: { caseId: 'c1' } },
    })
    expect(snap.entries.find((e) => e.kind === 'response')).toMatchObject({
      invocationId: 'inv-1',
      body: { ok: true, data: { name: '张*' } },
    })
    expect(snap.entries.find((e) => e.kind === 'message')).toMatchObject({
      docId: 'm1',
      toOpenid: 'o_wang',
      doc,
    })
    expect(snap.entries.find((e) => e.kind === 'subscribe')).toMatchObject({ touser: 'o_wang' })
    expect(snap.entries.find((e) => e.kind === 'sms')).toMatchObject({
      apiName: 'cloudbase.sendSms',
      errcode: -604100,
    })

    const served = await get(capture, '/__emulator/capture?kind=log&after=3')
    expect(served.status).toBe(200)
    expect((served.body as { entries: { text: string }[] }).entries.map((e) => e.text)).toEqual([
      'one',
      'two',
      'END',
    ])
    const bad = await get(capture, '/__emulator/capture?kind=secrets')
    expect(bad.status).toBe(400)
    expect(bad.body).toEqual({
      error: {
        code: 'BAD_REQUEST',
        message: 'kind 只能是 request、response、log、message、subscribe、sms',
      },
    })

    await capture.stop?.()
    w.logs.addLine({ invocationId: 'x', function: 'f', level: 'info', text: 'after', at: 0 })
    expect(capture.api.counts().log).toBe(4)
  })

  it('records a platform error as the error the caller got', async () => {
    const w = wired()
    const capture = createCaptureModule()
    await capture.start?.(w.emu)
    w.finish({
      function: 'deadlines',
      event: { Type: 'Timer' },
      caller: { ...caller, openid: '', source: 'timer' },
      outcome: {
        error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', errCode: -504003, message: '超时' },
        invocationId: 'inv-2',
      },
    })
    expect(capture.api.snapshot('response').entries).toEqual([
      {
        kind: 'response',
        seq: 2,
        invocationId: 'inv-2',
        function: 'deadlines',
        action: '',
        openid: '',
        source: 'timer',
        body: { error: { code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED', message: '超时' } },
      },
    ])
  })
})
