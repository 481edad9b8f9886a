// The console's four views, rendered on the server so nothing from the data ever reaches the
// page other than through escapeHtml.
import { EJSON } from 'bson'
import type { ClientService } from '../client'
import type { DatabaseApi, Doc } from '../client/database-api'
import { escapeHtml, link } from './html'

export const OUTBOX_COLLECTION = 'emulator_outbox'
export const CONSOLE_PAGE_SIZE = 20
export const CONSOLE_MAX_PAGE = 100

export function pretty(doc: Doc): string {
  return JSON.stringify(EJSON.serialize(doc, { relaxed: true }), null, 2)
}

function time(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19)
}

function pager(total: number, skip: number, limit: number, base: Record<string, string>): string {
  const parts: string[] = [
    `<span class="muted">共 ${total} 条，第 ${total === 0 ? 0 : skip + 1}–${Math.min(skip + limit, total)} 条</span>`,
  ]
  if (skip > 0) {
    parts.push(`<a href="${link({ ...base, skip: Math.max(0, skip - limit), limit })}">上一页</a>`)
  }
  if (skip + limit < total)
    parts.push(`<a href="${link({ ...base, skip: skip + limit, limit })}">下一页</a>`)
  return `<p class="pager">${parts.join(' ')}</p>`
}

function documentList(docs: readonly Doc[]): string {
  if (docs.length === 0) return '<p class="muted">（没有记录）</p>'
  return docs.map((doc) => `<pre>${escapeHtml(pretty(doc))}</pre>`).join('\n')
}

export function collectionsView(
  db: DatabaseApi,
  env: string,
  selected: string | undefined,
  skip: number,
  limit: number,
): string {
  const names = db.listCollections(env)
  const items = names
    .map((name) => {
      const count = db.collection(env, name).count()
      const on = name === selected ? ' class="on"' : ''
      return `<a href="${link({ tab: 'collections', c: name })}"${on}><span>${escapeHtml(name)}</span><span class="muted">${count}</span></a>`
    })
    .join('')
  const aside = `<aside>${items || '<p class="muted" style="padding:0 14px">（没有集合）</p>'}</aside>`
  if (selected === undefined) {
    return `${aside}<section><p class="muted">在左侧选择一个集合查看记录。</p></section>`
  }
  if (!names.includes(selected)) {
    return `${aside}<section><p class="err">集合 ${escapeHtml(selected)} 不存在</p></section>`
  }
  const handle = db.collection(env, selected)
  const total = handle.count()
  const docs = handle.find({}, { skip, limit })
  return `${aside}<section><h2>${escapeHtml(selected)}</h2>${pager(total, skip, limit, {
    tab: 'collections',
    c: selected,
  })}${documentList(docs)}</section>`
}

export function outboxView(db: DatabaseApi, env: string, skip: number, limit: number): string {
  if (!db.listCollections(env).includes(OUTBOX_COLLECTION)) {
    return '<section><h2>订阅消息发件箱</h2><p class="muted">还没有发送过订阅消息。</p></section>'
  }
  const handle = db.collection(env, OUTBOX_COLLECTION)
  const total = handle.count()
  // Newest first: the outbox is read to check what was just sent.
  const newestFirst = handle
    .find({})
    .reverse()
    .slice(skip, skip + limit)
  return `<section><h2>订阅消息发件箱</h2>${pager(total, skip, limit, { tab: 'outbox' })}${documentList(newestFirst)}</section>`
}

interface LogsPayload {
  readonly lines?: ReadonlyArray<{
    invocationId: string
    function: string
    level: string
    text: string
    at: number
  }>
  readonly invocations?: ReadonlyArray<{
    invocationId: string
    function: string
    source: string
    openid: string
    startedAt: number
    durationMs: number
    status: string
    errorCode?: string
  }>
}

export function logsView(payload: LogsPayload | undefined): string {
  if (payload === undefined) {
    return '<section><h2>函数日志</h2><p class="muted">函数运行时未启用，没有日志。</p></section>'
  }
  const invocations = [...(payload.invocations ?? [])].reverse().slice(0, 100)
  const rows = invocations
    .map(
      (inv) =>
        `<tr><td>${escapeHtml(time(inv.startedAt))}</td><td>${escapeHtml(inv.function)}</td><td>${escapeHtml(inv.openid)}</td><td>${escapeHtml(inv.source)}</td><td>${escapeHtml(inv.status)}${inv.errorCode === undefined ? '' : ` <span class="err">${escapeHtml(inv.errorCode)}</span>`}</td><td>${inv.durationMs} ms</td><td><a href="${link({ tab: 'logs', invocation: inv.invocationId })}">${escapeHtml(inv.invocationId)}</a></td></tr>`,
    )
    .join('')
  const lines = [...(payload.lines ?? [])].reverse().slice(0, 300)
  const text = lines.map((l) => `${time(l.at)} [${l.function}] ${l.level}: ${l.text}`).join('\n')
  return `<section><h2>函数日志</h2><table><thead><tr><th>时间</th><th>函数</th><th>调用者</th><th>来源</th><th>结果</th><th>耗时</th><th>调用 ID</th></tr></thead><tbody>${rows || '<tr><td colspan="7" class="muted">（还没有调用）</td></tr>'}</tbody></table><h3>输出</h3><pre>${escapeHtml(text || '（没有输出）')}</pre></section>`
}

export function usersView(client: ClientService | undefined): string {
  if (client === undefined) {
    return '<section><h2>模拟用户</h2><p class="muted">客户端接口未启用。</p></section>'
  }
  const sessions = client.sessions.list()
  const rows = sessions
    .map(
      (s) =>
        `<tr><td>${escapeHtml(s.openid)}</td><td>${escapeHtml(s.appid)}</td><td>${escapeHtml(s.unionid ?? '')}</td><td>${escapeHtml(time(s.createdAt))}</td><td>${escapeHtml(time(s.lastSeenAt))}</td><td>${s.calls}</td><td><code>${escapeHtml(s.tokenPrefix)}…</code></td></tr>`,
    )
    .join('')
  return `<section><h2>模拟用户</h2><p class="muted">由 POST /client/login 签发的会话（模拟器里的「我是谁」）。</p><table><thead><tr><th>openid</th><th>appid</th><th>unionid</th><th>登录时间</th><th>最近活动</th><th>调用次数</th><th>令牌</th></tr></thead><tbody>${rows || '<tr><td colspan="7" class="muted">（还没有用户登录）</td></tr>'}</tbody></table></section>`
}
