import { describe, expect, it } from 'vitest'
import { identityTag, meView } from '../../../miniprogram/pages/me/logic'
import type { WhoAmI } from '../../../typings/api/profile'

function who(overrides: Partial<WhoAmI> = {}): WhoAmI {
  return {
    roles: ['user'],
    mediatorId: null,
    staffOrganisationId: null,
    identity: { status: 'verified', maskedName: '张*' },
    unreadCount: 0,
    privacyAcceptedVersion: null,
    storagePrefix: 'private/o1/',
    subscribeTemplates: {},
    ...overrides,
  }
}

describe('identityTag', () => {
  it('says 未认证, 审核中 or 已认证', () => {
    expect(identityTag('unverified')).toEqual({ text: '未认证', theme: 'default' })
    expect(identityTag('rejected').text).toBe('未认证')
    expect(identityTag('manual_pending')).toEqual({ text: '审核中', theme: 'warning' })
    expect(identityTag('face_pending').text).toBe('审核中')
    expect(identityTag('verified')).toEqual({ text: '已认证', theme: 'success' })
  })
})

describe('meView', () => {
  it('shows the masked name and the roles the server grants', () => {
    expect(meView(who({ roles: ['user', 'mediator', 'staff'] }))).toEqual({
      displayName: '张*',
      identityText: '已认证',
      identityTheme: 'success',
      roles: ['调解员', '工商联工作人员'],
      hasDesk: true,
      canBindMediator: false,
    })
  })
  it('offers 绑定调解员账号 only to a known account that is neither mediator nor staff', () => {
    expect(meView(who()).canBindMediator).toBe(true)
    expect(meView(who({ roles: ['user', 'mediator'] })).canBindMediator).toBe(false)
    expect(meView(who({ roles: ['user', 'staff'] })).canBindMediator).toBe(false)
    expect(meView(null).canBindMediator).toBe(false)
  })
  it('falls back to 微信用户 before any name was submitted, and when offline', () => {
    const fresh = meView(who({ identity: { status: 'unverified', maskedName: null } }))
    expect(fresh).toMatchObject({
      displayName: '微信用户',
      identityText: '未认证',
      roles: [],
      hasDesk: false,
    })
    expect(meView(null)).toMatchObject({ displayName: '微信用户', identityText: '' })
  })
})
