import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { rid, startHarness, type Harness } from './harness'

let h: Harness
const A = 'o_inbox_a'
const B = 'o_inbox_b'

beforeAll(async () => {
  h = await startHarness(['messages'])
  const base = Date.parse('2026-12-01T08:00:00Z')
  const docs = Array.from({ length: 5 }, (_, i) => ({
    _id: `msg_a${i}`,
    toOpenid: A,
    kind: 'case_progress',
    title: `进展 ${i}`,
    body: `正文 ${i}`,
    link: '/pages/home/index',
    read: i === 0,
    createdAt: new Date(base + i * 60_000),
    version: 1,
  }))
  await h.insert('messages', [
    ...docs,
    {
      _id: 'msg_b0',
      toOpenid: B,
      kind: 'case_progress',
      title: 'B',
      body: 'B',
      link: '/pages/home/index',
      read: false,
      createdAt: new Date(base),
      version: 1,
    },
  ])
})
afterAll(async () => {
  await h.stop()
})

describe('messages', () => {
  it('lists only my messages, newest first, paged', async () => {
    const p1 = await h.call(A, 'messages', 'list', { pageSize: 2 })
    expect(p1).toEqual({
      ok: true,
      data: {
        items: [
          expect.objectContaining({
            id: 'msg_a4',
            title: '进展 4',
            read: false,
            createdAt: '2026-12-01T08:04:00.000Z',
          }) as unknown,
          expect.objectContaining({ id: 'msg_a3' }) as unknown,
        ],
        page: 1,
        pageSize: 2,
        hasMore: true,
        unreadCount: 4,
      },
    })
    const p3 = await h.call(A, 'messages', 'list', { page: 3, pageSize: 2 })
    expect(p3.ok && p3.data.items.map((m) => m.id)).toEqual(['msg_a0'])
    expect(p3.ok && p3.data.hasMore).toBe(false)
    const unread = await h.call(A, 'messages', 'list', { unreadOnly: true, pageSize: 50 })
    expect(unread.ok && unread.data.items.map((m) => m.id)).toEqual([
      'msg_a4',
      'msg_a3',
      'msg_a2',
      'msg_a1',
    ])
  })

  it("markRead changes only the caller's own unread messages", async () => {
    const res = await h.call(
      A,
      'messages',
      'markRead',
      { ids: ['msg_a4', 'msg_a4', 'msg_a0', 'msg_b0'] },
      rid(),
    )
    expect(res).toEqual({ ok: true, data: { updated: 1, unreadCount: 3 } })
    const [b] = await h.docs('messages', { _id: 'msg_b0' })
    expect(b?.['read']).toBe(false)
  })

  it('a repeated markAllRead returns the first answer', async () => {
    const requestId = rid()
    const first = await h.call(A, 'messages', 'markAllRead', {}, requestId)
    expect(first).toEqual({ ok: true, data: { updated: 3, unreadCount: 0 } })
    expect(await h.call(A, 'messages', 'markAllRead', {}, requestId)).toEqual(first)
    const other = await h.call(B, 'messages', 'list', {})
    expect(other.ok && other.data.unreadCount).toBe(1)
  })

  it('rejects empty, oversized and malformed id lists', async () => {
    const empty = await h.call(A, 'messages', 'markRead', { ids: [] }, rid())
    expect(empty).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'payload.ids' },
    })
    const many = await h.call(
      A,
      'messages',
      'markRead',
      { ids: Array.from({ length: 51 }, (_, i) => `m${i}`) },
      rid(),
    )
    expect(many).toMatchObject({ ok: false, error: { message: '消息最多 50 项' } })
    const inject = await h.raw(A, 'messages', {
      action: 'markRead',
      payload: { ids: [{ $ne: null }] },
      requestId: rid(),
    })
    expect(inject).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', field: 'payload.ids.0' },
    })
  })
})
