// What organisation staff decide from the desk: identity reviews, filings and withdrawal
// requests, the judicial confirmation relay and mediation documents, plus staff uploads (court
// rulings, documents) under the staff member's own private folder, which the functions require.
import type { ApiResult } from '../../typings/api/envelope'
import type { RecordOutcomeRequest } from '../../typings/api/judicialConfirmation'
import type { IssueDocumentRequest } from '../../typings/api/mediationDocument'
import { call } from './call'
import type { Intent } from './intent'

/** One pending manual review without photos, and who is reviewing it (an empty page once decided). */
export const pendingIdentity = (identityId: string) =>
  call('verifyIdentity', 'listPending', { identityId })

/**
 * Takes or renews the review claim (领取审核): the only way to the photos (10-minute URLs).
 * Another reviewer's live claim answers `REVIEW_CLAIMED`. Safe to repeat: the holder renews.
 */
export const claimReview = (identityId: string) =>
  call('verifyIdentity', 'claimReview', { identityId })

/** Gives the caller's claim back so another reviewer may take it (idempotent). */
export const releaseReview = (identityId: string, intent: Intent) =>
  call(
    'verifyIdentity',
    'releaseReview',
    { identityId },
    { requestId: intent.requestIdFor('release') },
  )

export const acceptFiling = (filingId: string, intent: Intent) =>
  call('fileCase', 'accept', { filingId }, { requestId: intent.requestIdFor('accept') })

export const rejectFiling = (filingId: string, reason: string, intent: Intent) =>
  call('fileCase', 'reject', { filingId, reason }, { requestId: intent.requestIdFor('reject') })

export const grantWithdrawal = (withdrawalRequestId: string, intent: Intent) =>
  call(
    'withdrawCase',
    'grant',
    { withdrawalRequestId },
    { requestId: intent.requestIdFor('grant') },
  )

export const refuseWithdrawal = (withdrawalRequestId: string, reason: string, intent: Intent) =>
  call(
    'withdrawCase',
    'refuse',
    { withdrawalRequestId, reason },
    { requestId: intent.requestIdFor('refuse') },
  )

export const forwardConfirmation = (caseId: string, courtName: string, intent: Intent) =>
  call(
    'judicialConfirmation',
    'forward',
    { caseId, courtName },
    { requestId: intent.requestIdFor('forward') },
  )

export const recordConfirmationOutcome = (request: RecordOutcomeRequest, intent: Intent) =>
  call('judicialConfirmation', 'recordOutcome', request, {
    requestId: intent.requestIdFor('outcome'),
  })

export const processDocumentRequest = (caseId: string, intent: Intent) =>
  call('mediationDocument', 'process', { caseId }, { requestId: intent.requestIdFor('process') })

export const issueDocument = (request: IssueDocumentRequest, intent: Intent) =>
  call('mediationDocument', 'issue', request, { requestId: intent.requestIdFor('issue') })

export const rejectDocumentRequest = (caseId: string, reason: string, intent: Intent) =>
  call(
    'mediationDocument',
    'reject',
    { caseId, reason },
    { requestId: intent.requestIdFor('reject') },
  )

/**
 * Uploads a file staff picked (ruling, document) under their private folder. The extension comes
 * from the picked file's name when there is one: temp paths do not always keep it.
 */
export async function uploadStaffFile(
  storagePrefix: string,
  folder: 'rulings' | 'documents',
  filePath: string,
  fileName = '',
): Promise<ApiResult<{ fileId: string }, 'NETWORK'>> {
  const pattern = /\.(pdf|jpe?g|png)$/i
  const ext = (pattern.exec(fileName) ?? pattern.exec(filePath))?.[1]?.toLowerCase() ?? 'pdf'
  const cloudPath = `${storagePrefix}${folder}/${Date.now().toString(36)}.${ext}`
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath })
    return { ok: true, data: { fileId: res.fileID } }
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '文件上传失败，请检查网络后重试' } }
  }
}
