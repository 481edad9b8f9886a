import { TcbCode, TcbError } from '../server/errors'
import { isLocalEnvName } from '../server/env-names'

/** The emulator's stand-in for the COS app id part of a CloudBase bucket name. */
const APP_ID = '1250000000'

/** CloudBase bucket names are `<hex of the env's first two chars>-<env>-<appid>`. */
export function bucketFor(env: string): string {
  return `${Buffer.from(env.slice(0, 2)).toString('hex')}-${env}-${APP_ID}`
}

export function fileIdFor(env: string, path: string): string {
  return `cloud://${env}.${bucketFor(env)}/${path}`
}

/**
 * A cloud path must stay inside its environment's folder: no `..` or `.` segments, no absolute
 * or drive paths, no backslashes or control characters, and none of `?#%`, which would change
 * the meaning of the temp URL that serves it.
 */
export function checkCloudPath(path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new TcbError(TcbCode.INVALID_PARAM, '云端路径不能为空')
  }
  // eslint-disable-next-line no-control-regex
  const bad = /[\\?#%\u0000-\u001f]/.test(path) || path.startsWith('/') || /^[A-Za-z]:/.test(path)
  const segments = path.split('/')
  if (bad || segments.some((s) => s === '' || s === '.' || s === '..') || path.length > 1024) {
    throw new TcbError(TcbCode.STORAGE_INVALID_PATH, `云端路径不合法：${path}`)
  }
  return path
}

export interface ParsedFileId {
  readonly env: string
  readonly path: string
}

export function parseFileId(fileId: unknown): ParsedFileId {
  const match =
    typeof fileId === 'string' ? /^cloud:\/\/([^./]+)\.([^/]+)\/(.+)$/.exec(fileId) : null
  const env = match?.[1]
  const bucket = match?.[2]
  const path = match?.[3]
  if (env === undefined || bucket === undefined || path === undefined || !isLocalEnvName(env)) {
    throw new TcbError(TcbCode.INVALID_PARAM, `文件 ID 不合法：${String(fileId)}`)
  }
  if (bucket !== bucketFor(env)) {
    throw new TcbError(TcbCode.STORAGE_FILE_NONEXIST, `存储桶 ${bucket} 不存在`)
  }
  return { env, path: checkCloudPath(path) }
}
