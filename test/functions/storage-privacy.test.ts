import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createClientModule } from '../../tools/cloudbase-emulator/src/client'
import { createFunctionsModule } from '../../tools/cloudbase-emulator/src/functions/index'
import { startEmulator, type RunningEmulator } from '../../tools/cloudbase-emulator/src/index'
import { buildBundles } from './harness'

// Issue #9 at the storage layer: a stranger who holds another user's ID-photo fileID (leaked, or
// guessed from a pattern) asks the real client endpoint for it, as wx.cloud.getTempFileURL does,
// and gets no URL; the owner, who uploaded it, does. The photos are those of a real manual
// verification submitted through the real verifyIdentity function.

const OWNER = 'o_party_stranger'
const STRANGER = 'o_party_respondent'

let emu: RunningEmulator
let functionsRoot: string
let dataDir: string

async function post(path: string, body: unknown, token?: string, raw?: Buffer) {
  const res = await fetch(`${emu.baseUrl}${path}`, {
    method: 'POST',
    headers: {
      'content-type': raw === undefined ? 'application/json' : 'application/octet-stream',
      ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
    },
    body: raw === undefined ? JSON.stringify(body) : new Uint8Array(raw),
  })
  return (await res.json()) as Record<string, unknown>
}

async function login(openid: string): Promise<string> {
  return String((await post('/client/login', { openid }))['token'])
}

async function callAs(token: string, name: string, data: unknown) {
  const reply = await post('/client/callFunction', { name, data }, token)
  return reply['result'] as { ok: boolean; data?: Record<string, unknown>; error?: unknown }
}

async function uploadAs(token: string, cloudPath: string, bytes: Buffer): Promise<string> {
  const reply = await post(
    `/client/uploadFile?cloudPath=${encodeURIComponent(cloudPath)}`,
    undefined,
    token,
    bytes,
  )
  return String(reply['fileID'])
}

async function tempUrlAs(token: string, fileID: string) {
  const reply = await post('/client/getTempFileURL', { fileList: [fileID] }, token)
  return (reply['fileList'] as Record<string, unknown>[])[0]
}

beforeAll(async () => {
  functionsRoot = await buildBundles(['profile', 'verifyIdentity'])
  dataDir = mkdtempSync(join(tmpdir(), 'fn-storage-privacy-'))
  emu = await startEmulator({
    port: 0,
    dataDir,
    inMemory: true,
    modules: [createFunctionsModule({ functionsRoot }), createClientModule()],
  })
})

afterAll(async () => {
  await emu.stop()
  rmSync(functionsRoot, { recursive: true, force: true })
  rmSync(dataDir, { recursive: true, force: true })
})

describe('ID photos under the storage rule', () => {
  it('a stranger holding the fileID of another user’s ID photo gets no URL', async () => {
    const owner = await login(OWNER)
    const me = await callAs(owner, 'profile', { action: 'whoAmI', payload: {} })
    expect(me.ok).toBe(true)
    const prefix = String(me.data?.['storagePrefix'])
    const photo = (side: string) => Buffer.from(`证件照 ${side}`)
    const photos = {
      front: await uploadAs(owner, `${prefix}identity/front.png`, photo('front')),
      back: await uploadAs(owner, `${prefix}identity/back.png`, photo('back')),
      handheld: await uploadAs(owner, `${prefix}identity/hand.png`, photo('hand')),
    }
    const submitted = await callAs(owner, 'verifyIdentity', {
      action: 'submitManual',
      requestId: `req_storage_privacy_${Date.now().toString(36)}`,
      payload: {
        partyType: 'person',
        idType: 'resident_id',
        name: '赵磊',
        idNumber: '440305199007080084',
        photos,
      },
    })
    expect(submitted).toMatchObject({ ok: true, data: { status: 'manual_pending' } })

    const stranger = await login(STRANGER)
    for (const fileID of Object.values(photos)) {
      expect(await tempUrlAs(stranger, fileID)).toEqual({
        fileID,
        tempFileURL: '',
        maxAge: 86_400,
        status: -1,
        code: 'STORAGE_EXCEED_AUTHORITY',
        errMsg: '没有权限访问该文件',
      })
    }
    // Nor can the stranger replace a photo under review with one of their own.
    const overwrite = await post(
      `/client/uploadFile?cloudPath=${encodeURIComponent(`${prefix}identity/front.png`)}`,
      undefined,
      stranger,
      Buffer.from('替换的照片'),
    )
    expect(overwrite['code']).toBe('STORAGE_EXCEED_AUTHORITY')

    const own = await tempUrlAs(owner, photos.front)
    expect(own).toMatchObject({ status: 0, errMsg: 'ok' })
    const res = await fetch(String(own?.['tempFileURL']))
    expect(await res.text()).toBe('证件照 front')
  })
})
