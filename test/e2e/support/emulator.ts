import { EJSON } from 'bson'
import { inject } from 'vitest'
import type { ApiResult } from '../../../typings/api/envelope'
import type { ActionName, FunctionName, RequestOf, ResponseOf } from '../../../typings/api/index'
import { FRESH_DATA_PATH } from './fresh-data-module'

// The e2e run's emulator, as the test files reach it: over its HTTP control routes only, so a
// test can run a real function as any seeded user, read what the emulator holds, and answer a
// face verification the way the simulator's face sheet does.

export function emulatorUrl(): string {
  return inject('emulatorUrl')
}

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${emulatorUrl()}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  return { status: res.status, json: (await res.json()) as unknown }
}

let requests = 0
/** A fresh client request id (the functions deduplicate writes by it). */
export function requestId(): string {
  requests += 1
  return `e2e_${process.pid}_${Date.now().toString(36)}_${requests}`
}

/**
 * Runs `fn`'s `action` as the user `openid` through the real function and returns its envelope.
 * Writes get a fresh requestId unless one is given.
 */
export async function invokeAs<F extends FunctionName, A extends ActionName<F>>(
  openid: string,
  fn: F,
  action: A,
  payload: RequestOf<F, A>,
  options: { requestId?: string } = {},
): Promise<ApiResult<ResponseOf<F, A>>> {
  const event = { action, payload, requestId: options.requestId ?? requestId() }
  const out = await post(`/__emulator/functions/${encodeURIComponent(fn)}/invoke`, {
    event,
    caller: { openid },
  })
  const body = out.json as { result?: unknown; error?: { code: string; message: string } }
  if (body.error) throw new Error(`云函数 ${fn} 调用失败：${body.error.code} ${body.error.message}`)
  return body.result as ApiResult<ResponseOf<F, A>>
}

/** Like invokeAs, but answers the data and throws with the function's message on failure. */
export async function ok<F extends FunctionName, A extends ActionName<F>>(
  openid: string,
  fn: F,
  action: A,
  payload: RequestOf<F, A>,
): Promise<ResponseOf<F, A>> {
  const res = await invokeAs(openid, fn, action, payload)
  if (!res.ok)
    throw new Error(
      `${fn}.${String(action)}（${openid}）失败：${res.error.code} ${res.error.message}`,
    )
  return res.data
}

export type Doc = Record<string, unknown>

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
 * Every document of a collection (dates as Date), optionally only those whose fields equal
 * `where` (dotted paths allowed). An absent collection reads as empty.
 */
export async function readCollection(name: string, where: Doc = {}): Promise<Doc[]> {
  const out: Doc[] = []
  const limit = 100
  for (let skip = 0; ; skip += limit) {
    const res = await fetch(
      `${emulatorUrl()}/__emulator/collections/${encodeURIComponent(name)}?skip=${skip}&limit=${limit}`,
    )
    if (res.status === 404) return []
    if (!res.ok) throw new Error(`读取集合 ${name} 失败：${res.status} ${await res.text()}`)
    const page = (await res.json()) as { total: number; documents: unknown[] }
    for (const d of page.documents) out.push(EJSON.deserialize(d as Doc, { relaxed: true }) as Doc)
    if (page.documents.length < limit || skip + limit >= page.total) break
  }
  const keys = Object.keys(where)
  return out.filter((d) => keys.every((k) => same(valueAt(d, k), where[k])))
}

export type FaceOutcome = 'success' | 'mismatch' | 'cancelled'

/** Decides a pending face verification, as the simulator's face sheet does. */
export async function decideFace(verifyId: string, outcome: FaceOutcome): Promise<void> {
  const res = await post(`/__emulator/face/${encodeURIComponent(verifyId)}/outcome`, {
    result: outcome,
  })
  if (res.status !== 200)
    throw new Error(`人脸核验结果被拒绝：${res.status} ${JSON.stringify(res.json)}`)
}

/** Empties the emulator and loads the demo seed again. */
export async function resetToSeed(): Promise<void> {
  const res = await post(FRESH_DATA_PATH, {})
  if (res.status !== 200) throw new Error(`重置模拟数据失败：${JSON.stringify(res.json)}`)
}
