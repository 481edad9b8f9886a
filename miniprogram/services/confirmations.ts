// Judicial confirmation (司法确认) for the parties: preview the generated application, start it
// with a court from the offered list, and the other party's consent or refusal. The organisation
// relays the application to the court ("已提交至××工商联，待转交人民法院"); pages show
// `progressText` and `allowedActions` from the answers and nothing else.
import type { CourtBasis } from '../../typings/api/judicialConfirmation'
import { call } from './call'
import type { Intent } from './intent'

export const previewConfirmation = (caseId: string) =>
  call('judicialConfirmation', 'preview', { caseId })

export const confirmationStatus = (caseId: string) =>
  call('judicialConfirmation', 'status', { caseId })

export const initiateConfirmation = (
  caseId: string,
  courtBasis: CourtBasis,
  courtName: string,
  intent: Intent,
) =>
  call(
    'judicialConfirmation',
    'initiate',
    { caseId, courtBasis, courtName },
    { requestId: intent.requestIdFor('initiate') },
  )

export const consentToConfirmation = (caseId: string, intent: Intent) =>
  call('judicialConfirmation', 'consent', { caseId }, { requestId: intent.requestIdFor('consent') })

export const refuseConfirmation = (caseId: string, intent: Intent, reason?: string) =>
  call('judicialConfirmation', 'refuse', reason === undefined ? { caseId } : { caseId, reason }, {
    requestId: intent.requestIdFor('refuse'),
  })

export const cancelConfirmation = (caseId: string, intent: Intent) =>
  call('judicialConfirmation', 'cancel', { caseId }, { requestId: intent.requestIdFor('cancel') })
