// Ids derived from the caller, so that the one document per user can be created race-free (two
// concurrent first writes collide on the id instead of producing two documents).
import { keyedHash } from './crypto'

/** `identities/<id>` of a user: one identity document per openid. */
export function identityIdFor(openid: string): string {
  return 'idn_' + keyedHash('identity', openid).slice(0, 32)
}

/** `users/<id>` for users the server creates (seeded users may carry other ids; look up by openid). */
export function userIdFor(openid: string): string {
  return 'usr_' + keyedHash('user', openid).slice(0, 32)
}
