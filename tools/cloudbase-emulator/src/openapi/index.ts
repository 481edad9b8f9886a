// The `openapi` emulator module: the `wx.openApi` admin action behind `cloud.openapi.*` and
// `cloud.getVoIPSign`, with each function's `config.json` permissions.openapi allow-list, plus the
// control routes the web simulator uses (subscription grants) and inspection routes.
import { join } from 'node:path'
import type {
  AdminAction,
  AdminReply,
  EmulatorContext,
  EmulatorModule,
  HttpRoute,
} from '../server/contracts'
import type { FunctionsService } from '../functions/index'
import { repoRoot } from '../functions/index'
import type { InvocationInfo } from '../functions/runtime'
import { readJsonObject, requestUrl, sendControlError, sendJson } from '../functions/http-util'
import {
  API_TYPE,
  decodeCommApiData,
  decodeVoipSignReq,
  encodeOpenApiResponse,
  encodeVoipSignResp,
  pairsToParams,
} from './protobuf'
import {
  MediaCheckPusher,
  mediaCheckPushOptions,
  type DeliveryOutcome,
  type MediaCheckPushOptions,
} from './media-check-push'
import { mediaCheckAsync, msgSecCheck } from './security'
import { OpenApiState, type Grant, type GrantKind, type RecordedCall } from './state'
import { subscribeMessageSend } from './subscribe-message'
import type { OpenApiHandler } from './types'
import { cloudbaseGetVoipSign, signForCaller } from './voip'
import { sessionKeyFor } from './voip-sign'
import { WordListFile } from './words'
import { wxacodeGetUnlimited } from './wxacode'

export { sessionKeyFor, voipSignature } from './voip-sign'
export { wxacodeText } from './wxacode'
export { OUTBOX_COLLECTION, MEDIA_CHECK_COLLECTION, GRANTS_COLLECTION } from './state'
export type { Grant, GrantKind, RecordedCall } from './state'
export { PUSH_SOURCE, type DeliveryOutcome } from './media-check-push'

/** WeChat's platform-level error codes carried in CommOpenApiResp.errorCode. */
const API_NOT_FOUND = -604100
const NO_PERMISSION = -604101
const SYSTEM_ERROR = -604103

export interface OpenApiModuleOptions {
  /** Word list for content security; default `tools/cloudbase-emulator/openapi-words.json`. */
  readonly wordsPath?: string
  /** Repository whose `miniprogram/app.json` lists the valid pages. */
  readonly repoRoot?: string
  /**
   * Where and when mediaCheckAsync verdicts are pushed; defaults from
   * `EMULATOR_MEDIA_CHECK_PUSH_FUNCTION` / `EMULATOR_MEDIA_CHECK_DELAY_MS` (negative: on demand only).
   */
  readonly mediaCheckPush?: Partial<MediaCheckPushOptions>
}

/** `emu.service('openapi')`. */
export interface OpenApiService {
  grant(
    openid: string,
    templateIds: readonly string[],
    kind?: GrantKind,
    env?: string,
  ): Promise<Grant[]>
  grants(openid: string, env?: string): Promise<Grant[]>
  calls(): readonly RecordedCall[]
  onCall(listener: (call: RecordedCall) => void): () => void
  sessionKeyFor(openid: string): string
  /** Pushes pending mediaCheckAsync verdicts now (one trace id, or all undelivered). */
  deliverMediaChecks(traceId?: string, env?: string): Promise<DeliveryOutcome[]>
}

function bytesReply(resp: Parameters<typeof encodeOpenApiResponse>[0]): AdminReply {
  return {
    kind: 'bytes',
    contentType: 'application/octet-stream',
    body: encodeOpenApiResponse(resp),
  }
}

