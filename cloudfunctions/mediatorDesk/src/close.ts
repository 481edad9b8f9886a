// Closing a case without agreement (调解不成功 / 调解终结): the parties are told and pointed to
// online filing, which a case closed this way unlocks.
import { MAX_REASON_LENGTH } from '../../../miniprogram/core/limits'
import {
  canTransferToFiling,
  type CloseReasonKind,
} from '../../../miniprogram/core/machines/mediation-case'
import type { CloseCaseRequest, CloseCaseResponse } from '../../../typings/api/mediatorDesk'
import {
  applyCaseCommand,
  checkText,
  docId,
  obj,
  oneOf,
  text,
  type ActionDefinition,
} from '../../_shared'
import {
  adjustMediator,
  assignedCase,
  caseLink,
  deskState,
  mediatorOf,
  notifyParties,
} from './desk-case'

export const closeCase: ActionDefinition<CloseCaseRequest, CloseCaseResponse> = {
  schema: obj({
    caseId: docId('案件编号'),
    kind: oneOf('结案方式', ['failed', 'terminated']),
    reason: text('结案原因', { max: MAX_REASON_LENGTH }),
  }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, kind, reason }, ctx) {
    const who = mediatorOf(ctx.caller)
    await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
    return ctx.transact(async (tx) => {
      const doc = await assignedCase(tx, ctx.caller, caseId)
      const wasActive = doc.status !== 'awaiting_mediator'
      const { next } = await applyCaseCommand(
        tx,
        caseId,
        doc,
        kind === 'failed' ? 'close_failed' : 'terminate',
        who,
        ctx.now,
        { input: { reason } },
      )
      if (wasActive) await adjustMediator(tx, who.actor.id, { caseload: -1 })
      const label = kind === 'failed' ? '调解不成功' : '调解终结'
      await notifyParties(tx, next, ctx, {
        kind: 'case_progress',
        title: `案件已结案（${label}）`,
        body:
          `案件 ${next.caseNumber ?? ''} 已${label}结案（原因：${reason}）。` +
          '您可以通过在线立案向调解组织提交立案申请，或依法通过仲裁、诉讼等途径解决纠纷。',
        link: caseLink(caseId),
        thing: label,
      })
      const closeReason: CloseReasonKind = kind === 'failed' ? 'mediation_failed' : 'terminated'
      return {
        ...deskState({ ...next, _id: caseId }),
        closeReason,
        filingUnlocked: canTransferToFiling(next),
      }
    })
  },
}
