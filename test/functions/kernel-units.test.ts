// The kernel's server-only helpers, run in this process with the real wx-server-sdk pointed at
// the emulator: content security, crypto, log redaction, RegExp escaping, schema messages.
import fc from 'fast-check'
import * as v from 'valibot'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startHarness, useSdkInProcess, type Harness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness([])
  useSdkInProcess(h, 'o_units')
})
afterAll(async () => {
  await h.stop()
})

describe('security.checkText (msgSecCheck 2.0)', () => {
  it('passes clean text, flags review text, rejects risky text with a Chinese message', async () => {
    const { checkText } = await import('../../cloudfunctions/_shared/security')
    await expect(checkText('o_units', '货款已逾期三个月，请求调解')).resolves.toBe('pass')
    await expect(checkText('o_units', '对方就是骗子')).resolves.toBe('review')
    await expect(
      checkText('o_units', '代开发票', { field: 'payload.description' }),
    ).rejects.toMatchObject({
      code: 'CONTENT_RISKY',
      message: '内容可能含有违规信息，请修改后再提交',
      field: 'payload.description',
    })
    await expect(checkText('o_units', '   ')).resolves.toBe('pass')
  })
})

describe('crypto', () => {
  it('round-trips, uses a fresh IV each time, and refuses tampered values', async () => {
    const { decryptField, encryptField } = await import('../../cloudfunctions/_shared/crypto')
    const a = encryptField('11010519491231002X')
    const b = encryptField('11010519491231002X')
    expect(a).not.toBe(b)
    expect(a).not.toContain('11010519491231002X')
    expect(decryptField(a)).toBe('11010519491231002X')
    const parts = a.split('.')
    const flipped = [parts[0], parts[1], parts[2], `${parts[3]?.slice(0, -2)}AA`].join('.')
    expect(() => decryptField(flipped)).toThrow()
    expect(() => decryptField('not sealed')).toThrow()
  })

  it('keyed hashes are stable per purpose and differ across purposes and ID types', async () => {
    const { actorHash, idNumberHash, keyedHash } =
      await import('../../cloudfunctions/_shared/crypto')
    expect(idNumberHash('resident_id', 'X1')).toBe(idNumberHash('resident_id', 'X1'))
    expect(idNumberHash('resident_id', 'X1')).not.toBe(idNumberHash('passport', 'X1'))
    expect(actorHash('o_1')).not.toBe(keyedHash('storage', 'o_1'))
    expect(actorHash('o_1')).toMatch(/^[0-9a-f]{64}$/)
  })

  it('outside the emulator a missing key is a configuration error, not a silent dev key', async () => {
    const { encryptField } = await import('../../cloudfunctions/_shared/crypto')
    const saved = process.env['TCB_ENV']
    process.env['TCB_ENV'] = 'prod-env-123'
    try {
      expect(() => encryptField('x')).toThrow(/ID_ENCRYPTION_KEY/)
      process.env['ID_ENCRYPTION_KEY'] = Buffer.alloc(32, 7).toString('base64')
      expect(encryptField('x')).toMatch(/^v1\./)
    } finally {
      process.env['TCB_ENV'] = saved
      delete process.env['ID_ENCRYPTION_KEY']
    }
  })
})

describe('log redaction', () => {
  it('pseudonymises openids, masks ID and phone numbers, hides names', async () => {
    const { redact } = await import('../../cloudfunctions/_shared/log')
    const out = JSON.stringify(
      redact({
        openid: 'o_secret_user',
        note: '身份证 11010519491231002X 电话 13812345678',
        name: '张伟',
        nested: { toOpenid: 'o_other', idNumber: 'E12345678' },
        error: new Error('bad 11010519491231002X'),
      }),
    )
    for (const secret of [
      'o_secret_user',
      'o_other',
      '11010519491231002X',
      '13812345678',
      '张伟',
      'E12345678',
    ]) {
      expect(out).not.toContain(secret)
    }
    expect(out).toContain('138****5678')
    expect(out).toContain('110***********002X')
  })
})

describe('escapeRegExp', () => {
  it('makes any user text match itself literally', async () => {
    const { escapeRegExp } = await import('../../cloudfunctions/_shared/escape-regexp')
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (text) => {
        const re = new RegExp(`^${escapeRegExp(text)}$`, 'u')
        expect(re.test(text)).toBe(true)
      }),
    )
    expect(new RegExp(escapeRegExp('a.*')).test('abc')).toBe(false)
  })
})

describe('schema builders', () => {
  it('give the Chinese message and the dotted field of the first problem', async () => {
    const { int, list, obj, parse, text } = await import('../../cloudfunctions/_shared/validation')
    const schema = obj({
      name: text('姓名', { max: 5 }),
      tags: list('标签', text('标签', { max: 3 }), { max: 2 }),
      n: int('数量', { min: 1, max: 9 }),
    })
    expect(parse(schema, { name: ' 张三 ', tags: ['a'], n: 3 })).toEqual({
      ok: true,
      value: { name: '张三', tags: ['a'], n: 3 },
    })
    expect(parse(schema, { name: '', tags: [], n: 3 }, 'payload')).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '请填写姓名', field: 'payload.name' },
    })
    expect(parse(schema, { name: '张三', tags: ['abcd'], n: 3 })).toMatchObject({
      ok: false,
      error: { message: '标签不能超过 3 个字', field: 'tags.0' },
    })
    expect(parse(schema, { name: '张三', tags: [], n: 1.5 })).toMatchObject({
      ok: false,
      error: { message: '数量须为整数', field: 'n' },
    })
    expect(parse(schema, { tags: [], n: 1 })).toMatchObject({
      ok: false,
      error: { message: '请填写姓名', field: 'name' },
    })
    expect(v.safeParse(schema, { name: '张三', tags: [], n: 1, x: 1 }).success).toBe(false)
  })
})

describe('timer triggers', () => {
  it('run the timer handler only for caller-less Timer events', async () => {
    const { defineFunction } = await import('../../cloudfunctions/_shared/define-function')
    const fired: string[] = []
    const main = defineFunction('messages', {
      actions: {} as never,
      timer: (ctx) => {
        fired.push(ctx.triggerName)
        return Promise.resolve({ trigger: ctx.triggerName })
      },
    })
    const saved = process.env['WX_OPENID']
    try {
      process.env['WX_OPENID'] = ''
      const event = { Type: 'Timer', TriggerName: 'hourly', Time: '2026-12-01T08:00:00Z' }
      expect(await main(event)).toEqual({ ok: true, data: { trigger: 'hourly' } })
      // A client sending the same shape has an OPENID and gets nowhere near the timer.
      process.env['WX_OPENID'] = 'o_client'
      expect(await main(event)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } })
      expect(fired).toEqual(['hourly'])
    } finally {
      process.env['WX_OPENID'] = saved
    }
  })
})
