// Face verification 2.0 stand-in state: the verify_id ↔ out_seq_no ↔ openid ↔ cert_hash link
// the real platform keeps, and the outcome the web simulator's wx.requestFacialVerify sheet sets.
import { createHash, randomBytes } from 'node:crypto'

export type FaceOutcome = 'success' | 'mismatch' | 'cancelled'

/** verify_ret values: 10000 passed; 10004 face does not match the ID; 90100 the user cancelled. */
export const VERIFY_RET: Readonly<Record<FaceOutcome, number>> = {
  success: 10000,
  mismatch: 10004,
  cancelled: 90100,
}

/** verify_id lifetime (seconds), as getverifyid's expires_in says. */
export const VERIFY_ID_TTL_SECONDS = 3600

export interface CertInfo {
  readonly certType: string
  readonly certName: string
  readonly certNo: string
}

export interface Verification {
  readonly verifyId: string
  readonly appid: string
  readonly outSeqNo: string
  readonly openid: string
  readonly cert: CertInfo
  readonly certHash: string
  readonly createdAt: number
  readonly expiresAt: number
  outcome: FaceOutcome | undefined
  decidedAt: number | undefined
}

/** lowercase hex SHA-256 of `cert_type=<b64>&cert_name=<b64>&cert_no=<b64>` (UTF-8 base64). */
export function certHash(cert: CertInfo): string {
  const b64 = (s: string): string => Buffer.from(s, 'utf8').toString('base64')
  const text = `cert_type=${b64(cert.certType)}&cert_name=${b64(cert.certName)}&cert_no=${b64(cert.certNo)}`
  return createHash('sha256').update(text, 'utf8').digest('hex')
}

export class VerificationStore {
  private readonly byId = new Map<string, Verification>()
  private readonly seqNos = new Set<string>()

  create(input: {
    appid: string
    outSeqNo: string
    openid: string
    cert: CertInfo
    now: number
  }): Verification | 'duplicate' {
    const seqKey = `${input.appid}\u0000${input.outSeqNo}`
    if (this.seqNos.has(seqKey)) return 'duplicate'
    this.seqNos.add(seqKey)
    const v: Verification = {
      verifyId: `emu_verify_${randomBytes(16).toString('hex')}`,
      appid: input.appid,
      outSeqNo: input.outSeqNo,
      openid: input.openid,
      cert: input.cert,
      certHash: certHash(input.cert),
      createdAt: input.now,
      expiresAt: input.now + VERIFY_ID_TTL_SECONDS * 1000,
      outcome: undefined,
      decidedAt: undefined,
    }
    this.byId.set(v.verifyId, v)
    return v
  }

  get(verifyId: string): Verification | undefined {
    return this.byId.get(verifyId)
  }

  clear(): void {
    this.byId.clear()
    this.seqNos.clear()
  }
}
