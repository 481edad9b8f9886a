import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClientModule } from '../../tools/cloudbase-emulator/src/client'
import {
  startEmulator,
  type RunningEmulator,
  type StartOptions,
} from '../../tools/cloudbase-emulator/src/index'
import { compileRules, compileStorageRules } from '../../tools/cloudbase-emulator/src/rules'
import { connectSdk } from './support/sdk'

// The storage security rule as a phone meets it: the committed storage/rules.json (creator-only)
// through the real client endpoint, and the server SDK, which the rule does not bind.

interface Entry {
  readonly fileID: string
  readonly tempFileURL: string
  readonly status: number
  readonly code?: string
  readonly errMsg: string
}

const dirs: string[] = []
const running: RunningEmulator[] = []

async function start(dataDir: string, options: StartOptions = {}): Promise<RunningEmulator> {
  const emu = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    modules: [createClientModule()],
    ...options,
  })
  running.push(emu)
  return emu
}

async function freshDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'emu-storage-rules-'))
  dirs.push(dir)
  return dir
}

async function post(
  emu: RunningEmulator,
  path: string,
  body: string | Buffer,
  token?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${emu.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': typeof body === 'string' ? 'application/json' : 'application/octet-stream',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

async function login(emu: RunningEmulator, openid: string): Promise<string> {
  const reply = await post(emu, '/client/login', JSON.stringify({ openid }))
  return String(reply.body['token'])
}

function upload(emu: RunningEmulator, token: string, cloudPath: string, text: string) {
  return post(
    emu,
    `/client/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`,
    Buffer.from(text),
    token,
  )
}

async function tempUrl(emu: RunningEmulator, token: string | undefined, fileID: string) {
  const reply = await post(
    emu,
    '/client/getTempFileURL',
    JSON.stringify({ fileList: [fileID] }),
    token,
  )
  const list = reply.body['fileList'] as Entry[] | undefined
  return { status: reply.status, body: reply.body, entry: list?.[0] }
}

async function bytesAt(url: string): Promise<string> {
  const res = await fetch(url)
  expect(res.status).toBe(200)
  return res.text()
}

let emu: RunningEmulator
let dataDir: string
let alice: string
let bob: string
let aliceFile: string

beforeAll(async () => {
  dataDir = await freshDir()
  emu = await start(dataDir)
  alice = await login(emu, 'o_alice')
  bob = await login(emu, 'o_bob')
  const up = await upload(emu, alice, 'private/alice/identity/front.png', '爱丽丝的证件照')
  aliceFile = String(up.body['fileID'])
})

afterAll(async () => {
  for (const e of running) await e.stop().catch(() => undefined)
  for (const dir of dirs) await rm(dir, { recursive: true, force: true })
})

describe('storage/rules.json through the client endpoint', () => {
  it('the uploader gets a working temp URL for their own file', async () => {
    const { entry } = await tempUrl(emu, alice, aliceFile)
    expect(entry).toMatchObject({ fileID: aliceFile, status: 0, errMsg: 'ok' })
    expect(await bytesAt(entry?.tempFileURL ?? '')).toBe('爱丽丝的证件照')
    expect(await emu.storage.owner(aliceFile)).toEqual({ openid: 'o_alice' })
  })

  it('another user holding the fileID gets a refused entry and no URL', async () => {
    const { status, entry } = await tempUrl(emu, bob, aliceFile)
    expect(status).toBe(200)
    expect(entry).toEqual({
      fileID: aliceFile,
      tempFileURL: '',
      maxAge: 86_400,
      status: -1,
      code: 'STORAGE_EXCEED_AUTHORITY',
      errMsg: '没有权限访问该文件',
    })
  })

  it('a client that is not signed in gets no URL at all', async () => {
    const { status, body, entry } = await tempUrl(emu, undefined, aliceFile)
    expect(status).toBe(401)
    expect(entry).toBeUndefined()
    expect(body['message']).toBe('缺少登录凭证，请先调用 /client/login')
  })

  it('a file missing from storage still answers 文件不存在, not a refusal', async () => {
    const missing = aliceFile.replace('front.png', 'nothing.png')
    const { entry } = await tempUrl(emu, alice, missing)
    expect(entry).toMatchObject({ status: -1, errMsg: '文件不存在', tempFileURL: '' })
  })

  it('refuses an upload over another user’s file and leaves the bytes as they were', async () => {
    const reply = await upload(emu, bob, 'private/alice/identity/front.png', '鲍勃的替换')
    expect(reply.status).toBe(403)
    expect(reply.body).toMatchObject({
      code: 'STORAGE_EXCEED_AUTHORITY',
      errCode: -503002,
      message: '没有权限写入该文件：private/alice/identity/front.png',
    })
    expect(String(reply.body['errMsg'])).toMatch(/^cloud\.uploadFile:fail -503002 /)
    expect((await emu.storage.getByFileId(aliceFile))?.toString('utf8')).toBe('爱丽丝的证件照')
    expect(await emu.storage.owner(aliceFile)).toEqual({ openid: 'o_alice' })
  })

  it('lets the owner overwrite their own file, which stays theirs', async () => {
    const path = 'private/alice/notes/draft.txt'
    const first = await upload(emu, alice, path, '第一版')
    const second = await upload(emu, alice, path, '第二版')
    expect(second.status).toBe(200)
    const fileID = String(first.body['fileID'])
    const { entry } = await tempUrl(emu, alice, fileID)
    expect(await bytesAt(entry?.tempFileURL ?? '')).toBe('第二版')
    expect(await emu.storage.owner(fileID)).toEqual({ openid: 'o_alice' })
  })

  it('a server-made file is unreadable from any client but readable by the server SDK', async () => {
    const cloud = connectSdk(emu.baseUrl, emu.envId, 'o_alice')
    const made = await cloud.uploadFile({
      cloudPath: 'cases/c1/documents/agreement.pdf',
      fileContent: Buffer.from('%PDF-1.7 协议'),
    })
    expect(await emu.storage.owner(made.fileID)).toEqual({ openid: null })
    for (const token of [alice, bob]) {
      const { entry } = await tempUrl(emu, token, made.fileID)
      expect(entry).toMatchObject({ status: -1, code: 'STORAGE_EXCEED_AUTHORITY' })
    }
    const urls = await cloud.getTempFileURL({ fileList: [made.fileID] })
    expect(urls.fileList[0]?.status).toBe(0)
    expect(await bytesAt(urls.fileList[0]?.tempFileURL ?? '')).toBe('%PDF-1.7 协议')
    // Nor may a client write over it.
    const over = await upload(emu, alice, 'cases/c1/documents/agreement.pdf', '伪造')
    expect(over.body['code']).toBe('STORAGE_EXCEED_AUTHORITY')
  })

  it('an admin write over a user file leaves it server-owned; an arranger may name the owner', async () => {
    const path = 'private/bob/avatar.png'
    const mine = await upload(emu, bob, path, '鲍勃')
    const fileID = String(mine.body['fileID'])
    await emu.storage.put(emu.envId, path, Buffer.from('服务端覆盖'))
    expect(await emu.storage.owner(fileID)).toEqual({ openid: null })
    expect((await tempUrl(emu, bob, fileID)).entry?.status).toBe(-1)
    await emu.storage.put(emu.envId, path, Buffer.from('鲍勃的'), { openid: 'o_bob' })
    expect((await tempUrl(emu, bob, fileID)).entry?.status).toBe(0)
  })

  it('a deleted file takes its owner with it', async () => {
    const path = 'private/bob/old.txt'
    const up = await upload(emu, bob, path, '旧')
    const fileID = String(up.body['fileID'])
    expect(await emu.storage.delete(emu.envId, path)).toBe(true)
    expect(await emu.storage.owner(fileID)).toBeUndefined()
    await emu.storage.put(emu.envId, path, Buffer.from('新的，服务端写'))
    expect(await emu.storage.owner(fileID)).toEqual({ openid: null })
    expect((await tempUrl(emu, bob, fileID)).entry?.code).toBe('STORAGE_EXCEED_AUTHORITY')
  })
})

describe('owners across a restart', () => {
  it('the owner of every upload survives a restart of the same data dir', async () => {
    const dir = await freshDir()
    const first = await start(dir)
    const token = await login(first, 'o_carol')
    const up = await upload(first, token, 'private/carol/a.txt', '卡罗尔')
    const fileID = String(up.body['fileID'])
    await first.stop()

    const second = await start(dir)
    expect(await second.storage.owner(fileID)).toEqual({ openid: 'o_carol' })
    const again = await tempUrl(second, await login(second, 'o_carol'), fileID)
    expect(await bytesAt(again.entry?.tempFileURL ?? '')).toBe('卡罗尔')
    const stranger = await tempUrl(second, await login(second, 'o_dave'), fileID)
    expect(stranger.entry?.code).toBe('STORAGE_EXCEED_AUTHORITY')
  })
})

describe('owner records after a crash', () => {
  it('a record written for content that never landed does not change the owner on disk', async () => {
    const dir = await freshDir()
    const first = await start(dir)
    const token = await login(first, 'o_grace')
    const path = 'private/grace/id.png'
    const fileID = String((await upload(first, token, path, '格蕾丝')).body['fileID'])
    await first.stop()
    // What a crash between writing the next upload's record and renaming its bytes leaves: a
    // second record for a file (inode) that never took the object's place.
    const ownersFile = join(dir, 'storage', '.owners', first.envId, ...path.split('/')) + '.json'
    const records = JSON.parse(await readFile(ownersFile, 'utf8')) as unknown[]
    await writeFile(ownersFile, JSON.stringify([...records, { ino: '1', openid: 'o_mallory' }]))

    const second = await start(dir)
    expect(await second.storage.owner(fileID)).toEqual({ openid: 'o_grace' })
    const mallory = await tempUrl(second, await login(second, 'o_mallory'), fileID)
    expect(mallory.entry?.code).toBe('STORAGE_EXCEED_AUTHORITY')
    const grace = await tempUrl(second, await login(second, 'o_grace'), fileID)
    expect(await bytesAt(grace.entry?.tempFileURL ?? '')).toBe('格蕾丝')
  })
})

describe('the rules themselves', () => {
  it('a malformed storage rules file fails emulator start with a Chinese message', async () => {
    const dir = await freshDir()
    const file = join(dir, 'bad-rules.json')
    await writeFile(file, JSON.stringify({ read: 'resource.openid ==', write: false }))
    await expect(start(await freshDir(), { storageRules: file })).rejects.toThrow(
      '存储规则有误：\n存储规则的「read」：表达式不完整（第 19 个字符）',
    )
    await writeFile(file, '{ not json')
    await expect(start(await freshDir(), { storageRules: file })).rejects.toThrow(
      `存储规则文件 ${file} 不是合法的 JSON`,
    )
  })

  it('storage rules read auth and resource only; database rules never see resource', () => {
    const storage = compileStorageRules({ read: 'doc._openid == auth.openid', delete: true })
    expect(storage.ok).toBe(false)
    if (!storage.ok) {
      expect(storage.errors.map((e) => e.message)).toEqual([
        '存储规则的「read」：未知的标识符「doc」，只能使用 auth、resource（第 1 个字符）',
        '存储规则含未知的规则项「delete」，只能是 read 或 write',
      ])
    }
    const database = compileRules({ notes: { read: 'resource.openid == auth.openid' } })
    expect(database.ok).toBe(false)
  })

  it('custom rules through startEmulator({ storageRules }) change what a client gets', async () => {
    const open = await start(await freshDir(), {
      storageRules: { read: true, write: 'auth != null && resource.path != "locked.txt"' },
    })
    const owner = await login(open, 'o_erin')
    const other = await login(open, 'o_frank')
    const up = await upload(open, owner, 'shared/poster.png', '公开海报')
    const fileID = String(up.body['fileID'])
    const { entry } = await tempUrl(open, other, fileID)
    expect(await bytesAt(entry?.tempFileURL ?? '')).toBe('公开海报')
    const overwrite = await upload(open, other, 'shared/poster.png', '改过的海报')
    expect(overwrite.status).toBe(200)
    const locked = await upload(open, owner, 'locked.txt', 'x')
    expect(locked.body['code']).toBe('STORAGE_EXCEED_AUTHORITY')
  })
})
