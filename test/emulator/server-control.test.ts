import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator } from '../../tools/cloudbase-emulator/src/index'
import { startChildEmulator } from './support/child-emulator'
import { connectSdk, startSdkEmulator, tempDir, type SdkEmulator } from './support/sdk'

let t: SdkEmulator
const T0 = Date.UTC(2026, 6, 1, 12, 0, 0)

beforeAll(async () => {
  t = await startSdkEmulator('demo-control', { clock: T0 })
})

afterAll(async () => {
  await t.emu.stop()
})

async function post(
  path: string,
  body: unknown,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(`${t.emu.baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as Record<string, unknown> }
}

describe('control endpoints', () => {
  it('GET /__emulator/status describes the running emulator', async () => {
    await t.db.collection('users').add({ data: { openid: 'o_status' } })
    const res = await fetch(`${t.emu.baseUrl}/__emulator/status`)
    const status = (await res.json()) as {
      envId: string
      adminUrl: string
      clock: { now: number; controllable: boolean }
      actions: string[]
      envs: Array<{ env: string; collections: Array<{ name: string; count: number }> }>
    }
    expect(status.envId).toBe('demo-control')
    expect(status.adminUrl).toBe(t.emu.adminUrl)
    expect(status.clock).toEqual({ now: T0, controllable: true })
    expect(status.actions).toContain('database.getDocument')
    const env = status.envs.find((e) => e.env === 'demo-control')
    expect(env?.collections.find((c) => c.name === 'users')?.count).toBe(1)
  })

  it('POST /__emulator/clock sets and advances the controlled clock', async () => {
    expect((await post('/__emulator/clock', { advance: 90_000 })).json['now']).toBe(T0 + 90_000)
    const set = await post('/__emulator/clock', { set: '2027-01-01T00:00:00.000Z' })
    expect(set.json).toEqual({ now: Date.UTC(2027, 0, 1), iso: '2027-01-01T00:00:00.000Z' })
    const { _id } = await t.db.collection('users').add({ data: { at: t.db.serverDate() } })
    expect((await t.db.collection('users').doc(_id).get()).data['at']).toEqual(
      new Date(Date.UTC(2027, 0, 1)),
    )
    expect((await post('/__emulator/clock', { advance: -5 })).status).toBe(400)
  })

  it('POST /__emulator/reset clears one environment and leaves others', async () => {
    await t.emu.database.collection('demo-other', 'users').insert({ openid: 'o_other' })
    await t.emu.storage.put('demo-control', 'r/x.txt', Buffer.from('x'))
    const res = await post('/__emulator/reset', { env: 'demo-control' })
    expect(res).toEqual({ status: 200, json: { ok: true, env: 'demo-control' } })
    expect((await t.db.collection('users').count()).total).toBe(0)
    expect(await t.emu.storage.list('demo-control')).toEqual([])
    expect(t.emu.database.collection('demo-other', 'users').count()).toBe(1)
    expect((await post('/__emulator/reset', { env: 'prod-x' })).status).toBe(400)
  })

  it('export writes canonical EJSON lines and files; --import brings them back', async () => {
    await t.db.createCollection('exported')
    await t.db.collection('exported').add({ data: { _id: 'e1', n: 1, at: new Date(1_000) } })
    await t.db.collection('exported').add({ data: { _id: 'e2', n: 2.5 } })
    await t.cloud.uploadFile({ cloudPath: 'dir/file.txt', fileContent: Buffer.from('导出的文件') })
    const dir = tempDir('export')
    const res = await post('/__emulator/export', { dir })
    expect(res.json).toMatchObject({ ok: true, files: 1 })
    const lines = readFileSync(join(dir, 'database', 'exported.jsonl'), 'utf8')
      .trim()
      .split('\n')
    expect(lines).toEqual([
      '{"_id":"e1","n":{"$numberInt":"1"},"at":{"$date":{"$numberLong":"1000"}}}',
      '{"_id":"e2","n":{"$numberDouble":"2.5"}}',
    ])
    expect(existsSync(join(dir, 'database', 'users.jsonl'))).toBe(true)
    expect(readFileSync(join(dir, 'storage', 'dir', 'file.txt'), 'utf8')).toBe('导出的文件')

    const imported = await startEmulator({
      port: 0,
      dataDir: tempDir('import'),
      envId: 'demo-control',
      importDir: dir,
      modules: [],
    })
    try {
      const db = connectSdk(imported.baseUrl, 'demo-control').database()
      const docs = (await db.collection('exported').orderBy('_id', 'asc').get()).data
      expect(docs).toEqual([
        { _id: 'e1', n: 1, at: new Date(1_000) },
        { _id: 'e2', n: 2.5 },
      ])
      expect((await imported.storage.get('demo-control', 'dir/file.txt'))?.toString('utf8')).toBe(
        '导出的文件',
      )
    } finally {
      await imported.stop()
      connectSdk(t.emu.baseUrl, 'demo-control')
    }
  })

  it('a real clock refuses to be moved', async () => {
    const real = await startEmulator({
      port: 0,
      dataDir: tempDir('real-clock'),
      inMemory: true,
      modules: [],
    })
    try {
      const res = await fetch(`${real.baseUrl}/__emulator/clock`, {
        method: 'POST',
        body: '{"advance":1}',
      })
      expect(res.status).toBe(409)
      expect(await res.json()).toMatchObject({ code: 'CLOCK_NOT_CONTROLLABLE' })
    } finally {
      await real.stop()
    }
  })

  it('refuses an env id that is not demo-* / local-*', async () => {
    await expect(startEmulator({ port: 0, envId: 'prod-123', modules: [] })).rejects.toThrow(
      'demo- 或 local-',
    )
  })

  it('the CLI exports on SIGTERM and exits cleanly', async () => {
    const exportDir = tempDir('cli-export')
    const child = await startChildEmulator([
      '--data',
      tempDir('cli-data'),
      '--env',
      'demo-cli',
      '--export-on-exit',
      exportDir,
    ])
    try {
      const db = connectSdk(child.baseUrl, 'demo-cli').database()
      await db.collection('users').add({ data: { _id: 'cli-user', openid: 'o_cli' } })
      child.process.kill('SIGTERM')
      expect(await child.exited).toBe(0)
      expect(readFileSync(join(exportDir, 'database', 'users.jsonl'), 'utf8')).toBe(
        '{"_id":"cli-user","openid":"o_cli"}\n',
      )
      expect(child.output()).toContain('收到 SIGTERM')
    } finally {
      child.process.kill('SIGKILL')
      connectSdk(t.emu.baseUrl, 'demo-control')
    }
  })
})

describe('start-up failures', () => {
  it('a broken import directory fails start-up naming the bad line', async () => {
    const dir = tempDir('bad-import')
    mkdirSync(join(dir, 'database'), { recursive: true })
    writeFileSync(join(dir, 'database', 'users.jsonl'), '{"_id":"ok"}\n{not ejson\n')
    await expect(
      startEmulator({ port: 0, dataDir: tempDir('bad-import-data'), importDir: dir, modules: [] }),
    ).rejects.toThrow('users.jsonl 第 2 行不是合法的 EJSON')
  })
})
