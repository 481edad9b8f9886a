// What the 工作台 tab offers for the roles the server granted: the mediator desk, the
// organisation desk, or nothing (the user is then sent to 首页).

export type DeskRole = 'mediator' | 'staff'

/** One entry of the desk grid. */
export interface DeskEntry {
  readonly key: string
  readonly text: string
  readonly description: string
  readonly icon: string
  readonly url: string
}

export interface DeskSection {
  readonly role: DeskRole
  readonly title: string
  readonly entries: readonly DeskEntry[]
}

export const NO_ROLE_MESSAGE = '工作台仅对调解员和工商联工作人员开放'

const casesUrl = (tab: string) => `/pages/mediator/cases/index?tab=${tab}`

const MEDIATOR: DeskSection = {
  role: 'mediator',
  title: '调解员工作台',
  entries: [
    {
      key: 'pending',
      text: '待受理',
      description: '受理或不予受理',
      icon: 'time',
      url: casesUrl('pending'),
    },
    {
      key: 'active',
      text: '调解中',
      description: '视频调解、拟定协议',
      icon: 'chat-bubble',
      url: casesUrl('active'),
    },
    {
      key: 'closed',
      text: '已结束',
      description: '调解成功或结案',
      icon: 'check-circle',
      url: casesUrl('closed'),
    },
  ],
}

const STAFF: DeskSection = {
  role: 'staff',
  title: '工商联组织工作台',
  entries: [
    {
      key: 'queue',
      text: '待办事项',
      description: '实名审核、立案、司法确认等',
      icon: 'task',
      url: '/pages/org/queue/index',
    },
    {
      key: 'mediators',
      text: '调解员管理',
      description: '资料、接案量、绑定码',
      icon: 'usergroup',
      url: '/pages/org/mediators/index',
    },
    {
      key: 'stats',
      text: '数据统计',
      description: '案件量、调解成功率',
      icon: 'chart-bar',
      url: '/pages/org/stats/index',
    },
  ],
}

/** The desk sections for these roles, mediator first; empty for a user without a desk role. */
export function deskSections(roles: readonly string[]): DeskSection[] {
  const sections: DeskSection[] = []
  if (roles.includes('mediator')) sections.push(MEDIATOR)
  if (roles.includes('staff')) sections.push(STAFF)
  return sections
}

/** The badge on 待受理: the count of the first page, with "+" when more pages exist. */
export function pendingBadge(count: number, hasMore: boolean): string {
  if (count <= 0) return ''
  return hasMore ? `${count}+` : String(count)
}
