// One realtime WebSocket connection: login, its watches, and the frames it answers. The admin
// entry (`/ws`) sees everything; a client connection (`/client/ws`) is one signed-in user, and
// every document it could receive passes the collection's read rule first.
import type { RuleAuth, RulesGuard } from '../rules'
import type { ChangeEvent } from '../server/contracts'
import { ENV_NAME_RULE, isLocalEnvName } from '../server/env-names'
import type { Doc } from './diff'
import { errorFrame, parseFrame, type ClientMessage, type ServerMessage } from './protocol'
import { Watch, type QueryRunner, type WatchOutcome } from './watch'
import { decodeWatchSpec } from './watch-spec'
import { substituteOpenid } from '../rules/openid-placeholder'

export type ConnectionIdentity =
  | { readonly kind: 'admin' }
  | { readonly kind: 'client'; readonly auth: RuleAuth & { readonly openid: string } }

export interface ConnectionDeps {
  readonly envId: string
  readonly now: () => number
  readonly run: QueryRunner
  readonly hasCollection: (env: string, name: string) => boolean
  /** Reads one document by id (for watches pinned to one `_id`). */
  readonly findById: (env: string, name: string, id: string) => Doc | undefined
  readonly guard: RulesGuard
  /** Admin connections must present a signStr issued by `auth.wsWebSign`. */
  readonly validSign: (signStr: unknown) => boolean
  readonly newId: (prefix: string) => string
}

export class RealtimeConnection {
  private loggedInEnv: string | undefined
  private readonly watches = new Map<string, Watch>()

  constructor(
    private readonly identity: ConnectionIdentity,
    private readonly deps: ConnectionDeps,
    private readonly send: (message: ServerMessage) => void,
  ) {}

  watchCount(): number {
    return this.watches.size
  }

  handleFrame(raw: string): void {
    const parsed = parseFrame(raw)
    if (!parsed.ok) {
      this.send(errorFrame(parsed.requestId, undefined, 'INVALID_MESSAGE', parsed.message))
      return
    }
    const message = parsed.message
    switch (message.msgType) {
      case 'PING':
        this.send({ requestId: message.requestId, msgType: 'PONG', msgData: null })
        return
      case 'LOGIN':
        this.login(message)
        return
      case 'INIT_WATCH':
        this.initWatch(message)
        return
      case 'REBUILD_WATCH':
        this.rebuildWatch(message)
        return
      case 'CHECK_LAST':
        this.checkLast(message)
        return
      case 'CLOSE_WATCH':
        if (message.watchId !== undefined) this.watches.delete(message.watchId)
        return
    }
  }

  /** Pushes what a committed change means to each of this connection's watches. */
  handleChange(change: ChangeEvent): void {
    for (const [watchId, watch] of this.watches) {
      this.push(watchId, watch.apply(change))
    }
  }

  private push(watchId: string, outcome: WatchOutcome | undefined): void {
    if (outcome === undefined) return
    if (!outcome.ok) {
      this.watches.delete(watchId)
      this.send(errorFrame(this.deps.newId('err'), watchId, outcome.code, outcome.message))
      return
    }
    this.send({
      requestId: this.deps.newId('evt'),
      msgType: 'NEXT_EVENT',
      watchId,
      msgData: outcome.batch,
    })
  }

  private login(message: ClientMessage): void {
    const requested = message.msgData['envId']
    const envId = typeof requested === 'string' && requested !== '' ? requested : this.deps.envId
    if (this.identity.kind === 'admin' && !this.deps.validSign(message.exMsgData['signStr'])) {
      this.send(
        errorFrame(
          message.requestId,
          message.watchId,
          'SIGN_INVALID_ERROR',
          '登录票据无效，请重新获取',
        ),
      )
      return
    }
    const local: boolean = isLocalEnvName(envId)
    if (!local) {
      this.send(
        errorFrame(
          message.requestId,
          message.watchId,
          'INVALIID_ENV',
          `不支持的环境 ${envId}：${ENV_NAME_RULE}`,
        ),
      )
      return
    }
    if (this.identity.kind === 'client' && envId !== this.deps.envId) {
      this.send(
        errorFrame(message.requestId, message.watchId, 'INVALIID_ENV', `环境 ${envId} 不存在`),
      )
      return
    }
    this.loggedInEnv = envId
    this.send({ requestId: message.requestId, msgType: 'LOGIN_RES', msgData: { envId } })
  }

