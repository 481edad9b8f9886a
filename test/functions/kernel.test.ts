// The kernel's contract, observed through real functions: envelope, validation, auth order,
// idempotency, INTERNAL without leaks, and the audit chain's tamper evidence.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PEOPLE, rid, seedRoles, startHarness, useSdkInProcess, type Harness } from './harness'

let h: Harness
beforeAll(async () => {
  h = await startHarness(['profile', 'messages', 'verifyIdentity'])
  await seedRoles(h)
})
afterAll(async () => {
  await h.stop()
})

const user = 'o_kernel_user'

describe('event validation', () => {
  it.each([['text'], [null], [[1, 2]], [42]])(
    'a non-object event %j is INVALID_INPUT',
    async (event) => {
      expect(await h.raw(user, 'messages', event)).toEqual({
        ok: false,
        error: { code: 'INVALID_INPUT', message: '请求格式不正确' },
      })
    },
  )

  it('an unknown action is UNKNOWN_ACTION', async () => {
    expect(await h.raw(user, 'messages', { action: 'dropTables', payload: {} })).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_ACTION', message: '不支持的操作', field: 'action' },
    })
    expect(await h.raw(user, 'messages', { action: 'toString', payload: {} })).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ACTION' },
    })
  })

  it('extra fields are rejected, at the top and inside the payload', async () => {
    const top = await h.raw(user, 'messages', { action: 'list', payload: {}, openid: 'o_forged' })
    expect(top).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'openid' } })
    const inner = await h.raw(user, 'messages', { action: 'list', payload: { toOpenid: 'o_x' } })
    expect(inner).toEqual({
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: '不支持的字段「toOpenid」',
        field: 'payload.toOpenid',
      },
    })
  })

  it('the platform-added userInfo field is tolerated', async () => {
    const res = await h.raw(user, 'messages', {
      action: 'list',
      payload: {},
      userInfo: { appId: 'wx0000000000000000', openId: 'o_whatever' },
    })
    expect(res).toMatchObject({ ok: true })
  })

  it('limits carry Chinese messages and the field', async () => {
    const res = await h.call(user, 'messages', 'list', { pageSize: 500 })
    expect(res).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '每页条数不能大于 50', field: 'payload.pageSize' },
    })
    const long = await h.call(
      user,
      'verifyIdentity',
      'startFace',
      { name: '张'.repeat(31), idNumber: '1' },
      rid(),
    )
    expect(long).toMatchObject({
      ok: false,
      error: { message: '姓名不能超过 30 个字', field: 'payload.name' },
    })
    const missing = await h.raw(user, 'verifyIdentity', {
      action: 'startFace',
      payload: { name: '张伟' },
      requestId: rid(),
    })
    expect(missing).toMatchObject({
      ok: false,
      error: { message: '请填写身份证号', field: 'payload.idNumber' },
    })
  })

  it('mutating actions need a well-formed request id', async () => {
    const none = await h.raw(user, 'messages', { action: 'markAllRead', payload: {} })
    expect(none).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'requestId' } })
    const bad = await h.raw(user, 'messages', {
      action: 'markAllRead',
      payload: {},
      requestId: 'x y',
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', field: 'requestId' } })
  })
})

describe('authentication and caller kinds', () => {
  it('no OPENID → UNAUTHENTICATED, for every function', async () => {
    for (const fn of ['profile', 'messages', 'verifyIdentity']) {
      const res = await h.raw(undefined, fn, { action: 'status', payload: {} })
      // `status` exists only on verifyIdentity; the others answer UNKNOWN_ACTION first.
      expect(res).toMatchObject({ ok: false })
    }
    const res = await h.call(undefined, 'profile', 'whoAmI', {})
    expect(res).toEqual({
      ok: false,
      error: { code: 'UNAUTHENTICATED', message: '请先登录微信后再操作' },
    })
  })

  it('the caller kind is checked before the payload is looked at', async () => {
    const res = await h.raw(PEOPLE.mediator, 'verifyIdentity', {
      action: 'listPending',
      payload: { page: 'not a number', extra: true },
    })
    expect(res).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '无权执行此操作' } })
  })

  it('roles come from the collections only', async () => {
    const staff = await h.call(PEOPLE.staffA, 'profile', 'whoAmI', {})
    expect(staff.ok && staff.data).toMatchObject({
      roles: ['user', 'staff'],
      staffOrganisationId: 'org_a',
    })
    const mediator = await h.call(PEOPLE.mediator, 'profile', 'whoAmI', {})
    expect(mediator.ok && mediator.data).toMatchObject({
      roles: ['user', 'mediator'],
      mediatorId: 'med_1',
    })
    const plain = await h.call(user, 'profile', 'whoAmI', {})
    expect(plain.ok && plain.data).toMatchObject({
      roles: ['user'],
      mediatorId: null,
      staffOrganisationId: null,
    })
  })
})

