import { createReadStream, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { sdkError, startSdkEmulator, tempDir, type SdkEmulator } from './support/sdk'

let t: SdkEmulator
const BUCKET = '6465-demo-storage-1250000000'

beforeAll(async () => {
  t = await startSdkEmulator('demo-storage', { clock: Date.UTC(2026, 5, 1) })
})

afterAll(async () => {
  await t.emu.stop()
})

async function fetchStatus(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url)
  return { status: res.status, body: await res.text() }
}

describe('storage through the real wx-server-sdk', () => {
  it('uploads a Buffer, serves it by temp URL and by downloadFile', async () => {
    const up = await t.cloud.uploadFile({
      cloudPath: 'avatars/u1.txt',
      fileContent: Buffer.from('你好，本地存储'),
    })
    expect(up.fileID).toBe(`cloud://demo-storage.${BUCKET}/avatars/u1.txt`)
    expect(up.errMsg).toBe('uploadFile:ok')
    const urls = await t.cloud.getTempFileURL({ fileList: [up.fileID] })
    const [entry] = urls.fileList
    expect(entry?.status).toBe(0)
    expect(
      entry?.tempFileURL.startsWith(`${t.emu.baseUrl}/__cos/demo-storage/avatars/u1.txt?`),
    ).toBe(true)
    expect(await fetchStatus(entry?.tempFileURL ?? '')).toEqual({
      status: 200,
      body: '你好，本地存储',
    })
    const down = await t.cloud.downloadFile({ fileID: up.fileID })
    expect(down.fileContent.toString('utf8')).toBe('你好，本地存储')
  })

  it('uploads a stream', async () => {
    const file = join(tempDir('stream'), 'big.bin')
    const content = Buffer.alloc(3 * 1024 * 1024 + 7, 7)
    writeFileSync(file, content)
    const up = await t.cloud.uploadFile({
      cloudPath: 'docs/big.bin',
      fileContent: createReadStream(file),
    })
    const down = await t.cloud.downloadFile({ fileID: up.fileID })
    expect(down.fileContent.equals(content)).toBe(true)
  })

  it('refuses an expired temp URL', async () => {
    const up = await t.cloud.uploadFile({
      cloudPath: 'tmp/expiring.txt',
      fileContent: Buffer.from('soon gone'),
    })
    const urls = await t.cloud.getTempFileURL({ fileList: [{ fileID: up.fileID, maxAge: 60 }] })
    const url = urls.fileList[0]?.tempFileURL ?? ''
    t.emu.clock.advance(59_000)
    expect((await fetchStatus(url)).status).toBe(200)
    t.emu.clock.advance(2_000)
    const expired = await fetchStatus(url)
    expect(expired.status).toBe(403)
    expect(expired.body).toContain('<Code>AccessDenied</Code>')
  })

  it('refuses a tampered signature, path or expiry', async () => {
    const up = await t.cloud.uploadFile({
      cloudPath: 'private/a.txt',
      fileContent: Buffer.from('secret a'),
    })
    await t.cloud.uploadFile({ cloudPath: 'private/b.txt', fileContent: Buffer.from('secret b') })
    const url = new URL(
      (await t.cloud.getTempFileURL({ fileList: [up.fileID] })).fileList[0]?.tempFileURL ?? '',
    )
    const sign = url.searchParams.get('sign') ?? ''
    const flipped = new URL(url)
    flipped.searchParams.set('sign', (sign[0] === 'a' ? 'b' : 'a') + sign.slice(1))
    expect((await fetchStatus(flipped.toString())).status).toBe(403)
    const otherPath = new URL(url)
    otherPath.pathname = otherPath.pathname.replace('a.txt', 'b.txt')
    expect((await fetchStatus(otherPath.toString())).status).toBe(403)
    const longer = new URL(url)
    longer.searchParams.set('t', String(Number(url.searchParams.get('t')) + 86_400))
    expect((await fetchStatus(longer.toString())).status).toBe(403)
    const unsigned = new URL(url)
    unsigned.search = ''
    expect((await fetchStatus(unsigned.toString())).status).toBe(403)
    expect((await fetchStatus(url.toString())).body).toBe('secret a')
  })

  it('deleteFile removes the object; later lookups report it missing', async () => {
    const up = await t.cloud.uploadFile({ cloudPath: 'gone/x.txt', fileContent: Buffer.from('x') })
    const del = await t.cloud.deleteFile({ fileList: [up.fileID] })
    expect(del.fileList).toEqual([expect.objectContaining({ fileID: up.fileID, status: 0 })])
    const urls = await t.cloud.getTempFileURL({ fileList: [up.fileID] })
    expect(urls.fileList[0]?.status).not.toBe(0)
    expect(urls.fileList[0]?.tempFileURL).toBe('')
    const again = await t.cloud.deleteFile({ fileList: [up.fileID] })
    expect(again.fileList[0]?.status).not.toBe(0)
  })

  it('refuses path traversal and absolute paths', async () => {
    for (const cloudPath of [
      '../escape.txt',
      'a/../../escape.txt',
      '/etc/passwd',
      'a//b.txt',
      'a\\b.txt',
    ]) {
      const err = await sdkError(t.cloud.uploadFile({ cloudPath, fileContent: Buffer.from('x') }))
      expect(err.errMsg).toMatch(/^uploadFile:fail/)
    }
    expect(await t.emu.storage.list('demo-storage')).not.toContain('escape.txt')
  })

  it('offers put/get/tempUrl to other modules', async () => {
    const { fileID } = await t.emu.storage.put(
      'demo-storage',
      'generated/report.txt',
      Buffer.from('调解书'),
    )
    expect(fileID).toBe(`cloud://demo-storage.${BUCKET}/generated/report.txt`)
    expect(
      (await t.emu.storage.get('demo-storage', 'generated/report.txt'))?.toString('utf8'),
    ).toBe('调解书')
    expect(await fetchStatus(t.emu.storage.tempUrl(fileID, 30))).toEqual({
      status: 200,
      body: '调解书',
    })
  })
})
