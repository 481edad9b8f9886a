// The `face` emulator module: stand-ins for the plain-HTTPS WeChat endpoints that have no cloud
// call (face verification 2.0 and access tokens), served under `<baseUrl>/wxapi` — the value the
// functions runtime puts in WX_API_BASE — plus the control route that decides each outcome.
import { createHmac } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import {
  BodyError,
  readJsonObject,
  requestUrl,
  sendControlError,
  sendJson,
} from '../functions/http-util'
import {
  VERIFY_RET,
  VERIFY_ID_TTL_SECONDS,
  VerificationStore,
  type FaceOutcome,
} from './verifications'

export { certHash, VERIFY_RET } from './verifications'
export type { FaceOutcome } from './verifications'

const TOKEN_TTL_SECONDS = 7200
const TOKEN_SALT = 'cloudbase-emulator/access-token/v1'

/** The emulator's access_token for an appid: stable, and self-checking so it survives restarts. */
export function accessTokenFor(appid: string): string {
  const mac = createHmac('sha256', TOKEN_SALT).update(appid).digest('hex').slice(0, 24)
  return `emu_at_${appid}_${mac}`
}

function appidOfToken(token: string): string | undefined {
  const m = /^emu_at_([A-Za-z0-9]+)_([0-9a-f]{24})$/.exec(token)
  if (!m || !m[1]) return undefined
  return accessTokenFor(m[1]) === token ? m[1] : undefined
}

function wx(
  res: ServerResponse,
  errcode: number,
  errmsg: string,
  extra: Record<string, unknown> = {},
): void {
  // WeChat answers API errors with HTTP 200 and an errcode.
  sendJson(res, 200, { errcode, errmsg, ...extra })
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : ''
}

/** Checks the access_token query parameter; answers the error itself and returns undefined. */
function authorise(req: IncomingMessage, res: ServerResponse): string | undefined {
  const token = requestUrl(req).searchParams.get('access_token')
  if (!token) {
    wx(res, 41001, 'access_token missing：缺少 access_token')
    return undefined
  }
  const appid = appidOfToken(token)
  if (!appid) {
    wx(res, 40001, 'invalid credential, access_token is invalid or not latest：access_token 无效')
    return undefined
  }
  return appid
}

async function jsonBody(
  req: IncomingMessage,
  res: ServerResponse,
): Promise<Record<string, unknown> | undefined> {
  try {
    return await readJsonObject(req)
  } catch (err) {
    if (err instanceof BodyError) {
      wx(res, 47001, `data format error：${err.message}`)
      return undefined
    }
    throw err
  }
}

function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return '*'
  return `${'*'.repeat(chars.length - 1)}${chars[chars.length - 1] ?? ''}`
}

export interface FaceService {
  /** Decides a pending verification, as the simulator's face sheet does. */
  decide(verifyId: string, outcome: FaceOutcome): { ok: true } | { ok: false; message: string }
  accessTokenFor(appid: string): string
}

