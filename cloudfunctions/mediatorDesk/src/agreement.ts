// Drafting, revising and sending the agreement. The text is always rendered from the structure
// by the core template and checked by content security before anything is written; every
// change goes through the agreement machine (a revision voids all signatures).
import type { AgreementSigner } from '../../../miniprogram/core/machines/agreement'
import type {
  DraftAgreementRequest,
  ReviseAgreementRequest,
  SendForSigningRequest,
} from '../../../typings/api/mediatorDesk'
import type { AgreementView } from '../../../typings/api/signAgreement'
import {
  appendAudit,
  applyCaseCommand,
  checkText,
  COLLECTIONS,
  docId,
  fail,
  findById,
  int,
  notFound,
  obj,
  type ActionDefinition,
  type CaseDoc,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import {
  agreementIdFor,
  renderFor,
  signersFor,
  toAgreementView,
  type AgreementDoc,
} from '../../_shared/agreements'
import { addTimeline } from '../../_shared/case-access'
import { applyAgreement } from '../../_shared/machine-apply'
import { mediatorOf, notifyParties, type MediatorDoc } from './desk-case'
import { agreementFields, checkDeadline } from './agreement-schema'

interface Names {
  readonly organisation: string
  readonly mediator: string
}

async function namesFor(doc: CaseDoc, mediatorId: string): Promise<Names> {
  const [org, mediator] = await Promise.all([
    doc.organisationId
      ? findById<{ name?: string }>(COLLECTIONS.organisations, doc.organisationId)
      : undefined,
    findById<MediatorDoc>(COLLECTIONS.mediators, mediatorId),
  ])
  return { organisation: org?.name ?? '调解组织', mediator: mediator?.name ?? '调解员' }
}

/** Loads the case for rendering; the transaction re-reads it before writing. */
async function caseForRender(ctx: HandlerContext, caseId: string): Promise<StoredDoc<CaseDoc>> {
  const doc = await findById<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  if (!doc || doc.mediatorId !== ctx.caller.mediator?.id) return notFound('案件')
  return doc
}

async function assignedInTx(tx: Tx, ctx: HandlerContext, caseId: string) {
  const doc = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  if (!doc || doc.mediatorId !== ctx.caller.mediator?.id) return notFound('案件')
  return doc
}

async function agreementInTx(tx: Tx, caseId: string): Promise<StoredDoc<AgreementDoc>> {
  const doc = await tx.get<AgreementDoc>(COLLECTIONS.agreements, agreementIdFor(caseId))
  return doc ?? fail('NO_AGREEMENT', '本案尚未拟定调解协议')
}

export const draftAgreement: ActionDefinition<DraftAgreementRequest, AgreementView> = {
  schema: obj({ caseId: docId('案件编号'), ...agreementFields }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, facts, terms }, ctx) {
    const who = mediatorOf(ctx.caller)
    checkDeadline(terms.performanceDeadline, ctx.now)
    const doc = await caseForRender(ctx, caseId)
    const names = await namesFor(doc, who.actor.id)
    const rendered = renderFor(doc, names.organisation, names.mediator, facts, terms)
    const verdict = await checkText(ctx.caller.openid, rendered.text, { field: 'payload.facts' })
    const agreementId = agreementIdFor(caseId)
    return ctx.transact(async (tx) => {
      let current = await assignedInTx(tx, ctx, caseId)
      if (await tx.get(COLLECTIONS.agreements, agreementId)) {
        fail('AGREEMENT_EXISTS', '本案已有调解协议，请修改现有协议')
      }
      if (current.status === 'accepted') {
        current = (await applyCaseCommand(tx, caseId, current, 'start_mediating', who, ctx.now))
          .next as StoredDoc<CaseDoc>
      }
      const meta = signersFor(current, who.actor.id)
      const signers: AgreementSigner[] = meta.map((m) => ({
        id: m.id,
        role: m.role === 'mediator' ? 'mediator' : 'party',
      }))
      const head = await appendAudit(
        tx,
        {},
        {
          entity: COLLECTIONS.agreements,
          entityId: agreementId,
          actorRole: 'mediator',
          actorHash: who.hash,
          action: 'agreement.drafted',
          from: null,
          to: 'draft',
          at: ctx.now,
        },
      )
      const agreement: AgreementDoc = {
        status: 'draft',
        version: 1,
        revision: 1,
        contentHash: rendered.hash,
        text: rendered.text,
        facts,
        terms,
        signers,
        signerMeta: meta,
        signatures: [],
        signatureImages: {},
        contentCheck: verdict,
        caseId,
        caseNumber: current.caseNumber ?? '',
        organisationId: current.organisationId,
        mediatorId: who.actor.id,
        sentForSigningAt: null,
        effectiveAt: null,
        confirmationDeadline: null,
        ...head,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }
      await tx.create(COLLECTIONS.agreements, agreementId, agreement)
      await applyCaseCommand(tx, caseId, current, 'draft_agreement', who, ctx.now, {
        input: { agreementId },
      })
      return toAgreementView({ ...agreement, _id: agreementId }, who.actor.id, names.mediator)
    })
  },
}

