import { describe, expect, it } from 'vitest'
import {
  createControlledClock,
  createRealClock,
} from '../../tools/cloudbase-emulator/src/server/clock'
import { isLocalEnvName } from '../../tools/cloudbase-emulator/src/server/env-names'
import { parseMultipart } from '../../tools/cloudbase-emulator/src/server/multipart'
import { sdkEnvFor } from '../../tools/cloudbase-emulator/src/index'
import {
  bucketFor,
  checkCloudPath,
  fileIdFor,
  parseFileId,
} from '../../tools/cloudbase-emulator/src/storage/paths'
import { UrlSigner } from '../../tools/cloudbase-emulator/src/storage/signing'

describe('multipart parser', () => {
  it('splits text and binary parts', () => {
    const bin = Buffer.from([0, 1, 2, 0x0d, 0x0a, 255])
    const body = Buffer.concat([
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="action"\r\n\r\nwx.openApi\r\n'),
      Buffer.from('--b1\r\nContent-Disposition: form-data; name="requestData"; filename="d"\r\n'),
      Buffer.from('Content-Type: application/octet-stream\r\n\r\n'),
      bin,
      Buffer.from('\r\n--b1--\r\n'),
    ])
    const parts = parseMultipart(body, 'b1')
    expect(parts?.map((p) => [p.name, p.filename, p.contentType])).toEqual([
      ['action', undefined, undefined],
      ['requestData', 'd', 'application/octet-stream'],
    ])
    expect(parts?.[0]?.data.toString()).toBe('wx.openApi')
    expect(parts?.[1]?.data.equals(bin)).toBe(true)
  })

  it('returns undefined for a truncated body', () => {
    expect(
      parseMultipart(
        Buffer.from('--b1\r\nContent-Disposition: form-data; name="a"\r\n\r\nno end'),
        'b1',
      ),
    ).toBeUndefined()
  })
})

describe('env names and the SDK environment', () => {
  it('accepts only demo-* and local-*', () => {
    expect(['demo-local', 'local-env-1a2b3c', 'demo-x_y'].map(isLocalEnvName)).toEqual([
      true,
      true,
      true,
    ])
    expect(['prod-9gxyz', 'demo-', 'demo-a/b', '', 42].map(isLocalEnvName)).toEqual([
      false,
      false,
      false,
      false,
      false,
    ])
  })

  it('sdkEnvFor gives the SCF-shaped environment', () => {
    const env = sdkEnvFor('http://127.0.0.1:8790/', { openid: 'o1', envId: 'demo-x' })
    expect(env).toMatchObject({
      TCB_CONTEXT_CNFG: '{"URL":"http://127.0.0.1:8790/admin"}',
      TENCENTCLOUD_RUNENV: 'SCF',
      TCB_ENV: 'demo-x',
      SCF_NAMESPACE: 'demo-x',
      WX_OPENID: 'o1',
      WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
    })
    expect(env['TENCENTCLOUD_SECRETID']).not.toBe('')
  })
})

describe('storage paths and signatures', () => {
  it('builds and parses file IDs', () => {
    expect(bucketFor('demo-local')).toBe('6465-demo-local-1250000000')
    const id = fileIdFor('demo-local', 'a/b.png')
    expect(id).toBe('cloud://demo-local.6465-demo-local-1250000000/a/b.png')
    expect(parseFileId(id)).toEqual({ env: 'demo-local', path: 'a/b.png' })
    expect(() => parseFileId('cloud://demo-local.wrong-bucket/a')).toThrow('存储桶')
    expect(() => parseFileId('https://example.com/a')).toThrow('文件 ID 不合法')
  })

  it('refuses traversal, absolute and ambiguous paths', () => {
    for (const bad of [
      '../x',
      'a/../b',
      '/x',
      'C:/x',
      'a//b',
      'a/./b',
      'a\\b',
      'a?b',
      'a#b',
      'a%2e',
      '',
    ]) {
      expect(() => checkCloudPath(bad)).toThrow()
    }
    expect(checkCloudPath('案件/材料 1.pdf')).toBe('案件/材料 1.pdf')
  })

  it('signatures bind purpose, env, path and expiry', () => {
    const signer = UrlSigner.ephemeral()
    const sig = signer.sign('get', 'demo-local', 'a.txt', 100)
    expect(signer.verify('get', 'demo-local', 'a.txt', 100, sig)).toBe(true)
    expect(signer.verify('put', 'demo-local', 'a.txt', 100, sig)).toBe(false)
    expect(signer.verify('get', 'demo-other', 'a.txt', 100, sig)).toBe(false)
    expect(signer.verify('get', 'demo-local', 'b.txt', 100, sig)).toBe(false)
    expect(signer.verify('get', 'demo-local', 'a.txt', 101, sig)).toBe(false)
    expect(UrlSigner.ephemeral().verify('get', 'demo-local', 'a.txt', 100, sig)).toBe(false)
  })
})

describe('clocks', () => {
  it('a controlled clock moves only when told and notifies subscribers', () => {
    const clock = createControlledClock(1000)
    const seen: number[] = []
    const off = clock.subscribe((now) => seen.push(now))
    clock.advance(500)
    clock.set(5000)
    off()
    clock.advance(1)
    expect(clock.now()).toBe(5001)
    expect(seen).toEqual([1500, 5000])
  })

  it('a real clock cannot be moved', () => {
    const clock = createRealClock()
    expect(clock.controllable).toBe(false)
    expect(() => clock.advance(1)).toThrow('时钟不可控')
  })
})
