// The `client` emulator module: the HTTP API the mini-program side (the web simulator's
// wx.cloud) talks to. Every call but login carries `Authorization: Bearer <token>`; database
// access is governed by the security rules in database/rules.json, storage by storage/rules.json.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { faultsOf } from '../faults/index'
import { loadRulesFile, RulesGuard, type RuleSet } from '../rules'
import type { EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import { allowLoopbackOrigin, answerPreflight } from './cors'
import type { DatabaseApi } from './database-api'
import { apiNameOf, handleClientDatabase } from './database-route'
import { ClientError, FunctionCallError, sendClientError, sendClientJson } from './errors'
import { readJsonBody, readRawBody, requireSession } from './request'
import { SessionStore } from './sessions'
import { storageAuthOf, tempUrls, uploadInput, type StorageApi } from './storage-routes'

export { SessionStore, bearerToken, DEFAULT_CLIENT_APPID } from './sessions'
export type { ClientSession, SessionSummary } from './sessions'
export type { DatabaseApi } from './database-api'
export { CLIENT_DEFAULT_LIMIT, CLIENT_MAX_LIMIT } from './database-route'
export { ClientSdkRequest, translateSdkAction, type ClientRequestConfig } from './sdk-request'

export interface ClientModuleOptions {
  /** Rules to enforce instead of the committed database/rules.json (tests). */
  readonly rules?: RuleSet
  readonly rulesPath?: string
}

/** `emu.service('client')`: sessions and the rules, shared with the realtime watch and console. */
export interface ClientService {
  readonly sessions: SessionStore
  readonly guard: RulesGuard
}

/** The function runtime's API as the client endpoint needs it (H4's `functions` module). */
interface FunctionsApi {
  invoke(
    name: string,
    event: unknown,
    caller: { openid: string; appid: string; unionid?: string; clientIp?: string; source: string },
  ): Promise<
    | { result: unknown; invocationId: string }
    | { error: { code: string; errCode: number; message: string }; invocationId: string }
  >
}

function loadRules(options: ClientModuleOptions): RuleSet {
  if (options.rules !== undefined) return options.rules
  const loaded = loadRulesFile(options.rulesPath)
  if (!loaded.ok) {
    throw new Error(`安全规则文件有误：\n${loaded.errors.map((e) => e.message).join('\n')}`)
  }
  return loaded.rules
}

/** Fault injection on the mini-program's own storage calls (see src/faults). */
function injectStorageFault(emu: EmulatorContext): void {
  if (faultsOf(emu)?.failStorage(undefined)) {
    throw new ClientError('STORAGE_FAILED', '存储请求失败（故障注入）')
  }
}

function clientIp(req: IncomingMessage): string {
  const address = req.socket.remoteAddress ?? '127.0.0.1'
  return address.startsWith('::ffff:') ? address.slice(7) : address
}

export function createClientModule(options: ClientModuleOptions = {}): EmulatorModule & {
  readonly api: ClientService
} {
  const rules = loadRules(options)
  let clockNow: () => number = () => Date.now()
  const sessions = new SessionStore(() => clockNow())
  const guard = new RulesGuard(rules, () => clockNow())
  const api: ClientService = { sessions, guard }

  const route = (
    path: string,
    api: string | ((body: Record<string, unknown>) => string),
    handle: (req: IncomingMessage, res: ServerResponse, emu: EmulatorContext) => Promise<unknown>,
    parseJson = true,
  ): HttpRoute => ({
    method: 'POST',
    path,
    async handle(req, res, emu) {
      allowLoopbackOrigin(req, res)
      let body: Record<string, unknown> = {}
      let apiName = typeof api === 'string' ? api : 'database'
      try {
        if (parseJson) {
          body = await readJsonBody(req)
          if (typeof api !== 'string') apiName = api(body)
        }
        const reply = await handle(Object.assign(req, { jsonBody: body }), res, emu)
        sendClientJson(res, 200, { ...(reply as Record<string, unknown>), errMsg: `${apiName}:ok` })
      } catch (err) {
        sendClientError(res, apiName, err)
      }
    },
  })

  const bodyOf = (req: IncomingMessage): Record<string, unknown> =>
    (req as IncomingMessage & { jsonBody: Record<string, unknown> }).jsonBody

  const routes: HttpRoute[] = [
    {
      method: 'OPTIONS',
      path: '/client/*',
      handle(req, res) {
        req.resume()
        answerPreflight(req, res)
        return Promise.resolve()
      },
    },
    route('/client/login', 'login', (req, _res, emu) => {
      const body = bodyOf(req)
      const result = sessions.login(body['openid'], body['appid'], body['unionid'])
      if (!result.ok) throw new ClientError('INVALID_PARAM', result.message)
      const s = result.session
      emu.log('client.login', { openid: s.openid, appid: s.appid })
      return Promise.resolve({ token: s.token, openid: s.openid, appid: s.appid, envId: emu.envId })
    }),
    route('/client/wsSign', 'auth.wsWebSign', (req, _res, emu) => {
      const session = requireSession(req, sessions)
      const wsUrl = `${emu.baseUrl().replace(/^http/, 'ws')}/client/ws?token=${encodeURIComponent(session.token)}`
      return Promise.resolve({
        data: { signStr: session.token, wsUrl, secretVersion: 1, envId: emu.envId },
      })
    }),
    route('/client/callFunction', 'cloud.callFunction', async (req, _res, emu) => {
      const session = requireSession(req, sessions)
      const body = bodyOf(req)
      const name = body['name']
      if (typeof name !== 'string' || name === '') {
        throw new ClientError('INVALID_PARAM', '缺少云函数名 name')
      }
      const functions = emu.service<FunctionsApi>('functions')
      const out = await functions.invoke(name, body['data'] ?? {}, {
        openid: session.openid,
        appid: session.appid,
        ...(session.unionid === undefined ? {} : { unionid: session.unionid }),
        clientIp: clientIp(req),
        source: 'wx_client',
      })
      if ('error' in out) throw new FunctionCallError(out.error)
      return { result: out.result, requestID: out.invocationId }
    }),
    route(
      '/client/uploadFile',
      'cloud.uploadFile',
      async (req, _res, emu) => {
        const session = requireSession(req, sessions)
        const input = uploadInput(req, await readRawBody(req))
        injectStorageFault(emu)
        const storage = emu.service<StorageApi>('storage')
        const auth = storageAuthOf(session)
        const saved = await storage.clientPut(emu.envId, input.cloudPath, input.content, auth)
        if (saved === undefined) {
          throw new ClientError(
            'STORAGE_EXCEED_AUTHORITY',
            `没有权限写入该文件：${input.cloudPath}`,
          )
        }
        return { fileID: saved.fileID, statusCode: 200 }
      },
      false,
    ),
    route('/client/getTempFileURL', 'cloud.getTempFileURL', async (req, _res, emu) => {
      const session = requireSession(req, sessions)
      injectStorageFault(emu)
      const storage = emu.service<StorageApi>('storage')
      const fileList = await tempUrls(storage, bodyOf(req)['fileList'], storageAuthOf(session))
      return { fileList }
    }),
    route('/client/database', apiNameOf, (req, _res, emu) => {
      const session = requireSession(req, sessions)
      const body = bodyOf(req)
      if (['add', 'update', 'remove'].includes(String(body['action']))) {
        const collection = typeof body['collection'] === 'string' ? body['collection'] : undefined
        if (
          faultsOf(emu)?.failDatabaseWrite(collection === undefined ? [] : [collection], undefined)
        ) {
          throw new ClientError(
            'DATABASE_REQUEST_FAILED',
            '数据库写入失败，未做任何修改（故障注入）',
          )
        }
      }
      return handleClientDatabase(body, session, {
        db: emu.service<DatabaseApi>('database'),
        guard,
        envId: emu.envId,
        now: () => emu.clock.now(),
      })
    }),
  ]

  return {
    name: 'client',
    routes,
    api,
    start(emu) {
      clockNow = () => emu.clock.now()
      return Promise.resolve()
    },
    stop() {
      sessions.clear()
      return Promise.resolve()
    },
  }
}
