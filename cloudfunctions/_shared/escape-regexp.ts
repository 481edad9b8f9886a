/**
 * Escapes user text for use inside a RegExp (database `db.RegExp` or JS), so it matches literally.
 * Only the syntax characters are escaped: escaping anything else (`-`, `/`) is an error under the
 * `u` flag.
 */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
