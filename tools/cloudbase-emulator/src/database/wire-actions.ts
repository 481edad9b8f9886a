import type { AdminAction, AdminRequest, EmulatorContext } from '../server/contracts'
import { jsonReply, TcbCode, TcbError } from '../server/errors'
import { parseWire, parseWireObject, toWire, type Doc } from './ejson'
import type { DatabaseEngine } from './engine'

/** Server-side `get()` returns 100 documents unless told otherwise, and never more than 1000. */
export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

function str(req: AdminRequest, field: string): string {
  const value = req.body[field]
  if (typeof value !== 'string' || value === '') {
    throw new TcbError(TcbCode.INVALID_PARAM, `缺少参数 ${field}`)
  }
  return value
}

function optionalString(req: AdminRequest, field: string): string | undefined {
  const value = req.body[field]
  return typeof value === 'string' && value !== '' ? value : undefined
}

function intField(req: AdminRequest, field: string): number | undefined {
  const value = req.body[field]
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TcbError(TcbCode.INVALID_PARAM, `参数 ${field} 必须是非负整数`)
  }
  return value
}

function filterOf(req: AdminRequest, now: number): Doc {
  const query = req.body['query']
  if (query === undefined || query === null || query === '') return {}
  return parseWireObject(query, 'query', now)
}

function sortOf(req: AdminRequest, now: number): Record<string, number> | undefined {
  const order = optionalString(req, 'order')
  if (order === undefined) return undefined
  const parsed = parseWireObject(order, 'order', now)
  const sort: Record<string, number> = {}
  for (const [field, direction] of Object.entries(parsed)) {
    if (direction !== 1 && direction !== -1) {
      throw new TcbError(TcbCode.INVALID_PARAM, `排序方向必须是 1 或 -1：${field}`)
    }
    sort[field] = direction
  }
  return sort
}

