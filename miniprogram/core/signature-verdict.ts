// What WeChat's content-safety verdict on a handwritten signature image does to that signature.
// A signature is part of a contract, so the rule is conservative: only a signature on an agreement
// that has not taken effect may be withdrawn; once every party signed, the agreement never changes
// silently and a bad image goes to the organisation's staff instead.
import type { AgreementStatus } from './machines/agreement'

/** The platform's verdict (`result.suggest` of the `wxa_media_check` push). */
export type SignatureVerdict = 'pass' | 'review' | 'risky'

/** The check state of one signature image, as kept on the agreement. */
export type SignatureCheckState = 'pending' | SignatureVerdict

/** One signature image sent to the check, as recorded on the agreement (`signatureChecks`). */
export interface SignatureCheckRecord {
  readonly signerId: string
  readonly role: 'applicant' | 'respondent' | 'mediator'
  readonly fileId: string
  /** The agreement revision the image was signed under. */
  readonly revision: number
  /** Null when the check could not be requested (the image then goes to a human: `review`). */
  readonly traceId: string | null
  readonly check: SignatureCheckState
  /** Set once a verdict is applied; `voided` when the signature was withdrawn for it. */
  readonly outcome: SignatureVerdictAction | null
  readonly requestedAt: Date
  readonly checkedAt: Date | null
}

/**
 * - `clear`: nothing visible changes.
 * - `flag`: the mediator and staff are shown the signature needs a human look.
 * - `void`: the signature is withdrawn and the signer asked to sign again.
 * - `escalate`: the agreement is effective and stays so; staff must look at it.
 * - `record`: the image no longer backs a signature (revised or re-signed); only kept on record.
 */
export type SignatureVerdictAction = 'clear' | 'flag' | 'void' | 'escalate' | 'record'

export interface SignatureVerdictFacts {
  readonly verdict: SignatureVerdict
  readonly agreementStatus: AgreementStatus
  /** The agreement's current revision. */
  readonly revision: number
  /** The record the verdict is for. */
  readonly record: Pick<SignatureCheckRecord, 'signerId' | 'fileId' | 'revision' | 'check'>
  /** Signers who hold a signature on the current revision. */
  readonly signedNow: readonly string[]
  /** The image each signer's current signature uses, by signer id. */
  readonly currentImages: Readonly<Record<string, { readonly fileId: string } | undefined>>
}

/** The decision for one verdict; `null` when the record already had its verdict (a repeat). */
export function signatureVerdictAction(f: SignatureVerdictFacts): SignatureVerdictAction | null {
  if (f.record.check !== 'pending') return null
  const stillBacks =
    f.record.revision === f.revision &&
    f.signedNow.includes(f.record.signerId) &&
    f.currentImages[f.record.signerId]?.fileId === f.record.fileId
  if (!stillBacks) return 'record'
  if (f.verdict === 'pass') return 'clear'
  if (f.verdict === 'review') return 'flag'
  return f.agreementStatus === 'effective' ? 'escalate' : 'void'
}

/** What the signer of a withdrawn signature is told (in-app message). */
export const SIGNATURE_VOIDED_MESSAGE = '您的签名图片未通过内容安全检测，请重新签署'

/** Shown to the mediator and staff for a signature withdrawn for its image. */
export const SIGNATURE_WITHDRAWN_NOTE = '签名图片未通过内容安全检测，该签名已撤回，待签署人重新签署'

/** Shown to the mediator and staff next to a signature that needs a human look. */
export const SIGNATURE_REVIEW_NOTE = '签名图片需人工复核：内容安全检测提示可疑，请核实签名图片'

/** Shown to the mediator and staff for a bad image on an agreement that has taken effect. */
export const SIGNATURE_ESCALATED_NOTE =
  '协议已生效，但其中一份签名图片未通过内容安全检测，协议未作变更，请工作人员核查处理'

/** Shown when the image could not be sent to the check at all. */
export const SIGNATURE_UNCHECKED_NOTE = '签名图片未能提交内容安全检测，请人工核对签名图片'
