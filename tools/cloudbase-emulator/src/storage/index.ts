import type { IncomingMessage, ServerResponse } from 'node:http'
import { join } from 'node:path'
import type { Readable } from 'node:stream'
import type { AdminRequest, EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import { isLocalEnvName } from '../server/env-names'
import { jsonReply, TcbCode, TcbError } from '../server/errors'
import type { RuleAuth, StorageOperation, StorageRules } from '../rules'
import { FileStore, type ObjectOwner } from './file-store'
import { bucketFor, checkCloudPath, fileIdFor, parseFileId } from './paths'
import { allowLoopbackOrigin } from '../client/cors'
import { UrlSigner } from './signing'

export { bucketFor, fileIdFor, parseFileId } from './paths'
export type { ObjectOwner } from './file-store'

/** How a client request for one file stands under the storage rule. */
export type ClientAccess = 'allowed' | 'denied' | 'missing'

/** getTempFileURL without `maxAge` gives one day, like CloudBase. */
export const DEFAULT_MAX_AGE_SEC = 86_400
const UPLOAD_URL_TTL_SEC = 900

/** `emu.service('storage')`. Paths are cloud paths inside the environment's bucket. */
export interface StorageService {
  /**
   * An admin write. It records no owner (server-made files have none) unless `openid` is given:
   * test arrangers use that to store a file as if that user had uploaded it.
   */
  put(
    env: string,
    cloudPath: string,
    content: Buffer | Readable,
    options?: { readonly openid?: string },
  ): Promise<{ fileID: string; size: number }>
  /**
   * A client upload by `auth`: judged by the storage rule's `write` against the object there
   * (or, for a new object, as the caller's own), under the object's lock; undefined when denied.
   */
  clientPut(
    env: string,
    cloudPath: string,
    content: Buffer,
    auth: RuleAuth,
  ): Promise<{ fileID: string; size: number } | undefined>
  /** Whether a client may `operation` this existing file under the storage rule. */
  clientAccess(fileId: string, operation: StorageOperation, auth: RuleAuth): Promise<ClientAccess>
  /** The uploader of a file (openid null: server-made), or undefined when there is no file. */
  owner(fileId: string): Promise<ObjectOwner | undefined>
  readonly rules: StorageRules
  get(env: string, cloudPath: string): Promise<Buffer | undefined>
  getByFileId(fileId: string): Promise<Buffer | undefined>
  delete(env: string, cloudPath: string): Promise<boolean>
  list(env: string): Promise<string[]>
  /** A signed URL served by the emulator, valid for `maxAgeSec` on the emulator clock. */
  tempUrl(fileId: string, maxAgeSec?: number): string
  fileIdFor(env: string, cloudPath: string): string
  clear(env?: string): Promise<void>
  readonly store: FileStore
}

export interface StorageModuleOptions {
  /** Objects go under `<dir>/<env>/…`; the URL secret in `<dir>/../url-secret`. */
  readonly dir: string
  readonly secretFile?: string
  /** The storage security rule client requests are judged by (storage/rules.json, or a test's). */
  readonly rules: StorageRules
}

function cosError(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/xml' })
  res.end(
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error><Code>${code}</Code><Message>${message}</Message>` +
      `<Resource></Resource><RequestId>local</RequestId><TraceId>local</TraceId></Error>`,
  )
}

/** `/__cos/<env>/<path>` → env and cloud path, or undefined when malformed. */
function objectOf(url: URL): { env: string; path: string } | undefined {
  const rest = url.pathname.slice('/__cos/'.length)
  const slash = rest.indexOf('/')
  if (slash <= 0) return undefined
  try {
    const env = decodeURIComponent(rest.slice(0, slash))
    const path = rest
      .slice(slash + 1)
      .split('/')
      .map(decodeURIComponent)
      .join('/')
    if (!isLocalEnvName(env)) return undefined
    return { env, path: checkCloudPath(path) }
  } catch {
    return undefined
  }
}

export function createStorageModule(options: StorageModuleOptions): EmulatorModule & {
  readonly api: StorageService
} {
  const store = new FileStore(options.dir)
  const signer = UrlSigner.fromFile(options.secretFile ?? join(options.dir, '..', 'url-secret'))
  let context: EmulatorContext | undefined
  const emu = (): EmulatorContext => {
    if (context === undefined) throw new Error('存储模块尚未启动')
    return context
  }

  const signedUrl = (purpose: 'get' | 'put', env: string, path: string, ttlSec: number): string => {
    const expires = Math.floor(emu().clock.now() / 1000) + ttlSec
    const sign = signer.sign(purpose, env, path, expires)
    // Raw path characters on purpose: node-sdk's downloadFile runs encodeURI over the URL.
    return `${emu().baseUrl()}/__cos/${env}/${path}?t=${expires}&sign=${sign}`
  }

  const tempUrl = (fileId: string, maxAgeSec: number = DEFAULT_MAX_AGE_SEC): string => {
    const { env, path } = parseFileId(fileId)
    return signedUrl('get', env, path, maxAgeSec)
  }

  const authorised = (
    req: IncomingMessage,
    purpose: 'get' | 'put',
  ): { env: string; path: string } | string => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1')
    const target = objectOf(url)
    if (target === undefined) return '对象路径不合法'
    const t = Number(url.searchParams.get('t'))
    const sign = url.searchParams.get('sign') ?? ''
    if (!Number.isInteger(t) || !/^[0-9a-f]{64}$/.test(sign)) return '缺少签名'
    if (!signer.verify(purpose, target.env, target.path, t, sign)) return '签名不匹配'
    if (t * 1000 <= emu().clock.now()) return '链接已过期'
    return target
  }

  const routes: HttpRoute[] = [
    {
      method: 'PUT',
      path: '/__cos/*',
      handle: async (req, res) => {
        const target = authorised(req, 'put')
        if (typeof target === 'string') {
          req.resume()
          cosError(res, 403, 'AccessDenied', target)
          return
        }
        await store.put(target.env, target.path, req)
        res.writeHead(200, { 'content-length': '0' })
        res.end()
      },
    },
    {
      method: 'GET',
      path: '/__cos/*',
      handle: async (req, res) => {
        const target = authorised(req, 'get')
        if (typeof target === 'string') {
          cosError(res, 403, 'AccessDenied', target)
          return
        }
        const size = await store.size(target.env, target.path)
        if (size === undefined) {
          cosError(res, 404, 'NoSuchKey', '文件不存在')
          return
        }
        // The web simulator's wx.downloadFile fetches temp URLs from its own loopback port; the
        // signature is the authorisation, so a loopback page may read the bytes.
        allowLoopbackOrigin(req, res)
        res.writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': String(size),
        })
        const stream = store.stream(target.env, target.path)
        // A file deleted mid-download must end this response, not the process.
        stream.on('error', () => res.destroy())
        stream.pipe(res)
      },
    },
  ]

  const fileList = (req: AdminRequest, field: string): unknown[] => {
    const list = req.body[field]
    if (!Array.isArray(list)) throw new TcbError(TcbCode.INVALID_PARAM, `${field} 必须是数组`)
    return list
  }

  const resourceOf = (path: string, owner: ObjectOwner) =>
    owner.openid === null ? { path } : { path, openid: owner.openid }

  const api: StorageService = {
    put: async (env, cloudPath, content, options = {}) => {
      const path = checkCloudPath(cloudPath)
      const size = await store.put(env, path, content, options.openid ?? null)
      return { fileID: fileIdFor(env, path), size }
    },
    clientPut: async (env, cloudPath, content, auth) => {
      const path = checkCloudPath(cloudPath)
      const openid = auth.openid ?? null
      const size = await store.put(env, path, content, openid, (current) =>
        options.rules.allows(
          'write',
          auth,
          resourceOf(path, current ?? { openid }),
          emu().clock.now(),
        ),
      )
      return size === undefined ? undefined : { fileID: fileIdFor(env, path), size }
    },
    clientAccess: async (fileId, operation, auth) => {
      const { env, path } = parseFileId(fileId)
      const owner = await store.owner(env, path)
      if (owner === undefined) return 'missing'
      const allowed = options.rules.allows(
        operation,
        auth,
        resourceOf(path, owner),
        emu().clock.now(),
      )
      return allowed ? 'allowed' : 'denied'
    },
    owner: (fileId) => {
      const { env, path } = parseFileId(fileId)
      return store.owner(env, path)
    },
    rules: options.rules,
    get: (env, cloudPath) => store.read(env, checkCloudPath(cloudPath)),
    getByFileId: (fileId) => {
      const { env, path } = parseFileId(fileId)
      return store.read(env, path)
    },
    delete: (env, cloudPath) => store.delete(env, checkCloudPath(cloudPath)),
    list: (env) => store.list(env),
    tempUrl,
    fileIdFor: (env, cloudPath) => fileIdFor(env, checkCloudPath(cloudPath)),
    clear: (env) => store.clear(env),
    store,
  }

  return {
    name: 'storage',
    routes,
    api,
    start: (ctx) => {
      context = ctx
      return Promise.resolve()
    },
    actions: {
      'storage.getUploadMetadata': (req) => {
        const path = checkCloudPath(req.body['path'])
        const url = signedUrl('put', req.envName, path, UPLOAD_URL_TTL_SEC)
        return Promise.resolve(
          jsonReply({
            data: {
              url,
              token: 'local-emulator',
              authorization: 'local-emulator',
              fileId: fileIdFor(req.envName, path),
              cosFileId: `${bucketFor(req.envName)}/${path}`,
            },
          }),
        )
      },

      'storage.batchGetDownloadUrl': async (req) => {
        const list = fileList(req, 'file_list')
        const downloadList = []
        for (const item of list) {
          const entry = item as { fileid?: unknown; max_age?: unknown }
          const fileID = String(entry.fileid)
          const maxAge =
            typeof entry.max_age === 'number' && entry.max_age > 0
              ? Math.floor(entry.max_age)
              : DEFAULT_MAX_AGE_SEC
          try {
            const { env, path } = parseFileId(entry.fileid)
            if ((await store.size(env, path)) === undefined) {
              downloadList.push({ fileID, tempFileURL: '', code: TcbCode.STORAGE_FILE_NONEXIST })
            } else {
              downloadList.push({
                fileID,
                tempFileURL: signedUrl('get', env, path, maxAge),
                code: 'SUCCESS',
                maxAge,
              })
            }
          } catch (err) {
            const code = err instanceof TcbError ? err.code : TcbCode.STORAGE_REQUEST_FAIL
            downloadList.push({ fileID, tempFileURL: '', code })
          }
        }
        return jsonReply({ data: { download_list: downloadList } })
      },

      'storage.batchDeleteFile': async (req) => {
        const list = fileList(req, 'fileid_list')
        const deleteList = []
        for (const fileID of list) {
          try {
            const { env, path } = parseFileId(fileID)
            const deleted = await store.delete(env, path)
            deleteList.push({ fileID, code: deleted ? 'SUCCESS' : TcbCode.STORAGE_FILE_NONEXIST })
          } catch (err) {
            deleteList.push({
              fileID,
              code: err instanceof TcbError ? err.code : TcbCode.STORAGE_REQUEST_FAIL,
            })
          }
        }
        return jsonReply({ data: { delete_list: deleteList } })
      },
    },
  }
}
