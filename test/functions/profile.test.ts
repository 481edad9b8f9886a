import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { OpenApiService } from '../../tools/cloudbase-emulator/src/openapi/index'
import { PEOPLE, rid, seedRoles, startHarness, upload, type Harness } from './harness'

let h: Harness
let templates: Record<string, string>
beforeAll(async () => {
  h = await startHarness(['profile', 'messages', 'verifyIdentity'])
  await seedRoles(h)
  const who = await h.call('o_profile_probe', 'profile', 'whoAmI', {})
  if (!who.ok) throw new Error('whoAmI failed')
  templates = who.data.subscribeTemplates
})
afterAll(async () => {
  await h.stop()
})

describe('profile.whoAmI', () => {
  it('answers roles, identity, unread count and the private upload prefix', async () => {
    await h.insert('messages', [
      {
        _id: 'msg_p1',
        toOpenid: 'o_profile_a',
        kind: 'case_progress',
        title: 't',
        body: 'b',
        link: '/pages/home/index',
        read: false,
        createdAt: new Date(),
        version: 1,
      },
      {
        _id: 'msg_p2',
        toOpenid: 'o_profile_a',
        kind: 'case_progress',
        title: 't',
        body: 'b',
        link: '/pages/home/index',
        read: true,
        createdAt: new Date(),
        version: 1,
      },
      {
        _id: 'msg_p3',
        toOpenid: 'o_profile_b',
        kind: 'case_progress',
        title: 't',
        body: 'b',
        link: '/pages/home/index',
        read: false,
        createdAt: new Date(),
        version: 1,
      },
    ])
    const a = await h.call('o_profile_a', 'profile', 'whoAmI', {})
    const b = await h.call('o_profile_b', 'profile', 'whoAmI', {})
    expect(a.ok && a.data).toMatchObject({
      roles: ['user'],
      identity: { status: 'unverified', maskedName: null },
      unreadCount: 1,
      privacyAcceptedVersion: null,
    })
    expect(a.ok && a.data.storagePrefix).toMatch(/^private\/[0-9a-f]{24}\/$/)
    expect(a.ok && b.ok && a.data.storagePrefix !== b.data.storagePrefix).toBe(true)
    expect(JSON.stringify(a)).not.toContain('o_profile_a')
    expect(Object.keys(templates).sort()).toEqual([
      'case_progress',
      'confirmation_result',
      'filing_progress',
      'identity_review',
      'sign_request',
      'video_invitation',
    ])
  })
})

