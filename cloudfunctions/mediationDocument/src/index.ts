/**
 * mediationDocument: a party of a settled case asks the organisation to issue a mediation
 * document (调解书) — e.g. when the dispute type cannot be confirmed by a court.
 *
 * - `apply(caseId)`: either party of a settled case (one request per case).
 * - `withdraw(caseId)`: the applying party, before staff start on it.
 * - `status(caseId)`: the request or null, for the parties and the organisation's staff.
 * - staff `process`, `issue(documentFileId | generate: true)` — `generate` renders it from the
 *   effective agreement with the same PDF renderer as renderDocument and stores it under the
 *   case's path; each issued document gets a WS… number — or `reject(reason)`.
 *
 * Caller: `miniprogram/services/documents.ts`; staff actions from the organisation desk.
 * Auth: OPENID; parties (identity must still match the case), staff of the case's organisation.
 * Reads/writes: `document_requests`, `audit_events`, `case_events`, `messages`,
 *   `subscribe_grants`, `idempotency_keys`; reads `mediation_cases`, `agreements`,
 *   `organisations`, `staff_members`, `identities`; writes cloud storage (generated PDFs).
 * Errors: `NOT_SETTLED`, `NO_AGREEMENT`, `ALREADY_APPLIED`, `NO_DOCUMENT_REQUEST`,
 *   `INVALID_TRANSITION`, `IDENTITY_REQUIRED`, `IDENTITY_MISMATCH`, `FILE_NOT_OWNED`,
 *   `CONTENT_RISKY`, plus the common codes.
 */
