// What the open-API stand-ins remember: subscribe-message grants (from the web simulator's
// wx.requestSubscribeMessage), the outbox and media-check results (in emulator collections, so
// the console and tests can read them), and a ring of every call for inspection.
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

interface DatabaseLike {
  collection(
    env: string,
    name: string,
  ): { insert(docs: Record<string, unknown>): Promise<string[]> }
  createCollection(env: string, name: string): Promise<boolean>
  listCollections(env: string): string[]
}

export class OpenApiState {
  private readonly grants = new Map<string, { kind: GrantKind; remaining: number }>()
  private readonly callRing: RecordedCall[] = []
  private seq = 0
  private msgid = 2_000_000_000

  constructor(private readonly emu: () => EmulatorContext | undefined) {}

  grant(openid: string, templateIds: readonly string[], kind: GrantKind): Grant[] {
    const out: Grant[] = []
    for (const templateId of templateIds) {
      const key = `${openid}\u0000${templateId}`
      const prev = this.grants.get(key)
      const next =
        kind === 'long-term'
          ? { kind, remaining: 0 }
          : { kind, remaining: (prev?.kind === 'one-time' ? prev.remaining : 0) + 1 }
      this.grants.set(key, next)
      out.push({ openid, templateId, ...next })
    }
    return out
  }

  grantsOf(openid: string): Grant[] {
    const out: Grant[] = []
    for (const [key, g] of this.grants) {
      const [o, templateId] = key.split('\u0000')
      if (o === openid && templateId !== undefined) out.push({ openid, templateId, ...g })
    }
    return out
  }

  /** Uses up one send of the user's grant; false means the user has not (or no longer) subscribed. */
  consume(openid: string, templateId: string): GrantKind | undefined {
    const key = `${openid}\u0000${templateId}`
    const g = this.grants.get(key)
    if (!g) return undefined
    if (g.kind === 'long-term') return 'long-term'
    if (g.remaining <= 0) return undefined
    if (g.remaining === 1) this.grants.delete(key)
    else this.grants.set(key, { kind: g.kind, remaining: g.remaining - 1 })
    return 'one-time'
  }

  clearGrants(): void {
    this.grants.clear()
  }

  nextMsgId(): number {
    return ++this.msgid
  }

  traceId(): string {
    return `local-${randomBytes(12).toString('hex')}`
  }

  record(call: Omit<RecordedCall, 'seq'>): void {
    this.callRing.push({ ...call, seq: ++this.seq })
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
    const emu = this.emu()
    if (!emu) return undefined
    let db: DatabaseLike
    try {
      db = emu.service<DatabaseLike>('database')
    } catch {
      emu.log('openapi.no-database', { collection })
      return undefined
    }
    if (!db.listCollections(env).includes(collection)) await db.createCollection(env, collection)
    const [id] = await db.collection(env, collection).insert(doc)
    return id
  }
}
