import { ApiFail, asyncApi } from './promisify'
import { session } from '../session'
import { setCloudResolver } from '../resources'
import { tempFiles } from './files'
import { createDatabase, type SimDatabase } from './cloud-database'

// wx.cloud against the local CloudBase emulator's client endpoint (default
// http://127.0.0.1:8790, `?cloud=` on the phone page overrides it). The simulated user logs in
// with its OPENID once; every call then carries the bearer token, so the emulator applies
// that user's identity and the security rules.

const params = new URLSearchParams(location.search)
const base = (params.get('cloud') ?? 'http://127.0.0.1:8790').replace(/\/$/, '')

/**
 * Tells the emulator what happened on the simulated WeChat platform (face sheet outcome,
 * subscribe-prompt grants) — what real WeChat knows without being told.
 */
export async function platformControl(path: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/__emulator/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`模拟器控制接口 ${path} 失败：HTTP ${res.status}`)
}

const state = { env: '' as string, token: null as Promise<string> | null, inited: false }

interface ClientReply {
  errMsg?: string
  errCode?: number
  [k: string]: unknown
}

async function post(
  path: string,
  body: BodyInit,
  headers: Record<string, string>,
): Promise<ClientReply> {
  let res: Response
  try {
    res = await fetch(`${base}${path}`, { method: 'POST', body, headers })
  } catch (e) {
    throw new ApiFail(
      `无法连接本地云开发模拟器 ${base}（${e instanceof Error ? e.message : String(e)}）`,
      {
        errCode: -601001,
      },
    )
  }
  const reply = (await res.json().catch(() => ({}))) as ClientReply
  if (!res.ok) {
    const msg = (reply.errMsg ?? `HTTP ${res.status}`).replace(/^[\w.]+:fail /, '')
    throw new ApiFail(msg, { ...(reply.errCode === undefined ? {} : { errCode: reply.errCode }) })
  }
  return reply
}

function token(): Promise<string> {
  if (!state.token) {
    state.token = post(
      '/client/login',
      JSON.stringify({ openid: session.openid, appid: session.appId }),
      {
        'content-type': 'application/json',
      },
    ).then((r) => String(r['token']))
    state.token.catch(() => {
      state.token = null
    })
  }
  return state.token
}

async function authed(path: string, body: unknown): Promise<ClientReply> {
  const t = await token()
  return post(path, JSON.stringify(body), {
    'content-type': 'application/json',
    authorization: `Bearer ${t}`,
  })
}

function requireInit(api: string): void {
  if (!state.inited) throw new ApiFail(`请先调用 wx.cloud.init()（${api}）`)
}

function strip(reply: ClientReply): Record<string, unknown> {
  const { errMsg: _e, ...rest } = reply
  return rest
}

async function tempUrl(fileId: string): Promise<string> {
  const r = await authed('/client/getTempFileURL', { fileList: [fileId] })
  const first = (r['fileList'] as { tempFileURL?: string }[] | undefined)?.[0]
  if (!first?.tempFileURL) throw new Error(`无法获取文件地址 ${fileId}`)
  return first.tempFileURL
}

export const cloud = {
  init: (
    o: {
      env?: string | { database?: string; functions?: string; storage?: string }
      traceUser?: boolean
    } = {},
  ) => {
    state.env = typeof o.env === 'string' ? o.env : (o.env?.functions ?? '')
    state.inited = true
    setCloudResolver(tempUrl)
  },
  callFunction: asyncApi('cloud.callFunction', async (o: { name: string; data?: unknown }) => {
    requireInit('callFunction')
    if (!o.name) throw new ApiFail('缺少云函数名 name')
    return strip(await authed('/client/callFunction', { name: o.name, data: o.data ?? {} }))
  }),
  uploadFile: asyncApi('cloud.uploadFile', async (o: { cloudPath: string; filePath: string }) => {
    requireInit('uploadFile')
    const blob = tempFiles.get(o.filePath) ?? (await (await fetch(o.filePath)).blob())
    const form = new FormData()
    form.append('cloudPath', o.cloudPath)
    form.append('file', blob, o.cloudPath.split('/').pop() ?? 'file')
    const t = await token()
    return strip(await post('/client/uploadFile', form, { authorization: `Bearer ${t}` }))
  }),
  getTempFileURL: asyncApi('cloud.getTempFileURL', async (o: { fileList: unknown[] }) => {
    requireInit('getTempFileURL')
    return strip(await authed('/client/getTempFileURL', { fileList: o.fileList }))
  }),
  database: (o: { env?: string } = {}): SimDatabase => {
    requireInit('database')
    return createDatabase({ env: o.env ?? state.env, baseUrl: base, token })
  },
}
