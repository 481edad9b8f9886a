// Decodes INIT_WATCH's msgData. The 1.4.3 client sends `query` as JSON text whose value is the
// EJSON text of the filter (encoded twice), and no `query` at all for a bare collection watch.
import { parseWireObject } from '../database/ejson'
import type { Doc } from './diff'
import type { WatchSpec } from './watch'

export type SpecResult =
  { readonly ok: true; readonly spec: WatchSpec } | { readonly ok: false; readonly message: string }

const COLLECTION_NAME = /^[A-Za-z_][A-Za-z0-9_-]{0,127}$/

function decodeFilter(query: unknown, now: number): Doc | string {
  if (query === undefined || query === null || query === '') return {}
  if (typeof query !== 'string') return 'query 必须是字符串'
  let inner: unknown = query
  try {
    const once: unknown = JSON.parse(query)
    inner = typeof once === 'string' ? once : query
  } catch {
    return 'query 不是合法的 JSON'
  }
  if (inner === '') return {}
  try {
    return parseWireObject(inner, 'query', now)
  } catch (err) {
    return err instanceof Error ? err.message : 'query 不是合法的 EJSON'
  }
}

function decodeOrder(orderBy: unknown): Array<[string, 1 | -1]> | string {
  if (orderBy === undefined || orderBy === null) return []
  const entries: Array<[string, unknown]> = Array.isArray(orderBy)
    ? orderBy.map((item: unknown) => {
        const record = (item ?? {}) as Record<string, unknown>
        return [String(record['field']), record['direction']]
      })
    : typeof orderBy === 'object'
      ? Object.entries(orderBy as Record<string, unknown>)
      : []
  if (!Array.isArray(orderBy) && typeof orderBy !== 'object') return 'orderBy 格式不正确'
  const order: Array<[string, 1 | -1]> = []
  for (const [field, direction] of entries) {
    if (direction === 'asc' || direction === 1) order.push([field, 1])
    else if (direction === 'desc' || direction === -1) order.push([field, -1])
    else return `orderBy 中字段 ${field} 的方向必须是 asc 或 desc`
  }
  return order
}

export function decodeWatchSpec(
  envName: string,
  msgData: Readonly<Record<string, unknown>>,
  now: number,
): SpecResult {
  const collection = msgData['collName']
  if (typeof collection !== 'string' || !COLLECTION_NAME.test(collection)) {
    return { ok: false, message: '集合名不合法' }
  }
  const filter = decodeFilter(msgData['query'], now)
  if (typeof filter === 'string') return { ok: false, message: filter }
  const order = decodeOrder(msgData['orderBy'])
  if (typeof order === 'string') return { ok: false, message: order }
  const rawLimit = msgData['limit']
  let limit: number | undefined
  if (rawLimit !== undefined && rawLimit !== null) {
    if (typeof rawLimit !== 'number' || !Number.isInteger(rawLimit) || rawLimit <= 0) {
      return { ok: false, message: 'limit 必须是正整数' }
    }
    limit = rawLimit
  }
  return { ok: true, spec: { envName, collection, filter, order, limit } }
}