/** The /admin database actions wx-server-sdk (via @cloudbase/database) sends. */
export function databaseActions(engine: DatabaseEngine): Record<string, AdminAction> {
  const now = (emu: EmulatorContext): number => emu.clock.now()
  return {
    'database.addCollection': async (req) => {
      const name = str(req, 'collectionName')
      const created = await engine.createCollection(req.envName, name)
      if (!created) throw new TcbError(TcbCode.DATABASE_COLLECTION_EXISTS, `集合 ${name} 已存在`)
      return jsonReply({})
    },

    'database.insertDocument': async (req, emu) => {
      const name = str(req, 'collectionName')
      const raw = req.body['data']
      if (!Array.isArray(raw) || raw.length === 0) {
        throw new TcbError(TcbCode.INVALID_PARAM, 'data 必须是非空的文档数组')
      }
      const at = now(emu)
      const docs = raw.map((item, i) => parseWireObject(item, `data[${i}]`, at))
      const txnId = optionalString(req, 'transactionId')
      const chosen = docs.map((d) => d['_id']).filter((id): id is string => typeof id === 'string')
      if (txnId !== undefined) await engine.lockIds(req.envName, txnId, name, chosen)
      const ids = await engine.insert(req.envName, name, docs, txnId)
      return jsonReply({ data: { insertedIds: ids } })
    },

    'database.getDocument': async (req, emu) => {
      const name = str(req, 'collectionName')
      const at = now(emu)
      const txnId = optionalString(req, 'transactionId')
      const filter = filterOf(req, at)
      if (txnId !== undefined) await engine.lockFor(req.envName, txnId, name, filter)
      const offset = intField(req, 'offset') ?? 0
      const limit = Math.min(intField(req, 'limit') ?? DEFAULT_LIMIT, MAX_LIMIT) || DEFAULT_LIMIT
      const projectionText = optionalString(req, 'projection')
      const sort = sortOf(req, at)
      const docs = engine.findRaw(
        req.envName,
        name,
        filter,
        {
          ...(sort === undefined ? {} : { sort }),
          skip: offset,
          limit,
          ...(projectionText === undefined
            ? {}
            : { projection: parseWireObject(projectionText, 'projection', at) }),
        },
        txnId,
      )
      return jsonReply({ data: { list: docs.map(toWire), limit, offset } })
    },

    'database.calculateDocument': async (req, emu) => {
      const name = str(req, 'collectionName')
      const txnId = optionalString(req, 'transactionId')
      const filter = filterOf(req, now(emu))
      if (txnId !== undefined) await engine.lockFor(req.envName, txnId, name, filter)
      const total = engine.count(req.envName, name, filter, txnId)
      return jsonReply({ data: { total } })
    },

    'database.modifyDocument': async (req, emu) => {
      const name = str(req, 'collectionName')
      const at = now(emu)
      const data = parseWireObject(req.body['data'], 'data', at)
      const filter = filterOf(req, at)
      const txnId = optionalString(req, 'transactionId')
      if (txnId !== undefined) await engine.lockFor(req.envName, txnId, name, filter)
      const result = await engine.update(
        req.envName,
        name,
        filter,
        data,
        {
          multi: req.body['multi'] === true,
          upsert: req.body['upsert'] === true,
          replace: req.body['merge'] === false,
        },
        txnId,
      )
      const body: Doc = { updated: result.updated }
      if (result.upsertedId !== undefined) body['upsert_id'] = result.upsertedId
      return jsonReply({ data: body })
    },

    'database.modifyAndReturnDoc': async (req, emu) => {
      const name = str(req, 'collectionName')
      const at = now(emu)
      const filter = filterOf(req, at)
      const txnId = optionalString(req, 'transactionId')
      const data = parseWireObject(req.body['data'], 'data', at)
      if (txnId !== undefined) await engine.lockFor(req.envName, txnId, name, filter)
      const [target] = engine.findRaw(req.envName, name, filter, { limit: 1 }, txnId)
      if (target === undefined) return jsonReply({ data: { updated: 0, doc: null } })
      const id = String(target['_id'])
      if (txnId !== undefined) await engine.lockIds(req.envName, txnId, name, [id])
      const result = await engine.update(req.envName, name, { _id: id }, data, {}, txnId)
      const [after] = engine.findRaw(req.envName, name, { _id: id }, { limit: 1 }, txnId)
      return jsonReply({
        data: { updated: result.updated, doc: after === undefined ? null : toWire(after) },
      })
    },

    'database.removeDocument': async (req, emu) => {
      const name = str(req, 'collectionName')
      const filter = filterOf(req, now(emu))
      const txnId = optionalString(req, 'transactionId')
      if (txnId !== undefined) await engine.lockFor(req.envName, txnId, name, filter)
      const deleted = await engine.remove(
        req.envName,
        name,
        filter,
        req.body['multi'] === true,
        txnId,
      )
      return jsonReply({ data: { deleted } })
    },

    'database.aggregateDocuments': (req, emu) => {
      const name = str(req, 'collectionName')
      const stages = req.body['stages']
      if (!Array.isArray(stages)) throw new TcbError(TcbCode.INVALID_PARAM, 'stages 必须是数组')
      const at = now(emu)
      const pipeline = stages.map((stage: unknown, i) => {
        const s = stage as { stageKey?: unknown; stageValue?: unknown }
        if (typeof s.stageKey !== 'string' || !s.stageKey.startsWith('$')) {
          throw new TcbError(TcbCode.INVALID_PARAM, `stages[${i}].stageKey 无效`)
        }
        return { [s.stageKey]: parseWire(s.stageValue, `stages[${i}].stageValue`, at) }
      })
      const list = engine.aggregate(req.envName, name, pipeline)
      return Promise.resolve(jsonReply({ data: { list: list.map(toWire) } }))
    },

    'database.startTransaction': async (req) => {
      const owner = req.body['wxCloudApiToken']
      const transactionId = await engine.startTransaction(
        req.envName,
        typeof owner === 'string' && owner !== '' ? owner : undefined,
      )
      return jsonReply({ transactionId })
    },

    'database.commitTransaction': async (req) => {
      await engine.commitTransaction(req.envName, str(req, 'transactionId'))
      return jsonReply({})
    },

    'database.abortTransaction': (req) => {
      engine.abortTransaction(req.envName, str(req, 'transactionId'))
      return Promise.resolve(jsonReply({}))
    },
  }
}
