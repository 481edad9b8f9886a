import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { fromCanonical, toWire, type Doc } from '../database/ejson'
import type { DatabaseService } from '../database/service'
import type { StorageService } from '../storage/index'

/**
 * The import/export format: `database/<collection>.jsonl` (one canonical EJSON document per line;
 * an empty file is an empty collection) and `storage/<cloud path>` files, for one environment.
 */
export async function exportEnv(
  dir: string,
  env: string,
  database: DatabaseService,
  storage: StorageService,
): Promise<{ collections: number; documents: number; files: number }> {
  await mkdir(join(dir, 'database'), { recursive: true })
  let documents = 0
  const collections = database.listCollections(env)
  for (const name of collections) {
    const docs = database.engine.findRaw(env, name, {}, {})
    documents += docs.length
    await writeFile(
      join(dir, 'database', `${name}.jsonl`),
      docs.map((d) => `${toWire(d)}\n`).join(''),
    )
  }
  const paths = await storage.list(env)
  for (const path of paths) {
    const content = await storage.get(env, path)
    if (content === undefined) continue
    const target = join(dir, 'storage', ...path.split('/'))
    await mkdir(join(target, '..'), { recursive: true })
    await writeFile(target, content)
  }
  return { collections: collections.length, documents, files: paths.length }
}

async function walkFiles(base: string): Promise<string[]> {
  const out: string[] = []
  const walk = async (dir: string): Promise<void> => {
    let entries
    try {
      entries = await readdir(dir, { withFileTypes: true })
    } catch {
      return
    }
    for (const entry of entries) {
      const full = join(dir, entry.name)
      if (entry.isDirectory()) await walk(full)
      else if (entry.isFile()) out.push(relative(base, full).split(sep).join('/'))
    }
  }
  await walk(base)
  return out.sort()
}

/** Loads an exported directory into `env` (on top of what is there; reset first to replace). */
export async function importEnv(
  dir: string,
  env: string,
  database: DatabaseService,
  storage: StorageService,
): Promise<{ collections: number; documents: number; files: number }> {
  let documents = 0
  const dbFiles = (await walkFiles(join(dir, 'database'))).filter(
    (f) => f.endsWith('.jsonl') && !f.includes('/'),
  )
  for (const file of dbFiles) {
    const name = file.slice(0, -'.jsonl'.length)
    await database.createCollection(env, name)
    const text = await readFile(join(dir, 'database', file), 'utf8')
    const docs: Doc[] = []
    for (const [i, line] of text.split('\n').entries()) {
      if (line.trim() === '') continue
      try {
        docs.push(fromCanonical(line))
      } catch (err) {
        throw new Error(
          `${file} 第 ${i + 1} 行不是合法的 EJSON：${err instanceof Error ? err.message : String(err)}`,
        )
      }
    }
    if (docs.length > 0) await database.engine.insert(env, name, docs)
    documents += docs.length
  }
  const storageFiles = await walkFiles(join(dir, 'storage'))
  for (const path of storageFiles) {
    await storage.put(env, path, await readFile(join(dir, 'storage', ...path.split('/'))))
  }
  return { collections: dbFiles.length, documents, files: storageFiles.length }
}
