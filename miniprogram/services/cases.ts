// Mediation cases (调解申请): draft, submit, invite the respondent, join and respond, withdraw,
// end, extensions, lists, detail and the rating. The server decides every transition; pages show
// `allowedActions` from the answers and nothing else.
import type { ApiResult } from '../../typings/api/envelope'
import type {
  CaseStatus,
  ListMineRequest,
  SaveDraftRequest,
  SubmitRequest,
} from '../../typings/api/mediationCase'
import { call } from './call'
import type { Intent } from './intent'

export const saveDraft = (draft: SaveDraftRequest, intent: Intent) =>
  call('mediationCase', 'saveDraft', draft, { requestId: intent.requestIdFor('draft') })

export const submitCase = (application: SubmitRequest, intent: Intent) =>
  call('mediationCase', 'submit', application, { requestId: intent.requestIdFor('submit') })

export const inviteRespondent = (caseId: string, intent: Intent) =>
  call('mediationCase', 'invite', { caseId }, { requestId: intent.requestIdFor('invite') })

/** The respondent opens the invitation (token from the share path or the code's scene). */
export const joinCase = (token: string, intent: Intent, phone?: string) =>
  call('mediationCase', 'join', phone === undefined ? { token } : { token, phone }, {
    requestId: intent.requestIdFor('join'),
  })

export const respondToCase = (caseId: string, agree: boolean, intent: Intent, reason?: string) =>
  call(
    'mediationCase',
    'respond',
    reason === undefined ? { caseId, agree } : { caseId, agree, reason },
    { requestId: intent.requestIdFor(agree ? 'agree' : 'decline') },
  )

export const withdrawCase = (caseId: string, reason: string, intent: Intent) =>
  call(
    'mediationCase',
    'withdraw',
    { caseId, reason },
    { requestId: intent.requestIdFor('withdraw') },
  )

export const endMediation = (caseId: string, reason: string, intent: Intent) =>
  call('mediationCase', 'end', { caseId, reason }, { requestId: intent.requestIdFor('end') })

export const requestExtension = (caseId: string, days: number, intent: Intent) =>
  call(
    'mediationCase',
    'requestExtension',
    { caseId, days },
    { requestId: intent.requestIdFor('extend') },
  )

export const answerExtension = (caseId: string, agree: boolean, intent: Intent) =>
  call(
    'mediationCase',
    'consentExtension',
    { caseId, agree },
    { requestId: intent.requestIdFor(agree ? 'extend-yes' : 'extend-no') },
  )

export const listMyCases = (
  role: ListMineRequest['role'],
  options: { status?: CaseStatus; page?: number; pageSize?: number } = {},
) => call('mediationCase', 'listMine', { role, ...options })

export const caseDetail = (caseId: string) => call('mediationCase', 'detail', { caseId })

export const rateCase = (caseId: string, score: number, intent: Intent, comment?: string) =>
  call(
    'mediationCase',
    'rate',
    comment === undefined ? { caseId, score } : { caseId, score, comment },
    { requestId: intent.requestIdFor('rate') },
  )

/** Uploads an evidence file under the caller's private folder (`whoAmI().storagePrefix`). */
export async function uploadEvidence(
  storagePrefix: string,
  filePath: string,
): Promise<ApiResult<{ fileId: string }, 'NETWORK'>> {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(filePath)?.[1]?.toLowerCase() ?? 'bin'
  const cloudPath = `${storagePrefix}evidence/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.${ext}`
  try {
    const res = await wx.cloud.uploadFile({ cloudPath, filePath })
    return { ok: true, data: { fileId: res.fileID } }
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: '证据上传失败，请检查网络后重试' } }
  }
}
