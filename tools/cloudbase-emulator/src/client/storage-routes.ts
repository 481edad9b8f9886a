// POST /client/uploadFile and /client/getTempFileURL. Uploads are multipart (a `cloudPath` field
// and a `file` part, as wx.cloud.uploadFile sends) or a raw body with `?cloudPath=`. Both are
// judged by the storage security rule (storage/rules.json), as CloudBase judges client requests.
import type { IncomingMessage } from 'node:http'
import type { RuleAuth } from '../rules'
import { boundaryOf, parseMultipart } from '../server/multipart'
import type { StorageService } from '../storage/index'
import { ClientError } from './errors'
import type { ClientSession } from './sessions'

/** The part of `emu.service('storage')` the client endpoint uses. */
export type StorageApi = Pick<StorageService, 'clientPut' | 'clientAccess' | 'tempUrl'>

/** What a storage rule sees as `auth` for a signed-in mini-program user. */
export function storageAuthOf(session: ClientSession): RuleAuth {
  return {
    openid: session.openid,
    appid: session.appid,
    loginType: 'WECHAT-OPEN',
    ...(session.unionid === undefined ? {} : { unionid: session.unionid }),
  }
}

/** CloudBase's answer to a client that the storage rule refuses. */
export const STORAGE_DENIED_MESSAGE = '没有权限访问该文件'

export interface UploadInput {
  readonly cloudPath: string
  readonly content: Buffer
}

const MAX_CLOUD_PATH = 1024

function checkedCloudPath(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new ClientError('INVALID_PARAM', '缺少 cloudPath')
  }
  if (value.length > MAX_CLOUD_PATH) throw new ClientError('INVALID_PARAM', 'cloudPath 过长')
  return value
}

export function uploadInput(req: IncomingMessage, body: Buffer): UploadInput {
  const contentType = req.headers['content-type'] ?? ''
  const url = new URL(req.url ?? '/', 'http://127.0.0.1')
  if (/^multipart\/form-data/i.test(contentType)) {
    const boundary = boundaryOf(contentType)
    const parts = boundary === undefined ? undefined : parseMultipart(body, boundary)
    if (parts === undefined) throw new ClientError('INVALID_PARAM', 'multipart 请求体格式不正确')
    const pathPart = parts.find((part) => part.name === 'cloudPath')
    const filePart =
      parts.find((part) => part.filename !== undefined) ?? parts.find((p) => p.name === 'file')
    if (filePart === undefined) throw new ClientError('INVALID_PARAM', '缺少文件内容（file 字段）')
    return {
      cloudPath: checkedCloudPath(
        pathPart?.data.toString('utf8') ?? url.searchParams.get('cloudPath'),
      ),
      content: filePart.data,
    }
  }
  return { cloudPath: checkedCloudPath(url.searchParams.get('cloudPath')), content: body }
}

export interface TempUrlEntry {
  readonly fileID: string
  readonly tempFileURL: string
  readonly maxAge: number
  readonly status: number
  /** Set on a refused entry: the CloudBase error code name. */
  readonly code?: string
  readonly errMsg: string
}

const DEFAULT_MAX_AGE = 86_400

/** `fileList` as wx.cloud.getTempFileURL takes it: fileIDs, or `{ fileID, maxAge }` objects. */
export async function tempUrls(
  storage: StorageApi,
  fileList: unknown,
  auth: RuleAuth,
): Promise<TempUrlEntry[]> {
  if (!Array.isArray(fileList) || fileList.length === 0) {
    throw new ClientError('INVALID_PARAM', 'fileList 必须是非空数组')
  }
  if (fileList.length > 50) throw new ClientError('INVALID_PARAM', 'fileList 最多 50 项')
  const out: TempUrlEntry[] = []
  for (const item of fileList as unknown[]) {
    const record = (typeof item === 'object' && item !== null ? item : {}) as Record<
      string,
      unknown
    >
    const fileID = typeof item === 'string' ? item : record['fileID']
    const rawAge = typeof item === 'string' ? undefined : record['maxAge']
    const maxAge = typeof rawAge === 'number' && rawAge > 0 ? Math.floor(rawAge) : DEFAULT_MAX_AGE
    if (typeof fileID !== 'string' || !fileID.startsWith('cloud://')) {
      out.push({
        fileID: String(fileID),
        tempFileURL: '',
        maxAge,
        status: -1,
        errMsg: 'fileID 不合法',
      })
      continue
    }
    // A fileID naming another environment or bucket is, for this caller, a missing file.
    const access = await accessOf(storage, fileID, auth)
    if (access === 'allowed') {
      out.push({
        fileID,
        tempFileURL: storage.tempUrl(fileID, maxAge),
        maxAge,
        status: 0,
        errMsg: 'ok',
      })
    } else if (access === 'denied') {
      out.push({
        fileID,
        tempFileURL: '',
        maxAge,
        status: -1,
        code: 'STORAGE_EXCEED_AUTHORITY',
        errMsg: STORAGE_DENIED_MESSAGE,
      })
    } else {
      out.push({ fileID, tempFileURL: '', maxAge, status: -1, errMsg: '文件不存在' })
    }
  }
  return out
}

async function accessOf(
  storage: StorageApi,
  fileID: string,
  auth: RuleAuth,
): Promise<'allowed' | 'denied' | 'missing'> {
  try {
    return await storage.clientAccess(fileID, 'read', auth)
  } catch {
    return 'missing'
  }
}
