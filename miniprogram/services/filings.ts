// Online filing (在线立案) and withdrawal (撤回 / 撤诉) for the filing party. A filing made under
// a verified identity is locked (`identityLocked`) while that identity is deleted or replaced;
// the server then refuses every action with a Chinese message the page shows as is.
import type {
  RegionInput,
  ResubmitFilingRequest,
  SubmitFilingRequest,
} from '../../typings/api/fileCase'
import { call } from './call'
import type { Intent } from './intent'

export const prefillFiling = (caseId: string) => call('fileCase', 'prefill', { caseId })

export const listFilingOrganisations = (region: RegionInput) =>
  call('fileCase', 'listOrganisations', { region })

export const submitFiling = (filing: SubmitFilingRequest, intent: Intent) =>
  call('fileCase', 'submit', filing, { requestId: intent.requestIdFor('submit') })

export const resubmitFiling = (correction: ResubmitFilingRequest, intent: Intent) =>
  call('fileCase', 'resubmit', correction, { requestId: intent.requestIdFor('resubmit') })

export const listMyFilings = (page = 1, pageSize = 20) =>
  call('fileCase', 'listMine', { page, pageSize })

export const filingDetail = (filingId: string) => call('fileCase', 'detail', { filingId })

export const withdrawFiling = (filingId: string, reason: string, intent: Intent) =>
  call(
    'withdrawCase',
    'withdraw',
    { filingId, reason },
    { requestId: intent.requestIdFor('withdraw') },
  )

export const withdrawalStatus = (filingId: string) => call('withdrawCase', 'status', { filingId })
