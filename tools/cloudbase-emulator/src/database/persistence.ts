import {
  closeSync,
  existsSync,
  fsyncSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  writeSync,
} from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { EJSON } from 'bson'
import type { Doc } from './ejson'
import { revive } from './ejson'

/** One change inside a committed record: a whole-document after-image, so replay is idempotent. */
export type LogOp =
  | { readonly c: string; readonly id: string; readonly doc: Doc }
  | { readonly c: string; readonly id: string; readonly del: true }
  | { readonly c: string; readonly create: true }
  | { readonly c: string; readonly drop: true }

/** One committed write or transaction: one line, one atomic append, one fsync. */
export interface LogRecord {
  readonly seq: number
  readonly env: string
  readonly ops: readonly LogOp[]
}

export interface SnapshotEntry {
  readonly env: string
  readonly c: string
  readonly doc?: Doc
}

export interface LoadedState {
  readonly seq: number
  readonly snapshot: SnapshotEntry[]
  readonly records: LogRecord[]
}

const LOG_FILE = 'database.log'
const SNAPSHOT_FILE = 'database.snapshot'

function encodeOp(op: LogOp): unknown {
  return 'doc' in op ? { c: op.c, id: op.id, doc: EJSON.serialize(op.doc, { relaxed: false }) } : op
}

function decodeDoc(value: unknown): Doc {
  return revive(EJSON.deserialize(value as Doc, { relaxed: true }), 0) as Doc
}

function decodeOp(raw: Record<string, unknown>): LogOp {
  const c = String(raw['c'])
  if (raw['create'] === true) return { c, create: true }
  if (raw['drop'] === true) return { c, drop: true }
  if (raw['del'] === true) return { c, id: String(raw['id']), del: true }
  return { c, id: String(raw['id']), doc: decodeDoc(raw['doc']) }
}

interface Pending {
  readonly line: string
  readonly resolve: () => void
  readonly reject: (err: unknown) => void
}

/**
 * Durable storage for the database: an append-only log of committed records plus a periodic
 * snapshot. A write is acknowledged only after its line is fsync'd; concurrent commits share one
 * write + fsync (group commit). A torn last line after a crash was never acknowledged and is cut
 * off on load. Compaction writes the snapshot to a temp file, fsyncs, renames it over the old one
 * and only then truncates the log, so a crash at any point leaves a loadable pair (records already
 * in the snapshot are skipped by their sequence number).
 */
export class Persistence {
  readonly dir: string
  #handle: FileHandle | undefined
  #pending: Pending[] = []
  #flushing: Promise<void> | undefined
  #recordsSinceCompaction = 0
  #closed = false

  constructor(dir: string) {
    this.dir = dir
  }

  load(): LoadedState {
    mkdirSync(this.dir, { recursive: true })
    let seq = 0
    const snapshot: SnapshotEntry[] = []
    const snapshotPath = join(this.dir, SNAPSHOT_FILE)
    if (existsSync(snapshotPath)) {
      const lines = readFileSync(snapshotPath, 'utf8').split('\n')
      const header = JSON.parse(lines[0] ?? '{}') as { seq?: number }
      seq = header.seq ?? 0
      for (const line of lines.slice(1)) {
        if (line === '') continue
        const raw = JSON.parse(line) as { env: string; c: string; doc?: unknown }
        snapshot.push(
          raw.doc === undefined
            ? { env: raw.env, c: raw.c }
            : { env: raw.env, c: raw.c, doc: decodeDoc(raw.doc) },
        )
      }
    }
    const records: LogRecord[] = []
    const logPath = join(this.dir, LOG_FILE)
    if (existsSync(logPath)) {
      const text = readFileSync(logPath)
      let offset = 0
      while (offset < text.length) {
        const end = text.indexOf(0x0a, offset)
        if (end < 0) break
        let raw: { seq: number; env: string; ops: Record<string, unknown>[] }
        try {
          raw = JSON.parse(text.subarray(offset, end).toString('utf8')) as typeof raw
        } catch {
          break
        }
        if (raw.seq > seq) records.push({ seq: raw.seq, env: raw.env, ops: raw.ops.map(decodeOp) })
        offset = end + 1
      }
      if (offset < text.length) {
        // Cut the torn tail so later appends start on a clean line.
        const fd = openSync(logPath, 'r+')
        try {
          ftruncateSync(fd, offset)
          fsyncSync(fd)
        } finally {
          closeSync(fd)
        }
      }
      this.#recordsSinceCompaction = records.length
    }
    return { seq: records.at(-1)?.seq ?? seq, snapshot, records }
  }

  async open(): Promise<void> {
    this.#handle = await open(join(this.dir, LOG_FILE), 'a')
  }

  get recordsSinceCompaction(): number {
    return this.#recordsSinceCompaction
  }

  /** Resolves once the record is on disk. */
  append(record: LogRecord): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('数据库日志已关闭'))
    const line = `${JSON.stringify({ seq: record.seq, env: record.env, ops: record.ops.map(encodeOp) })}\n`
    return new Promise((resolve, reject) => {
      this.#pending.push({ line, resolve, reject })
      this.#flushing ??= this.#flushLoop()
    })
  }

  /** Waits until everything appended so far is durable. */
  async drain(): Promise<void> {
    while (this.#flushing !== undefined) await this.#flushing
  }

  async #flushLoop(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending
        this.#pending = []
        try {
          const handle = this.#handle
          if (handle === undefined) throw new Error('数据库日志未打开')
          await handle.write(batch.map((p) => p.line).join(''))
          await handle.datasync()
          this.#recordsSinceCompaction += batch.length
          for (const p of batch) p.resolve()
        } catch (err) {
          for (const p of batch) p.reject(err)
        }
      }
    } finally {
      this.#flushing = undefined
    }
  }

  /**
   * Replaces snapshot + log by a snapshot of `entries` (the whole in-memory state at `seq`).
   * Synchronous on purpose: no commit can interleave between taking the state and truncating.
   */
  compactSync(seq: number, entries: Iterable<SnapshotEntry>): void {
    const tmp = join(this.dir, `${SNAPSHOT_FILE}.tmp`)
    const fd = openSync(tmp, 'w')
    try {
      let buffer = `${JSON.stringify({ v: 1, seq })}\n`
      for (const entry of entries) {
        const line =
          entry.doc === undefined
            ? { env: entry.env, c: entry.c }
            : { env: entry.env, c: entry.c, doc: EJSON.serialize(entry.doc, { relaxed: false }) }
        buffer += `${JSON.stringify(line)}\n`
        if (buffer.length > 1 << 20) {
          writeSync(fd, buffer)
          buffer = ''
        }
      }
      writeSync(fd, buffer)
      fsyncSync(fd)
    } finally {
      closeSync(fd)
    }
    renameSync(tmp, join(this.dir, SNAPSHOT_FILE))
    fsyncDir(this.dir)
    const logFd = openSync(join(this.dir, LOG_FILE), 'w')
    fsyncSync(logFd)
    closeSync(logFd)
    this.#recordsSinceCompaction = 0
  }

  async close(): Promise<void> {
    await this.drain()
    this.#closed = true
    await this.#handle?.close()
    this.#handle = undefined
  }
}

function fsyncDir(dir: string): void {
  const fd = openSync(dir, 'r')
  try {
    fsyncSync(fd)
  } finally {
    closeSync(fd)
  }
}
