const FULL_WIDTH_OFFSET = 0xfee0

/**
 * Canonical form of an enterprise or person name for equality checks: no whitespace, full-width
 * letters, digits and brackets folded to ASCII, Latin letters lower-cased. Registration documents
 * and what parties type differ exactly in these ways (（有限公司） vs (有限公司)).
 */
export function normaliseEntityName(name: string): string {
  let out = ''
  for (const ch of name) {
    const code = ch.charCodeAt(0)
    if (code >= 0xff01 && code <= 0xff5e) out += String.fromCharCode(code - FULL_WIDTH_OFFSET)
    else if (ch === '\u3000') out += ' '
    else out += ch
  }
  return out.replace(/\s+/g, '').toLowerCase()
}

/** USCCs compare upper-case without spaces (people type them in lower case or grouped). */
export function normaliseUscc(uscc: string): string {
  return normaliseEntityName(uscc).toUpperCase()
}
