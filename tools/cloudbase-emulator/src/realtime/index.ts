// The `realtime` emulator module: CloudBase's realtime WebSocket protocol on the emulator's one
// port. `/ws` is the admin entry (the ticket comes from the `auth.wsWebSign` admin action);
// `/client/ws?token=…` is a signed-in client, whose watches only ever see what its read rules allow.
import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { WebSocketServer, type RawData, type WebSocket } from 'ws'
import type { ClientService } from '../client'
import { compileRules, RulesGuard } from '../rules'
import { hasCollection, type DatabaseApi } from '../client/database-api'
import type { AdminAction, EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import { RealtimeConnection, type ConnectionIdentity } from './connection'
import type { Doc } from './diff'
import type { WatchSpec } from './watch'

export { WATCH_DOC_CAP } from './watch'

/** Frames above this are refused by the socket (CloudBase documents far smaller messages). */
const MAX_FRAME_BYTES = 1024 * 1024
/** Admin tickets stay valid this long, like the SDK's own 60 s cache of them. */
const SIGN_TTL_MS = 10 * 60 * 1000

function clientService(emu: EmulatorContext): ClientService | undefined {
  try {
    return emu.service<ClientService>('client')
  } catch {
    return undefined
  }
}

function denyAll(now: () => number): RulesGuard {
  const empty = compileRules({})
  if (!empty.ok) throw new Error('empty rules must compile')
  return new RulesGuard(empty.rules, now)
}

export interface RealtimeService {
  /** Open connections by kind, for the console and tests. */
  connections(): { admin: number; client: number; watches: number }
}

export function createRealtimeModule(): EmulatorModule & { readonly api: RealtimeService } {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES })
  const open = new Map<WebSocket, { conn: RealtimeConnection; kind: 'admin' | 'client' }>()
  const signs = new Map<string, number>()
  let unsubscribe: (() => void) | undefined
  let sequence = 0

  const newId = (prefix: string): string => {
    sequence += 1
    return `${prefix}_${sequence}_${randomBytes(4).toString('hex')}`
  }

  const connectionDeps = (emu: EmulatorContext) => {
    const db = emu.service<DatabaseApi>('database')
    const client = clientService(emu)
    return {
      envId: emu.envId,
      now: () => emu.clock.now(),
      // A collection dropped by a reset empties its watches rather than breaking them.
      run: (spec: WatchSpec): Doc[] =>
        hasCollection(db, spec.envName, spec.collection)
          ? db.collection(spec.envName, spec.collection).find(spec.filter, {
              ...(spec.order.length === 0 ? {} : { sort: Object.fromEntries(spec.order) }),
            })
          : [],
      hasCollection: (env: string, name: string) => hasCollection(db, env, name),
      findById: (env: string, name: string, id: string) => db.collection(env, name).get(id),
      // Without the client module only admin connections exist, and they never consult rules.
      guard: client?.guard ?? denyAll(() => emu.clock.now()),
      validSign: (signStr: unknown) => {
        if (typeof signStr !== 'string') return false
        const expires = signs.get(signStr)
        return expires !== undefined && expires > emu.clock.now()
      },
      newId,
    }
  }

  const accept = (
    req: IncomingMessage,
    emu: EmulatorContext,
    identity: ConnectionIdentity,
  ): void => {
    // The HTTP server hands each upgrade to its route with Node's parser already detached, so
    // the socket is ours for as long as the client keeps it.
    wss.handleUpgrade(req, req.socket, Buffer.alloc(0), (ws) => {
      let deps: ReturnType<typeof connectionDeps>
      try {
        deps = connectionDeps(emu)
      } catch (err) {
        emu.log('realtime.error', { message: err instanceof Error ? err.message : String(err) })
        ws.close(1011, 'database unavailable')
        return
      }
      const conn = new RealtimeConnection(identity, deps, (message) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
      })
      open.set(ws, { conn, kind: identity.kind })
      ws.on('message', (data: RawData, isBinary: boolean) => {
        try {
          conn.handleFrame(isBinary ? '' : rawText(data))
        } catch (err) {
          emu.log('realtime.error', { message: err instanceof Error ? err.message : String(err) })
        }
      })
      ws.on('close', () => open.delete(ws))
      ws.on('error', () => open.delete(ws))
    })
  }

  const notUpgrade = (res: ServerResponse): void => {
    res.writeHead(426, { 'content-type': 'application/json; charset=utf-8', upgrade: 'websocket' })
    res.end(JSON.stringify({ code: 'UPGRADE_REQUIRED', message: '此地址只接受 WebSocket 连接' }))
  }

  const routes: HttpRoute[] = [
    {
      method: 'GET',
      path: '/ws',
      handle(req, res, emu) {
        if (req.headers.upgrade?.toLowerCase() !== 'websocket') notUpgrade(res)
        else accept(req, emu, { kind: 'admin' })
        return Promise.resolve()
      },
    },
    {
      method: 'GET',
      path: '/client/ws',
      handle(req, res, emu) {
        const token = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token')
        const session = clientService(emu)?.sessions.use(token ?? undefined)
        if (session === undefined) {
          res.writeHead(401, { 'content-type': 'application/json; charset=utf-8' })
          res.end(
            JSON.stringify({
              code: 'INVALID_SESSION',
              message: '登录凭证无效或已失效，请重新登录',
            }),
          )
          return Promise.resolve()
        }
        if (req.headers.upgrade?.toLowerCase() !== 'websocket') {
          notUpgrade(res)
          return Promise.resolve()
        }
        accept(req, emu, {
          kind: 'client',
          auth: {
            openid: session.openid,
            appid: session.appid,
            ...(session.unionid === undefined ? {} : { unionid: session.unionid }),
          },
        })
        return Promise.resolve()
      },
    },
  ]

  const wsWebSign: AdminAction = (req, emu) => {
    const signStr = randomBytes(18).toString('base64url')
    const now = emu.clock.now()
    for (const [sign, expires] of signs) if (expires <= now) signs.delete(sign)
    signs.set(signStr, now + SIGN_TTL_MS)
    const wsUrl = `${emu.baseUrl().replace(/^http/, 'ws')}/ws`
    return Promise.resolve({
      kind: 'json',
      body: { data: { signStr, wsUrl, secretVersion: 1, envId: req.envName } },
    })
  }

  return {
    name: 'realtime',
    routes,
    actions: { 'auth.wsWebSign': wsWebSign },
    api: {
      connections() {
        let admin = 0
        let client = 0
        let watches = 0
        for (const { conn, kind } of open.values()) {
          if (kind === 'admin') admin += 1
          else client += 1
          watches += conn.watchCount()
        }
        return { admin, client, watches }
      },
    },
    start(emu) {
      const db = emu.service<DatabaseApi>('database')
      unsubscribe = db.onChange((change) => {
        for (const { conn } of open.values()) {
          try {
            conn.handleChange(change)
          } catch (err) {
            emu.log('realtime.error', { message: err instanceof Error ? err.message : String(err) })
          }
        }
      })
      return Promise.resolve()
    },
    stop() {
      unsubscribe?.()
      for (const ws of open.keys()) ws.terminate()
      open.clear()
      return new Promise<void>((resolve) => wss.close(() => resolve()))
    },
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8')
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8')
  return data.toString('utf8')
}
