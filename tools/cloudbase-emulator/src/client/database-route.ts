// POST /client/database: the mini-program's direct database access, under the security rules.
// Reads follow CloudBase: at most 20 documents per get, the where-clause must imply the read rule,
// and every document handed out is checked once more. Writes get `_openid` set to the caller and
// go one document at a time, by id, as in the mini-program SDK.
import { EJSON } from 'bson'
import { parseWireObject } from '../database/ejson'
import type { RuleAuth, RulesGuard } from '../rules'
import { hasCollection, type DatabaseApi, type Doc } from './database-api'
import { substituteOpenid } from '../rules/openid-placeholder'
import { ClientError } from './errors'
import type { ClientSession } from './sessions'

export const CLIENT_DEFAULT_LIMIT = 20
export const CLIENT_MAX_LIMIT = 20

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/
const PROTECTED_FIELDS = ['_id', '_openid']

export interface DatabaseRouteDeps {
  readonly db: DatabaseApi
  readonly guard: RulesGuard
  readonly envId: string
  readonly now: () => number
}

type Action = 'get' | 'count' | 'add' | 'update' | 'remove'
const ACTIONS: readonly Action[] = ['get', 'count', 'add', 'update', 'remove']

/** The SDK api name used in errMsg, per action. */
export function apiNameOf(body: Record<string, unknown>): string {
  const action = body['action']
  const docLevel = typeof body['docId'] === 'string'
  switch (action) {
    case 'get':
      return docLevel ? 'document.get' : 'collection.get'
    case 'count':
      return 'collection.count'
    case 'add':
      return 'collection.add'
    case 'update':
      return 'document.update'
    case 'remove':
      return 'document.remove'
    default:
      return 'database'
  }
}

function wireObject(value: unknown, what: string, now: number): Doc {
  if (value === undefined || value === null || value === '') return {}
  if (typeof value === 'object' && !Array.isArray(value)) {
    return parseWireObject(EJSON.stringify(value, { relaxed: false }), what, now)
  }
  return parseWireObject(value, what, now)
}

function nonNegativeInt(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new ClientError('INVALID_PARAM', `${what} 必须是非负整数`)
  }
  return value
}

function orderOf(value: unknown, now: number): Record<string, 1 | -1> | undefined {
  if (value === undefined || value === null || value === '') return undefined
  const raw = wireObject(value, 'orderBy', now)
  const order: Record<string, 1 | -1> = {}
  for (const [field, direction] of Object.entries(raw)) {
    if (direction === 1 || direction === 'asc') order[field] = 1
    else if (direction === -1 || direction === 'desc') order[field] = -1
    else throw new ClientError('INVALID_PARAM', `orderBy 中字段 ${field} 的方向必须是 asc 或 desc`)
  }
  return order
}

function authOf(session: ClientSession): RuleAuth {
  return {
    openid: session.openid,
    appid: session.appid,
    ...(session.unionid === undefined ? {} : { unionid: session.unionid }),
  }
}

export async function handleClientDatabase(
  body: Record<string, unknown>,
  session: ClientSession,
  deps: DatabaseRouteDeps,
): Promise<Record<string, unknown>> {
  const action = body['action']
  if (typeof action !== 'string' || !(ACTIONS as readonly string[]).includes(action)) {
    throw new ClientError('INVALID_PARAM', `action 必须是 ${ACTIONS.join('、')} 之一`)
  }
  const collection = body['collection']
  if (typeof collection !== 'string' || !COLLECTION_NAME.test(collection)) {
    throw new ClientError('INVALID_PARAM', '集合名不合法')
  }
  if (!hasCollection(deps.db, deps.envId, collection)) {
    throw new ClientError('COLLECTION_NOT_EXIST', `集合 ${collection} 不存在`)
  }
  const docId = body['docId']
  if (docId !== undefined && (typeof docId !== 'string' || docId === '')) {
    throw new ClientError('INVALID_PARAM', 'docId 必须是非空字符串')
  }
  const ctx = { deps, collection, auth: authOf(session), session }
  switch (action as Action) {
    case 'get':
      return read(ctx, body, docId)
    case 'count':
      return count(ctx, body, docId)
    case 'add':
      return add(ctx, body)
    case 'update':
      return update(ctx, body, requireDocId(docId, '更新'))
    case 'remove':
      return remove(ctx, body, requireDocId(docId, '删除'))
  }
}