export function createOpenApiModule(opts: OpenApiModuleOptions = {}): EmulatorModule & {
  readonly api: OpenApiService
} {
  let emu: EmulatorContext | undefined
  const state = new OpenApiState(() => emu)
  const root = opts.repoRoot ?? repoRoot
  const words = new WordListFile(
    opts.wordsPath ??
      process.env['EMULATOR_OPENAPI_WORDS'] ??
      join(root, 'tools', 'cloudbase-emulator', 'openapi-words.json'),
  )
  const pusher = new MediaCheckPusher(() => emu, mediaCheckPushOptions(opts.mediaCheckPush))
  const handlers: Record<string, OpenApiHandler> = {
    'security.msgSecCheck': msgSecCheck(words),
    'security.mediaCheckAsync': mediaCheckAsync(words, (env, traceId) => {
      pusher.schedule(env, traceId)
    }),
    'subscribeMessage.send': subscribeMessageSend(root),
    'wxacode.getUnlimited': wxacodeGetUnlimited(root),
    'cloudbase.getVoIPSign': cloudbaseGetVoipSign,
  }

  const defaultEnv = (): string => emu?.envId ?? 'demo-local'
  const originOf = (token: unknown): InvocationInfo | undefined => {
    try {
      return emu?.service<FunctionsService>('functions').runtime().invocationForToken(token)
    } catch {
      return undefined
    }
  }

  const openApi: AdminAction = async (req, ctx) => {
    const apiName = typeof req.body['apiName'] === 'string' ? req.body['apiName'] : ''
    const raw = req.parts.get('requestData')
    const data = raw ? decodeCommApiData(raw) : undefined
    if (!data)
      return { kind: 'error', code: 'INVALID_PARAM', message: 'requestData 不是合法的 CommApiData' }
    const origin = originOf(req.body['wxCloudApiToken'])
    const caller = origin?.caller
    const record = (params: Record<string, unknown>, errcode: number): void =>
      state.record({
        apiName,
        function: origin?.function.name,
        openid: caller?.openid,
        params,
        errcode,
        at: ctx.clock.now(),
      })

    if (data.apiType === API_TYPE.SVRKIT_API) {
      const svrkitName = data.svrkit?.apiName ?? apiName
      if (svrkitName !== 'ApiVoipSign') {
        record({}, API_NOT_FOUND)
        return bytesReply({ errorCode: API_NOT_FOUND, httpCode: 200 })
      }
      const signReq = decodeVoipSignReq(data.svrkit?.reqData ?? new Uint8Array())
      if (!signReq) return bytesReply({ errorCode: SYSTEM_ERROR, httpCode: 200 })
      const out = signForCaller({ caller }, signReq.groupId, signReq.timestamp, signReq.nonce)
      record({ ...signReq }, out.ok ? 0 : out.errcode)
      if (!out.ok) {
        return out.errcode < 0
          ? bytesReply({ errorCode: out.errcode, httpCode: 200 })
          : bytesReply({ svrkitErrorCode: out.errcode, httpCode: 200 })
      }
      return bytesReply({
        svrkitErrorCode: 0,
        errorCode: 0,
        httpCode: 200,
        respData: encodeVoipSignResp(out.signature),
        contentType: 'application/octet-stream',
      })
    }

    const params = pairsToParams(data.pairs)
    if (origin && !origin.function.openapi.includes(apiName)) {
      record(params, NO_PERMISSION)
      ctx.log('openapi.denied', { function: origin.function.name, apiName })
      return bytesReply({ errorCode: NO_PERMISSION, httpCode: 200 })
    }
    const handler = handlers[apiName]
    if (!handler) {
      record(params, API_NOT_FOUND)
      return bytesReply({ errorCode: API_NOT_FOUND, httpCode: 200 })
    }
    try {
      const result = await handler({
        apiName,
        params,
        envName: req.envName,
        caller,
        functionName: origin?.function.name,
        emu: ctx,
        state,
      })
      if (result.kind === 'binary') {
        record(params, 0)
        return bytesReply({
          respData: result.body,
          contentType: result.contentType,
          errorCode: 0,
          httpCode: 200,
        })
      }
      const errcode = typeof result.body['errcode'] === 'number' ? result.body['errcode'] : 0
      record(params, errcode)
      return bytesReply({
        respData: Buffer.from(JSON.stringify(result.body)),
        contentType: 'application/json',
        errorCode: 0,
        httpCode: 200,
      })
    } catch (err) {
      ctx.log('openapi.error', {
        apiName,
        message: err instanceof Error ? err.message : String(err),
      })
      record(params, SYSTEM_ERROR)
      return bytesReply({ errorCode: SYSTEM_ERROR, httpCode: 200 })
    }
  }

  const api: OpenApiService = {
    grant: (openid, templateIds, kind = 'one-time', env) =>
      state.grant(env ?? defaultEnv(), openid, templateIds, kind),
    grants: (openid, env) => state.grantsOf(env ?? defaultEnv(), openid),
    calls: () => state.calls(),
    onCall: (listener) => state.onCall(listener),
    sessionKeyFor,
    deliverMediaChecks: (traceId, env) => pusher.deliver(env ?? defaultEnv(), traceId),
  }

  const routes: HttpRoute[] = [
    {
      // The web simulator calls this when a user accepts wx.requestSubscribeMessage.
      method: 'POST',
      path: '/__emulator/subscriptions',
      async handle(req, res) {
        try {
          const body = await readJsonObject(req)
          const openid = body['openid']
          const ids = body['templateIds']
          const kind = body['kind'] ?? 'one-time'
          if (typeof openid !== 'string' || openid === '') {
            sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'openid 不能为空' } })
            return
          }
          if (
            !Array.isArray(ids) ||
            ids.length === 0 ||
            !ids.every((x) => typeof x === 'string' && x !== '')
          ) {
            sendJson(res, 400, {
              error: { code: 'BAD_REQUEST', message: 'templateIds 必须是非空的字符串数组' },
            })
            return
          }
          if (kind !== 'one-time' && kind !== 'long-term') {
            sendJson(res, 400, {
              error: { code: 'BAD_REQUEST', message: 'kind 只能是 one-time 或 long-term' },
            })
            return
          }
          const env =
            typeof body['env'] === 'string' && body['env'] !== '' ? body['env'] : defaultEnv()
          sendJson(res, 200, { grants: await state.grant(env, openid, ids as string[], kind) })
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
    {
      method: 'GET',
      path: '/__emulator/subscriptions',
      async handle(req, res) {
        try {
          const q = requestUrl(req).searchParams
          const grants = await state.grantsOf(q.get('env') || defaultEnv(), q.get('openid') ?? '')
          sendJson(res, 200, { grants })
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
    {
      // Tests push pending verdicts now instead of waiting for the delay.
      method: 'POST',
      path: '/__emulator/media-checks/deliver',
      async handle(req, res) {
        try {
          const body = await readJsonObject(req)
          const traceId = body['traceId']
          if (traceId !== undefined && (typeof traceId !== 'string' || traceId === '')) {
            sendJson(res, 400, {
              error: { code: 'BAD_REQUEST', message: 'traceId 必须是非空字符串' },
            })
            return
          }
          const env =
            typeof body['env'] === 'string' && body['env'] !== '' ? body['env'] : defaultEnv()
          sendJson(res, 200, { delivered: await pusher.deliver(env, traceId) })
        } catch (err) {
          sendControlError(res, err)
        }
      },
    },
    {
      method: 'GET',
      path: '/__emulator/openapi/calls',
      handle(_req, res) {
        sendJson(res, 200, { calls: state.calls() })
        return Promise.resolve()
      },
    },
    {
      method: 'GET',
      path: '/__emulator/voip/session-key',
      handle(req, res) {
        const openid = requestUrl(req).searchParams.get('openid') ?? ''
        if (openid === '') {
          sendJson(res, 400, { error: { code: 'BAD_REQUEST', message: 'openid 不能为空' } })
          return Promise.resolve()
        }
        sendJson(res, 200, { openid, sessionKey: sessionKeyFor(openid) })
        return Promise.resolve()
      },
    },
  ]

  return {
    name: 'openapi',
    actions: { 'wx.openApi': openApi },
    routes,
    api,
    start(ctx) {
      emu = ctx
      return Promise.resolve()
    },
    stop() {
      pusher.stop()
      return Promise.resolve()
    },
  }
}

export const openApiModule = createOpenApiModule()
