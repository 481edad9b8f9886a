import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, type Harness } from '../fixtures/functions/harness'

let h: Harness

beforeAll(async () => {
  h = await startHarness()
})

afterAll(async () => {
  await h.stop()
})

function resultOf(out: { result: unknown } | { error: unknown }): Record<string, unknown> {
  if (!('result' in out)) throw new Error(`invocation failed: ${JSON.stringify(out)}`)
  return out.result as Record<string, unknown>
}

describe('functions runtime: identity', () => {
  // 20 cold instances load wx-server-sdk at once; on a busy 2-core machine that takes a while.
  it(
    'gives 20 concurrent invocations as 20 users each their own OPENID',
    { timeout: 180_000 },
    async () => {
      const users = Array.from({ length: 20 }, (_, i) => `o_user_${String(i).padStart(2, '0')}`)
      const outs = await Promise.all(
        users.map((openid, i) =>
          h.functions.invoke(
            'whoami',
            { pauseMs: 30 },
            { openid, unionid: `u_${i}`, clientIp: `10.0.0.${i + 1}` },
          ),
        ),
      )
      const seen = outs.map((o) => resultOf(o))
      expect(seen.map((r) => r['OPENID'])).toEqual(users)
      expect(seen.map((r) => r['UNIONID'])).toEqual(users.map((_, i) => `u_${i}`))
      expect(seen.map((r) => r['CLIENTIP'])).toEqual(users.map((_, i) => `10.0.0.${i + 1}`))
      expect(new Set(seen.map((r) => r['SOURCE']))).toEqual(new Set(['wx_client']))
    },
  )

  it('reuses a warm instance for the next caller, as SCF does, with only that caller’s context', async () => {
    const a1 = resultOf(await h.functions.invoke('counter', {}, { openid: 'o_warm_a' }))
    const a2 = resultOf(await h.functions.invoke('counter', {}, { openid: 'o_warm_a' }))
    const b1 = resultOf(await h.functions.invoke('counter', {}, { openid: 'o_warm_b' }))
    expect(a1).toEqual({ calls: 1, OPENID: 'o_warm_a' })
    expect(a2).toEqual({ calls: 2, OPENID: 'o_warm_a' })
    // Module state survives into another user's call: the platform hazard stays visible locally.
    expect(b1).toEqual({ calls: 3, OPENID: 'o_warm_b' })
    const withUnion = resultOf(
      await h.functions.invoke('whoami', {}, { openid: 'o_ctx_b', unionid: 'u_b' }),
    )
    const without = resultOf(await h.functions.invoke('whoami', {}, { openid: 'o_ctx_c' }))
    expect([withUnion['OPENID'], withUnion['UNIONID']]).toEqual(['o_ctx_b', 'u_b'])
    expect([without['OPENID'], without['UNIONID']]).toEqual(['o_ctx_c', ''])
  })

  it('passes the calling function’s user on to cloud.callFunction, with SOURCE wx_client,scf', async () => {
    const out = resultOf(
      await h.functions.invoke('callsOther', { target: 'whoami' }, { openid: 'o_caller' }),
    )
    expect(out['ok']).toBe(true)
    expect(out['self']).toEqual({ OPENID: 'o_caller', SOURCE: 'wx_client' })
    const callee = out['callee'] as Record<string, unknown>
    expect(callee['OPENID']).toBe('o_caller')
    expect(callee['APPID']).toBe('wx0000000000000000')
    expect(callee['SOURCE']).toBe('wx_client,scf')
    expect(out['errMsg']).toBe('callFunction:ok')
  })

  it('sets env variables from cloudbaserc.json, resolving {{env.X}} to dev values', async () => {
    const out = resultOf(await h.functions.invoke('whoami', {}, { openid: 'o_env' }))
    expect(out['greeting']).toBe('你好 demo-local')
    expect(out['apiBase']).toBe(`${h.baseUrl}/wxapi`)
    expect(out['ENV']).toBe('demo-local')
  })
})

