// Desk pages are reachable by URL, so each one asks the server for the caller's roles on load and
// sends anyone without the role back to 首页; the functions refuse them anyway.
import { whoAmI } from '../services/profile'
import type { WhoAmI } from '../../typings/api/profile'

export type DeskRole = 'mediator' | 'staff'

const REFUSALS: Readonly<Record<DeskRole, string>> = {
  mediator: '您没有调解员权限',
  staff: '您不是工商联工作人员',
}

/** Resolves with the caller (when they hold `role`), or null after sending them to 首页. */
export async function requireRole(role: DeskRole): Promise<WhoAmI | null> {
  const res = await whoAmI()
  if (res.ok && res.data.roles.includes(role)) return res.data
  void wx.showToast({ title: res.ok ? REFUSALS[role] : res.error.message, icon: 'none' })
  void wx.switchTab({ url: '/pages/home/index' })
  return null
}
