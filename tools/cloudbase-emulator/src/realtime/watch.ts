// One live watch: the query it follows, the result the client currently holds, and the numbered
// event batches sent so far (kept so REBUILD_WATCH can replay what a client missed).
import type { ChangeEvent } from '../server/contracts'
import { diffResults, encodeDoc, initEvents, type Doc, type PendingEvent } from './diff'
import type { WireEvent } from './protocol'

/** CloudBase refuses to watch more records than this. */
export const WATCH_DOC_CAP = 5000
/** Batches kept for REBUILD_WATCH; a client further behind than this must start a new watch. */
const REPLAY_BATCHES = 1000

export interface WatchSpec {
  readonly envName: string
  readonly collection: string
  readonly filter: Doc
  /** Field → 1 (ascending) or -1 (descending), in priority order. */
  readonly order: ReadonlyArray<readonly [string, 1 | -1]>
  readonly limit: number | undefined
}

/** Runs a watch's filter and order over the current data (no limit; the watch applies it). */
export type QueryRunner = (spec: WatchSpec) => Doc[]

export interface EventBatch {
  readonly queryID: string
  readonly currEvent: number
  readonly events: WireEvent[]
}

export type WatchOutcome =
  | { readonly ok: true; readonly batch: EventBatch }
  | { readonly ok: false; readonly code: 'WATCH_LIMIT_EXCEEDED'; readonly message: string }

export class Watch {
  private currEvent = 0
  private docs: Doc[] = []
  private readonly sent: EventBatch[] = []

  constructor(
    readonly queryID: string,
    readonly spec: WatchSpec,
    private readonly run: QueryRunner,
    /** Whether this watcher may see a document (the read rule for client watches). */
    private readonly visible: (doc: Doc) => boolean,
  ) {}

  private current(): Doc[] | undefined {
    const matches = this.run(this.spec).filter((doc) => this.visible(doc))
    const limited = this.spec.limit === undefined ? matches : matches.slice(0, this.spec.limit)
    return limited.length > WATCH_DOC_CAP ? undefined : limited
  }

  private overCap(): WatchOutcome {
    return {
      ok: false,
      code: 'WATCH_LIMIT_EXCEEDED',
      message: `监听的记录数超过 ${WATCH_DOC_CAP} 条上限，请缩小查询范围或设置 limit`,
    }
  }

  start(): WatchOutcome {
    const docs = this.current()
    if (docs === undefined) return this.overCap()
    this.docs = docs
    return { ok: true, batch: this.record(initEvents(docs)) }
  }

  /** Re-evaluates the query after a change; undefined when the watcher sees no difference. */
  apply(change: ChangeEvent): WatchOutcome | undefined {
    if (change.envName !== this.spec.envName || change.collection !== this.spec.collection) {
      return undefined
    }
    const docs = this.current()
    if (docs === undefined) return this.overCap()
    const events = diffResults(this.docs, docs, change, this.spec.limit !== undefined)
    this.docs = docs
    if (events.length === 0) return undefined
    return { ok: true, batch: this.record(events) }
  }

  /** Every batch after `eventID`, or undefined when they are no longer kept. */
  replayAfter(eventID: number): EventBatch | undefined {
    if (eventID > this.currEvent || eventID < 0) return undefined
    const missed = this.sent.filter((batch) => batch.currEvent > eventID)
    const oldestKept = this.sent[0]?.currEvent ?? this.currEvent + 1
    if (missed.length > 0 && oldestKept > eventID + 1) return undefined
    return {
      queryID: this.queryID,
      currEvent: this.currEvent,
      events: missed.flatMap((batch) => batch.events),
    }
  }

  latestEvent(): number {
    return this.currEvent
  }

  private record(events: readonly PendingEvent[]): EventBatch {
    this.currEvent += 1
    const id = this.currEvent
    const batch: EventBatch = {
      queryID: this.queryID,
      currEvent: id,
      events: events.map((event) => toWire(id, event)),
    }
    this.sent.push(batch)
    if (this.sent.length > REPLAY_BATCHES) this.sent.shift()
    return batch
  }
}

function toWire(id: number, event: PendingEvent): WireEvent {
  const base = {
    ID: id,
    DataType: event.dataType,
    QueueType: event.queueType,
    DocID: event.docId,
    Doc: encodeDoc(event.doc),
  }
  if (event.dataType !== 'update' && event.dataType !== 'replace') return base
  if (event.updatedFields === undefined) return base
  const removed = JSON.stringify(event.removedFields ?? [])
  return {
    ...base,
    UpdatedFields: encodeDoc(event.updatedFields),
    RemovedFields: removed,
    removedFields: removed,
  }
}
