// VoIP (wx.joinVoIPChat) signatures. The real platform signs with the user's session_key; the
// emulator derives a stable per-user session_key so the web simulator can verify a signature with
// the very same formula: hex HMAC-SHA256 keyed with session_key over the sorted, concatenated
// appId, groupId, nonceStr and timeStamp.
import { createHmac } from 'node:crypto'

const SESSION_KEY_SALT = 'cloudbase-emulator/session-key/v1'

/** The emulator's session_key for a user: 16 bytes, base64 (24 characters) like WeChat's. */
export function sessionKeyFor(openid: string): string {
  return createHmac('sha256', SESSION_KEY_SALT)
    .update(openid)
    .digest()
    .subarray(0, 16)
    .toString('base64')
}

export interface VoipSignInput {
  readonly appId: string
  readonly groupId: string
  readonly nonce: string
  readonly timestamp: number | string
  readonly sessionKey: string
}

export function voipSignature(input: VoipSignInput): string {
  const parts = [input.appId, input.groupId, input.nonce, String(input.timestamp)].sort()
  return createHmac('sha256', input.sessionKey).update(parts.join('')).digest('hex')
}
