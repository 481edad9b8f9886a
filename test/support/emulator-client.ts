import { EJSON } from 'bson'
import type { ApiResult } from '../../typings/api/envelope'
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../typings/api/index'

// A running emulator reached over its HTTP control routes only, so a caller (an e2e test, the
// screenshot tool) can run a real function as any seeded user, read what the emulator holds and
// answer a face verification the way the simulator's face sheet does. No test runner needed.

export type Doc = Record<string, unknown>
export type FaceOutcome = 'success' | 'mismatch' | 'cancelled'

export interface EmulatorClient {
  /** The emulator's base URL, e.g. http://127.0.0.1:8790. */
  url: () => string
  post: (path: string, body: unknown) => Promise<{ status: number; json: unknown }>
  /** A fresh client request id (the functions deduplicate writes by it). */
  requestId: () => string
  /**
   * Runs `fn`'s `action` as the user `openid` through the real function and returns its
   * envelope. Writes get a fresh requestId unless one is given.
   */
  invokeAs: <F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    payload: RequestOf<F, A>,
    options?: { requestId?: string },
  ) => Promise<ApiResult<ResponseOf<F, A>>>
  /** Like invokeAs, but answers the data and throws with the function's message on failure. */
  ok: <F extends FunctionName, A extends ActionName<F>>(
    openid: string,
    fn: F,
    action: A,
    payload: RequestOf<F, A>,
  ) => Promise<ResponseOf<F, A>>
  /**
   * Every document of a collection (dates as Date), optionally only those whose fields equal
   * `where` (dotted paths allowed). An absent collection reads as empty.
   */
  readCollection: (name: string, where?: Doc) => Promise<Doc[]>
  /** Decides a pending face verification, as the simulator's face sheet does. */
  decideFace: (verifyId: string, outcome: FaceOutcome) => Promise<void>
}

function valueAt(doc: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Doc)[k] : undefined), doc)
}

function same(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime()
  return JSON.stringify(a) === JSON.stringify(b)
}

/**
 * A client of the emulator at `url()` — a function, because the e2e run only learns its URL
 * inside a test. `idPrefix` names who wrote a request in the emulator's logs.
 */
export function emulatorClient(url: () => string, idPrefix = 'e2e'): EmulatorClient {
  let requests = 0
  const client: EmulatorClient = {
    url,
    async post(path, body) {
      const res = await fetch(`${url()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      return { status: res.status, json: (await res.json()) as unknown }
    },
    requestId() {
      requests += 1
      return `${idPrefix}_${process.pid}_${Date.now().toString(36)}_${requests}`
    },
    async invokeAs(openid, fn, action, payload, options = {}) {
      const event = { action, payload, requestId: options.requestId ?? client.requestId() }
      const out = await client.post(`/__emulator/functions/${encodeURIComponent(fn)}/invoke`, {
        event,
        caller: { openid },
      })
      const body = out.json as { result?: unknown; error?: { code: string; message: string } }
      if (body.error)
        throw new Error(`云函数 ${fn} 调用失败：${body.error.code} ${body.error.message}`)
      return body.result as never
    },
    async ok(openid, fn, action, payload) {
      const res = await client.invokeAs(openid, fn, action, payload)
      if (!res.ok)
        throw new Error(
          `${fn}.${String(action)}（${openid}）失败：${res.error.code} ${res.error.message}`,
        )
      return res.data
    },
    async readCollection(name, where = {}) {
      const out: Doc[] = []
      const limit = 100
      for (let skip = 0; ; skip += limit) {
        const res = await fetch(
          `${url()}/__emulator/collections/${encodeURIComponent(name)}?skip=${skip}&limit=${limit}`,
        )
        if (res.status === 404) return []
        if (!res.ok) throw new Error(`读取集合 ${name} 失败：${res.status} ${await res.text()}`)
        const page = (await res.json()) as { total: number; documents: unknown[] }
        for (const d of page.documents)
          out.push(EJSON.deserialize(d as Doc, { relaxed: true }) as Doc)
        if (page.documents.length < limit || skip + limit >= page.total) break
      }
      const keys = Object.keys(where)
      return out.filter((d) => keys.every((k) => same(valueAt(d, k), where[k])))
    },
    async decideFace(verifyId, outcome) {
      const res = await client.post(`/__emulator/face/${encodeURIComponent(verifyId)}/outcome`, {
        result: outcome,
      })
      if (res.status !== 200)
        throw new Error(`人脸核验结果被拒绝：${res.status} ${JSON.stringify(res.json)}`)
    },
  }
  return client
}
