// The mediation agreement for the parties and the mediator: read it, then sign the exact
// version and hash that was shown, with a signature image uploaded to the caller's own prefix.
import type { ApiResult } from '../../typings/api/envelope'
import type { AgreementView } from '../../typings/api/signAgreement'
import { call } from './call'
import type { Intent } from './intent'

export const getAgreement = (caseId: string) => call('signAgreement', 'get', { caseId })

/** Signs what the user was shown: a revision in between makes the server refuse (STALE_REVISION). */
export const signAgreement = (shown: AgreementView, signatureImageFileId: string, intent: Intent) =>
  call(
    'signAgreement',
    'sign',
    { caseId: shown.caseId, version: shown.version, hash: shown.hash, signatureImageFileId },
    { requestId: intent.requestIdFor('sign') },
  )

/** Uploads the exported signature PNG to `cloudPath` (under the caller's `storagePrefix`). */
export async function uploadSignature(
  cloudPath: string,
  filePath: string,
): Promise<ApiResult<{ fileId: string }, 'NETWORK'>> {
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath })
    return { ok: true, data: { fileId: res.fileID } }
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '签名图片上传失败，请检查网络后重试' } }
  }
}