interface Ctx {
  readonly deps: DatabaseRouteDeps
  readonly collection: string
  readonly auth: RuleAuth
  readonly session: ClientSession
}

function coll(ctx: Ctx) {
  return ctx.deps.db.collection(ctx.deps.envId, ctx.collection)
}

function requireDocId(docId: string | undefined, verb: string): string {
  if (docId === undefined) {
    throw new ClientError(
      'INVALID_PARAM',
      `小程序端只能按 docId ${verb}单条记录，批量操作请在云函数中进行`,
    )
  }
  return docId
}

function filterOf(ctx: Ctx, body: Record<string, unknown>, docId: string | undefined): Doc {
  const filter = substituteOpenid(
    wireObject(body['query'], 'query', ctx.deps.now()),
    ctx.auth.openid,
  )
  return docId === undefined ? filter : { $and: [filter, { _id: docId }] }
}

function denied(ctx: Ctx): ClientError {
  return new ClientError(
    'PERMISSION_DENIED',
    `没有读取集合 ${ctx.collection} 的权限（${ctx.deps.guard.describe(ctx.collection, 'read')}）`,
  )
}

/** Applies the read rule to a filter: throws when the query may return what the caller may not read. */
function authoriseRead(ctx: Ctx, filter: Doc, docId: string | undefined): void {
  const decision = ctx.deps.guard.decideQuery(
    ctx.collection,
    docId === undefined ? filter : { ...filter, _id: docId },
    ctx.auth,
  )
  if (decision.kind === 'denied') throw new ClientError('PERMISSION_DENIED', decision.message)
  if (decision.kind === 'by-document') {
    const doc = coll(ctx).get(decision.docId)
    if (
      doc !== undefined &&
      !ctx.deps.guard.documentAllowed(ctx.collection, 'read', doc, ctx.auth)
    ) {
      throw denied(ctx)
    }
  }
}

function read(ctx: Ctx, body: Record<string, unknown>, docId: string | undefined) {
  const filter = filterOf(ctx, body, docId)
  authoriseRead(ctx, filter, docId)
  const requested = nonNegativeInt(body['limit'], 'limit')
  const limit = Math.min(
    requested === undefined || requested === 0 ? CLIENT_DEFAULT_LIMIT : requested,
    CLIENT_MAX_LIMIT,
  )
  const skip = nonNegativeInt(body['skip'], 'skip') ?? 0
  const sort = orderOf(body['orderBy'], ctx.deps.now())
  const projection = body['field'] === undefined ? undefined : wireObject(body['field'], 'field', 0)
  const docs = coll(ctx).find(filter, {
    limit,
    skip,
    ...(sort === undefined ? {} : { sort }),
  })
  // Projection comes after the safety check, which must see the fields the rule reads.
  for (const doc of docs) {
    if (!ctx.deps.guard.documentAllowed(ctx.collection, 'read', doc, ctx.auth)) throw denied(ctx)
  }
  if (docId !== undefined && docs.length === 0) {
    throw new ClientError('DOCUMENT_NOT_EXIST', `记录 ${docId} 不存在`)
  }
  const out = projection === undefined ? docs : docs.map((doc) => project(doc, projection))
  // One canonical EJSON string per document, as CloudBase's own getDocument answers (`list`).
  return { list: out.map((doc) => EJSON.stringify(doc, { relaxed: false })), limit, offset: skip }
}

