import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { SchemaConfig } from './engine'
import type { IndexSpec } from './indexes'

export const repoRoot = resolve(fileURLToPath(new URL('../../../..', import.meta.url)))

/** `database/` at the repo root: collections.json (schema) and indexes.json. */
export const defaultSchemaDir = join(repoRoot, 'database')

function readJson(path: string): unknown {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as unknown) : undefined
}

function parseIndexes(raw: unknown, path: string): Record<string, IndexSpec[]> {
  if (raw === undefined) return {}
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`${path} 必须是 { "<集合>": [{ "fields": [...], "unique"?: true }] }`)
  }
  const out: Record<string, IndexSpec[]> = {}
  for (const [collection, list] of Object.entries(raw as Record<string, unknown>)) {
    if (collection.startsWith('$')) continue
    if (!Array.isArray(list)) throw new Error(`${path}：${collection} 的索引必须是数组`)
    out[collection] = list.map((item: unknown, i) => {
      const spec = item as { fields?: unknown; unique?: unknown }
      if (
        !Array.isArray(spec.fields) ||
        spec.fields.length === 0 ||
        !spec.fields.every((f) => typeof f === 'string' && f !== '')
      ) {
        throw new Error(`${path}：${collection}[${i}].fields 必须是非空字符串数组`)
      }
      return spec.unique === true
        ? { fields: spec.fields as string[], unique: true }
        : { fields: spec.fields as string[] }
    })
  }
  return out
}

/** Reads the project's schema: every collection to create at start, and the declared indexes. */
export function loadSchema(dir: string = defaultSchemaDir): SchemaConfig {
  const collectionsPath = join(dir, 'collections.json')
  const rawCollections = readJson(collectionsPath) as { collections?: unknown } | undefined
  const collections = rawCollections?.collections ?? []
  if (!Array.isArray(collections) || !collections.every((c) => typeof c === 'string')) {
    throw new Error(`${collectionsPath} 必须是 { "collections": ["users", …] }`)
  }
  const indexesPath = join(dir, 'indexes.json')
  const indexes = parseIndexes(readJson(indexesPath), indexesPath)
  return { collections: [...new Set([...collections, ...Object.keys(indexes)])], indexes }
}
