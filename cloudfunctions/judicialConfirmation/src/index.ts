/**
 * judicialConfirmation: the joint application for judicial confirmation (司法确认) of an
 * effective mediation agreement (人民调解法 第33条, 民诉法 第205–206条).
 *
 * - `preview(caseId)`: the system-generated application (申请书) with masked parties, the
 *   agreement, the request and the courts the organisation's data makes competent (party
 *   domicile, subject location, seat of the mediation organisation); `eligible` is false with the
 *   reason outside the 30-day window or for dispute types a court does not confirm.
 * - `initiate(caseId, courtBasis, courtName)`: one party starts it → awaiting the other party.
 * - `consent` / `refuse(reason?)`: the other party answers; consent is a signed event in the
 *   confirmation's audit chain (with a digest of what was consented to), and only then is the
 *   application submitted to the case's ACFIC organisation, which relays it to the court.
 * - `cancel`: the initiator takes it back while it waits for consent.
 * - `status(caseId)`: the application of the case or null.
 * - staff `forward(courtName)` and `recordOutcome(confirmed | dismissed, rulingFileId, …)`: the
 *   organisation cannot confirm anything itself; it relays and records the court's ruling.
 *
 * Caller: `miniprogram/services/confirmations.ts`; staff actions from the organisation desk.
 * Auth: OPENID; parties of the case (identity must still match the case), staff of the case's
 *   organisation for `forward` / `recordOutcome` / `status`.
 * Reads/writes: `judicial_confirmations`, `audit_events`, `case_events`, `messages`,
 *   `subscribe_grants`, `idempotency_keys`; reads `mediation_cases`, `agreements`,
 *   `organisations`, `staff_members`, `identities`.
 * Errors: `NOT_SETTLED`, `NO_AGREEMENT`, `NOT_COURT_CONFIRMABLE`, `CONFIRMATION_NOT_EFFECTIVE`,
 *   `CONFIRMATION_WINDOW_CLOSED`, `ALREADY_APPLIED`, `NO_CONFIRMATION`, `COURT_NOT_AVAILABLE`,
 *   `NOT_INITIATOR`, `CONSENT_BY_INITIATOR`, `INVALID_TRANSITION`, `IDENTITY_REQUIRED`,
 *   `IDENTITY_MISMATCH`, `FILE_NOT_OWNED`, `CONTENT_RISKY`, plus the common codes.
 */
import { getDisputeType } from '../../../miniprogram/core/catalogues/dispute-types'
import { confirmationWindowClosesAt } from '../../../miniprogram/core/deadlines'
import { MAX_REASON_LENGTH } from '../../../miniprogram/core/limits'
import { maskName } from '../../../miniprogram/core/masking'
import type { Actor } from '../../../miniprogram/core/machines/actor'
import {
  checkConfirmationEligibility,
  judicialConfirmationMachine,
  type ConfirmationCommand,
} from '../../../miniprogram/core/machines/judicial-confirmation'
import type {
  ApplicationPartyView,
  ConfirmationPreview,
  ConfirmationView,
} from '../../../typings/api/judicialConfirmation'
import {
  checkText,
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  fileId,
  findById,
  isOwnPrivateFile,
  notify,
  obj,
  oneOf,
  opt,
  sha256Hex,
  text,
  type CaseDoc,
  type HandlerContext,
  type StoredDoc,
} from '../../_shared'
import { addTimeline, partyOpenidsOf } from '../../_shared/case-access'
import { stepCaseEntity } from '../../_shared/case-entity-step'
import { tellAboutCase } from '../../_shared/case-notice'
import { confirmationRequestText } from '../../_shared/case-documents'
import { applyEntity } from '../../_shared/entity-apply'
import {
  assertSettled,
  caseFor,
  effectiveAgreement,
  iso,
  organisationOf,
  type CaseAccess,
} from '../../_shared/settled-case'
import { staffOpenidsOf } from '../../_shared/staff-notify'
import { confirmationIdFor, toView, type ConfirmationDoc } from './confirmation-doc'
import { COURT_BASES, COURT_BASIS_LABELS, courtOptions } from './courts'

const caseRef = obj({ caseId: docId('案件编号') })
const LINK = (caseId: string) => `/pages/case/confirmation/index?caseId=${caseId}`

