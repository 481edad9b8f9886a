// Pure view logic of 我的: the name shown (masked, from the server), the identity status tag, the
// roles the server grants and whether the account can still be bound to a mediator.
import type { WhoAmI } from '../../../typings/api/profile'

export type TagTheme = 'default' | 'primary' | 'success' | 'warning' | 'danger'

export interface MeView {
  readonly displayName: string
  readonly identityText: string
  readonly identityTheme: TagTheme
  readonly roles: string[]
  readonly hasDesk: boolean
  /** 绑定调解员账号: only for a known account that is neither a mediator nor staff. */
  readonly canBindMediator: boolean
}

const ROLE_LABELS: Readonly<Record<string, string>> = {
  mediator: '调解员',
  staff: '工商联工作人员',
}

export function identityTag(status: WhoAmI['identity']['status']): {
  text: string
  theme: TagTheme
} {
  if (status === 'verified') return { text: '已认证', theme: 'success' }
  if (status === 'manual_pending' || status === 'face_pending')
    return { text: '审核中', theme: 'warning' }
  return { text: '未认证', theme: 'default' }
}

export function meView(who: WhoAmI | null): MeView {
  if (!who) {
    return {
      displayName: '微信用户',
      identityText: '',
      identityTheme: 'default',
      roles: [],
      hasDesk: false,
      canBindMediator: false,
    }
  }
  const tag = identityTag(who.identity.status)
  const roles = who.roles.flatMap((r) => {
    const label = ROLE_LABELS[r]
    return label ? [label] : []
  })
  return {
    displayName: who.identity.maskedName ?? '微信用户',
    identityText: tag.text,
    identityTheme: tag.theme,
    roles,
    hasDesk: roles.length > 0,
    canBindMediator: !who.roles.includes('mediator') && !who.roles.includes('staff'),
  }
}
