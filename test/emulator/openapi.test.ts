import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  sessionKeyFor,
  voipSignature,
  wxacodeText,
} from '../../tools/cloudbase-emulator/src/openapi/index'
import { startHarness, type Harness } from '../fixtures/functions/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  await h.stop()
})

interface OpResult {
  ok: boolean
  res?: Record<string, unknown>
  errCode?: number
  errMsg?: string
}

/** Runs the `usesOpenapi` fixture (real wx-server-sdk inside a function) as a user. */
async function op(openid: string, event: Record<string, unknown>): Promise<OpResult> {
  const out = await h.functions.invoke('usesOpenapi', event, { openid })
  if (!('result' in out)) throw new Error(`invocation failed: ${JSON.stringify(out)}`)
  return out.result as OpResult
}

async function grant(openid: string, templateIds: string[], kind?: string): Promise<Response> {
  return fetch(`${h.baseUrl}/__emulator/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ openid, templateIds, ...(kind ? { kind } : {}) }),
  })
}

describe('security.msgSecCheck', () => {
  it('passes clean text in the 2.0 shape', async () => {
    const r = await op('o_sec', { op: 'msgSecCheck', content: '请求调解货款纠纷' })
    expect(r).toMatchObject({
      ok: true,
      res: {
        errCode: 0,
        errMsg: 'openapi.security.msgSecCheck:ok',
        result: { suggest: 'pass', label: 100 },
        detail: [{ strategy: 'content_model', errcode: 0, suggest: 'pass', label: 100 }],
      },
    })
    expect(r.res?.['traceId']).toMatch(/^local-[0-9a-f]{24}$/)
  })

  it('answers suggest review with the keyword detail', async () => {
    const r = await op('o_sec', { op: 'msgSecCheck', content: '对方就是个骗子' })
    expect(r.res?.['result']).toEqual({ suggest: 'review', label: 20003 })
    expect(r.res?.['detail']).toContainEqual({
      strategy: 'keyword',
      errcode: 0,
      suggest: 'review',
      label: 20003,
      level: 60,
      keyword: '骗子',
    })
  })

  it('answers suggest risky, which wins over review', async () => {
    const r = await op('o_sec', { op: 'msgSecCheck', content: '骗子组织赌博' })
    expect(r.res?.['result']).toEqual({ suggest: 'risky', label: 20006 })
  })

  it('keeps the frozen 1.0 form: 87014 for risky content', async () => {
    expect(await op('o_sec', { op: 'msgSecCheckV1', content: '毒品' })).toEqual({
      ok: false,
      errCode: 87014,
      errMsg: 'openapi.security.msgSecCheck:fail risky content',
    })
  })
})

describe('security.mediaCheckAsync', () => {
  it('returns a trace id and records the result the push event would carry', async () => {
    const risky = await op('o_media', {
      op: 'mediaCheckAsync',
      mediaUrl: 'https://cdn.example.test/evidence/EMULATOR-RISKY.jpg',
    })
    expect(risky.ok).toBe(true)
    const traceId = risky.res?.['traceId'] as string
    const clean = await op('o_media', {
      op: 'mediaCheckAsync',
      mediaUrl: 'https://cdn.example.test/evidence/contract.jpg',
    })
    const records = h.emulator.database.collection('demo-local', 'emulator_media_checks')
    expect(records.findOne({ traceId })).toMatchObject({
      Event: 'wxa_media_check',
      FromUserName: 'o_media',
      result: { suggest: 'risky', label: 20002 },
      mediaType: 2,
    })
    expect(records.findOne({ traceId: clean.res?.['traceId'] })).toMatchObject({
      result: { suggest: 'pass', label: 100 },
    })
  })

  it('looks inside a local file for a content marker', async () => {
    const { fileID } = await h.emulator.storage.put(
      'demo-local',
      'evidence/photo-1.jpg',
      Buffer.from('JFIF… EMULATOR-REVIEW …'),
    )
    const r = await op('o_media', {
      op: 'mediaCheckAsync',
      mediaUrl: h.emulator.storage.tempUrl(fileID),
    })
    const records = h.emulator.database.collection('demo-local', 'emulator_media_checks')
    expect(records.findOne({ traceId: r.res?.['traceId'] })).toMatchObject({
      result: { suggest: 'review', label: 21000 },
    })
  })
})

describe('subscribeMessage.send', () => {
  const data = {
    thing1: { value: '买卖合同纠纷调解已受理' },
    character_string2: { value: 'SH-2026-000123' },
    time3: { value: '2026年12月1日 15:01' },
    phrase4: { value: '已受理' },
  }

  it('refuses with 43101 until the user grants the template', async () => {
    const r = await op('o_sub', { op: 'send', templateId: 'TPL_PROGRESS', data })
    expect(r).toMatchObject({ ok: false, errCode: 43101 })
    expect(r.errMsg).toMatch(/^openapi\.subscribeMessage\.send:fail user refuse to accept the msg/)
  })

  it('sends once per one-time grant and records the message in emulator_outbox', async () => {
    expect((await grant('o_sub', ['TPL_PROGRESS'])).status).toBe(200)
    const sent = await op('o_sub', {
      op: 'send',
      templateId: 'TPL_PROGRESS',
      data,
      page: 'pages/home/index',
    })
    expect(sent).toMatchObject({
      ok: true,
      res: { errCode: 0, errMsg: 'openapi.subscribeMessage.send:ok' },
    })
    const msgid = sent.res?.['msgid']
    expect(typeof msgid).toBe('number')
    const outbox = h.emulator.database.collection('demo-local', 'emulator_outbox')
    expect(outbox.findOne({ msgid })).toMatchObject({
      touser: 'o_sub',
      templateId: 'TPL_PROGRESS',
      page: 'pages/home/index',
      data,
      miniprogramState: 'developer',
      grantKind: 'one-time',
      fromFunction: 'usesOpenapi',
    })
    expect(await op('o_sub', { op: 'send', templateId: 'TPL_PROGRESS', data })).toMatchObject({
      ok: false,
      errCode: 43101,
    })
  })

  it('keeps a long-term grant after sending', async () => {
    await grant('o_long', ['TPL_LONG'], 'long-term')
    for (let i = 0; i < 2; i++) {
      expect(await op('o_long', { op: 'send', templateId: 'TPL_LONG', data })).toMatchObject({
        ok: true,
      })
    }
  })

  it('enforces the template field limits with 47003 (and uses no grant on failure)', async () => {
    await grant('o_lim', ['TPL_LIM'])
    const cases: [Record<string, { value: string }>, RegExp][] = [
      [{ thing1: { value: '一'.repeat(21) } }, /data\.thing1\.value 超过 20 个字符/],
      [
        { character_string1: { value: '案号SH-1' } },
        /data\.character_string1\.value 只能是数字、字母或符号/,
      ],
      [{ character_string1: { value: 'A'.repeat(33) } }, /超过 32 位/],
      [{ phrase1: { value: '已经受理了' + '啊' } }, /data\.phrase1\.value 只能是 5 个以内汉字/],
      [{ name1: { value: '张'.repeat(11) } }, /超过 10 个汉字/],
      [{ time1: { value: '明天下午' } }, /时间格式不正确/],
      [{ number1: { value: '12a' } }, /只能是数字/],
      [{ thing1: { value: '' } }, /不能为空/],
      [{ colour1: { value: 'red' } }, /不是已知的模板字段类型/],
    ]
    for (const [bad, message] of cases) {
      const r = await op('o_lim', { op: 'send', templateId: 'TPL_LIM', data: bad })
      expect(r.errCode, JSON.stringify(bad)).toBe(47003)
      expect(r.errMsg).toMatch(message)
    }
    const edge = {
      thing1: { value: '一'.repeat(20) },
      character_string2: { value: 'A'.repeat(32) },
      phrase3: { value: '五个字正好' },
      name4: { value: '欧阳'.repeat(5) },
      date5: { value: '2026年12月1日' },
      amount6: { value: '¥1999.50' },
    }
    expect(await op('o_lim', { op: 'send', templateId: 'TPL_LIM', data: edge })).toMatchObject({
      ok: true,
    })
  })

  it('keeps grants in emulator_subscribe_grants, listed per user and cleared by reset', async () => {
    await grant('o_reset', ['TPL_A'])
    await grant('o_reset', ['TPL_A'])
    const listed = await fetch(`${h.baseUrl}/__emulator/subscriptions?openid=o_reset`)
    expect(await listed.json()).toEqual({
      grants: [{ openid: 'o_reset', templateId: 'TPL_A', kind: 'one-time', remaining: 2 }],
    })
    const stored = h.emulator.database.collection('demo-local', 'emulator_subscribe_grants')
    expect(stored.findOne({ openid: 'o_reset' })).toMatchObject({
      templateId: 'TPL_A',
      remaining: 2,
    })
    const reset = await fetch(`${h.baseUrl}/__emulator/reset`, { method: 'POST' })
    expect(reset.status).toBe(200)
    expect(await op('o_reset', { op: 'send', templateId: 'TPL_A', data })).toMatchObject({
      ok: false,
      errCode: 43101,
    })
  })

  it('rejects a bad grant request from the simulator', async () => {
    expect((await grant('', ['T'])).status).toBe(400)
    expect((await grant('o_x', [])).status).toBe(400)
    expect((await grant('o_x', ['T'], 'forever')).status).toBe(400)
  })
})

describe('VoIP signature', () => {
  const params = { groupId: 'case-42-main', timestamp: 1_796_150_824, nonce: 'n0nce-1' }

  it('signs with the caller’s session_key, verifiable with the exported formula', async () => {
    const r = await op('o_voip_a', { op: 'voip', ...params })
    expect(r).toMatchObject({ ok: true, res: { errCode: 0, errMsg: 'getVoIPSign:ok' } })
    const expected = voipSignature({
      appId: 'wx0000000000000000',
      groupId: params.groupId,
      nonce: params.nonce,
      timestamp: params.timestamp,
      sessionKey: sessionKeyFor('o_voip_a'),
    })
    expect(r.res?.['signature']).toBe(expected)
    expect(sessionKeyFor('o_voip_a')).toMatch(/^[A-Za-z0-9+/]{22}==$/)

    const other = await op('o_voip_b', { op: 'voip', ...params })
    expect(other.res?.['signature']).not.toBe(expected)
    const viaOpenapi = await op('o_voip_a', { op: 'voipOpenapi', ...params })
    expect(viaOpenapi.res?.['signature']).toBe(expected)
  })
})

describe('wxacode.getUnlimited', () => {
  it('returns a PNG QR code that encodes the scene', async () => {
    const r = await op('o_qr', { op: 'wxacode', scene: 'case=SH2026-1', page: 'pages/home/index' })
    expect(r.ok).toBe(true)
    expect(r.res?.['contentType']).toBe('image/png')
    const png = PNG.sync.read(Buffer.from(r.res?.['base64'] as string, 'base64'))
    const decoded = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)
    expect(decoded?.data).toBe(
      wxacodeText('wx0000000000000000', 'pages/home/index', 'case=SH2026-1', 'release'),
    )
    expect(decoded?.data).toContain('scene=case%3DSH2026-1')
  })

  it('refuses a scene longer than 32 characters', async () => {
    const r = await op('o_qr', { op: 'wxacode', scene: 'x'.repeat(33) })
    expect(r).toMatchObject({ ok: false, errCode: 40169 })
  })
})

describe('permissions and unsupported APIs', () => {
  it('rejects an API missing from config.json permissions.openapi with -604101', async () => {
    expect(await op('o_perm', { op: 'unlisted' })).toEqual({
      ok: false,
      errCode: -604101,
      errMsg: 'system error: error code: -604101',
    })
  })

  it('answers an API the emulator does not provide with -604100', async () => {
    expect(await op('o_perm', { op: 'unsupported' })).toMatchObject({ ok: false, errCode: -604100 })
  })

  it('records every call for inspection', async () => {
    const res = await fetch(`${h.baseUrl}/__emulator/openapi/calls`)
    const { calls } = (await res.json()) as {
      calls: { apiName: string; errcode: number; function: string }[]
    }
    expect(calls).toContainEqual(
      expect.objectContaining({
        apiName: 'customerServiceMessage.send',
        errcode: -604101,
        function: 'usesOpenapi',
      }),
    )
  })
})
