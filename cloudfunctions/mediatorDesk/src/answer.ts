// Accepting or declining the applicant's choice. Accept is safe to tap twice: the transaction
// re-reads the case, so a second accept (another request id) finds it accepted by this mediator
// and answers the same state instead of making a second transition.
import { MAX_REASON_LENGTH } from '../../../miniprogram/core/limits'
import type {
  DeskCaseRequest,
  DeskCaseState,
  DeskDeclineRequest,
} from '../../../typings/api/mediatorDesk'
import { applyCaseCommand, checkText, docId, obj, text, type ActionDefinition } from '../../_shared'
import {
  adjustMediator,
  assignedCase,
  caseLink,
  deskState,
  mediatorOf,
  notifyParties,
} from './desk-case'

const ACCEPTED_OR_LATER = new Set([
  'accepted',
  'mediating',
  'agreement_drafted',
  'signing',
  'settled',
])

export const accept: ActionDefinition<DeskCaseRequest, DeskCaseState> = {
  schema: obj({ caseId: docId('案件编号') }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId }, ctx) {
    const who = mediatorOf(ctx.caller)
    return ctx.transact(async (tx) => {
      const doc = await assignedCase(tx, ctx.caller, caseId)
      if (ACCEPTED_OR_LATER.has(doc.status)) return deskState(doc)
      const { next } = await applyCaseCommand(tx, caseId, doc, 'mediator_accept', who, ctx.now)
      await adjustMediator(tx, who.actor.id, { caseload: 1, pending: -1 })
      await notifyParties(tx, next, ctx, {
        kind: 'case_progress',
        title: '调解员已受理您的案件',
        body: `案件 ${next.caseNumber ?? ''} 已由调解员受理，调解期限自受理之日起计算。`,
        link: caseLink(caseId),
        thing: '调解员已受理',
      })
      return deskState({ ...next, _id: caseId })
    })
  },
}

export const decline: ActionDefinition<DeskDeclineRequest, DeskCaseState> = {
  schema: obj({
    caseId: docId('案件编号'),
    reason: text('不予受理的原因', { max: MAX_REASON_LENGTH }),
  }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, reason }, ctx) {
    const who = mediatorOf(ctx.caller)
    await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
    return ctx.transact(async (tx) => {
      const doc = await assignedCase(tx, ctx.caller, caseId)
      const { next } = await applyCaseCommand(tx, caseId, doc, 'mediator_decline', who, ctx.now, {
        input: { reason },
      })
      await adjustMediator(tx, who.actor.id, { pending: -1 })
      if (next.applicantOpenid) {
        await notifyParties(tx, { ...next, respondentOpenid: null }, ctx, {
          kind: 'case_progress',
          title: '调解员未受理，请重新选择',
          body: `案件 ${next.caseNumber ?? ''} 的调解员不予受理（原因：${reason}），请重新选择调解员。`,
          link: caseLink(caseId),
          thing: '请重新选择调解员',
        })
      }
      return deskState({ ...next, _id: caseId })
    })
  },
}
