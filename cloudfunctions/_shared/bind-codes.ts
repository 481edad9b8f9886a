// Bind codes (绑定码) let organisation staff hand a mediator account to a person: the staff desk
// issues a short code, the mediator redeems it once from their own WeChat. Only a keyed hash is
// stored, so a database reader cannot redeem a code; the id derives from it, so a redemption can
// read the code inside a transaction (transactions address documents by id only).
import { keyedHash } from './crypto'

/** What a code looks like after normalising (upper case, no spaces or dashes): 8–16 A–Z / 2–9. */
export const BIND_CODE_PATTERN = /^[A-Z2-9]{8,16}$/

export function normaliseBindCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '')
}

export function bindCodeHash(code: string): string {
  return keyedHash('bind-code', normaliseBindCode(code))
}

/** `bind_codes/<id>` of a code. */
export function bindCodeId(code: string): string {
  return 'bc_' + bindCodeHash(code).slice(0, 40)
}

export interface BindCodeDoc extends Record<string, unknown> {
  readonly codeHash: string
  readonly mediatorId: string
  readonly organisationId: string
  readonly expiresAt: Date
  readonly usedAt: Date | null
  readonly usedByHash?: string | null
  readonly version: number
}