export const reviseAgreement: ActionDefinition<ReviseAgreementRequest, AgreementView> = {
  schema: obj({
    caseId: docId('案件编号'),
    version: int('协议版本', { min: 1, max: 1000 }),
    ...agreementFields,
  }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, version, facts, terms }, ctx) {
    const who = mediatorOf(ctx.caller)
    checkDeadline(terms.performanceDeadline, ctx.now)
    const doc = await caseForRender(ctx, caseId)
    const names = await namesFor(doc, who.actor.id)
    const rendered = renderFor(doc, names.organisation, names.mediator, facts, terms)
    const verdict = await checkText(ctx.caller.openid, rendered.text, { field: 'payload.facts' })
    return ctx.transact(async (tx) => {
      const current = await assignedInTx(tx, ctx, caseId)
      const agreement = await agreementInTx(tx, caseId)
      if (agreement.revision !== version) {
        fail('STALE_REVISION', '协议已被修改，请刷新后在最新版本上修改', 'payload.version')
      }
      const { next, events } = await applyAgreement(
        tx,
        agreement,
        'revise',
        who,
        ctx.now,
        { contentHash: rendered.hash },
        { text: rendered.text, facts, terms, contentCheck: verdict, signatureImages: {} },
      )
      const voided = events.some((e) => e.type === 'agreement.signatures_voided')
      await addTimeline(tx, caseId, [
        {
          type: 'agreement.revised',
          at: ctx.now,
          actorKind: 'mediator',
          status: current.status,
          data: { version: next.revision, signaturesVoided: voided },
        },
      ])
      if (next.status === 'signing') {
        await notifyParties(tx, current, ctx, {
          kind: 'sign_request',
          title: '调解协议已修改，请重新签署',
          body: `案件 ${current.caseNumber ?? ''} 的调解协议已修改为第 ${next.revision} 版，此前的签名已作废，请查看并重新签署。`,
          link: `/pages/case/agreement/index?caseId=${caseId}`,
          thing: '协议已修改请重新签署',
        })
      }
      return toAgreementView(next, who.actor.id, names.mediator)
    })
  },
}

export const sendForSigning: ActionDefinition<SendForSigningRequest, AgreementView> = {
  schema: obj({ caseId: docId('案件编号'), version: int('协议版本', { min: 1, max: 1000 }) }),
  actors: ['mediator'],
  mutating: true,
  async handle({ caseId, version }, ctx) {
    const who = mediatorOf(ctx.caller)
    const doc = await caseForRender(ctx, caseId)
    const names = await namesFor(doc, who.actor.id)
    return ctx.transact(async (tx) => {
      const current = await assignedInTx(tx, ctx, caseId)
      const agreement = await agreementInTx(tx, caseId)
      if (agreement.revision !== version) {
        fail('STALE_REVISION', '协议已被修改，请查看最新版本后再发起签署', 'payload.version')
      }
      const { next } = await applyAgreement(tx, agreement, 'send_for_signing', who, ctx.now)
      await applyCaseCommand(tx, caseId, current, 'send_for_signing', who, ctx.now)
      await notifyParties(tx, current, ctx, {
        kind: 'sign_request',
        title: '请签署调解协议',
        body: `案件 ${current.caseNumber ?? ''} 的调解协议已拟定，请查看协议内容并签字确认。`,
        link: `/pages/case/agreement/index?caseId=${caseId}`,
        thing: '请签署调解协议',
      })
      return toAgreementView(next, who.actor.id, names.mediator)
    })
  },
}
