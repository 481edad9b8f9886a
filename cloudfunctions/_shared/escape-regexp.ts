/** Escapes user text for use inside a RegExp (database `db.RegExp` or JS), so it matches literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')
}
