import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { escapeHtml } from '../../tools/cloudbase-emulator/src/console'
import { startClientHarness, type ClientHarness } from './client-harness'

const HOSTILE = '<script>alert("x")</script><img src=x onerror=alert(1)>'

let h: ClientHarness

beforeAll(async () => {
  h = await startClientHarness({ collections: ['messages', 'emulator_outbox'] })
  for (let i = 0; i < 25; i += 1) await h.insert('messages', { toOpenid: 'o_alice', n: i })
  await h.insert('messages', { toOpenid: 'o_alice', text: HOSTILE })
  await h.insert('emulator_outbox', { touser: 'o_alice', templateId: 'tpl-1', page: HOSTILE })
  await h.login('o_alice')
  await h.login(`o_evil`)
})

afterAll(async () => {
  await h.stop()
})

async function html(path: string): Promise<{ status: number; type: string; text: string }> {
  const res = await fetch(`${h.baseUrl}${path}`)
  return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() }
}

describe('GET /console', () => {
  it('renders the collections list in Chinese', async () => {
    const page = await html('/console')
    expect(page.status).toBe(200)
    expect(page.type).toBe('text/html; charset=utf-8')
    expect(page.text).toContain('<title>控制台 · 云开发本地模拟器</title>')
    expect(page.text).toContain('<span>messages</span><span class="muted">26</span>')
    expect(page.text).toContain('在左侧选择一个集合查看记录。')
  })

  it('pages a collection and escapes document text', async () => {
    const first = await html('/console?tab=collections&c=messages')
    expect(first.text).toContain('共 26 条，第 1–20 条')
    expect(first.text).toContain('下一页')
    expect(first.text.match(/<pre>/g)).toHaveLength(20)
    const last = await html('/console?tab=collections&c=messages&skip=20')
    expect(last.text).toContain('共 26 条，第 21–26 条')
    expect(last.text).not.toContain('<script>alert')
    expect(last.text).not.toContain('<img src=x')
    expect(last.text).toContain('&lt;script&gt;alert(\\&quot;x\\&quot;)&lt;/script&gt;')
    // The only script on the page is the console's own refresh toggle.
    expect(last.text.match(/<script>/g)).toHaveLength(1)
  })

  it('shows the subscribe-message outbox, escaped', async () => {
    const page = await html('/console?tab=outbox')
    expect(page.text).toContain('订阅消息发件箱')
    expect(page.text).toContain('tpl-1')
    expect(page.text).not.toContain('<img src=x')
  })

  it('lists the simulated users without their tokens', async () => {
    const page = await html('/console?tab=users')
    expect(page.text).toContain('<td>o_alice</td>')
    expect(page.text).toContain('<td>o_evil</td>')
    const sessions = (await (await fetch(`${h.baseUrl}/__emulator/sessions`)).json()) as {
      sessions: Array<Record<string, unknown>>
    }
    expect(sessions.sessions.map((s) => s['openid'])).toEqual(['o_alice', 'o_evil'])
    expect(Object.keys(sessions.sessions[0] ?? {})).not.toContain('token')
  })

  it('shows function invocations in the logs tab', async () => {
    const token = await h.login('o_logger')
    await h.post('/client/callFunction', { name: 'whoami' }, token)
    const page = await html('/console?tab=logs')
    expect(page.text).toContain('<td>whoami</td><td>o_logger</td><td>wx_client</td><td>ok')
  })

  it('an unknown collection is reported, with its name escaped', async () => {
    const page = await html(`/console?c=${encodeURIComponent('<b>x</b>')}`)
    expect(page.text).toContain('集合 &lt;b&gt;x&lt;/b&gt; 不存在')
  })
})

describe('console JSON endpoints', () => {
  it('GET /__emulator/collections lists collections with counts', async () => {
    const body = (await (await fetch(`${h.baseUrl}/__emulator/collections`)).json()) as Record<
      string,
      unknown
    >
    expect(body['envId']).toBe(h.envId)
    expect(body['collections']).toContainEqual({ name: 'emulator_outbox', count: 1 })
    expect(body['collections']).toContainEqual({ name: 'messages', count: 26 })
  })

  it('GET /__emulator/collections/<name> pages documents as relaxed EJSON', async () => {
    const res = await fetch(`${h.baseUrl}/__emulator/collections/messages?skip=24&limit=5`)
    const body = (await res.json()) as {
      total: number
      skip: number
      limit: number
      documents: Array<Record<string, unknown>>
    }
    expect(body).toMatchObject({ total: 26, skip: 24, limit: 5 })
    expect(body.documents.map((d) => d['n'] ?? d['text'])).toEqual([24, HOSTILE])
    const missing = await fetch(`${h.baseUrl}/__emulator/collections/none`)
    expect(missing.status).toBe(404)
  })
})

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    )
  })
})
