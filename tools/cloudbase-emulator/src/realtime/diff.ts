// Turns "the watched result before" and "the watched result after" one committed change into the
// events the realtime client applies. Dequeue events never carry the document's new contents: a
// document leaving a watch may have left because the watcher may no longer read it.
import { EJSON } from 'bson'
import type { ChangeEvent } from '../server/contracts'

export type Doc = Record<string, unknown>

export interface PendingEvent {
  readonly dataType: 'init' | 'add' | 'update' | 'remove' | 'replace' | 'limit'
  readonly queueType: 'init' | 'enqueue' | 'dequeue' | 'update'
  readonly docId: string
  /** Full document for init/enqueue/update; for dequeue at most the version already sent. */
  readonly doc: Doc | undefined
  readonly updatedFields?: Doc
  readonly removedFields?: string[]
}

/** Documents travel as relaxed EJSON text, which plain JSON.parse in the client can read. */
export function encodeDoc(doc: Doc | undefined): string {
  return doc === undefined ? '{}' : EJSON.stringify(doc, { relaxed: true })
}

function idOf(doc: Doc): string {
  return String(doc['_id'])
}

function fieldChanges(before: Doc, after: Doc): { updated: Doc; removed: string[] } {
  const updated: Doc = {}
  for (const [key, value] of Object.entries(after)) {
    if (encodeDoc({ v: before[key] }) !== encodeDoc({ v: value })) updated[key] = value
  }
  const removed = Object.keys(before).filter((key) => !(key in after))
  return { updated, removed }
}

export function initEvents(docs: readonly Doc[]): PendingEvent[] {
  return docs.map((doc) => ({ dataType: 'init', queueType: 'init', docId: idOf(doc), doc }))
}

/** The events that take a client from `before` to `after`, caused by `change`. */
export function diffResults(
  before: readonly Doc[],
  after: readonly Doc[],
  change: Pick<ChangeEvent, 'docId' | 'type'>,
  /** Whether the watch has a limit, so that other documents can be pushed in and out. */
  limited = true,
): PendingEvent[] {
  const beforeById = new Map(before.map((doc) => [idOf(doc), doc]))
  const afterById = new Map(after.map((doc) => [idOf(doc), doc]))
  const dequeued: PendingEvent[] = []
  const updated: PendingEvent[] = []
  const enqueued: PendingEvent[] = []
  for (const [id, previous] of beforeById) {
    if (afterById.has(id)) continue
    // Without a limit another document can only vanish with its collection (a reset).
    const dataType =
      id !== change.docId
        ? limited
          ? 'limit'
          : 'remove'
        : change.type === 'remove'
          ? 'remove'
          : 'update'
    // An update that moves a document out carries the version the watcher last saw: the 1.4.3
    // client cannot rebuild it from its cache (its lodash.clonedeep import is broken under CJS),
    // and the new version may be one the watcher is no longer allowed to read.
    const doc = dataType === 'update' ? previous : undefined
    dequeued.push({ dataType, queueType: 'dequeue', docId: id, doc })
  }
  for (const [id, doc] of afterById) {
    const previous = beforeById.get(id)
    if (previous === undefined) {
      const dataType =
        id !== change.docId
          ? 'limit'
          : change.type === 'add'
            ? 'add'
            : change.type === 'replace'
              ? 'replace'
              : 'update'
      enqueued.push({ dataType, queueType: 'enqueue', docId: id, doc })
      continue
    }
    if (encodeDoc(previous) === encodeDoc(doc)) continue
    const { updated: fields, removed } = fieldChanges(previous, doc)
    updated.push({
      dataType: change.type === 'replace' && id === change.docId ? 'replace' : 'update',
      queueType: 'update',
      docId: id,
      doc,
      updatedFields: fields,
      removedFields: removed,
    })
  }
  return [...dequeued, ...updated, ...enqueued]
}
