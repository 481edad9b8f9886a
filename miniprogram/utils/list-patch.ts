// Paged lists grow by path so each fetch sends only its new rows, never the list already shown.

/** A list row the page keys by id. */
export interface KeyedRow {
  readonly id: string
}

/**
 * The `setData` patch that appends a fetched page to a list already holding `existing` rows:
 * only the new rows, by path, and none that are already shown (a row can shift onto the next
 * page when something new arrives at the top between two fetches).
 */
export function appendPatch<R extends KeyedRow>(
  key: string,
  existing: readonly KeyedRow[],
  incoming: readonly R[],
): Record<string, R> {
  const seen = new Set(existing.map((r) => r.id))
  const patch: Record<string, R> = {}
  let index = existing.length
  for (const row of incoming) {
    if (seen.has(row.id)) continue
    seen.add(row.id)
    patch[`${key}[${index}]`] = row
    index += 1
  }
  return patch
}