function viewerOf(ctx: HandlerContext, access: CaseAccess): { actor: Actor; openid: string } {
  const openid = ctx.caller.openid
  if (access.side) return { actor: { kind: 'party', id: ctx.caller.hash }, openid }
  if (access.staff && ctx.caller.staff) {
    return { actor: { kind: 'staff', id: ctx.caller.staff.id }, openid }
  }
  if (access.mediator && ctx.caller.mediator) {
    return { actor: { kind: 'mediator', id: ctx.caller.mediator.id }, openid }
  }
  return { actor: { kind: 'party', id: ctx.caller.hash }, openid }
}

function courtConfirmable(doc: CaseDoc): boolean {
  const t = getDisputeType(doc.disputeType)
  return t.ok && t.value.courtConfirmable === 'yes'
}

function deadlineOf(effectiveAt: Date | string | null | undefined): Date | null {
  if (!effectiveAt) return null
  const closes = confirmationWindowClosesAt(new Date(effectiveAt))
  return closes.ok ? new Date(closes.value) : null
}

async function load(caseId: string): Promise<StoredDoc<ConfirmationDoc> | undefined> {
  return findById<ConfirmationDoc>(COLLECTIONS.judicialConfirmations, confirmationIdFor(caseId))
}

async function answer(
  ctx: HandlerContext,
  access: CaseAccess,
  doc: StoredDoc<ConfirmationDoc>,
): Promise<ConfirmationView> {
  const org = await organisationOf(doc.organisationId)
  return toView(doc, viewerOf(ctx, access), org.name, ctx.now)
}

/**
 * Runs one machine command on the case's application and tells the people it concerns: the other
 * party, or the parties, or the organisation's staff.
 */
async function step(
  ctx: HandlerContext,
  access: CaseAccess,
  command: ConfirmationCommand,
  input: unknown,
  patch: (doc: ConfirmationDoc) => Record<string, unknown>,
  notice: (
    doc: ConfirmationDoc,
    orgName: string,
  ) => {
    to: readonly string[]
    title: string
    body: string
  },
): Promise<ConfirmationView> {
  const caseId = access.doc._id
  const viewer = viewerOf(ctx, access)
  const org = await organisationOf(access.doc.organisationId)
  const staffOpenids = await staffOpenidsOf(access.doc.organisationId)
  const id = confirmationIdFor(caseId)
  const result = await ctx.transact(async (tx) => {
    const { next } = await stepCaseEntity(tx, judicialConfirmationMachine, {
      collection: COLLECTIONS.judicialConfirmations,
      id,
      caseId,
      caseStatus: access.doc.status,
      command,
      actor: viewer.actor,
      hash: ctx.caller.hash,
      now: ctx.now,
      input,
      patch: (current: ConfirmationDoc) => patch(current),
      missing: { code: 'NO_CONFIRMATION', message: '本案尚未发起司法确认申请' },
    })
    const n = notice(next, org.name)
    await tellAboutCase(tx, ctx, {
      to: n.to.flatMap((to) => (to === '@staff' ? staffOpenids : [to])),
      kind:
        next.status === 'confirmed' || next.status === 'dismissed'
          ? 'confirmation_result'
          : 'case_progress',
      title: n.title,
      body: n.body,
      link: LINK(caseId),
      caseNumber: next.caseNumber,
    })
    return toView({ ...next, _id: id }, viewer, org.name, ctx.now)
  })
  return result
}

