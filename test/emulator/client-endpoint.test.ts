import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { EJSON } from 'bson'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startClientHarness, type ClientHarness } from './client-harness'

const committedRules = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../database/rules.json'), 'utf8'),
) as Record<string, unknown>

const q = (filter: Record<string, unknown>): string => EJSON.stringify(filter, { relaxed: false })
const docsOf = (body: Record<string, unknown>): Record<string, unknown>[] =>
  (body['list'] as string[]).map((text) => EJSON.parse(text) as Record<string, unknown>)

let h: ClientHarness
let alice: string
let bob: string
let bobUserId: string
let aliceUserId: string

beforeAll(async () => {
  h = await startClientHarness({
    rules: {
      ...committedRules,
      notes: { read: 'doc._openid == auth.openid', write: 'doc._openid == auth.openid' },
    },
    collections: ['users', 'messages', 'notes', 'mediation_cases'],
  })
  alice = await h.login('o_alice')
  bob = await h.login('o_bob')
  aliceUserId = await h.insert('users', { _openid: 'o_alice', nickname: '爱丽丝' })
  bobUserId = await h.insert('users', { _openid: 'o_bob', nickname: '鲍勃' })
  await h.insert('messages', { toOpenid: 'o_alice', text: '给爱丽丝' })
  await h.insert('messages', { toOpenid: 'o_bob', text: '给鲍勃' })
  await h.insert('mediation_cases', { _openid: 'o_alice', title: '案件' })
})

afterAll(async () => {
  await h.stop()
})

describe('POST /client/login', () => {
  it('refuses a malformed openid with a Chinese message', async () => {
    const reply = await h.post('/client/login', { openid: 'not an openid!' })
    expect(reply.status).toBe(400)
    expect(reply.body['code']).toBe('INVALID_PARAM')
    expect(reply.body['message']).toBe('openid 必须是 1–128 位字母、数字、下划线或连字符')
  })

  it('issues a token for the chosen user', async () => {
    const reply = await h.post('/client/login', { openid: 'o_carol' })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({
      openid: 'o_carol',
      appid: 'wx0000000000000000',
      envId: h.envId,
    })
    expect(String(reply.body['token'])).toMatch(/^[A-Za-z0-9_-]{32}$/)
  })

  it('every other call needs a valid bearer token', async () => {
    const missing = await h.post('/client/database', { action: 'get', collection: 'users' })
    expect(missing.status).toBe(401)
    expect(missing.body['message']).toBe('缺少登录凭证，请先调用 /client/login')
    const wrong = await h.post('/client/callFunction', { name: 'whoami' }, 'forged-token')
    expect(wrong.status).toBe(401)
    expect(wrong.body['code']).toBe('INVALID_SESSION')
  })
})

