import { Db } from '@cloudbase/database'
import { ApiFail, asyncApi } from './promisify'
import { SimDbRequest, type SimDbConfig } from './cloud-database-request'

// wx.cloud.database() runs the real @cloudbase/database 1.4.3 builder (the version the
// mini-program base library and wx-server-sdk share), so query serialisation, commands,
// serverDate and the realtime watch protocol are the SDK's own. Only the terminal calls are
// adapted: the raw SDK answers `{ data, requestId }` / `{ code, message }`, mini-program code
// expects `{ data, errMsg: 'collection.get:ok' }`, `{ stats }`, `errCode` and callbacks.

type Raw = Record<string, unknown>
type Method = (...args: unknown[]) => unknown
type Kind = 'collection' | 'document'
type Adapter = (target: Raw, method: Method) => (opts?: Raw) => unknown

const dbStatics = Db as unknown as { reqClass: unknown; wsClass: unknown }
dbStatics.reqClass = SimDbRequest
dbStatics.wsClass = WebSocket

function settle(res: unknown): Raw {
  const r = (res ?? {}) as Raw
  if (r['code']) {
    const errMsg = typeof r['errMsg'] === 'string' ? r['errMsg'] : ''
    const reason = errMsg
      ? errMsg.replace(/^[\w.]+:fail /, '')
      : `${JSON.stringify(r['code'])} ${typeof r['message'] === 'string' ? r['message'] : ''}`
    throw new ApiFail(reason, typeof r['errCode'] === 'number' ? { errCode: r['errCode'] } : {})
  }
  return r
}

function dataOf(opts: Raw | undefined, api: string): unknown {
  const data = opts?.['data']
  if (data === null || typeof data !== 'object') throw new ApiFail(`${api} 需要 data 对象参数`)
  return data
}

function terminal(
  api: string,
  run: (t: Raw, m: Method, o: Raw | undefined) => Promise<Raw>,
): Adapter {
  return (target, method) => asyncApi(api, (o: Raw) => run(target, method, o))
}

const adapters: Record<Kind, Record<string, Adapter>> = {
  collection: {
    get: terminal('collection.get', async (t, m) => ({ data: settle(await m.call(t))['data'] })),
    count: terminal('collection.count', async (t, m) => ({
      total: settle(await m.call(t))['total'],
    })),
    add: terminal('collection.add', async (t, m, o) => ({
      _id: settle(await m.call(t, dataOf(o, 'collection.add')))['id'],
    })),
    update: terminal('collection.update', async (t, m, o) => ({
      stats: { updated: settle(await m.call(t, dataOf(o, 'collection.update')))['updated'] },
    })),
    remove: terminal('collection.remove', async (t, m) => ({
      stats: { removed: settle(await m.call(t))['deleted'] },
    })),
  },
  document: {
    get: terminal('document.get', async (t, m) => {
      const list = settle(await m.call(t))['data']
      const doc = Array.isArray(list) ? (list[0] as unknown) : list
      if (doc === undefined || doc === null) {
        throw new ApiFail(`document with _id ${String(t['id'])} does not exist`, {
          errCode: -502001,
        })
      }
      return { data: doc }
    }),
    update: terminal('document.update', async (t, m, o) => ({
      stats: { updated: settle(await m.call(t, dataOf(o, 'document.update')))['updated'] },
    })),
    set: terminal('document.set', async (t, m, o) => {
      const r = settle(await m.call(t, dataOf(o, 'document.set')))
      return { _id: t['id'], stats: { updated: r['updated'], created: r['upsertedId'] ? 1 : 0 } }
    }),
    remove: terminal('document.remove', async (t, m) => ({
      stats: { removed: settle(await m.call(t))['deleted'] },
    })),
  },
}

function isBuilder(v: unknown): v is Raw {
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof (v as Raw)['then'] !== 'function' &&
    typeof (v as Raw)['get'] === 'function'
  )
}

function wrap(target: Raw, kind: Kind): Raw {
  return new Proxy(target, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t)
      if (typeof value !== 'function' || typeof prop !== 'string') return value
      const method = value as Method
      const adapter = adapters[kind][prop]
      if (adapter) return adapter(t, method)
      return (...args: unknown[]) => {
        const out = method.apply(t, args)
        return isBuilder(out) ? wrap(out, prop === 'doc' ? 'document' : kind) : out
      }
    },
  })
}

export interface SimDatabase {
  collection(name: string): Raw
  readonly command: unknown
  serverDate(options?: { offset?: number }): unknown
  RegExp(options: { regexp: string; options?: string }): unknown
  readonly Geo: unknown
}

export function createDatabase(config: SimDbConfig): SimDatabase {
  const db = new Db(config) as unknown as Raw
  return new Proxy(db, {
    get(t, prop) {
      const value: unknown = Reflect.get(t, prop, t)
      if (prop !== 'collection' || typeof value !== 'function') return value
      return (name: unknown) => {
        if (typeof name !== 'string' || name === '') throw new ApiFail('集合名称必须是非空字符串')
        return wrap((value as Method).call(t, name) as Raw, 'collection')
      }
    },
  }) as unknown as SimDatabase
}
