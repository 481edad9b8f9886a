// Real-name verification: face verification (resident ID), manual review, deletion, and the
// staff review queue. The server decides every outcome; the client only relays.
import type { ApiResult } from '../../typings/api/envelope'
import type { SubmitManualRequest } from '../../typings/api/verifyIdentity'
import { call, type CallResult } from './call'
import type { Intent } from './intent'

export const identityStatus = () => call('verifyIdentity', 'status', {})

export const startFace = (name: string, idNumber: string, intent: Intent) =>
  call(
    'verifyIdentity',
    'startFace',
    { name, idNumber },
    { requestId: intent.requestIdFor('startFace') },
  )

export const confirmFace = (verifyId: string, intent: Intent) =>
  call(
    'verifyIdentity',
    'confirmFace',
    { verifyId },
    { requestId: intent.requestIdFor('confirmFace') },
  )

/**
 * The whole face flow: obtain a verify id, run WeChat's face sheet, then let the server ask
 * WeChat for the result. Whatever the sheet reports, only the server's answer counts.
 */
export async function verifyByFace(
  name: string,
  idNumber: string,
  intent: Intent,
): Promise<
  CallResult<'verifyIdentity', 'confirmFace'> | CallResult<'verifyIdentity', 'startFace'>
> {
  const started = await startFace(name, idNumber, intent)
  if (!started.ok) return started
  await new Promise<void>((resolve) => {
    wx.requestFacialVerify({ verifyId: started.data.verifyId, complete: () => resolve() })
  })
  return confirmFace(started.data.verifyId, intent)
}

/** Uploads an ID photo under the caller's private folder (prefix from `whoAmI().storagePrefix`). */
export async function uploadIdentityPhoto(
  storagePrefix: string,
  slot: string,
  filePath: string,
): Promise<ApiResult<{ fileId: string }, 'NETWORK'>> {
  const ext = /\.(jpe?g|png|webp)$/i.exec(filePath)?.[1]?.toLowerCase() ?? 'jpg'
  const cloudPath = `${storagePrefix}identity/${slot.replace(/[^A-Za-z0-9_-]/g, '')}-${Date.now().toString(36)}.${ext}`
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath })
    return { ok: true, data: { fileId: res.fileID } }
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '照片上传失败，请检查网络后重试' } }
  }
}

export const submitManual = (request: SubmitManualRequest, intent: Intent) =>
  call('verifyIdentity', 'submitManual', request, {
    requestId: intent.requestIdFor('submitManual'),
  })

export const deleteIdentity = (intent: Intent) =>
  call('verifyIdentity', 'delete', {}, { requestId: intent.requestIdFor('delete') })

// Staff review queue (organisation desk).
export const listPendingIdentities = (page = 1) => call('verifyIdentity', 'listPending', { page })

export const approveIdentity = (identityId: string, intent: Intent) =>
  call('verifyIdentity', 'approve', { identityId }, { requestId: intent.requestIdFor('approve') })

export const rejectIdentity = (identityId: string, reason: string, intent: Intent) =>
  call(
    'verifyIdentity',
    'reject',
    { identityId, reason },
    { requestId: intent.requestIdFor('reject') },
  )