import { MAX_REASON_LENGTH } from '../../../miniprogram/core/limits'
import { allowedCommands, type Actor } from '../../../miniprogram/core/machines'
import {
  DOCUMENT_REQUEST_STATUS_LABELS,
  documentRequestMachine,
  type DocumentRequestCommand,
  type DocumentRequestEntity,
} from '../../../miniprogram/core/machines/document-request'
import type {
  DocumentRequestView,
  IssueDocumentRequest,
} from '../../../typings/api/mediationDocument'
import {
  appendAudit,
  checkText,
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  fileId,
  findById,
  isOwnPrivateFile,
  obj,
  text,
  type AuditHead,
  type Schema,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import { addTimeline, partyOpenidsOf } from '../../_shared/case-access'
import { stepCaseEntity } from '../../_shared/case-entity-step'
import { tellAboutCase } from '../../_shared/case-notice'
import { documentRequestIdFor, renderMediationDocument } from '../../_shared/mediation-document'
import { withNextNumber, type Numbering } from '../../_shared/numbers'
import { staffOpenidsOf } from '../../_shared/staff-notify'
import {
  assertSettled,
  caseFor,
  effectiveAgreement,
  iso,
  organisationOf,
  type CaseAccess,
} from '../../_shared/settled-case'
import * as v from 'valibot'

interface RequestDoc extends DocumentRequestEntity, AuditHead, Record<string, unknown> {
  readonly caseId: string
  readonly caseNumber: string
  readonly organisationId: string
  readonly applicantOpenid: string
  readonly partyOpenids: readonly string[]
  readonly appliedAt: Date
  readonly documentNumber?: string | null
  readonly documentSource?: 'uploaded' | 'generated' | null
  readonly documentSha256?: string | null
  readonly documentBytes?: number | null
  readonly documentPages?: number | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

const caseRef = obj({ caseId: docId('案件编号') })
const LINK = (caseId: string) => `/pages/case/document/index?caseId=${caseId}`

function actorOf(ctx: HandlerContext, access: CaseAccess): Actor {
  if (access.staff && ctx.caller.staff && !access.side) {
    return { kind: 'staff', id: ctx.caller.staff.id }
  }
  if (access.side) return { kind: 'party', id: ctx.caller.hash }
  return { kind: 'staff', id: ctx.caller.staff?.id ?? ctx.caller.hash }
}

function toView(
  doc: StoredDoc<RequestDoc>,
  actor: Actor,
  openid: string,
  now: Date,
): DocumentRequestView {
  return {
    requestId: doc._id,
    caseId: doc.caseId,
    caseNumber: doc.caseNumber,
    status: doc.status,
    statusLabel: DOCUMENT_REQUEST_STATUS_LABELS[doc.status],
    appliedByMe: doc.applicantOpenid === openid,
    allowedActions: allowedCommands(documentRequestMachine, doc, actor, now).filter(
      (c) => c !== 'withdraw' || doc.applicantOpenid === openid,
    ),
    appliedAt: iso(doc.appliedAt) ?? '',
    processingAt: iso(doc.processingAt),
    documentNumber: doc.documentNumber ?? null,
    documentFileId: doc.documentFileId ?? null,
    issuedAt: iso(doc.issuedAt),
    rejectReason: doc.rejectReason ?? null,
  }
}

interface Notice {
  readonly to: readonly string[]
  readonly title: string
  readonly body: string
}

async function tell(tx: Tx, ctx: HandlerContext, caseId: string, caseNumber: string, n: Notice) {
  await tellAboutCase(tx, ctx, { ...n, kind: 'case_progress', link: LINK(caseId), caseNumber })
}

async function step(
  ctx: HandlerContext,
  access: CaseAccess,
  command: DocumentRequestCommand,
  input: unknown,
  extra: {
    patch?: Record<string, unknown>
    notice: (doc: RequestDoc) => Notice
    /** Takes in this transaction the number the caller already used (`peek`). */
    number?: { numbering: Numbering; expected: string }
    guard?: (doc: RequestDoc) => void
  },
): Promise<DocumentRequestView> {
  const caseId = access.doc._id
  const actor = actorOf(ctx, access)
  return ctx.transact(async (tx) => {
    const id = documentRequestIdFor(caseId)
    const patch = extra.patch
    const { next } = await stepCaseEntity(tx, documentRequestMachine, {
      collection: COLLECTIONS.documentRequests,
      id,
      caseId,
      caseStatus: access.doc.status,
      command,
      actor,
      hash: ctx.caller.hash,
      now: ctx.now,
      input,
      ...(patch ? { patch: () => patch } : {}),
      ...(extra.guard ? { guard: extra.guard } : {}),
      missing: { code: 'NO_DOCUMENT_REQUEST', message: '本案尚未申请出具调解书' },
    })
    if (extra.number) {
      const { numbering, expected } = extra.number
      await numbering.take(tx, { reserveFor: id, expected })
    }
    await tell(tx, ctx, caseId, next.caseNumber, extra.notice(next))
    return toView({ ...next, _id: id }, actor, ctx.caller.openid, ctx.now)
  })
}

const issueSchema = v.union(
  [
    obj({ caseId: docId('案件编号'), documentFileId: fileId('调解书文件') }),
    obj({ caseId: docId('案件编号'), generate: v.literal(true, '生成方式不正确') }),
  ],
  '请上传调解书文件或选择由系统生成',
) as unknown as Schema<IssueDocumentRequest>

export const main = defineFunction('mediationDocument', {
  actions: {
    apply: {
      schema: caseRef,
      actors: ['user'],
      mutating: true,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party')
        const { doc } = access
        assertSettled(doc)
        await effectiveAgreement(caseId)
        const staff = await staffOpenidsOf(doc.organisationId)
        const actor = actorOf(ctx, access)
        const id = documentRequestIdFor(caseId)
        return ctx.transact(async (tx) => {
          if (await tx.get(COLLECTIONS.documentRequests, id)) {
            fail('ALREADY_APPLIED', '本案已申请出具调解书')
          }
          const entity: RequestDoc = {
            status: 'applied',
            version: 1,
            caseId,
            caseNumber: doc.caseNumber ?? '',
            organisationId: doc.organisationId ?? '',
            applicantOpenid: ctx.caller.openid,
            partyOpenids: partyOpenidsOf(doc),
            appliedAt: ctx.now,
            processingAt: null,
            documentFileId: null,
            documentNumber: null,
            issuedAt: null,
            rejectReason: null,
            rejectedAt: null,
            createdAt: ctx.now,
            updatedAt: ctx.now,
          }
          // Creation is the first audited fact of the request's own chain.
          const head = await appendAudit(
            tx,
            {},
            {
              entity: COLLECTIONS.documentRequests,
              entityId: id,
              actorRole: 'party',
              actorHash: ctx.caller.hash,
              action: 'document_request.applied',
              from: null,
              to: 'applied',
              at: ctx.now,
            },
          )
          await tx.create(COLLECTIONS.documentRequests, id, { ...entity, ...head })
          await addTimeline(tx, caseId, [
            {
              type: 'document_request.applied',
              at: ctx.now,
              actorKind: 'party',
              status: doc.status,
            },
          ])
          await tell(tx, ctx, caseId, entity.caseNumber, {
            to: [...partyOpenidsOf(doc), ...staff],
            title: '已申请出具调解书',
            body: `案件 ${entity.caseNumber} 的当事人已申请出具调解书，待受理机构办理。`,
          })
          return toView({ ...entity, ...head, _id: id }, actor, ctx.caller.openid, ctx.now)
        })
      },
    },

    withdraw: {
      schema: caseRef,
      actors: ['user'],
      mutating: true,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party')
        return step(ctx, access, 'withdraw', undefined, {
          guard: (d) => {
            if (d.applicantOpenid !== ctx.caller.openid) {
              fail('FORBIDDEN', '只有提出申请的当事人可以撤回')
            }
          },
          notice: (d) => ({
            to: d.partyOpenids,
            title: '调解书申请已撤回',
            body: `案件 ${d.caseNumber} 的调解书申请已撤回。`,
          }),
        })
      },
    },

    status: {
      schema: caseRef,
      actors: ['user'],
      mutating: false,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'party_or_staff')
        const doc = await findById<RequestDoc>(
          COLLECTIONS.documentRequests,
          documentRequestIdFor(caseId),
        )
        return doc ? toView(doc, actorOf(ctx, access), ctx.caller.openid, ctx.now) : null
      },
    },

    process: {
      schema: caseRef,
      actors: ['staff'],
      mutating: true,
      async handle({ caseId }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'staff')
        return step(ctx, access, 'start_processing', undefined, {
          notice: (d) => ({
            to: d.partyOpenids,
            title: '调解书申请办理中',
            body: `案件 ${d.caseNumber} 的调解书申请已由受理机构开始办理。`,
          }),
        })
      },
    },

    issue: {
      schema: issueSchema,
      actors: ['staff'],
      mutating: true,
      async handle(p, ctx) {
        const access = await caseFor(p.caseId, ctx.caller, 'staff')
        const current = await findById<RequestDoc>(
          COLLECTIONS.documentRequests,
          documentRequestIdFor(p.caseId),
        )
        if (!current) return fail('NO_DOCUMENT_REQUEST', '本案尚未申请出具调解书')
        if (current.status !== 'processing') {
          fail(
            'INVALID_TRANSITION',
            `当前状态「${DOCUMENT_REQUEST_STATUS_LABELS[current.status]}」不能出具调解书`,
          )
        }
        const uploaded = 'documentFileId' in p ? p.documentFileId : undefined
        if (uploaded !== undefined && !isOwnPrivateFile(ctx.caller.openid, uploaded)) {
          fail('FILE_NOT_OWNED', '调解书文件须由您本人上传', 'payload.documentFileId')
        }
        const agreement = await effectiveAgreement(p.caseId)
        const org = await organisationOf(access.doc.organisationId)
        return withNextNumber('mediation_document', ctx.now, async (numbering) => {
          // The number is printed in the PDF before the transaction takes it; if another
          // document took it meanwhile, the take fails with CONFLICT and this runs again.
          const number = await numbering.peek()
          const rendered =
            uploaded === undefined
              ? await renderMediationDocument(access.doc, agreement, org.name, number, ctx.now)
              : undefined
          return step(
            ctx,
            access,
            'issue',
            { documentFileId: rendered?.fileId ?? uploaded },
            {
              number: { numbering, expected: number },
              guard: (d) => {
                if (d.version !== current.version)
                  fail('CONFLICT', '数据已被他人更新，请刷新后重试')
              },
              patch: {
                documentNumber: number,
                documentSource: rendered ? 'generated' : 'uploaded',
                documentSha256: rendered?.sha256 ?? null,
                documentBytes: rendered?.bytes ?? null,
                documentPages: rendered?.pages ?? null,
              },
              notice: (d) => ({
                to: d.partyOpenids,
                title: '调解书已出具',
                body: `案件 ${d.caseNumber} 的调解书（${number}）已由${org.name}出具，可在案件详情中查看下载。`,
              }),
            },
          )
        })
      },
    },

    reject: {
      schema: obj({
        caseId: docId('案件编号'),
        reason: text('不予出具的原因', { max: MAX_REASON_LENGTH }),
      }),
      actors: ['staff'],
      mutating: true,
      async handle({ caseId, reason }, ctx) {
        const access = await caseFor(caseId, ctx.caller, 'staff')
        await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
        return step(
          ctx,
          access,
          'reject',
          { reason },
          {
            notice: (d) => ({
              to: d.partyOpenids,
              title: '调解书未予出具',
              body: `案件 ${d.caseNumber} 的调解书申请未予出具：${reason}`,
            }),
          },
        )
      },
    },
  },
})