export function createFaceModule(): EmulatorModule & { readonly api: FaceService } {
  let emu: EmulatorContext | undefined
  const store = new VerificationStore()
  const now = (): number => emu?.clock.now() ?? Date.now()

  const api: FaceService = {
    decide(verifyId, outcome) {
      const v = store.get(verifyId)
      if (!v) return { ok: false, message: '没有这个 verifyId' }
      if (now() > v.expiresAt) return { ok: false, message: 'verifyId 已过期' }
      if (v.outcome !== undefined) return { ok: false, message: '该核验已经有结果' }
      v.outcome = outcome
      v.decidedAt = now()
      emu?.log('face.decided', { verifyId, outcome })
      return { ok: true }
    },
    accessTokenFor,
  }

  const token = (appid: string, secret: string, res: ServerResponse): void => {
    if (!/^[A-Za-z0-9]+$/.test(appid)) {
      wx(res, 40013, 'invalid appid：appid 不合法')
      return
    }
    if (secret === '') {
      wx(res, 41004, 'appsecret missing：缺少 secret')
      return
    }
    sendJson(res, 200, { access_token: accessTokenFor(appid), expires_in: TOKEN_TTL_SECONDS })
  }

  const routes: HttpRoute[] = [
    {
      method: 'POST',
      path: '/wxapi/cgi-bin/stable_token',
      async handle(req, res) {
        const body = await jsonBody(req, res)
        if (!body) return
        if (body['grant_type'] !== 'client_credential') {
          wx(res, 40002, 'invalid grant_type：grant_type 必须是 client_credential')
          return
        }
        token(str(body['appid']), str(body['secret']), res)
      },
    },
    {
      method: 'GET',
      path: '/wxapi/cgi-bin/stable_token',
      handle(req, res) {
        const q = requestUrl(req).searchParams
        token(q.get('appid') ?? '', q.get('secret') ?? '', res)
        return Promise.resolve()
      },
    },
    {
      method: 'GET',
      path: '/wxapi/cgi-bin/token',
      handle(req, res) {
        const q = requestUrl(req).searchParams
        if (q.get('grant_type') !== 'client_credential') {
          wx(res, 40002, 'invalid grant_type：grant_type 必须是 client_credential')
          return Promise.resolve()
        }
        token(q.get('appid') ?? '', q.get('secret') ?? '', res)
        return Promise.resolve()
      },
    },
    {
      method: 'POST',
      path: '/wxapi/cityservice/face/identify/getverifyid',
      async handle(req, res) {
        const appid = authorise(req, res)
        if (!appid) return
        const body = await jsonBody(req, res)
        if (!body) return
        const outSeqNo = str(body['out_seq_no'])
        if (!/^[0-9A-Za-z_-]{5,32}$/.test(outSeqNo)) {
          wx(res, 47001, 'data format error：out_seq_no 须为 5-32 位字母、数字、下划线或连字符')
          return
        }
        const info = (body['cert_info'] ?? {}) as Record<string, unknown>
        const cert = {
          certType: str(info['cert_type']),
          certName: str(info['cert_name']),
          certNo: str(info['cert_no']),
        }
        if (cert.certType !== 'IDENTITY_CARD') {
          wx(res, 47001, 'data format error：cert_type 只支持 IDENTITY_CARD（中国大陆居民身份证）')
          return
        }
        if (cert.certName.trim() === '') {
          wx(res, 47001, 'data format error：cert_name 不能为空')
          return
        }
        if (!/^\d{17}[\dX]$/.test(cert.certNo)) {
          wx(res, 47001, 'data format error：cert_no 须为 18 位身份证号（末位 X 大写）')
          return
        }
        const openid = str(body['openid'])
        if (openid === '') {
          wx(res, 47001, 'data format error：openid 不能为空')
          return
        }
        const v = store.create({ appid, outSeqNo, openid, cert, now: now() })
        if (v === 'duplicate') {
          wx(res, 47001, 'data format error：out_seq_no 已使用过，须每次唯一')
          return
        }
        emu?.log('face.getverifyid', { verifyId: v.verifyId, openid })
        wx(res, 0, 'ok', { verify_id: v.verifyId, expires_in: VERIFY_ID_TTL_SECONDS })
      },
    },
    {
      method: 'POST',
      path: '/wxapi/cityservice/face/identify/queryverifyinfo',
      async handle(req, res) {
        const appid = authorise(req, res)
        if (!appid) return
        const body = await jsonBody(req, res)
        if (!body) return
        const v = store.get(str(body['verify_id']))
        if (!v || v.appid !== appid) {
          wx(res, 47001, 'data format error：verify_id 不存在')
          return
        }
        if (now() > v.expiresAt) {
          wx(res, 47001, 'data format error：verify_id 已过期')
          return
        }
        if (str(body['out_seq_no']) !== v.outSeqNo) {
          wx(res, 47001, 'data format error：out_seq_no 与 getverifyid 时不一致')
          return
        }
        if (str(body['openid']) !== v.openid) {
          wx(res, 47001, 'data format error：openid 与 getverifyid 时不一致')
          return
        }
        if (str(body['cert_hash']) !== v.certHash) {
          wx(res, 47001, 'data format error：cert_hash 与证件信息不匹配')
          return
        }
        // Until the user finishes the sheet there is no result: verify_ret 0 (never 10000).
        wx(res, 0, 'ok', { verify_ret: v.outcome ? VERIFY_RET[v.outcome] : 0 })
      },
    },
    {
      method: 'POST',
      path: '/__emulator/face/*',
      async handle(req, res) {
        try {
          const m = /^\/__emulator\/face\/([^/]+)\/outcome$/.exec(requestUrl(req).pathname)
          if (!m || !m[1]) {
            sendJson(res, 404, { error: { code: 'NOT_FOUND', message: '未知的控制接口' } })
            return
          }
          const body = await readJsonObject(req)
          const result = body['result']
          if (result !== 'success' && result !== 'mismatch' && result !== 'cancelled') {
            sendJson(res, 400, {
              error: {
                code: 'BAD_REQUEST',
                message: 'result 只能是 success、mismatch 或 cancelled',
              },
            })
            return
          }
          const verifyId = decodeURIComponent(m[1])
          const out = api.decide(verifyId, result)
          if (!out.ok) {
            sendJson(res, store.get(verifyId) ? 409 : 404, {
              error: { code: 'REJECTED', message: out.message },
            })
            return
          }
          sendJson(res, 200, { verifyId, result, verifyRet: VERIFY_RET[result] })
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
    {
      // What the simulator's face sheet shows: whose verification it is, with the name masked.
      method: 'GET',
      path: '/__emulator/face/*',
      handle(req, res) {
        const m = /^\/__emulator\/face\/([^/]+)$/.exec(requestUrl(req).pathname)
        const v = m && m[1] ? store.get(decodeURIComponent(m[1])) : undefined
        if (!v) {
          sendJson(res, 404, { error: { code: 'NOT_FOUND', message: '没有这个 verifyId' } })
          return Promise.resolve()
        }
        sendJson(res, 200, {
          verifyId: v.verifyId,
          openid: v.openid,
          certName: maskName(v.cert.certName),
          certNo: `${v.cert.certNo.slice(0, 1)}****************${v.cert.certNo.slice(-1)}`,
          expiresAt: v.expiresAt,
          outcome: v.outcome ?? null,
        })
        return Promise.resolve()
      },
    },
  ]

  return {
    name: 'face',
    routes,
    api,
    start(ctx) {
      emu = ctx
      return Promise.resolve()
    },
  }
}

export const faceModule = createFaceModule()