  private initWatch(message: ClientMessage): void {
    const { requestId, watchId } = message
    if (this.loggedInEnv === undefined) {
      this.send(errorFrame(requestId, watchId, 'CHECK_LOGIN_FAILED', '尚未登录实时推送'))
      return
    }
    if (watchId === undefined) {
      this.send(errorFrame(requestId, watchId, 'INVALID_MESSAGE', 'INIT_WATCH 缺少 watchId'))
      return
    }
    const decoded = decodeWatchSpec(this.loggedInEnv, message.msgData, this.deps.now())
    if (!decoded.ok) {
      this.send(errorFrame(requestId, watchId, 'INVALID_QUERY', decoded.message))
      return
    }
    const spec =
      this.identity.kind === 'client'
        ? {
            ...decoded.spec,
            filter: substituteOpenid(decoded.spec.filter, this.identity.auth.openid),
          }
        : decoded.spec
    if (!this.deps.hasCollection(spec.envName, spec.collection)) {
      this.send(errorFrame(requestId, watchId, 'INVALID_QUERY', `集合 ${spec.collection} 不存在`))
      return
    }
    const visible = this.visibility(spec.collection)
    const refusal = this.refusal(spec.envName, spec.collection, spec.filter)
    if (refusal !== undefined) {
      this.send(errorFrame(requestId, watchId, 'COLLECTION_PERMISSION_DENIED', refusal))
      return
    }
    const watch = new Watch(this.deps.newId('q'), spec, this.deps.run, visible)
    const outcome = watch.start()
    if (!outcome.ok) {
      this.send(errorFrame(requestId, watchId, outcome.code, outcome.message))
      return
    }
    this.watches.set(watchId, watch)
    this.send({ requestId, msgType: 'INIT_EVENT', watchId, msgData: outcome.batch })
  }

  /** Why this connection may not watch the query, or undefined when it may. */
  private refusal(env: string, collection: string, filter: Doc): string | undefined {
    if (this.identity.kind === 'admin') return undefined
    const auth = this.identity.auth
    const decision = this.deps.guard.decideQuery(collection, filter, auth)
    if (decision.kind === 'allowed') return undefined
    if (decision.kind === 'denied') return decision.message
    const doc = this.deps.findById(env, collection, decision.docId)
    if (doc === undefined || this.deps.guard.documentAllowed(collection, 'read', doc, auth)) {
      return undefined
    }
    return `没有读取集合 ${collection} 中该记录的权限`
  }

  private visibility(collection: string): (doc: Doc) => boolean {
    if (this.identity.kind === 'admin') return () => true
    const auth = this.identity.auth
    const guard = this.deps.guard
    return (doc) => guard.documentAllowed(collection, 'read', doc, auth)
  }

  private rebuildWatch(message: ClientMessage): void {
    const { requestId, watchId } = message
    const watch = watchId === undefined ? undefined : this.watches.get(watchId)
    const queryID = message.msgData['queryID']
    const eventID = message.msgData['eventID']
    if (watch === undefined || watch.queryID !== queryID || typeof eventID !== 'number') {
      this.send(errorFrame(requestId, watchId, 'QUERYID_INVALID_ERROR', '监听已失效，请重新监听'))
      return
    }
    const replay = watch.replayAfter(eventID)
    if (replay === undefined) {
      this.send(
        errorFrame(requestId, watchId, 'QUERYID_INVALID_ERROR', '错过的事件已过期，请重新监听'),
      )
      return
    }
    this.send({ requestId, msgType: 'NEXT_EVENT', watchId, msgData: replay })
  }

  private checkLast(message: ClientMessage): void {
    const { requestId, watchId } = message
    const watch = watchId === undefined ? undefined : this.watches.get(watchId)
    if (watch === undefined || watch.queryID !== message.msgData['queryID']) {
      this.send(errorFrame(requestId, watchId, 'QUERYID_INVALID_ERROR', '监听已失效，请重新监听'))
      return
    }
    this.send({
      requestId,
      msgType: 'CHECK_EVENT',
      watchId,
      msgData: { queryID: watch.queryID, currEvent: watch.latestEvent() },
    })
  }
}