export const main = defineFunction('judicialConfirmation', {
  actions: {
    preview: {
      schema: caseRef,
      actors: ['user'],
      mutating: false,
      async handle({ caseId }, ctx): Promise<ConfirmationPreview> {
        const { doc } = await caseFor(caseId, ctx.caller, 'party_or_staff')
        assertSettled(doc)
        const agreement = await effectiveAgreement(caseId)
        const org = await organisationOf(doc.organisationId)
        const refusal = checkConfirmationEligibility(
          {
            agreementEffectiveAt: new Date(agreement.effectiveAt ?? 0),
            courtConfirmable: courtConfirmable(doc),
          },
          ctx.now,
        )
        const parties: ApplicationPartyView[] = []
        for (const side of ['applicant', 'respondent'] as const) {
          const r = doc[side]
          if (!r) continue
          parties.push({
            role: side,
            roleLabel: side === 'applicant' ? '申请人' : '被申请人',
            maskedName: r.maskedName || maskName('', r.partyType),
            maskedIdNumber: (r.partyType === 'enterprise' ? r.maskedUscc : r.maskedIdNumber) ?? '',
          })
        }
        return {
          caseId,
          caseNumber: doc.caseNumber ?? '',
          organisationName: org.name,
          parties,
          agreement: {
            agreementId: agreement._id,
            hash: agreement.contentHash,
            effectiveAt: iso(agreement.effectiveAt),
          },
          request: confirmationRequestText(doc, org.name),
          courtOptions: courtOptions(doc, org),
          deadline: iso(deadlineOf(agreement.effectiveAt)),
          eligible: refusal === undefined,
          ineligibleReason: refusal?.message ?? null,
        }
      },
    },

    initiate: {
      schema: obj({
        caseId: docId('案件编号'),
        courtBasis: oneOf('管辖依据', COURT_BASES),
        courtName: text('人民法院名称', { max: 100 }),
      }),
      actors: ['user'],
      mutating: true,
      async handle(p, ctx): Promise<ConfirmationView> {
        const access = await caseFor(p.caseId, ctx.caller, 'party')
        const { doc } = access
        assertSettled(doc)
        const agreement = await effectiveAgreement(p.caseId)
        const org = await organisationOf(doc.organisationId)
        const option = courtOptions(doc, org).find((c) => c.courtName === p.courtName)
        if (!option || !option.bases.includes(p.courtBasis)) {
          fail(
            'COURT_NOT_AVAILABLE',
            `所选人民法院不属于「${COURT_BASIS_LABELS[p.courtBasis]}」的管辖法院，请从列表中选择`,
            'payload.courtName',
          )
        }
        const otherOpenid = access.side === 'applicant' ? doc.respondentOpenid : doc.applicantOpenid
        if (!otherOpenid) return fail('NOT_SETTLED', '本案缺少对方当事人')
        const viewer = viewerOf(ctx, access)
        const id = confirmationIdFor(p.caseId)
        return ctx.transact(async (tx) => {
          const existing = await tx.get<ConfirmationDoc>(COLLECTIONS.judicialConfirmations, id)
          if (
            existing &&
            existing.status !== 'consent_refused' &&
            existing.status !== 'cancelled'
          ) {
            fail('ALREADY_APPLIED', '本案已发起司法确认申请')
          }
          // A refused or cancelled application may be started again on the same chain.
          const fresh: ConfirmationDoc = {
            status: 'initiated',
            version: existing?.version ?? 0,
            initiatorId: ctx.caller.hash,
            agreementEffectiveAt: new Date(agreement.effectiveAt ?? 0),
            courtConfirmable: courtConfirmable(doc),
            caseId: p.caseId,
            caseNumber: doc.caseNumber ?? '',
            organisationId: doc.organisationId ?? '',
            initiatorOpenid: ctx.caller.openid,
            otherOpenid,
            partyOpenids: partyOpenidsOf(doc),
            courtBasis: p.courtBasis,
            requestedCourt: p.courtName,
            agreementHash: agreement.contentHash,
            deadline: deadlineOf(agreement.effectiveAt),
            consentedBy: null,
            refusedBy: null,
            refusalReason: null,
            consentDigest: null,
            consentedAt: null,
            submittedAt: null,
            courtName: null,
            forwardedAt: null,
            rulingNumber: null,
            rulingFileId: null,
            dismissReason: null,
            decidedAt: null,
            ...(existing ? { auditSeq: existing.auditSeq, auditHash: existing.auditHash } : {}),
            createdAt: ctx.now,
            updatedAt: ctx.now,
          }
          const { next, events } = await applyEntity(
            tx,
            COLLECTIONS.judicialConfirmations,
            id,
            fresh,
            judicialConfirmationMachine,
            'request_consent',
            { actor: viewer.actor, hash: ctx.caller.hash },
            ctx.now,
            { create: !existing },
          )
          await addTimeline(
            tx,
            p.caseId,
            events.map((e) => ({
              type: e.type,
              at: e.at,
              actorKind: 'party',
              status: doc.status,
            })),
          )
          await notify(
            tx,
            {
              toOpenid: otherOpenid,
              kind: 'case_progress',
              title: '对方邀请您共同申请司法确认',
              body:
                `案件 ${doc.caseNumber ?? ''} 的对方当事人申请向${p.courtName}申请司法确认调解协议，` +
                '需您同意后共同提交。请在协议生效之日起 30 日内处理。',
              link: LINK(p.caseId),
              templateData: {
                character_string1: (doc.caseNumber ?? '').slice(0, 32),
                thing2: '待您同意共同申请司法确认',
                time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
              },
            },
            ctx,
          )
          return toView({ ...next, _id: id }, viewer, org.name, ctx.now)
        })
      },
    },

    consent: {
      schema: caseRef,
      actors: ['user'],
      mutating: true,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party')
        return step(
          ctx,
          access,
          'consent',
          undefined,
          (doc) => ({
            consentedAt: ctx.now,
            consentDigest: sha256Hex(
              JSON.stringify([
                caseId,
                doc.agreementHash,
                doc.courtBasis,
                doc.requestedCourt,
                ctx.caller.hash,
                ctx.now.toISOString(),
              ]),
            ),
          }),
          (doc, orgName) => ({
            to: [doc.initiatorOpenid, '@staff'],
            title: '司法确认申请已提交',
            body: `案件 ${doc.caseNumber} 的司法确认申请已由双方共同提交至${orgName}，待转交人民法院。`,
          }),
        )
      },
    },

    refuse: {
      schema: obj({
        caseId: docId('案件编号'),
        reason: opt(text('不同意的原因', { min: 0, max: MAX_REASON_LENGTH })),
      }),
      actors: ['user'],
      mutating: true,
      async handle({ caseId, reason }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party')
        if (reason) await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
        return step(
          ctx,
          access,
          'refuse_consent',
          { reason: reason ?? null },
          () => ({}),
          (doc) => ({
            to: [doc.initiatorOpenid],
            title: '对方不同意共同申请司法确认',
            body: `案件 ${doc.caseNumber} 的对方当事人不同意共同申请司法确认${reason ? `，原因：${reason}` : ''}。`,
          }),
        )
      },
    },

    cancel: {
      schema: caseRef,
      actors: ['user'],
      mutating: true,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party')
        return step(
          ctx,
          access,
          'cancel',
          undefined,
          () => ({}),
          (doc) => ({
            to: [doc.otherOpenid],
            title: '司法确认申请已撤销',
            body: `案件 ${doc.caseNumber} 的司法确认申请已由发起方撤销。`,
          }),
        )
      },
    },

    status: {
      schema: caseRef,
      actors: ['user'],
      mutating: false,
      async handle({ caseId }, ctx) {
        // The mediator follows the court's answer too (they tell the parties what it means).
        const access = await caseFor(caseId, ctx.caller, 'member')
        const doc = await load(caseId)
        return doc ? answer(ctx, access, doc) : null
      },
    },

    forward: {
      schema: obj({ caseId: docId('案件编号'), courtName: text('人民法院名称', { max: 100 }) }),
      actors: ['staff'],
      mutating: true,
      async handle({ caseId, courtName }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'staff')
        return step(
          ctx,
          access,
          'forward_to_court',
          { courtName },
          () => ({}),
          (doc, org) => ({
            to: doc.partyOpenids,
            title: '司法确认申请已转交法院',
            body: `案件 ${doc.caseNumber} 的司法确认申请已由${org}转交${courtName}，请留意法院通知。`,
          }),
        )
      },
    },

    recordOutcome: {
      schema: obj({
        caseId: docId('案件编号'),
        outcome: oneOf('裁定结果', ['confirmed', 'dismissed'] as const),
        rulingFileId: fileId('裁定书文件'),
        rulingNumber: opt(text('裁定书编号', { max: 64, pattern: /^\S+$/ })),
        reason: opt(text('驳回理由', { max: MAX_REASON_LENGTH })),
      }),
      actors: ['staff'],
      mutating: true,
      async handle(p, ctx) {
        const access = await caseFor(p.caseId, ctx.caller, 'staff')
        if (!isOwnPrivateFile(ctx.caller.openid, p.rulingFileId)) {
          fail('FILE_NOT_OWNED', '裁定书文件须由您本人上传', 'payload.rulingFileId')
        }
        if (p.outcome === 'dismissed' && p.reason) {
          await checkText(ctx.caller.openid, p.reason, { field: 'payload.reason' })
        }
        const confirmed = p.outcome === 'confirmed'
        return step(
          ctx,
          access,
          confirmed ? 'confirm' : 'dismiss',
          confirmed ? { rulingNumber: p.rulingNumber } : { reason: p.reason },
          () => ({ rulingFileId: p.rulingFileId }),
          (doc) => ({
            to: doc.partyOpenids,
            title: confirmed ? '法院已裁定确认调解协议有效' : '法院已裁定驳回司法确认申请',
            body: confirmed
              ? `案件 ${doc.caseNumber} 的调解协议经人民法院裁定确认有效（${p.rulingNumber ?? ''}）。`
              : `案件 ${doc.caseNumber} 的司法确认申请被人民法院驳回：${p.reason ?? ''}。可申请出具调解书或向人民法院起诉。`,
          }),
        )
      },
    },
  },
})
