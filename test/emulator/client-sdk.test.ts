// The real @cloudbase/database query builder (what wx.cloud.database() is built from) talking to
// the client endpoint through ClientSdkRequest, under the committed security rules.
import { Db } from '@cloudbase/database'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ClientSdkRequest } from '../../tools/cloudbase-emulator/src/client'
import { startClientHarness, type ClientHarness } from './client-harness'

interface SdkDb {
  collection(name: string): {
    where(filter: Record<string, unknown>): {
      orderBy(
        field: string,
        dir: string,
      ): { limit(n: number): { get(): Promise<Record<string, unknown>> } }
      get(): Promise<Record<string, unknown>>
      count(): Promise<Record<string, unknown>>
    }
    add(data: Record<string, unknown>): Promise<Record<string, unknown>>
    doc(id: string): {
      get(): Promise<Record<string, unknown>>
      update(data: Record<string, unknown>): Promise<Record<string, unknown>>
      remove(): Promise<Record<string, unknown>>
    }
    get(): Promise<Record<string, unknown>>
  }
  serverDate(): unknown
}

let h: ClientHarness
let aliceDb: SdkDb

beforeAll(async () => {
  h = await startClientHarness({
    rules: {
      messages: { read: 'doc.toOpenid == auth.openid', write: false },
      notes: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' },
    },
    collections: ['messages', 'notes'],
  })
  ;(Db as unknown as { reqClass: unknown }).reqClass = ClientSdkRequest
  const token = await h.login('o_alice')
  aliceDb = new Db({ env: h.envId, baseUrl: h.baseUrl, token }) as unknown as SdkDb
  await h.insert('messages', {
    toOpenid: 'o_alice',
    text: '你好',
    at: new Date(Date.UTC(2026, 0, 2)),
  })
  await h.insert('messages', { toOpenid: 'o_bob', text: '别人的' })
})

afterAll(async () => {
  await h.stop()
})

describe('@cloudbase/database through ClientSdkRequest', () => {
  it('where().get() returns own documents with their types intact', async () => {
    const res = await aliceDb.collection('messages').where({ toOpenid: 'o_alice' }).get()
    expect(res['data']).toEqual([
      expect.objectContaining({
        toOpenid: 'o_alice',
        text: '你好',
        at: new Date(Date.UTC(2026, 0, 2)),
      }),
    ])
  })

  it("another user's documents come back as the permission error", async () => {
    const res = await aliceDb.collection('messages').where({ toOpenid: 'o_bob' }).get()
    expect(res).toMatchObject({ code: 'DATABASE_PERMISSION_DENIED' })
    const all = await aliceDb.collection('messages').get()
    expect(all).toMatchObject({ code: 'DATABASE_PERMISSION_DENIED' })
  })

  it('add (with serverDate), doc().get, update, count, orderBy/limit and remove', async () => {
    const notes = aliceDb.collection('notes')
    const added = await notes.add({ text: 'first', n: 1, createdAt: aliceDb.serverDate() })
    const id = String(added['id'])
    await notes.add({ text: 'second', n: 2 })
    const stored = h.emulator.database.collection(h.envId, 'notes').get(id)
    expect(stored).toMatchObject({ _openid: 'o_alice', text: 'first', n: 1 })
    expect(stored?.['createdAt']).toBeInstanceOf(Date)
    const one = await notes.doc(id).get()
    expect(one['data']).toEqual([expect.objectContaining({ _id: id, text: 'first' })])
    expect(await notes.doc(id).update({ text: 'first (edited)' })).toMatchObject({ updated: 1 })
    const counted = await notes.where({ _openid: 'o_alice' }).count()
    expect(counted['total']).toBe(2)
    const ordered = await notes.where({ _openid: 'o_alice' }).orderBy('n', 'desc').limit(1).get()
    expect((ordered['data'] as Array<Record<string, unknown>>).map((d) => d['text'])).toEqual([
      'second',
    ])
    expect(await notes.doc(id).remove()).toMatchObject({ deleted: 1 })
    expect(h.emulator.database.collection(h.envId, 'notes').get(id)).toBeUndefined()
  })
})
