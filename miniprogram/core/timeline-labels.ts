// The Chinese wording of every entry the cloud functions write to `case_events`, kept in one
// table so the party's 案件详情, the mediator's workspace and the server all say the same thing.

/** Every event type a cloud function writes to a case's timeline. */
export type CaseEventType =
  // mediation-case machine (`case.*`) and the timeline-only case notes
  | 'case.submitted'
  | 'case.respondent_invited'
  | 'case.reinvited'
  | 'case.respondent_joined'
  | 'case.respondent_consented'
  | 'case.respondent_declined'
  | 'case.mediator_chosen'
  | 'case.mediator_accepted'
  | 'case.mediator_declined'
  | 'case.withdrawn'
  | 'case.mediation_started'
  | 'case.agreement_drafted'
  | 'case.signing_started'
  | 'case.settled'
  | 'case.extension_requested'
  | 'case.extension_consented'
  | 'case.extended'
  | 'case.extension_declined'
  | 'case.ended_by_party'
  | 'case.closed_failed'
  | 'case.terminated'
  | 'case.expired'
  | 'case.rated'
  // videoMediation
  | 'call.started'
  | 'call.ended'
  // mediatorDesk (internal: only the mediator and staff see it)
  | 'note.added'
  // agreement machine
  | 'agreement.revised'
  | 'agreement.signatures_voided'
  | 'agreement.signing_started'
  | 'agreement.signed'
  | 'agreement.effective'
  // signature images: mediaCheckAsync verdicts (flagged/escalated are internal)
  | 'agreement.signature_withdrawn'
  | 'agreement.signature_flagged'
  | 'agreement.signature_escalated'
  // judicial-confirmation machine
  | 'confirmation.consent_requested'
  | 'confirmation.consented'
  | 'confirmation.consent_refused'
  | 'confirmation.submitted_to_org'
  | 'confirmation.forwarded_to_court'
  | 'confirmation.confirmed'
  | 'confirmation.dismissed'
  | 'confirmation.cancelled'
  // mediationDocument and the document-request machine
  | 'document_request.applied'
  | 'document_request.processing_started'
  | 'document_request.issued'
  | 'document_request.rejected'
  | 'document_request.withdrawn'
  // deadlines timer
  | 'mediation_deadline_reminder'
  | 'confirmation_deadline_reminder'
  | 'confirmation_window_closed'
  | 'invitation_lapsed'

export const CASE_EVENT_LABELS: Readonly<Record<CaseEventType, string>> = {
  'case.submitted': '提交调解申请',
  'case.respondent_invited': '已通知被申请人',
  'case.reinvited': '重新发送邀请',
  'case.respondent_joined': '被申请人已加入',
  'case.respondent_consented': '被申请人同意调解',
  'case.respondent_declined': '被申请人拒绝调解',
  'case.mediator_chosen': '选择调解员',
  'case.mediator_accepted': '调解员受理案件',
  'case.mediator_declined': '调解员不予受理',
  'case.withdrawn': '申请人撤回申请',
  'case.mediation_started': '开始调解',
  'case.agreement_drafted': '拟定调解协议',
  'case.signing_started': '发起协议签署',
  'case.settled': '调解成功',
  'case.extension_requested': '申请延长调解期限',
  'case.extension_consented': '同意延长调解期限',
  'case.extended': '调解期限已延长',
  'case.extension_declined': '不同意延长调解期限',
  'case.ended_by_party': '当事人终止调解',
  'case.closed_failed': '调解不成功结案',
  'case.terminated': '调解终结',
  'case.expired': '调解期限届满结案',
  'case.rated': '当事人评价',
  'call.started': '调解员发起视频调解',
  'call.ended': '视频调解结束',
  'note.added': '调解笔记',
  'agreement.revised': '修改调解协议',
  'agreement.signatures_voided': '协议修改，已有签名作废',
  'agreement.signing_started': '调解协议开始签署',
  'agreement.signed': '签署调解协议',
  'agreement.effective': '调解协议生效',
  'agreement.signature_withdrawn': '签名图片未通过内容安全检测，签名已撤回待重新签署',
  'agreement.signature_flagged': '签名图片需人工复核',
  'agreement.signature_escalated': '已生效协议的签名图片未通过检测，待工作人员核查',
  'confirmation.consent_requested': '申请司法确认，待对方同意',
  'confirmation.consented': '同意共同申请司法确认',
  'confirmation.consent_refused': '不同意申请司法确认',
  'confirmation.submitted_to_org': '司法确认申请已提交调解组织',
  'confirmation.forwarded_to_court': '调解组织已转交人民法院',
  'confirmation.confirmed': '人民法院裁定确认协议有效',
  'confirmation.dismissed': '人民法院驳回司法确认申请',
  'confirmation.cancelled': '司法确认申请已撤回',
  'document_request.applied': '申请出具调解文书',
  'document_request.processing_started': '调解组织开始办理文书',
  'document_request.issued': '调解文书已出具',
  'document_request.rejected': '文书申请未获办理',
  'document_request.withdrawn': '撤回文书申请',
  mediation_deadline_reminder: '调解期限即将届满提醒',
  confirmation_deadline_reminder: '司法确认申请期限提醒',
  confirmation_window_closed: '司法确认申请期限已过',
  invitation_lapsed: '被申请人逾期未回应邀请',
}

/** What an entry of a type this table does not know yet says, rather than its code. */
export const NEUTRAL_EVENT_LABEL = '案件进展'

export function isCaseEventType(type: string): type is CaseEventType {
  return Object.prototype.hasOwnProperty.call(CASE_EVENT_LABELS, type)
}

/** The Chinese label of a timeline entry; an unknown type reads 案件进展. */
export function caseEventLabel(type: string): string {
  return isCaseEventType(type) ? CASE_EVENT_LABELS[type] : NEUTRAL_EVENT_LABEL
}
