import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/** Who may write over an object, asked under the object's lock with its current owner. */
export type PutPrecondition = (current: ObjectOwner | undefined) => boolean

/** The owner of a stored object: the uploader's openid, or null for server-made files. */
export interface ObjectOwner {
  readonly openid: string | null
}

/**
 * Objects on disk under `<root>/<env>/<cloud path>`. Writes land in a temp file that is fsync'd
 * and renamed into place, so a reader never sees half a file and a crash leaves the old one.
 *
 * Each object's owner lives in `<root>/.owners/<env>/<cloud path>.json` (env names never start
 * with a dot, so that folder is no environment's). Its records are keyed by the object file's
 * inode, which the rename keeps: the record of the new content is written (atomically) before
 * the content is renamed into place, and the old content's record is kept beside it, so a crash
 * at any point leaves the object on disk with its own owner. A record whose inode matches no
 * file is stale and ignored.
 */
export class FileStore {
  readonly root: string
  readonly #locks = new Map<string, Promise<unknown>>()

  constructor(root: string) {
    this.root = root
  }

  pathOf(env: string, cloudPath: string): string {
    return join(this.root, env, ...cloudPath.split('/'))
  }

  #ownerFile(env: string, cloudPath: string): string {
    return `${join(this.root, '.owners', env, ...cloudPath.split('/'))}.json`
  }

  /** Runs `task` after every earlier task on the same object, so owner records never race. */
  async #locked<T>(env: string, cloudPath: string, task: () => Promise<T>): Promise<T> {
    const key = `${env}\n${cloudPath}`
    const previous = this.#locks.get(key) ?? Promise.resolve()
    const run = previous.then(task, task)
    const settled = run.catch(() => undefined)
    this.#locks.set(key, settled)
    try {
      return await run
    } finally {
      if (this.#locks.get(key) === settled) this.#locks.delete(key)
    }
  }

  async #records(env: string, cloudPath: string): Promise<OwnerRecord[]> {
    try {
      const raw = JSON.parse(await readFile(this.#ownerFile(env, cloudPath), 'utf8')) as unknown
      return Array.isArray(raw) ? raw.filter(isOwnerRecord) : []
    } catch {
      return []
    }
  }

  async #inode(file: string): Promise<string | undefined> {
    try {
      const info = await stat(file, { bigint: true })
      return info.isFile() ? info.ino.toString() : undefined
    } catch {
      return undefined
    }
  }

  async #currentOwner(env: string, cloudPath: string): Promise<ObjectOwner | undefined> {
    const ino = await this.#inode(this.pathOf(env, cloudPath))
    if (ino === undefined) return undefined
    const record = (await this.#records(env, cloudPath)).find((r) => r.ino === ino)
    return { openid: record?.openid ?? null }
  }

  /** The owner of an object, or undefined when there is no such object. */
  owner(env: string, cloudPath: string): Promise<ObjectOwner | undefined> {
    return this.#currentOwner(env, cloudPath)
  }

  /**
   * Stores `content` owned by `openid` (null: server-made). With `precondition`, the write only
   * happens when it accepts the object's current owner (undefined: no object yet); the answer
   * is then undefined when refused.
   */
  put(
    env: string,
    cloudPath: string,
    content: Buffer | Readable,
    openid?: string | null,
  ): Promise<number>
  put(
    env: string,
    cloudPath: string,
    content: Buffer | Readable,
    openid: string | null,
    precondition: PutPrecondition,
  ): Promise<number | undefined>
  put(
    env: string,
    cloudPath: string,
    content: Buffer | Readable,
    openid: string | null = null,
    precondition?: PutPrecondition,
  ): Promise<number | undefined> {
    return this.#locked(env, cloudPath, async () => {
      if (precondition !== undefined && !precondition(await this.#currentOwner(env, cloudPath))) {
        if (!Buffer.isBuffer(content)) content.resume()
        return undefined
      }
      return this.#write(env, cloudPath, content, openid)
    })
  }

  async #write(
    env: string,
    cloudPath: string,
    content: Buffer | Readable,
    openid: string | null,
  ): Promise<number> {
    const target = this.pathOf(env, cloudPath)
    await mkdir(dirname(target), { recursive: true })
    const tmp = join(dirname(target), `.upload-${randomBytes(6).toString('hex')}`)
    try {
      if (Buffer.isBuffer(content)) await writeSynced(tmp, content)
      else {
        await pipeline(content, createWriteStream(tmp))
        const handle = await open(tmp, 'r+')
        await handle.sync()
        await handle.close()
      }
      const ino = await this.#inode(tmp)
      if (ino === undefined) throw new Error(`上传的临时文件丢失：${tmp}`)
      const oldIno = await this.#inode(target)
      const kept = (await this.#records(env, cloudPath)).filter((r) => r.ino === oldIno)
      await writeAtomically(this.#ownerFile(env, cloudPath), [...kept, { ino, openid }])
      await rename(tmp, target)
    } catch (err) {
      await rm(tmp, { force: true })
      throw err
    }
    return (await stat(target)).size
  }

  async size(env: string, cloudPath: string): Promise<number | undefined> {
    try {
      const info = await stat(this.pathOf(env, cloudPath))
      return info.isFile() ? info.size : undefined
    } catch {
      return undefined
    }
  }

  async read(env: string, cloudPath: string): Promise<Buffer | undefined> {
    if ((await this.size(env, cloudPath)) === undefined) return undefined
    return readFile(this.pathOf(env, cloudPath))
  }

  stream(env: string, cloudPath: string): ReadStream {
    return createReadStream(this.pathOf(env, cloudPath))
  }

  delete(env: string, cloudPath: string): Promise<boolean> {
    return this.#locked(env, cloudPath, async () => {
      if ((await this.size(env, cloudPath)) === undefined) return false
      // Object first: a crash in between leaves a stale record, which matches no file.
      await rm(this.pathOf(env, cloudPath))
      await rm(this.#ownerFile(env, cloudPath), { force: true })
      return true
    })
  }

  /** Every cloud path stored for `env`. */
  async list(env: string): Promise<string[]> {
    const base = join(this.root, env)
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
        else if (entry.isFile() && !entry.name.startsWith('.upload-')) {
          out.push(relative(base, full).split(sep).join('/'))
        }
      }
    }
    await walk(base)
    return out.sort()
  }

  async clear(env?: string): Promise<void> {
    await rm(env === undefined ? this.root : join(this.root, env), { recursive: true, force: true })
    if (env !== undefined)
      await rm(join(this.root, '.owners', env), { recursive: true, force: true })
  }
}

interface OwnerRecord {
  readonly ino: string
  readonly openid: string | null
}

function isOwnerRecord(value: unknown): value is OwnerRecord {
  const r = value as Partial<OwnerRecord> | null
  return (
    r !== null &&
    typeof r === 'object' &&
    typeof r.ino === 'string' &&
    (r.openid === null || typeof r.openid === 'string')
  )
}

async function writeAtomically(file: string, value: unknown): Promise<void> {
  await mkdir(dirname(file), { recursive: true })
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`
  try {
    await writeSynced(tmp, JSON.stringify(value))
    await rename(tmp, file)
  } catch (err) {
    await rm(tmp, { force: true })
    throw err
  }
}

/** Writes `data` to `file` and waits until it is on disk. */
async function writeSynced(file: string, data: Buffer | string): Promise<void> {
  const handle = await open(file, 'w')
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}