describe('profile.recordSubscribeGrants', () => {
  it('each accept adds one send; a repeat of the same request adds nothing; ban clears', async () => {
    const openid = 'o_grants'
    const t = templates['identity_review'] ?? ''
    const once = rid()
    const first = await h.call(
      openid,
      'profile',
      'recordSubscribeGrants',
      { results: { [t]: 'accept' } },
      once,
    )
    expect(first).toEqual({ ok: true, data: { remaining: { [t]: 1 } } })
    expect(
      await h.call(
        openid,
        'profile',
        'recordSubscribeGrants',
        { results: { [t]: 'accept' } },
        once,
      ),
    ).toEqual(first)
    const second = await h.call(
      openid,
      'profile',
      'recordSubscribeGrants',
      { results: { [t]: 'accept' } },
      rid(),
    )
    expect(second.ok && second.data.remaining[t]).toBe(2)
    const reject = await h.call(
      openid,
      'profile',
      'recordSubscribeGrants',
      { results: { [t]: 'reject' } },
      rid(),
    )
    expect(reject.ok && reject.data.remaining[t]).toBe(2)
    const ban = await h.call(
      openid,
      'profile',
      'recordSubscribeGrants',
      { results: { [t]: 'ban' } },
      rid(),
    )
    expect(ban.ok && ban.data.remaining[t]).toBe(0)
  })

  it('refuses templates this account does not use, and bad choices', async () => {
    const unknown = await h.call(
      'o_grants',
      'profile',
      'recordSubscribeGrants',
      { results: { someoneElsesTemplate: 'accept' } },
      rid(),
    )
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_TEMPLATE', field: 'payload.results.someoneElsesTemplate' },
    })
    const bad = await h.raw('o_grants', 'profile', {
      action: 'recordSubscribeGrants',
      payload: { results: { x: 'maybe' } },
      requestId: rid(),
    })
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } })
    const many = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`t${i}`, 'accept']))
    const tooMany = await h.raw('o_grants', 'profile', {
      action: 'recordSubscribeGrants',
      payload: { results: many },
      requestId: rid(),
    })
    expect(tooMany).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: '一次最多记录 10 个模板' },
    })
  })

  it('the notifier sends one subscribe message per grant, and writes the in-app message regardless', async () => {
    const openid = 'o_notified'
    const t = templates['identity_review'] ?? ''
    const openapi = h.emulator.emu.service<OpenApiService>('openapi')
    // The user accepted the template in WeChat's prompt (the platform's side) and we recorded it.
    await openapi.grant(openid, [t])
    await h.call(openid, 'profile', 'recordSubscribeGrants', { results: { [t]: 'accept' } }, rid())

    const who = await h.call(openid, 'profile', 'whoAmI', {})
    const prefix = who.ok ? who.data.storagePrefix : ''
    const photos = {
      front: await upload(h, `${prefix}identity/n-front.jpg`),
      back: await upload(h, `${prefix}identity/n-back.jpg`),
      handheld: await upload(h, `${prefix}identity/n-hand.jpg`),
    }
    const submit = await h.call(
      openid,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '林通知',
        idNumber: 'E55556666',
        photos,
      },
      rid(),
    )
    expect(submit.ok).toBe(true)
    const [doc] = await h.docs('identities', { openid })
    const approve = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'approve',
      { identityId: doc?.['_id'] as string },
      rid(),
    )
    expect(approve.ok).toBe(true)

    const sends = openapi
      .calls()
      .filter((c) => c.apiName.includes('subscribeMessage') && c.openid !== undefined)
    const mine = sends.filter((c) => JSON.stringify(c.params).includes(openid))
    expect(mine).toHaveLength(1)
    expect(mine[0]?.errcode).toBe(0)
    expect(JSON.stringify(mine[0]?.params)).not.toContain('林通知')
    const [grant] = await h.docs('subscribe_grants', { openid, templateId: t })
    expect(grant?.['remaining']).toBe(0)
    const inbox = await h.call(openid, 'messages', 'list', {})
    expect(inbox.ok && inbox.data.items[0]).toMatchObject({
      title: '实名认证已通过',
      read: false,
      link: '/pages/me/index',
    })

    // Without a grant left, the next notice is in-app only and the action still succeeds.
    const del = await h.call(openid, 'verifyIdentity', 'delete', {}, rid())
    expect(del.ok).toBe(true)
  })
})

describe('profile.acceptPrivacy', () => {
  it('records the version, audited, and whoAmI reports it', async () => {
    const res = await h.call('o_privacy', 'profile', 'acceptPrivacy', { version: '2026-12' }, rid())
    expect(res.ok && res.data.version).toBe('2026-12')
    const who = await h.call('o_privacy', 'profile', 'whoAmI', {})
    expect(who.ok && who.data.privacyAcceptedVersion).toBe('2026-12')
    const events = await h.docs('audit_events', {
      entity: 'users',
      action: 'privacy.accepted',
      to: '2026-12',
    })
    expect(events).toHaveLength(1)
    expect(events[0]?.['actorHash']).toMatch(/^[0-9a-f]{64}$/)
  })

  it('refuses a malformed version', async () => {
    const res = await h.call(
      'o_privacy',
      'profile',
      'acceptPrivacy',
      { version: '<script>' },
      rid(),
    )
    expect(res).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'payload.version' },
    })
  })
})
