import { SEED_USERS } from '../../cloudbase-emulator/seed/people'

// screenshots/product/index.md: one row per picture with the page, the user and the state.

export interface IndexRow {
  file: string
  route: string
  as: string
  state: string
  errors: number
}

function userLabel(openid: string): string {
  const user = SEED_USERS.find((u) => u.openid === openid)
  return user ? `${user.label}（${openid}）` : openid
}

export function indexMarkdown(rows: readonly IndexRow[], seconds: number): string {
  const lines = [
    '# 商会调解 · 产品截图',
    '',
    `由 \`npm run screenshots\` 生成：${rows.length} 张，用时 ${seconds.toFixed(0)} 秒。数据均通过真实云函数在内存模拟器中准备。`,
    '',
    '| 截图 | 页面 | 用户 | 状态 |',
    '| --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| [${r.file}](${r.file}) | \`${r.route.split('?')[0] ?? r.route}\` | ${userLabel(r.as)} | ${r.state}${r.errors ? `（${r.errors} 个运行时错误）` : ''} |`,
    ),
    '',
  ]
  return lines.join('\n')
}
