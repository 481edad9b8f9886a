// What the open-API stand-ins remember: subscribe-message grants (from the web simulator's
// wx.requestSubscribeMessage), the outbox and media-check results (in emulator collections, so
// the console and tests can read them, and /__emulator/reset clears them), and a ring of every
// call for inspection.
import { randomBytes } from 'node:crypto'
import type { EmulatorContext } from '../server/contracts'

export type GrantKind = 'one-time' | 'long-term'

export interface Grant {
  readonly openid: string
  readonly templateId: string
  readonly kind: GrantKind
  /** Sends left for a one-time grant (each accept adds one); long-term grants are not counted. */
  readonly remaining: number
}

export interface RecordedCall {
  readonly seq: number
  readonly apiName: string
  readonly function: string | undefined
  readonly openid: string | undefined
  readonly params: Record<string, unknown>
  readonly errcode: number
  readonly at: number
}

export const OUTBOX_COLLECTION = 'emulator_outbox'
export const MEDIA_CHECK_COLLECTION = 'emulator_media_checks'

export const GRANTS_COLLECTION = 'emulator_subscribe_grants'

type Doc = Record<string, unknown>

interface DatabaseLike {
  collection(
    env: string,
    name: string,
  ): {
    find(filter?: Doc): Doc[]
    findOne(filter?: Doc): Doc | undefined
    insert(docs: Doc): Promise<string[]>
    update(
      filter: Doc,
      update: Doc,
      options?: { multi?: boolean; upsert?: boolean },
    ): Promise<unknown>
    remove(filter: Doc, options?: { multi?: boolean }): Promise<number>
  }
  createCollection(env: string, name: string): Promise<boolean>
  listCollections(env: string): string[]
}

interface GrantStore {
  get(openid: string, templateId: string): { kind: GrantKind; remaining: number } | undefined
  set(openid: string, templateId: string, g: { kind: GrantKind; remaining: number }): Promise<void>
  delete(openid: string, templateId: string): Promise<void>
  list(openid: string): { templateId: string; kind: GrantKind; remaining: number }[]
}

/** Used only when no database module is registered (module unit use). */
function memoryStore(map: Map<string, { kind: GrantKind; remaining: number }>): GrantStore {
  const key = (o: string, t: string): string => `${o}\u0000${t}`
  return {
    get: (o, t) => map.get(key(o, t)),
    set: (o, t, g) => {
      map.set(key(o, t), g)
      return Promise.resolve()
    },
    delete: (o, t) => {
      map.delete(key(o, t))
      return Promise.resolve()
    },
    list: (o) =>
      [...map.entries()]
        .filter(([k]) => k.startsWith(`${o}\u0000`))
        .map(([k, g]) => ({ templateId: k.slice(o.length + 1), ...g })),
  }
}

export class OpenApiState {
  private readonly memoryGrants = new Map<string, { kind: GrantKind; remaining: number }>()
  private readonly callRing: RecordedCall[] = []
  private readonly callListeners = new Set<(call: RecordedCall) => void>()
  private seq = 0
  private msgid = 2_000_000_000
  private lock: Promise<unknown> = Promise.resolve()

  constructor(private readonly emu: () => EmulatorContext | undefined) {}

  /** Grant changes run one at a time, so two sends cannot both spend one one-time grant. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.lock.then(fn, fn)
    this.lock = p.catch(() => undefined)
    return p
  }

  private async grantStore(env: string): Promise<GrantStore> {
    const db = this.database()
    if (!db) return memoryStore(this.memoryGrants)
    if (!db.listCollections(env).includes(GRANTS_COLLECTION)) {
      await db.createCollection(env, GRANTS_COLLECTION)
    }
    const c = db.collection(env, GRANTS_COLLECTION)
    return {
      get: (openid, templateId) => {
        const doc = c.findOne({ openid, templateId })
        return doc
          ? { kind: doc['kind'] as GrantKind, remaining: Number(doc['remaining']) }
          : undefined
      },
      set: async (openid, templateId, g) => {
        await c.update(
          { openid, templateId },
          { $set: { kind: g.kind, remaining: g.remaining, updatedAt: new Date(this.now()) } },
          { upsert: true, multi: false },
        )
      },
      delete: async (openid, templateId) => {
        await c.remove({ openid, templateId }, { multi: false })
      },
      list: (openid) =>
        c.find({ openid }).map((d) => ({
          templateId: String(d['templateId']),
          kind: d['kind'] as GrantKind,
          remaining: Number(d['remaining']),
        })),
    }
  }

  grant(
    env: string,
    openid: string,
    templateIds: readonly string[],
    kind: GrantKind,
  ): Promise<Grant[]> {
    return this.serial(async () => {
      const store = await this.grantStore(env)
      const out: Grant[] = []
      for (const templateId of templateIds) {
        const prev = store.get(openid, templateId)
        const next =
          kind === 'long-term'
            ? { kind, remaining: 0 }
            : { kind, remaining: (prev?.kind === 'one-time' ? prev.remaining : 0) + 1 }
        await store.set(openid, templateId, next)
        out.push({ openid, templateId, ...next })
      }
      return out
    })
  }

  grantsOf(env: string, openid: string): Promise<Grant[]> {
    return this.serial(async () => {
      const store = await this.grantStore(env)
      return store.list(openid).map((g) => ({ openid, ...g }))
    })
  }

  /** Uses up one send of the user's grant; undefined means not (or no longer) subscribed. */
  consume(env: string, openid: string, templateId: string): Promise<GrantKind | undefined> {
    return this.serial(async () => {
      const store = await this.grantStore(env)
      const g = store.get(openid, templateId)
      if (!g) return undefined
      if (g.kind === 'long-term') return 'long-term'
      if (g.remaining <= 0) return undefined
      if (g.remaining === 1) await store.delete(openid, templateId)
      else await store.set(openid, templateId, { kind: g.kind, remaining: g.remaining - 1 })
      return 'one-time'
    })
  }

  private now(): number {
    return this.emu()?.clock.now() ?? Date.now()
  }

  private database(): DatabaseLike | undefined {
    const emu = this.emu()
    if (!emu) return undefined
    try {
      return emu.service<DatabaseLike>('database')
    } catch {
      return undefined
    }
  }

  nextMsgId(): number {
    return ++this.msgid
  }

  traceId(): string {
    return `local-${randomBytes(12).toString('hex')}`
  }

  /** Every call as it is recorded, beyond the ring's bound (the privacy capture reads them all). */
  onCall(listener: (call: RecordedCall) => void): () => void {
    this.callListeners.add(listener)
    return () => this.callListeners.delete(listener)
  }

  record(call: Omit<RecordedCall, 'seq'>): void {
    const recorded = { ...call, seq: ++this.seq }
    this.callRing.push(recorded)
    for (const listener of this.callListeners) listener(recorded)
    if (this.callRing.length > 500) this.callRing.splice(0, this.callRing.length - 500)
  }

  calls(): readonly RecordedCall[] {
    return this.callRing
  }

  /** Inserts into an emulator collection through the database module, creating it on first use. */
  async store(
    env: string,
    collection: string,
    doc: Record<string, unknown>,
  ): Promise<string | undefined> {
    const db = this.database()
    if (!db) {
      this.emu()?.log('openapi.no-database', { collection })
      return undefined
    }
    if (!db.listCollections(env).includes(collection)) await db.createCollection(env, collection)
    const [id] = await db.collection(env, collection).insert(doc)
    return id
  }
}
