// The mediator's workbench: binding the account, the case lists, answering a choice, notes,
// the agreement draft and closing a case. The server checks that the caller is the case's
// mediator; these wrappers only carry the request.
import type {
  AddNoteRequest,
  CloseCaseRequest,
  DeskTab,
  DraftAgreementRequest,
  ReviseAgreementRequest,
} from '../../typings/api/mediatorDesk'
import { call } from './call'
import type { Intent } from './intent'

export const bindMediator = (code: string, intent: Intent) =>
  call('mediatorDesk', 'bind', { code }, { requestId: intent.requestIdFor('bind') })

export const listAssigned = (tab: DeskTab, page = 1) =>
  call('mediatorDesk', 'listAssigned', { tab, page })

export const acceptCase = (caseId: string, intent: Intent) =>
  call('mediatorDesk', 'accept', { caseId }, { requestId: intent.requestIdFor('accept') })

export const declineCase = (caseId: string, reason: string, intent: Intent) =>
  call('mediatorDesk', 'decline', { caseId, reason }, { requestId: intent.requestIdFor('decline') })

export const addNote = (request: AddNoteRequest, intent: Intent) =>
  call('mediatorDesk', 'addNote', request, { requestId: intent.requestIdFor('note') })

export const draftAgreement = (request: DraftAgreementRequest, intent: Intent) =>
  call('mediatorDesk', 'draftAgreement', request, { requestId: intent.requestIdFor('draft') })

export const reviseAgreement = (request: ReviseAgreementRequest, intent: Intent) =>
  call('mediatorDesk', 'reviseAgreement', request, { requestId: intent.requestIdFor('revise') })

export const sendForSigning = (caseId: string, version: number, intent: Intent) =>
  call(
    'mediatorDesk',
    'sendForSigning',
    { caseId, version },
    { requestId: intent.requestIdFor('send') },
  )

export const closeCase = (request: CloseCaseRequest, intent: Intent) =>
  call('mediatorDesk', 'closeCase', request, { requestId: intent.requestIdFor('close') })