describe('functions runtime: failures', () => {
  it('kills a function that runs past its timeout and keeps serving', async () => {
    const slow = await h.functions.invoke('slow', { ms: 10_000 }, { openid: 'o_slow' })
    expect(slow).toMatchObject({
      error: {
        code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
        errCode: -504003,
        message: 'Invoking task timed out after 1 seconds',
      },
    })
    expect(resultOf(await h.functions.invoke('slow', { ms: 5 }, { openid: 'o_slow' }))).toEqual({
      sleptMs: 5,
    })
    const res = await fetch(`${h.baseUrl}/__emulator/status`)
    expect(res.status).toBe(200)
  })

  it('turns a throwing function into the CloudBase execute-fail error', async () => {
    const out = await h.functions.invoke('throws', { reason: 'boom' }, { openid: 'o_t' })
    if (!('error' in out)) throw new Error('expected an error')
    expect(out.error.code).toBe('FUNCTIONS_EXECUTE_FAIL')
    expect(out.error.errCode).toBe(-504002)
    expect(out.error.message).toMatch(/^Error: 故意失败：boom\n\s+at exports\.main/)
    expect(out.error.message).not.toContain('worker-entry')
  })

  it('survives a function that exits its process', async () => {
    const out = await h.functions.invoke('throws', { kind: 'exit' }, { openid: 'o_t' })
    expect(out).toMatchObject({ error: { code: 'FUNCTIONS_EXECUTE_FAIL', errCode: -504002 } })
    expect(
      resultOf(await h.functions.invoke('echo', { after: 'exit' }, { openid: 'o_t' })),
    ).toMatchObject({
      event: { after: 'exit' },
    })
  })

  it('answers an unknown or malformed function name with a CloudBase error', async () => {
    expect(await h.functions.invoke('noSuchFunction', {}, { openid: 'o_x' })).toMatchObject({
      error: { code: 'FUNCTION_NOT_FOUND', errCode: -501000 },
    })
    expect(await h.functions.invoke('../etc', {}, { openid: 'o_x' })).toMatchObject({
      error: { code: 'INVALID_PARAM' },
    })
  })

  it('gives cloud.callFunction the SDK’s fail errMsg for unknown and throwing callees', async () => {
    const missing = resultOf(
      await h.functions.invoke('callsOther', { target: 'noSuchFunction' }, { openid: 'o_c' }),
    )
    expect(missing['ok']).toBe(false)
    expect(missing['errMsg']).toMatch(
      /^callFunction:fail \[FUNCTION_NOT_FOUND\] 找不到对应的FunctionName/,
    )
    const threw = resultOf(
      await h.functions.invoke(
        'callsOther',
        { target: 'throws', data: { reason: 'deep' } },
        { openid: 'o_c' },
      ),
    )
    expect(threw['errMsg']).toMatch(/^callFunction:fail Error: 故意失败：deep/)
  })
})

describe('functions runtime: logs and reload', () => {
  it('records console output per invocation, served at /__emulator/logs', async () => {
    const out = await h.functions.invoke('echo', { hello: '日志' }, { openid: 'o_log' })
    const res = await fetch(`${h.baseUrl}/__emulator/logs?invocationId=${out.invocationId}`)
    const body = (await res.json()) as {
      lines: { level: string; text: string; function: string }[]
      invocations: { function: string; status: string; durationMs: number; openid: string }[]
    }
    expect(body.lines.map((l) => l.text)).toEqual([
      `START RequestId: ${out.invocationId}`,
      'echo called {"hello":"日志"}',
      expect.stringMatching(new RegExp(`^END RequestId: ${out.invocationId} Duration:\\d+ms$`)),
    ])
    expect(body.invocations).toHaveLength(1)
    expect(body.invocations[0]).toMatchObject({ function: 'echo', status: 'ok', openid: 'o_log' })
  })

  it('loads a rebuilt bundle (new mtime) on the next invocation', async () => {
    const root = mkdtempSync(join(tmpdir(), 'emu-reload-'))
    const other = await startHarness({ functions: { functionsRoot: root } })
    try {
      mkdirSync(join(root, 'build'))
      const entry = join(root, 'build', 'index.js')
      writeFileSync(entry, 'exports.main = async () => ({ version: 1 })\n')
      utimesSync(entry, new Date(1_800_000_000_000), new Date(1_800_000_000_000))
      expect(resultOf(await other.functions.invoke('build', {}, { openid: 'o_r' }))).toEqual({
        version: 1,
      })
      writeFileSync(entry, 'exports.main = async () => ({ version: 2 })\n')
      utimesSync(entry, new Date(1_800_000_001_000), new Date(1_800_000_001_000))
      expect(resultOf(await other.functions.invoke('build', {}, { openid: 'o_r' }))).toEqual({
        version: 2,
      })
    } finally {
      await other.stop()
      rmSync(root, { recursive: true, force: true })
    }
  })
})
