/** One entry of the bottom tab bar. */
export interface TabItem {
  readonly value: string
  readonly label: string
  readonly icon: string
  readonly pagePath: string
  /** Shown only to users holding one of these roles (mediators and organisation staff). */
  readonly requiresRole?: boolean
}

/** The tab bar in display order; `pagePath`s match app.json tabBar.list. */
export const TABS: readonly TabItem[] = [
  { value: 'home', label: '首页', icon: 'home', pagePath: '/pages/home/index' },
  { value: 'messages', label: '消息', icon: 'chat', pagePath: '/pages/messages/index' },
  {
    value: 'workbench',
    label: '工作台',
    icon: 'app',
    pagePath: '/pages/workbench/index',
    requiresRole: true,
  },
  { value: 'me', label: '我的', icon: 'user', pagePath: '/pages/me/index' },
]

/** The tabs a user with these roles sees: the workbench only with a mediator or staff role. */
export function visibleTabs(roles: readonly string[]): TabItem[] {
  return TABS.filter((t) => !t.requiresRole || roles.length > 0)
}