describe('idempotency and the audit chain', () => {
  it('a repeated request id returns the first result and writes once', async () => {
    const requestId = rid()
    const first = await h.call(user, 'profile', 'acceptPrivacy', { version: '2026.1' }, requestId)
    const again = await h.call(user, 'profile', 'acceptPrivacy', { version: '2026.1' }, requestId)
    expect(first.ok).toBe(true)
    expect(again).toEqual(first)
    const [userDoc] = await h.docs('users', { openid: user })
    expect(userDoc).toMatchObject({ privacyAcceptedVersion: '2026.1', version: 1, auditSeq: 1 })
    expect(await h.docs('idempotency_keys', { action: 'acceptPrivacy' })).toHaveLength(1)

    const newer = await h.call(user, 'profile', 'acceptPrivacy', { version: '2026.2' }, rid())
    expect(newer.ok && newer.data.version).toBe('2026.2')
    const who = await h.call(user, 'profile', 'whoAmI', {})
    expect(who.ok && who.data.privacyAcceptedVersion).toBe('2026.2')
  })

  it('concurrent repeats of one request make one change', async () => {
    const requestId = rid()
    const openid = 'o_kernel_concurrent'
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        h.call(openid, 'profile', 'acceptPrivacy', { version: '9' }, requestId),
      ),
    )
    expect(results[0]?.ok).toBe(true)
    for (const r of results) expect(r).toEqual(results[0])
    const [doc] = await h.docs('users', { openid })
    expect(doc).toMatchObject({ version: 1, auditSeq: 1 })
  })

  it('verifyAuditChain passes an intact chain and pinpoints a tampered event', async () => {
    const [doc] = await h.docs('users', { openid: user })
    const id = doc?.['_id'] as string
    useSdkInProcess(h)
    const { verifyAuditChain, auditEventId } = await import('../../cloudfunctions/_shared/audit')
    const head = { auditSeq: doc?.['auditSeq'] as number, auditHash: doc?.['auditHash'] as string }
    expect(await verifyAuditChain('users', id, head)).toMatchObject({ ok: true, length: 2 })
    await h.emulator.database.engine.update(
      h.emulator.envId,
      'audit_events',
      { _id: auditEventId('users', id, 1) },
      { $set: { to: '1999' } },
    )
    expect(await verifyAuditChain('users', id, head)).toEqual({
      ok: false,
      length: 0,
      brokenAt: 1,
      reason: 'hash',
    })
  })
})

describe('unexpected failures', () => {
  it('become INTERNAL with an error number, never an exception, and log no personal data', async () => {
    const openid = 'o_kernel_corrupt'
    const id = `idn_corrupt_${Date.now()}`
    await h.insert('identities', [
      {
        _id: id,
        openid,
        status: 'manual_pending',
        version: 1,
        idNumberEnc: 'v1.garbage.garbage.garbage',
        idNumberHash: 'ab'.repeat(32),
        maskedName: '张*',
      },
    ])
    const res = await h.call(PEOPLE.staffA, 'verifyIdentity', 'approve', { identityId: id }, rid())
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INTERNAL')
      expect(res.error.message).toMatch(/^系统繁忙，请稍后重试（错误编号 \S+）$/)
    }
    const [after] = await h.docs('identities', { _id: id })
    expect(after).toMatchObject({ status: 'manual_pending', version: 1 })
  })
})
