// Mediators for a case: recommendations with reasons, search by name / pinyin / initials,
// a mediator's public profile, and the applicant's choice.
import type { SearchRequest } from '../../typings/api/recommendMediator'
import { call } from './call'
import type { Intent } from './intent'

export const recommendMediators = (caseId: string, limit?: number) =>
  call('recommendMediator', 'recommend', limit === undefined ? { caseId } : { caseId, limit })

export const searchMediators = (request: SearchRequest) =>
  call('recommendMediator', 'search', request)

export const mediatorProfile = (mediatorId: string) =>
  call('recommendMediator', 'profile', { mediatorId })

export const chooseMediator = (caseId: string, mediatorId: string, intent: Intent) =>
  call(
    'recommendMediator',
    'choose',
    { caseId, mediatorId },
    { requestId: intent.requestIdFor(`choose-${mediatorId}`) },
  )