describe('browser pages (the web simulator on another loopback port)', () => {
  it('a simple request with ?token= works and loopback origins get CORS headers', async () => {
    const res = await fetch(`${h.baseUrl}/client/database?token=${encodeURIComponent(alice)}`, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:8791', 'content-type': 'text/plain;charset=UTF-8' },
      body: JSON.stringify({
        action: 'count',
        collection: 'users',
        query: q({ _openid: 'o_alice' }),
      }),
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:8791')
    expect(((await res.json()) as Record<string, unknown>)['total']).toBe(1)
  })

  it('answers the preflight of a JSON call with a bearer token', async () => {
    const res = await fetch(`${h.baseUrl}/client/callFunction`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:8791',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8791')
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type')
    expect(res.headers.get('access-control-allow-methods')).toBe('POST')
  })

  it('other origins get no CORS headers', async () => {
    const res = await fetch(`${h.baseUrl}/client/login`, {
      method: 'POST',
      headers: { origin: 'https://evil.example.com' },
      body: JSON.stringify({ openid: 'o_x' }),
    })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('client database reads under the security rules', () => {
  it('a user reads their own document with a query that filters _openid to them', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', query: q({ _openid: 'o_alice' }) },
      alice,
    )
    expect(reply.status).toBe(200)
    expect(reply.body['errMsg']).toBe('collection.get:ok')
    expect(docsOf(reply.body)).toEqual([
      { _id: aliceUserId, _openid: 'o_alice', nickname: '爱丽丝' },
    ])
  })

  it("another user's documents are denied, by query and by id", async () => {
    const byQuery = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', query: q({ _openid: 'o_bob' }) },
      alice,
    )
    expect(byQuery.status).toBe(403)
    expect(byQuery.body['errCode']).toBe(-502003)
    expect(String(byQuery.body['errMsg'])).toMatch(
      /^collection\.get:fail -502003 database permission denied\. /,
    )
    const byId = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', docId: bobUserId },
      alice,
    )
    expect(byId.status).toBe(403)
    expect(byId.body['errMsg']).toMatch(/^document\.get:fail -502003/)
    const own = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', docId: aliceUserId },
      alice,
    )
    expect(docsOf(own.body).map((d) => d['nickname'])).toEqual(['爱丽丝'])
  })

  it('a query without the _openid filter is denied even if it would match only own data', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', query: q({ nickname: '爱丽丝' }) },
      alice,
    )
    expect(reply.status).toBe(403)
    const all = await h.post('/client/database', { action: 'count', collection: 'users' }, alice)
    expect(all.status).toBe(403)
  })

  it('messages: only the addressee reads them', async () => {
    const own = await h.post(
      '/client/database',
      { action: 'get', collection: 'messages', query: q({ toOpenid: 'o_bob' }) },
      bob,
    )
    expect(docsOf(own.body).map((d) => d['text'])).toEqual(['给鲍勃'])
    const other = await h.post(
      '/client/database',
      { action: 'get', collection: 'messages', query: q({ toOpenid: 'o_alice' }) },
      bob,
    )
    expect(other.status).toBe(403)
  })

  it("'{openid}' in a query stands for the signed-in user, as on CloudBase", async () => {
    const asBob = await h.post(
      '/client/database',
      { action: 'get', collection: 'messages', query: q({ toOpenid: '{openid}' }) },
      bob,
    )
    expect(asBob.status).toBe(200)
    expect(docsOf(asBob.body).map((d) => d['text'])).toEqual(['给鲍勃'])
    const asAlice = await h.post(
      '/client/database',
      { action: 'get', collection: 'messages', query: q({ toOpenid: '{openid}' }) },
      alice,
    )
    expect(docsOf(asAlice.body).map((d) => d['text'])).toEqual(['给爱丽丝'])
  })

  it('admin-only collections refuse every client read', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'get', collection: 'mediation_cases', query: q({ _openid: 'o_alice' }) },
      alice,
    )
    expect(reply.status).toBe(403)
    expect(reply.body['message']).toBe(
      '没有读取集合 mediation_cases 的权限：查询条件须满足安全规则（read: false）',
    )
  })

  it('a missing collection is the CloudBase collection-not-exists error', async () => {
    const reply = await h.post('/client/database', { action: 'get', collection: 'nope' }, alice)
    expect(reply.status).toBe(404)
    expect(reply.body['errCode']).toBe(-502005)
  })

  it('malformed EJSON is a typed error, not a crash', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'get', collection: 'users', query: '{"_openid":' },
      alice,
    )
    expect(reply.status).toBe(400)
    expect(reply.body['code']).toBe('INVALID_PARAM')
  })
})

describe('client database writes', () => {
  it('add sets _openid to the caller, whatever the client sent', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'add', collection: 'notes', data: q({ text: '笔记', _openid: 'o_bob' }) },
      alice,
    )
    expect(reply.status).toBe(200)
    expect(reply.body['errMsg']).toBe('collection.add:ok')
    const id = String(reply.body['_id'])
    expect(h.emulator.database.collection(h.envId, 'notes').get(id)).toEqual({
      _id: id,
      text: '笔记',
      _openid: 'o_alice',
    })
  })

  it('add into a collection whose write rule is false is denied', async () => {
    const reply = await h.post(
      '/client/database',
      { action: 'add', collection: 'messages', data: q({ toOpenid: 'o_bob', text: '伪造' }) },
      alice,
    )
    expect(reply.status).toBe(403)
    expect(h.emulator.database.collection(h.envId, 'messages').count({ text: '伪造' })).toBe(0)
  })

  it('update and remove: own documents only, and _openid cannot be rewritten', async () => {
    const mine = await h.insert('notes', { _openid: 'o_alice', text: 'v1' })
    const theirs = await h.insert('notes', { _openid: 'o_bob', text: 'bob' })
    const ok = await h.post(
      '/client/database',
      { action: 'update', collection: 'notes', docId: mine, data: q({ text: 'v2' }) },
      alice,
    )
    expect(ok.body).toMatchObject({ stats: { updated: 1 }, errMsg: 'document.update:ok' })
    const denied = await h.post(
      '/client/database',
      { action: 'update', collection: 'notes', docId: theirs, data: q({ text: 'hacked' }) },
      alice,
    )
    expect(denied.status).toBe(403)
    const steal = await h.post(
      '/client/database',
      {
        action: 'update',
        collection: 'notes',
        docId: mine,
        data: q({ $set: { _openid: 'o_bob' } }),
      },
      alice,
    )
    expect(steal.status).toBe(400)
    expect(steal.body['message']).toBe('不能修改字段 _openid')
    const removeTheirs = await h.post(
      '/client/database',
      { action: 'remove', collection: 'notes', docId: theirs },
      alice,
    )
    expect(removeTheirs.status).toBe(403)
    const removeMine = await h.post(
      '/client/database',
      { action: 'remove', collection: 'notes', docId: mine },
      alice,
    )
    expect(removeMine.body).toMatchObject({ stats: { removed: 1 } })
    const notes = h.emulator.database.collection(h.envId, 'notes')
    expect(notes.get(mine)).toBeUndefined()
    expect(notes.get(theirs)).toEqual({ _id: theirs, _openid: 'o_bob', text: 'bob' })
  })

  it('client reads return at most 20 documents, 20 by default', async () => {
    const dave = await h.login('o_dave')
    for (let i = 0; i < 25; i += 1) await h.insert('notes', { _openid: 'o_dave', n: i })
    const filter = q({ _openid: 'o_dave' })
    const byDefault = await h.post(
      '/client/database',
      { action: 'get', collection: 'notes', query: filter },
      dave,
    )
    expect(docsOf(byDefault.body)).toHaveLength(20)
    const asked = await h.post(
      '/client/database',
      { action: 'get', collection: 'notes', query: filter, limit: 100, skip: 20 },
      dave,
    )
    expect(docsOf(asked.body).map((d) => d['n'])).toEqual([20, 21, 22, 23, 24])
    const counted = await h.post(
      '/client/database',
      { action: 'count', collection: 'notes', query: filter },
      dave,
    )
    expect(counted.body['total']).toBe(25)
  })
})

