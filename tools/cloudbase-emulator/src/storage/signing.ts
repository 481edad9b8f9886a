import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'

export type UrlPurpose = 'get' | 'put'

/**
 * Signs temp URLs with a per-data-dir secret, so URLs keep working across restarts of the same
 * data dir but a hand-edited path, expiry or purpose fails verification.
 */
export class UrlSigner {
  readonly #secret: Buffer

  constructor(secret: Buffer) {
    this.#secret = secret
  }

  static fromFile(path: string): UrlSigner {
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true })
      writeFileSync(path, randomBytes(32).toString('hex'), { mode: 0o600 })
    }
    return new UrlSigner(Buffer.from(readFileSync(path, 'utf8').trim(), 'hex'))
  }

  static ephemeral(): UrlSigner {
    return new UrlSigner(randomBytes(32))
  }

  sign(purpose: UrlPurpose, env: string, path: string, expiresAtSec: number): string {
    return createHmac('sha256', this.#secret)
      .update(`${purpose}\n${env}\n${path}\n${expiresAtSec}`)
      .digest('hex')
  }

  verify(
    purpose: UrlPurpose,
    env: string,
    path: string,
    expiresAtSec: number,
    signature: string,
  ): boolean {
    const expected = Buffer.from(this.sign(purpose, env, path, expiresAtSec), 'hex')
    const given = Buffer.from(signature, 'hex')
    return given.length === expected.length && timingSafeEqual(given, expected)
  }
}
