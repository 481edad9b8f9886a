// The mediation agreement for the parties and the mediator: read it, then sign the exact
// version and hash that was shown, with a signature image uploaded to the caller's own prefix.
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
