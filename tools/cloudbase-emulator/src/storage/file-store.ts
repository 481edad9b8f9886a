import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs'
import { mkdir, open, readFile, readdir, rename, rm, stat } from 'node:fs/promises'
import { dirname, join, relative, sep } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'

/**
 * Objects on disk under `<root>/<env>/<cloud path>`. Writes land in a temp file that is fsync'd
 * and renamed into place, so a reader never sees half a file and a crash leaves the old one.
 */
export class FileStore {
  readonly root: string

  constructor(root: string) {
    this.root = root
  }

  pathOf(env: string, cloudPath: string): string {
    return join(this.root, env, ...cloudPath.split('/'))
  }

  async put(env: string, cloudPath: string, content: Buffer | Readable): Promise<number> {
    const target = this.pathOf(env, cloudPath)
    await mkdir(dirname(target), { recursive: true })
    const tmp = join(dirname(target), `.upload-${randomBytes(6).toString('hex')}`)
    try {
      if (Buffer.isBuffer(content)) {
        const handle = await open(tmp, 'w')
        try {
          await handle.writeFile(content)
          await handle.sync()
        } finally {
          await handle.close()
        }
      } else {
        await pipeline(content, createWriteStream(tmp))
        const handle = await open(tmp, 'r+')
        await handle.sync()
        await handle.close()
      }
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

  async delete(env: string, cloudPath: string): Promise<boolean> {
    if ((await this.size(env, cloudPath)) === undefined) return false
    await rm(this.pathOf(env, cloudPath))
    return true
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
  }
}
