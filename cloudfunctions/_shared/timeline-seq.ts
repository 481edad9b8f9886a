// The position of each timeline entry (`case_events.seq`): one counter per case, `timelineSeq` on
// the case document, advanced inside the transaction that writes the entry. Two transactions that
// both take a number touch the same case document, so they serialise (or one is retried) and can
// never hand out the same number; `detail` orders the timeline by it.
import type { CaseDoc } from './cases'
import { COLLECTIONS } from './collections'
import { fail } from './errors'
import type { Tx } from './transaction'

/**
 * Numbers already taken in a transaction, per case: several writers in one transaction (a
 * signature and the settlement it triggers) continue the count without re-reading their own
 * write, whatever the platform's read-your-writes semantics inside a transaction.
 */
const taken = new WeakMap<Tx, Map<string, number>>()

/** Entries written before the counter existed used the audit sequence as their position. */
function lastOf(doc: Pick<CaseDoc, 'auditSeq'> & { timelineSeq?: unknown }): number {
  const counter = typeof doc.timelineSeq === 'number' ? doc.timelineSeq : 0
  return Math.max(counter, doc.auditSeq ?? 0)
}

/**
 * Takes `count` consecutive timeline positions of the case and records the new last one on it.
 * `creating`: the case is written by this very transaction (nothing to read or update yet).
 */
export async function takeTimelineSeqs(
  tx: Tx,
  caseId: string,
  count: number,
  creating?: CaseDoc,
): Promise<number[]> {
  let perTx = taken.get(tx)
  if (!perTx) {
    perTx = new Map()
    taken.set(tx, perTx)
  }
  let last = perTx.get(caseId)
  if (last === undefined) {
    const doc = creating ?? (await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId))
    if (!doc) return fail('NOT_FOUND', '案件不存在或已被删除')
    last = lastOf(doc)
  }
  const first = last + 1
  const seqs = Array.from({ length: count }, (_, i) => first + i)
  const next = last + count
  perTx.set(caseId, next)
  if (count > 0 && !creating) {
    await tx.update(COLLECTIONS.mediationCases, caseId, { timelineSeq: next })
  }
  return seqs
}

/** The counter value a full write of the case must carry (its read copy may be older). */
export function timelineSeqOf(tx: Tx, caseId: string): number | undefined {
  return taken.get(tx)?.get(caseId)
}
