// The signed-in user's roles and unread count, read from the server (never decided locally).
import { whoAmI } from '../services/profile'
import type { WhoAmI } from '../../typings/api/profile'

/** Roles that unlock the 工作台 tab, from the server's `whoAmI` answer. */
export function deskRoles(roles: WhoAmI['roles']): ('mediator' | 'staff')[] {
  return roles.filter((r): r is 'mediator' | 'staff' => r === 'mediator' || r === 'staff')
}

/** Asks the server who the user is and stores the roles in `globalData`; null when offline. */
export async function refreshSession(): Promise<WhoAmI | null> {
  const res = await whoAmI()
  if (!res.ok) return null
  getApp<IAppOption>().globalData.roles = deskRoles(res.data.roles)
  return res.data
}
