// WeChat face verification 2.0 (人脸核身): no cloud call exists, so the function calls the HTTPS
// API itself. The server alone decides the outcome, from queryverifyinfo — never from the client.
import { randomBytes } from 'node:crypto'
import { callWxApi, log, sha256Hex } from '../../_shared'

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')

/** `cert_hash` as the platform defines it: SHA-256 of the base64-encoded cert fields. */
export function certHash(name: string, idNumber: string): string {
  return sha256Hex(
    `cert_type=${b64('IDENTITY_CARD')}&cert_name=${b64(name)}&cert_no=${b64(idNumber)}`,
  )
}

/** 5–32 chars of [0-9A-Za-z_-], unique per appid. */
export function newOutSeqNo(): string {
  return 'fv' + randomBytes(12).toString('hex')
}

export interface VerifyIdGrant {
  readonly verifyId: string
  readonly expiresIn: number
}

export async function getVerifyId(
  outSeqNo: string,
  name: string,
  idNumber: string,
  openid: string,
): Promise<VerifyIdGrant | undefined> {
  const res = await callWxApi('/cityservice/face/identify/getverifyid', {
    out_seq_no: outSeqNo,
    cert_info: { cert_type: 'IDENTITY_CARD', cert_name: name, cert_no: idNumber },
    openid,
  })
  if (res.errcode !== 0 && res.errcode !== undefined) {
    log.warn('face.getverifyid.refused', { errcode: res.errcode })
    return undefined
  }
  const verifyId = res.verify_id
  if (typeof verifyId !== 'string' || verifyId === '') return undefined
  return { verifyId, expiresIn: typeof res.expires_in === 'number' ? res.expires_in : 3600 }
}

export type FaceOutcome =
  | { readonly kind: 'verified' }
  /** The user has not finished the face sheet yet (verify_ret 0): nothing to record. */
  | { readonly kind: 'unfinished' }
  | { readonly kind: 'cancelled'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }

/** 9xxxx verify_ret codes are the device, a permission or the user cancelling. */
const isCancelLike = (ret: number) => ret >= 90000 && ret < 100000

export async function queryOutcome(session: {
  verifyId: string
  outSeqNo: string
  certHash: string
  openid: string
}): Promise<FaceOutcome> {
  const res = await callWxApi('/cityservice/face/identify/queryverifyinfo', {
    verify_id: session.verifyId,
    out_seq_no: session.outSeqNo,
    cert_hash: session.certHash,
    openid: session.openid,
  })
  const ret = typeof res.verify_ret === 'number' ? res.verify_ret : Number(res.verify_ret)
  // If the platform echoes any of the bound fields, each must be the one we stored.
  const echoed: [unknown, string][] = [
    [res.openid, session.openid],
    [res.out_seq_no, session.outSeqNo],
    [res.cert_hash, session.certHash],
    [res.verify_id, session.verifyId],
  ]
  const mismatch = echoed.some(([got, want]) => got !== undefined && got !== want)
  if (res.errcode === 0 && ret === 10000 && !mismatch) return { kind: 'verified' }
  if (mismatch) log.warn('face.query.mismatch', { errcode: res.errcode })
  if (res.errcode === 0 && !mismatch && (ret === 0 || res.verify_ret === undefined)) {
    return { kind: 'unfinished' }
  }
  if (Number.isFinite(ret) && isCancelLike(ret)) {
    return {
      kind: 'cancelled',
      reason: '人脸核身未完成（已取消或设备不支持），可重试或改用人工审核',
    }
  }
  return { kind: 'failed', reason: '人脸核身未通过：人脸与证件信息不一致，可重试或改用人工审核' }
}
