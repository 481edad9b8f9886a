// Field-level protection of identity numbers (PIPL art. 51): AES-256-GCM for the stored value,
// a keyed HMAC as the blind index for matching, so no lookup ever needs the plaintext.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto'
import { warnOnce } from './log'

/** The emulator's environment id; a real CloudBase environment never has it. */
const EMULATOR_ENV = 'demo-local'
const FORMAT = 'v1'

function devKey(purpose: string): Buffer {
  // Public by design: only ever used inside the local emulator, never with real data.
  return createHash('sha256').update(`shanghui-tiaojie local emulator ${purpose} key`).digest()
}

function keyFrom(envName: string, purpose: string): Buffer {
  const raw = process.env[envName]
  const decoded = raw ? Buffer.from(raw, 'base64') : undefined
  if (decoded?.length === 32) return decoded
  if (process.env.TCB_ENV === EMULATOR_ENV) {
    warnOnce(
      `crypto.devKey.${envName}`,
      `${envName} 未配置为 32 字节 base64 密钥，本地模拟器使用开发密钥（切勿用于真实数据）`,
    )
    return devKey(purpose)
  }
  throw new Error(`${envName} must be a base64-encoded 32-byte key`)
}

const encryptionKey = () => keyFrom('ID_ENCRYPTION_KEY', 'encryption')
const hmacKey = () => keyFrom('ID_HMAC_KEY', 'hmac')

/** Encrypts a value; the result is self-describing: `v1.<iv>.<tag>.<ciphertext>` (base64url). */
export function encryptField(plain: string): string {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', encryptionKey(), iv)
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()])
  const tag = cipher.getAuthTag()
  return [FORMAT, iv, tag, body]
    .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
    .join('.')
}

/** Decrypts what `encryptField` produced; a tampered or foreign value throws. */
export function decryptField(sealed: string): string {
  const [format, iv, tag, body] = sealed.split('.')
  if (format !== FORMAT || !iv || !tag || body === undefined)
    throw new Error('unknown sealed format')
  const decipher = createDecipheriv('aes-256-gcm', encryptionKey(), Buffer.from(iv, 'base64url'))
  decipher.setAuthTag(Buffer.from(tag, 'base64url'))
  return Buffer.concat([
    decipher.update(Buffer.from(body, 'base64url')),
    decipher.final(),
  ]).toString('utf8')
}

/**
 * Keyed hash for matching without plaintext. `purpose` separates uses (id numbers, actors, …) so
 * a hash from one domain can never be replayed as another.
 */
export function keyedHash(purpose: string, value: string): string {
  return createHmac('sha256', hmacKey()).update(`${purpose}\u0000${value}`).digest('hex')
}

/** Blind index of an identity number (type-qualified: the same digits in two ID types differ). */
export function idNumberHash(idType: string, normalisedNumber: string): string {
  return keyedHash('id-number', `${idType}:${normalisedNumber}`)
}

/** Pseudonym of a caller used in audit events and logs. */
export function actorHash(openid: string): string {
  return keyedHash('actor', openid)
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex')
}