function project(doc: Doc, projection: Doc): Doc {
  const include = Object.entries(projection).filter(([, v]) => v === true || v === 1)
  if (include.length > 0) {
    const out: Doc = { _id: doc['_id'] }
    for (const [field] of include) if (field in doc) out[field] = doc[field]
    return out
  }
  const out: Doc = { ...doc }
  for (const [field, v] of Object.entries(projection)) if (v === false || v === 0) delete out[field]
  return out
}

function count(ctx: Ctx, body: Record<string, unknown>, docId: string | undefined) {
  const filter = filterOf(ctx, body, docId)
  authoriseRead(ctx, filter, docId)
  return { total: coll(ctx).count(filter) }
}

async function add(ctx: Ctx, body: Record<string, unknown>) {
  const data = wireObject(body['data'], 'data', ctx.deps.now())
  if (Object.keys(data).some((key) => key.startsWith('$'))) {
    throw new ClientError('INVALID_PARAM', '新增的记录不能包含以 $ 开头的字段')
  }
  // CloudBase stamps the creator; a client cannot claim someone else's openid.
  const doc: Doc = { ...data, _openid: ctx.session.openid }
  if (!ctx.deps.guard.documentAllowed(ctx.collection, 'create', doc, ctx.auth)) {
    throw new ClientError(
      'PERMISSION_DENIED',
      `没有在集合 ${ctx.collection} 中新增记录的权限（${ctx.deps.guard.describe(ctx.collection, 'create')}）`,
    )
  }
  const [id] = await coll(ctx).insert([doc])
  return { _id: id }
}

function writeDenied(ctx: Ctx, op: 'update' | 'delete'): ClientError {
  const verb = op === 'update' ? '修改' : '删除'
  return new ClientError(
    'PERMISSION_DENIED',
    `没有${verb}集合 ${ctx.collection} 中该记录的权限（${ctx.deps.guard.describe(ctx.collection, op)}）`,
  )
}

/**
 * The document a write by id targets. A missing one is refused like a forbidden one when the rule
 * grants no document without fields (e.g. `write: false`), so a client cannot probe which ids exist.
 */
function existing(ctx: Ctx, docId: string, op: 'update' | 'delete'): Doc {
  const doc = coll(ctx).get(docId)
  if (doc === undefined) {
    if (!ctx.deps.guard.documentAllowed(ctx.collection, op, {}, ctx.auth)) {
      throw writeDenied(ctx, op)
    }
    throw new ClientError('DOCUMENT_NOT_EXIST', `记录 ${docId} 不存在`)
  }
  return doc
}

async function update(ctx: Ctx, body: Record<string, unknown>, docId: string) {
  const data = wireObject(body['data'], 'data', ctx.deps.now())
  const operators = Object.keys(data).some((key) => key.startsWith('$'))
  const change: Doc = operators ? data : { $set: data }
  for (const section of Object.values(change)) {
    if (section === null || typeof section !== 'object') continue
    for (const field of Object.keys(section)) {
      if (PROTECTED_FIELDS.includes(field.split('.')[0] ?? '')) {
        throw new ClientError('INVALID_PARAM', `不能修改字段 ${field}`)
      }
    }
  }
  const doc = existing(ctx, docId, 'update')
  if (!ctx.deps.guard.documentAllowed(ctx.collection, 'update', doc, ctx.auth)) {
    throw writeDenied(ctx, 'update')
  }
  const result = await coll(ctx).update({ _id: docId }, change, { multi: false })
  return { stats: { updated: result.updated } }
}

async function remove(ctx: Ctx, _body: Record<string, unknown>, docId: string) {
  const doc = existing(ctx, docId, 'delete')
  if (!ctx.deps.guard.documentAllowed(ctx.collection, 'delete', doc, ctx.auth)) {
    throw writeDenied(ctx, 'delete')
  }
  const removed = await coll(ctx).remove({ _id: docId }, { multi: false })
  return { stats: { removed } }
}
