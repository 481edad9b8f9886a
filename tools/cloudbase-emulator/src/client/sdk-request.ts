// A `Db.reqClass` for @cloudbase/database that sends the query builder's requests to the client
// endpoint, so mini-program code using the real SDK's `db.collection().where().get()`, `add`,
// `doc().update()`, `watch()`… runs under the security rules. Browser-safe (fetch only, no Node
// modules): the web simulator's wx.cloud can use it as it is.

export interface ClientRequestConfig {
  /** The emulator origin, e.g. http://127.0.0.1:8790. */
  readonly baseUrl: string
  /** A session token from POST /client/login. */
  readonly token: string
  readonly env?: string
}

/** What the SDK reads back: `{ requestId, data }`, or `{ code, message }` on failure. */
export type SdkReply = Record<string, unknown>

type Body = Record<string, unknown>

function docIdOf(query: unknown): string | undefined {
  if (typeof query !== 'string') return undefined
  try {
    const parsed = JSON.parse(query) as unknown
    const id = (parsed as Record<string, unknown> | null)?.['_id']
    return typeof id === 'string' ? id : undefined
  } catch {
    return undefined
  }
}

/** Translates one SDK action into a client-endpoint call, and its reply back into the SDK shape. */
export function translateSdkAction(
  action: string,
  params: Body,
): { path: string; body: Body; reply: (r: Body) => SdkReply } | { error: SdkReply } {
  const collection = params['collectionName']
  const base = { collection }
  switch (action) {
    case 'database.getDocument':
      return {
        path: '/client/database',
        body: {
          ...base,
          action: 'get',
          query: params['query'],
          orderBy: params['order'],
          skip: params['offset'],
          limit: params['limit'],
          field: params['projection'],
        },
        reply: (r) => ({ data: { list: r['list'], limit: r['limit'], offset: r['offset'] } }),
      }
    case 'database.calculateDocument':
      return {
        path: '/client/database',
        body: { ...base, action: 'count', query: params['query'] },
        reply: (r) => ({ data: { total: r['total'] } }),
      }
    case 'database.insertDocument': {
      const data = params['data']
      const items = Array.isArray(data) ? (data as unknown[]) : [data]
      if (items.length !== 1) {
        return { error: { code: 'INVALID_PARAM', message: '小程序端一次只能新增一条记录' } }
      }
      return {
        path: '/client/database',
        body: { ...base, action: 'add', data: items[0] },
        reply: (r) => ({ data: { insertedIds: [r['_id']] } }),
      }
    }
    case 'database.modifyDocument': {
      const docId = docIdOf(params['query'])
      if (docId === undefined || params['multi'] === true || params['merge'] === false) {
        return {
          error: {
            code: 'INVALID_PARAM',
            message: '小程序端只能按 docId 更新单条记录（set 与批量更新请在云函数中进行）',
          },
        }
      }
      return {
        path: '/client/database',
        body: { ...base, action: 'update', docId, data: params['data'] },
        reply: (r) => ({
          data: { updated: (r['stats'] as Body | undefined)?.['updated'] ?? 0 },
        }),
      }
    }
    case 'database.removeDocument': {
      const docId = docIdOf(params['query'])
      if (docId === undefined || params['multi'] === true) {
        return {
          error: { code: 'INVALID_PARAM', message: '小程序端只能按 docId 删除单条记录' },
        }
      }
      return {
        path: '/client/database',
        body: { ...base, action: 'remove', docId },
        reply: (r) => ({
          data: { deleted: (r['stats'] as Body | undefined)?.['removed'] ?? 0 },
        }),
      }
    }
    case 'auth.wsWebSign':
      return { path: '/client/wsSign', body: {}, reply: (r) => ({ data: r['data'] }) }
    default:
      return { error: { code: 'INVALID_ACTION', message: `小程序端不支持 ${action}` } }
  }
}

/** Use as `Db.reqClass = ClientSdkRequest` with `new Db({ env, baseUrl, token })`. */
export class ClientSdkRequest {
  constructor(private readonly config: ClientRequestConfig) {}

  async send(action: string, params: Body = {}): Promise<SdkReply> {
    const call = translateSdkAction(action, params)
    if ('error' in call) return call.error
    const res = await fetch(`${this.config.baseUrl}${call.path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.config.token}`,
      },
      body: JSON.stringify(call.body),
    })
    const reply = (await res.json()) as Body
    const requestId = res.headers.get('x-request-id') ?? ''
    if (!res.ok) return { requestId, code: reply['code'], message: reply['message'] }
    return { requestId, ...call.reply(reply) }
  }
}