describe('client read options', () => {
  it('honours orderBy, skip and field projection', async () => {
    const erin = await h.login('o_erin')
    for (const n of [3, 1, 2]) await h.insert('notes', { _openid: 'o_erin', n, secret: 'x' })
    const reply = await h.post(
      '/client/database',
      {
        action: 'get',
        collection: 'notes',
        query: q({ _openid: 'o_erin' }),
        orderBy: { n: 'desc' },
        skip: 1,
        field: { n: true },
      },
      erin,
    )
    expect(docsOf(reply.body).map(({ n, secret }) => [n, secret])).toEqual([
      [2, undefined],
      [1, undefined],
    ])
  })
})

describe('POST /client/callFunction', () => {
  it('runs the function as the signed-in user', async () => {
    const reply = await h.post('/client/callFunction', { name: 'whoami', data: {} }, alice)
    expect(reply.status).toBe(200)
    expect(reply.body['errMsg']).toBe('cloud.callFunction:ok')
    expect(reply.body['result']).toMatchObject({
      OPENID: 'o_alice',
      APPID: 'wx0000000000000000',
      SOURCE: 'wx_client',
      ENV: h.envId,
    })
    const asBob = await h.post('/client/callFunction', { name: 'whoami' }, bob)
    expect(asBob.body['result']).toMatchObject({ OPENID: 'o_bob' })
  })

  it('an unknown function is the CloudBase FUNCTION_NOT_FOUND error', async () => {
    const reply = await h.post('/client/callFunction', { name: 'noSuchFunction' }, alice)
    expect(reply.status).toBe(404)
    expect(reply.body['code']).toBe('FUNCTION_NOT_FOUND')
    expect(String(reply.body['errMsg'])).toMatch(
      /^cloud\.callFunction:fail -501000 function not found\. /,
    )
  })
})

describe('client storage', () => {
  it('uploads a file and hands out a temp URL that serves it', async () => {
    const upload = await fetch(`${h.baseUrl}/client/uploadFile?cloudPath=avatars/alice.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}`, 'content-type': 'application/octet-stream' },
      body: '你好，云存储',
    })
    const uploaded = (await upload.json()) as Record<string, unknown>
    expect(upload.status).toBe(200)
    const fileID = String(uploaded['fileID'])
    expect(fileID).toMatch(new RegExp(`^cloud://${h.envId}\\.[^/]+/avatars/alice\\.txt$`))
    const urls = await h.post(
      '/client/getTempFileURL',
      { fileList: [fileID, 'cloud://x.y/none'] },
      alice,
    )
    const list = urls.body['fileList'] as Record<string, unknown>[]
    expect(list[0]).toMatchObject({ fileID, status: 0 })
    expect(list[1]).toMatchObject({ status: -1, errMsg: '文件不存在' })
    const download = await fetch(String(list[0]?.['tempFileURL']))
    expect(await download.text()).toBe('你好，云存储')
  })

  it('a multipart upload (as wx.cloud.uploadFile sends) works too', async () => {
    const form = new FormData()
    form.set('cloudPath', 'docs/a.txt')
    form.set('file', new Blob(['multipart body']), 'a.txt')
    const upload = await fetch(`${h.baseUrl}/client/uploadFile`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bob}` },
      body: form,
    })
    const uploaded = (await upload.json()) as Record<string, unknown>
    expect(String(uploaded['fileID'])).toMatch(/\/docs\/a\.txt$/)
    expect(String(await h.emulator.storage.get(h.envId, 'docs/a.txt'))).toBe('multipart body')
  })
})
