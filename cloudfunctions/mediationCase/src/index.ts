/**
 * mediationCase: a party's mediation application (调解申请) from draft to close.
 *
 * - `saveDraft` / `submit`: dispute type from the catalogue, description (content security),
 *   amount in integer fen, claims, evidence (own private uploads or the case's path; images go
 *   to `security.mediaCheckAsync`), the respondent as a person or an enterprise (validated by the
 *   core). The applicant is filled in from the caller's **verified** identity only. The case
 *   number `TJ<date><seq>` takes the next per-day sequence; the submit event's id reserves it, so
 *   concurrent submissions can never share a number (a collision retries with the next one).
 * - `invite`: a one-time token (only its hash is stored), the share path, a mini-program code
 *   (`wxacode.getUnlimited`) in storage, and an SMS where `INVITE_SMS_ENABLED=true`.
 * - `join` (verified respondent, matched against what the applicant entered), `respond`
 *   (agree → awaiting mediator choice; decline with reason → closed), `withdraw` (applicant,
 *   before acceptance), `end` (either party, with reason), `requestExtension` /
 *   `consentExtension` (≤ 60 days in total, both parties' consent), `listMine`, `detail`
 *   (timeline, masked parties, mediator card, evidence temp URLs), `rate` (once, after closing).
 * - push `wxa_media_check` (platform only): the image verdict; see `media-verdict.ts`.
 *
 * Caller: `miniprogram/services/cases.ts`. Auth: OPENID from the platform; a case is visible only
 * to its parties, its chosen mediator and the staff of its organisation.
 * Reads/writes: `mediation_cases`, `case_events`, `audit_events`, `messages`, `idempotency_keys`,
 *   `mediators` (pending count, rating); reads `identities`, `organisations`, `agreements`, `calls`.
 * Errors: `IDENTITY_REQUIRED`, `INVALID_TRANSITION`, `CONTENT_RISKY`, `FILE_NOT_OWNED`,
 *   `DISPUTE_TYPE_UNKNOWN`, `UPSTREAM_UNAVAILABLE`, `INVITATION_INVALID`, `INVITATION_EXPIRED`,
 *   `IDENTITY_MISMATCH`, `PHONE_REQUIRED`, `EXTENSION_PENDING`, `EXTENSION_LIMIT`,
 *   `MEDIATION_EXPIRED`, `NO_EXTENSION_REQUEST`, `ALREADY_CONSENTED`, `ALREADY_RATED`, plus the
 *   common codes.
 */
import { randomUUID } from 'node:crypto'
import { getDisputeType } from '../../../miniprogram/core/catalogues/dispute-types'
import {
  CLOSE_REASON_LABELS,
  type CaseCommand,
} from '../../../miniprogram/core/machines/mediation-case'
import { DEFAULT_PAGE_SIZE } from '../../../miniprogram/core/limits'
import type {
  CaseDetail,
  CaseFields,
  EvidenceView,
  RespondentInput,
  SaveDraftRequest,
  TimelineEntry,
} from '../../../typings/api/mediationCase'
import {
  appendCaseNote,
  applyCaseCommand,
  caseActor,
  checkCaseCommand,
  checkText,
  COLLECTIONS,
  command,
  defineFunction,
  encryptField,
  decryptField,
  fail,
  findById,
  findMany,
  loadVisibleCase,
  notify,
  tempUrls,
  updateIfVersion,
  insert,
  type CaseDoc,
  type CaseRole,
  type Caller,
  type HandlerContext,
  type Tx,
} from '../../_shared'
import { assertPartyIdentity } from '../../_shared/case-access'
import { reservationId, sequenceOf, withNextNumber } from '../../_shared/numbers'
import {
  checkEvidenceOwnership,
  evidenceRecords,
  evidenceView,
  startMediaChecks,
  visibleEvidence,
} from './evidence'
import { applyHeldVerdicts, onMediaCheck } from './media-verdict'
import {
  INVITATION_TTL_MS,
  newToken,
  sendInvitationSms,
  sharePath,
  storeQr,
  tokenHash,
} from './invite'
import { applicantRecord, matchRespondent, respondentRecord, verifiedIdentityOf } from './parties'
import { schemas } from './schemas'
import { change, summary, timelineEntry, type CaseEventDoc } from './views'

const SYSTEM = { kind: 'system', id: 'mediationCase' } as const
const DETAIL_LINK = (caseId: string) => `/pages/case/detail/index?caseId=${caseId}`

interface MediatorDoc extends Record<string, unknown> {
  readonly name?: string
  readonly title?: string
  readonly openid?: string | null
  readonly organisationId?: string
  readonly avatarText?: string
  readonly avatarColor?: string
  readonly pendingCount?: number
  readonly rating?: number | null
  readonly ratingCount?: number
  readonly version?: number
}

function blankCase(openid: string, now: Date): CaseDoc {
  return {
    status: 'draft',
    version: 0,
    caseNumber: null,
    applicantOpenid: openid,
    respondentOpenid: null,
    partyOpenids: [openid],
    organisationId: null,
    disputeType: null,
    description: null,
    descriptionCheck: null,
    amountFen: null,
    claims: [],
    evidence: [],
    region: null,
    applicant: null,
    respondent: null,
    invitation: null,
    mediatorId: null,
    declinedMediatorIds: [],
    extendedDays: 0,
    extensionRequest: null,
    createdAt: now,
    updatedAt: now,
  }
}

/** The caller must hold `role` on the case. */
function requireRole(roles: readonly CaseRole[], role: CaseRole, why: string): void {
  if (!roles.includes(role)) fail('FORBIDDEN', why)
}

/** The party role of the caller (applicant first), or a refusal. */
function partyRole(roles: readonly CaseRole[]): 'applicant' | 'respondent' {
  if (roles.includes('applicant')) return 'applicant'
  if (roles.includes('respondent')) return 'respondent'
  return fail('FORBIDDEN', '仅本案当事人可执行此操作')
}

function checkDisputeType(code: string): void {
  const type = getDisputeType(code)
  if (!type.ok) fail('DISPUTE_TYPE_UNKNOWN', '请从列表中选择纠纷类型', 'payload.disputeType')
}

async function notifyCase(
  tx: Tx,
  ctx: HandlerContext,
  toOpenid: string | null | undefined,
  doc: CaseDoc,
  caseId: string,
  title: string,
  body: string,
): Promise<void> {
  if (!toOpenid) return
  await notify(
    tx,
    {
      toOpenid,
      kind: 'case_progress',
      title,
      body,
      link: DETAIL_LINK(caseId),
      templateData: {
        character_string1: doc.caseNumber ?? caseId.slice(0, 32),
        thing2: title.slice(0, 20),
        time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
      },
    },
    ctx,
  )
}

async function mediatorOpenid(mediatorId: string | null | undefined): Promise<string | null> {
  if (!mediatorId) return null
  const m = await findById<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
  return m?.openid ?? null
}

/** A chosen mediator who had not answered stops counting the case as pending. */
async function releasePending(tx: Tx, mediatorId: string | null | undefined): Promise<void> {
  if (!mediatorId) return
  const m = await tx.get<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
  if (!m) return
  await tx.updateVersioned(COLLECTIONS.mediators, mediatorId, m.version ?? 0, {
    pendingCount: Math.max(0, (m.pendingCount ?? 0) - 1),
  })
}

/**
 * Runs a party's case command: loads, checks the role, refuses early through the core, then
 * writes in one transaction conditional on the version it read.
 */
async function partyCommand(
  ctx: HandlerContext,
  caseId: string,
  command: CaseCommand,
  role: 'applicant' | 'respondent' | undefined,
  input: Record<string, unknown> | undefined,
  after?: (tx: Tx, before: CaseDoc, next: CaseDoc) => Promise<void>,
) {
  const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
  const as = role ?? partyRole(roles)
  requireRole(roles, as, as === 'applicant' ? '仅申请人可执行此操作' : '仅被申请人可执行此操作')
  await assertPartyIdentity(ctx.caller, as === 'applicant' ? doc.applicant : doc.respondent)
  const who = { actor: caseActor(as, ctx.caller), hash: ctx.caller.hash }
  checkCaseCommand(doc, command, who.actor, ctx.now, input)
  return ctx.transact(async (tx) => {
    const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
    if (!current || current.version !== doc.version)
      return fail('CONFLICT', '案件已有新的进展，请刷新后重试')
    const applied = await applyCaseCommand(tx, caseId, current, command, who, ctx.now, {
      input,
    })
    if (after) await after(tx, current, applied.next)
    return change(caseId, applied.next)
  })
}

/** A message a party command leaves for someone on the case: addressee, title, body. */
type CaseNotice = readonly [to: string | null | undefined, title: string, body: string]

/** The other party from the caller's side (null while the respondent has not joined). */
function otherPartyOf(doc: CaseDoc, ctx: HandlerContext): string | null {
  return doc.applicantOpenid === ctx.caller.openid ? doc.respondentOpenid : doc.applicantOpenid
}

/** A party command whose only follow-up is telling people; addressees not known are skipped. */
function partyCommandTelling(
  ctx: HandlerContext,
  caseId: string,
  command: CaseCommand,
  input: Record<string, unknown> | undefined,
  notices: (before: CaseDoc) => readonly CaseNotice[],
) {
  return partyCommand(ctx, caseId, command, undefined, input, async (tx, before, next) => {
    for (const [to, title, body] of notices(before)) {
      await notifyCase(tx, ctx, to, next, caseId, title, body)
    }
  })
}

async function reasonCheck(ctx: HandlerContext, reason: string, field = 'reason'): Promise<void> {
  await checkText(ctx.caller.openid, reason, { scene: 1, field: `payload.${field}` })
}

/** The highest sequence among the day's case numbers (the floor of the day's first number). */
async function lastCaseSequence(day: string): Promise<number> {
  const [last] = await findMany<CaseDoc>(
    COLLECTIONS.mediationCases,
    { caseDay: day },
    { orderBy: [['caseNumber', 'desc']], limit: 1 },
  )
  return sequenceOf(last?.caseNumber)
}

async function submit(p: CaseFields & { caseId?: string }, ctx: HandlerContext) {
  const openid = ctx.caller.openid
  checkDisputeType(p.disputeType)
  const identity = await verifiedIdentityOf(openid, '申请调解')
  const applicant = applicantRecord(identity, openid)
  const respondent = respondentRecord(p.respondent, ctx.now, 'respondent')
  if (
    (respondent.idNumberHash !== null && respondent.idNumberHash === applicant.idNumberHash) ||
    (respondent.usccHash !== null && respondent.usccHash === applicant.usccHash)
  ) {
    fail('INVALID_INPUT', '被申请人不能是您本人', 'payload.respondent')
  }
  if (p.region.cityCode.slice(0, 2) !== p.region.provinceCode.slice(0, 2)) {
    fail('INVALID_INPUT', '所选城市不属于该省份', 'payload.region.cityCode')
  }
  const caseId = p.caseId ?? `case_${randomUUID().replace(/-/g, '')}`
  let draft: CaseDoc | undefined
  if (p.caseId) {
    draft = await findById<CaseDoc>(COLLECTIONS.mediationCases, p.caseId)
    if (!draft || draft.applicantOpenid !== openid) return fail('NOT_FOUND', '草稿不存在或已被删除')
  }
  const base = draft ?? blankCase(openid, ctx.now)
  const who = { actor: caseActor('applicant', ctx.caller), hash: ctx.caller.hash }
  checkCaseCommand(base, 'submit', who.actor, ctx.now)
  checkEvidenceOwnership(openid, caseId, p.evidence)
  const verdict = await checkText(openid, [p.description, ...p.claims].join('\n'), {
    scene: 1,
    field: 'payload.description',
    title: '调解申请',
  })
  const evidence = await startMediaChecks(openid, evidenceRecords(p.evidence, base.evidence))
  // A verdict can be pushed before this case is committed; it waits and is applied right after.
  if (evidence.some((e) => e.traceId !== null && e.check === 'pending')) {
    ctx.afterCommit(() => applyHeldVerdicts(evidence, ctx))
  }
  const patch: Partial<CaseDoc> = {
    disputeType: p.disputeType,
    description: p.description,
    descriptionCheck: verdict,
    amountFen: p.amountFen,
    claims: p.claims,
    evidence,
    region: { provinceCode: p.region.provinceCode, cityCode: p.region.cityCode },
    applicant,
    respondent,
    draftRespondentEnc: null,
  }
  return withNextNumber(
    'mediation_case',
    ctx.now,
    (numbering) =>
      ctx.transact(async (tx) => {
        const current = draft ? await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId) : base
        if (!current || current.version !== base.version) {
          return fail('CONFLICT', '草稿已被修改，请刷新后重试')
        }
        // The submit event's id `cn_<number>` is this number's reservation.
        const caseNumber = await numbering.take(tx)
        const applied = await applyCaseCommand(tx, caseId, current, 'submit', who, ctx.now, {
          patch: { ...patch, caseNumber, caseDay: caseNumber.slice(0, 10) },
          create: !draft,
          eventIds: [reservationId(caseNumber)],
        })
        return { ...change(caseId, applied.next), caseNumber }
      }),
    lastCaseSequence,
  )
}

/** A draft keeps the respondent sealed as typed; it is validated only on submit. */
async function saveDraft(p: SaveDraftRequest, ctx: HandlerContext) {
  const openid = ctx.caller.openid
  if (p.disputeType !== undefined) checkDisputeType(p.disputeType)
  const caseId = p.caseId ?? `case_${randomUUID().replace(/-/g, '')}`
  let doc: CaseDoc | undefined
  if (p.caseId) {
    doc = await findById<CaseDoc>(COLLECTIONS.mediationCases, p.caseId)
    if (!doc || doc.applicantOpenid !== openid) return fail('NOT_FOUND', '草稿不存在或已被删除')
    if (doc.status !== 'draft') fail('INVALID_TRANSITION', '案件已提交，不能再作为草稿修改')
  }
  if (p.evidence) checkEvidenceOwnership(openid, caseId, p.evidence)
  const verdict =
    p.description !== undefined
      ? await checkText(openid, p.description, { scene: 1, field: 'payload.description' })
      : undefined
  const patch: Record<string, unknown> = { updatedAt: ctx.now }
  if (p.disputeType !== undefined) patch.disputeType = p.disputeType
  if (p.description !== undefined) {
    patch.description = p.description
    patch.descriptionCheck = verdict ?? null
  }
  if (p.amountFen !== undefined) patch.amountFen = p.amountFen
  if (p.claims !== undefined) patch.claims = p.claims
  if (p.evidence !== undefined) patch.evidence = evidenceRecords(p.evidence, doc?.evidence ?? [])
  if (p.region !== undefined) patch.region = p.region
  if (p.respondent !== undefined)
    patch.draftRespondentEnc = encryptField(JSON.stringify(p.respondent))
  if (!doc) {
    const fresh = { ...blankCase(openid, ctx.now), ...patch, version: 1 }
    await insert(COLLECTIONS.mediationCases, { _id: caseId, ...fresh })
    return change(caseId, fresh)
  }
  await updateIfVersion(COLLECTIONS.mediationCases, caseId, doc.version, patch)
  return change(caseId, { ...doc, version: doc.version + 1 })
}

/** How long the URL of an invitation's mini-program code works (the page shows it at once). */
const QR_URL_SECONDS = 3600

async function invite({ caseId }: { caseId: string }, ctx: HandlerContext) {
  const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
  requireRole(roles, 'applicant', '仅申请人可邀请被申请人')
  await assertPartyIdentity(ctx.caller, doc.applicant)
  if (doc.respondentOpenid !== null) fail('INVALID_TRANSITION', '被申请人已加入本案，无需再次邀请')
  if (doc.status === 'submitted') checkCaseCommand(doc, 'invite_respondent', SYSTEM, ctx.now)
  else if (doc.status !== 'awaiting_respondent') {
    fail('INVALID_TRANSITION', '当前案件状态不能邀请被申请人')
  }
  const { token, tokenHash: hash } = newToken()
  const path = sharePath(token)
  const qrFileId = await storeQr(caseId, token, ctx.now)
  // The code is a function-made file, which the storage rule keeps from clients: the page shows
  // it through this URL.
  const qrUrl = (await tempUrls([qrFileId], QR_URL_SECONDS))[qrFileId]
  if (!qrUrl) fail('UPSTREAM_UNAVAILABLE', '小程序码生成失败，请稍后重试')
  const expiresAt = new Date(ctx.now.getTime() + INVITATION_TTL_MS)
  const sms = await sendInvitationSms(doc.respondent?.phoneEnc ?? null, doc.caseNumber, path)
  const invitation = { tokenHash: hash, expiresAt, issuedAt: ctx.now, qrFileId, usedAt: null }
  return ctx.transact(async (tx) => {
    const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
    if (!current || current.version !== doc.version)
      return fail('CONFLICT', '案件已有新的进展，请刷新后重试')
    if (current.status === 'submitted') {
      await applyCaseCommand(
        tx,
        caseId,
        current,
        'invite_respondent',
        { actor: SYSTEM, hash: ctx.caller.hash },
        ctx.now,
        {
          patch: { invitation },
        },
      )
    } else {
      const head = await appendCaseNote(
        tx,
        caseId,
        current,
        'case.reinvited',
        { actorKind: 'applicant', hash: ctx.caller.hash },
        ctx.now,
      )
      await tx.updateVersioned(COLLECTIONS.mediationCases, caseId, current.version, {
        invitation,
        ...head,
        updatedAt: ctx.now,
      })
    }
    return { caseId, sharePath: path, qrFileId, qrUrl, expiresAt: expiresAt.toISOString(), sms }
  })
}

async function join(p: { token: string; phone?: string }, ctx: HandlerContext) {
  const openid = ctx.caller.openid
  const hash = tokenHash(p.token)
  const [doc] = await findMany<CaseDoc>(
    COLLECTIONS.mediationCases,
    { 'invitation.tokenHash': hash },
    { limit: 1 },
  )
  if (!doc || !doc.invitation || !doc.respondent) {
    return fail('INVITATION_INVALID', '邀请链接无效或已被使用，请向申请人索取新的邀请')
  }
  if (new Date(doc.invitation.expiresAt).getTime() <= ctx.now.getTime()) {
    return fail('INVITATION_EXPIRED', '邀请链接已过期，请向申请人索取新的邀请')
  }
  if (doc.applicantOpenid === openid)
    return fail('FORBIDDEN', '您是本案申请人，不能以被申请人身份加入')
  const identity = await verifiedIdentityOf(openid, '加入调解')
  matchRespondent(doc.respondent, identity, p.phone)
  return ctx.transact(async (tx) => {
    const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, doc._id)
    if (!current || current.invitation?.tokenHash !== hash || current.respondentOpenid !== null) {
      return fail('INVITATION_INVALID', '邀请链接无效或已被使用，请向申请人索取新的邀请')
    }
    const head = await appendCaseNote(
      tx,
      doc._id,
      current,
      'case.respondent_joined',
      { actorKind: 'respondent', hash: ctx.caller.hash },
      ctx.now,
    )
    const r = current.respondent ?? doc.respondent!
    const fromIdentity =
      r.partyType === 'person' && r.idNumberHash === null
        ? {
            idType: identity.idType ?? null,
            idNumberEnc: identity.idNumberEnc ?? null,
            idNumberHash: identity.idNumberHash ?? null,
            maskedIdNumber: identity.maskedIdNumber ?? null,
          }
        : {}
    await tx.updateVersioned(COLLECTIONS.mediationCases, doc._id, current.version, {
      respondentOpenid: openid,
      partyOpenids: [current.applicantOpenid, openid],
      respondent: { ...r, ...fromIdentity, identityId: `${identity._id as string}` },
      invitation: { ...current.invitation, tokenHash: null, usedAt: ctx.now },
      ...head,
      updatedAt: ctx.now,
    })
    await notifyCase(
      tx,
      ctx,
      current.applicantOpenid,
      current,
      doc._id,
      '被申请人已加入',
      `被申请人已通过邀请加入案件 ${current.caseNumber ?? ''}，等待其确认是否同意调解。`,
    )
    return { caseId: doc._id, caseNumber: current.caseNumber, status: current.status }
  })
}

export const main = defineFunction('mediationCase', {
  actions: {
    saveDraft: {
      schema: schemas.saveDraft,
      actors: ['user'],
      mutating: true,
      handle: saveDraft,
    },

    submit: {
      schema: schemas.submit,
      actors: ['user'],
      mutating: true,
      handle: submit,
    },

    invite: {
      schema: schemas.caseRef,
      actors: ['user'],
      mutating: true,
      handle: invite,
    },

    join: {
      schema: schemas.join,
      actors: ['user'],
      mutating: true,
      handle: join,
    },

    respond: {
      schema: schemas.respond,
      actors: ['user'],
      mutating: true,
      async handle({ caseId, agree, reason }, ctx) {
        if (!agree && !reason) fail('INVALID_INPUT', '请填写拒绝调解的原因', 'payload.reason')
        if (reason) await reasonCheck(ctx, reason)
        return partyCommand(
          ctx,
          caseId,
          agree ? 'respondent_consent' : 'respondent_decline',
          'respondent',
          agree ? undefined : { reason },
          async (tx, before, next) => {
            await notifyCase(
              tx,
              ctx,
              before.applicantOpenid,
              next,
              caseId,
              agree ? '被申请人同意调解' : '被申请人拒绝调解',
              agree
                ? '被申请人已同意调解，请选择调解员。'
                : `被申请人拒绝调解：${reason ?? ''}。您可以申请在线立案。`,
            )
          },
        )
      },
    },

    withdraw: {
      schema: schemas.withdraw,
      actors: ['user'],
      mutating: true,
      async handle({ caseId, reason }, ctx) {
        await reasonCheck(ctx, reason)
        const mediatorTo = await mediatorOpenidOf(caseId)
        return partyCommand(
          ctx,
          caseId,
          'withdraw',
          'applicant',
          { reason },
          async (tx, before, next) => {
            await releasePending(tx, before.mediatorId)
            await notifyCase(
              tx,
              ctx,
              before.respondentOpenid,
              next,
              caseId,
              '申请人撤回调解申请',
              `申请人已撤回调解申请：${reason}`,
            )
            await notifyCase(
              tx,
              ctx,
              mediatorTo,
              next,
              caseId,
              '申请人撤回调解申请',
              `案件 ${before.caseNumber ?? ''} 的申请人已撤回申请。`,
            )
          },
        )
      },
    },

    end: {
      schema: schemas.end,
      actors: ['user'],
      mutating: true,
      async handle({ caseId, reason }, ctx) {
        await reasonCheck(ctx, reason)
        const mediatorTo = await mediatorOpenidOf(caseId)
        return partyCommandTelling(ctx, caseId, 'end_by_party', { reason }, (before) => [
          [
            otherPartyOf(before, ctx),
            '对方终止调解',
            `对方当事人已终止调解：${reason}。您可以申请在线立案。`,
          ],
          [mediatorTo, '当事人终止调解', `案件 ${before.caseNumber ?? ''} 的当事人已终止调解。`],
        ])
      },
    },

    requestExtension: {
      schema: schemas.requestExtension,
      actors: ['user'],
      mutating: true,
      handle: ({ caseId, days }, ctx) =>
        partyCommandTelling(ctx, caseId, 'request_extension', { days }, (before) => [
          [
            otherPartyOf(before, ctx),
            '对方申请延长调解期限',
            `对方当事人申请将调解期限延长 ${days} 天，请确认是否同意。`,
          ],
        ]),
    },

    consentExtension: {
      schema: schemas.consentExtension,
      actors: ['user'],
      mutating: true,
      handle: ({ caseId, agree }, ctx) =>
        partyCommandTelling(
          ctx,
          caseId,
          agree ? 'consent_extension' : 'decline_extension',
          undefined,
          (before) => [
            agree
              ? [
                  otherPartyOf(before, ctx),
                  '对方同意延长调解期限',
                  '对方当事人已同意延长调解期限。',
                ]
              : [
                  otherPartyOf(before, ctx),
                  '对方不同意延长调解期限',
                  '对方当事人不同意延长调解期限，调解期限不变。',
                ],
          ],
        ),
    },

    listMine: {
      schema: schemas.listMine,
      actors: ['user'],
      mutating: false,
      async handle({ role, status, page = 1, pageSize = DEFAULT_PAGE_SIZE }, { caller, now }) {
        const mine =
          role === 'any'
            ? command().or([
                { applicantOpenid: caller.openid },
                { respondentOpenid: caller.openid },
              ])
            : role === 'applicant'
              ? { applicantOpenid: caller.openid }
              : { respondentOpenid: caller.openid }
        const where = status ? command().and([mine, { status }]) : mine
        const rows = await findMany<CaseDoc>(COLLECTIONS.mediationCases, where, {
          orderBy: [['updatedAt', 'desc']],
          skip: (page - 1) * pageSize,
          limit: pageSize + 1,
        })
        // With `any`, each case is summarised for the side the caller is on in that case.
        const sideOf = (d: CaseDoc): 'applicant' | 'respondent' =>
          role !== 'any' ? role : d.applicantOpenid === caller.openid ? 'applicant' : 'respondent'
        return {
          items: rows.slice(0, pageSize).map((d) => summary(d, sideOf(d), caller, now)),
          page,
          pageSize,
          hasMore: rows.length > pageSize,
        }
      },
    },

    detail: {
      schema: schemas.caseRef,
      actors: ['user', 'mediator', 'staff'],
      mutating: false,
      handle: ({ caseId }, ctx) => detail(caseId, ctx.caller, ctx.now),
    },

    rate: {
      schema: schemas.rate,
      actors: ['user'],
      mutating: true,
      async handle({ caseId, score, comment }, ctx) {
        const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
        const role = partyRole(roles)
        if (doc.status !== 'settled' && doc.status !== 'closed_without_agreement') {
          fail('INVALID_TRANSITION', '调解结束后才能评价')
        }
        if (doc.ratings?.[role]) fail('ALREADY_RATED', '您已评价过本案')
        if (comment)
          await checkText(ctx.caller.openid, comment, { scene: 2, field: 'payload.comment' })
        return ctx.transact(async (tx) => {
          const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
          if (!current || current.version !== doc.version)
            return fail('CONFLICT', '案件已有新的进展，请刷新后重试')
          if (current.ratings?.[role]) return fail('ALREADY_RATED', '您已评价过本案')
          const head = await appendCaseNote(
            tx,
            caseId,
            current,
            'case.rated',
            { actorKind: role, hash: ctx.caller.hash },
            ctx.now,
            { score },
          )
          await tx.updateVersioned(COLLECTIONS.mediationCases, caseId, current.version, {
            ratings: {
              ...current.ratings,
              [role]: { score, comment: comment ?? null, at: ctx.now },
            },
            ...head,
            updatedAt: ctx.now,
          })
          // The mediator's average counts only cases they actually took on.
          if (current.mediatorId && current.acceptedAt) {
            const m = await tx.get<MediatorDoc>(COLLECTIONS.mediators, current.mediatorId)
            if (m) {
              const count = m.ratingCount ?? 0
              const avg = ((m.rating ?? 0) * count + score) / (count + 1)
              await tx.updateVersioned(COLLECTIONS.mediators, current.mediatorId, m.version ?? 0, {
                rating: Math.round(avg * 10) / 10,
                ratingCount: count + 1,
              })
            }
          }
          return { caseId, score }
        })
      },
    },
  },
  // WeChat pushes mediaCheckAsync verdicts here (消息推送: event / wxa_media_check).
  push: { wxa_media_check: onMediaCheck },
})

async function mediatorOpenidOf(caseId: string): Promise<string | null> {
  const doc = await findById<CaseDoc>(COLLECTIONS.mediationCases, caseId)
  return mediatorOpenid(doc?.mediatorId)
}

/** Mediation notes are internal: only the mediator and organisation staff see them. */
function seesEvent(role: CaseRole, e: CaseEventDoc): boolean {
  return e['visibility'] !== 'internal' || role === 'mediator' || role === 'staff'
}

/** A timeline entry; a mediation note carries its text (its readers are the mediator and staff). */
function deskTimelineEntry(e: CaseEventDoc): TimelineEntry {
  const entry = timelineEntry(e)
  if (e.type !== 'note.added') return entry
  const text = e.data?.['text']
  return { ...entry, label: '调解笔记', note: typeof text === 'string' ? text : null }
}

async function detail(caseId: string, caller: Caller, now: Date): Promise<CaseDetail> {
  const { doc, roles } = await loadVisibleCase(caseId, caller)
  const role = roles[0] as CaseRole
  const [events, mediator, agreements, calls] = await Promise.all([
    findMany<CaseEventDoc>(
      COLLECTIONS.caseEvents,
      { caseId },
      { orderBy: [['seq', 'asc']], limit: 100 },
    ),
    doc.mediatorId ? findById<MediatorDoc>(COLLECTIONS.mediators, doc.mediatorId) : undefined,
    findMany<{ status?: string; version?: number }>(
      COLLECTIONS.agreements,
      { caseId },
      { limit: 1 },
    ),
    findMany<{ startedAt?: Date | string; durationSec?: number | null }>(
      COLLECTIONS.calls,
      { caseId },
      { limit: 20 },
    ),
  ])
  const org = mediator?.organisationId
    ? await findById<{ name?: string }>(COLLECTIONS.organisations, mediator.organisationId)
    : undefined
  const shown = visibleEvidence(doc.evidence, role)
  const urls = await tempUrls(shown.map((e) => e.fileId))
  const evidence: EvidenceView[] = shown.map((e) => evidenceView(e, role, urls[e.fileId] ?? null))
  const agreement = agreements[0]
  const own = role === 'applicant' || role === 'respondent' ? doc.ratings?.[role] : undefined
  const address =
    doc.respondent?.addressEnc &&
    (role === 'applicant' || role === 'respondent' || role === 'mediator')
      ? decryptField(doc.respondent.addressEnc)
      : null
  const draftRespondent =
    role === 'applicant' && doc.status === 'draft' && typeof doc.draftRespondentEnc === 'string'
      ? (JSON.parse(decryptField(doc.draftRespondentEnc)) as Partial<RespondentInput>)
      : null
  return {
    ...summary(doc, role, caller, now),
    draftRespondent,
    description: doc.description,
    descriptionCheck: doc.descriptionCheck,
    claims: doc.claims,
    evidence,
    region: doc.region,
    respondentAddress: address,
    mediator:
      doc.mediatorId && mediator
        ? {
            mediatorId: doc.mediatorId,
            name: mediator.name ?? '',
            title: mediator.title ?? null,
            organisationName: org?.name ?? null,
            avatarText: mediator.avatarText ?? (mediator.name ?? '调').charAt(0),
            avatarColor: mediator.avatarColor ?? '#0052D9',
            accepted: doc.acceptedAt != null,
          }
        : null,
    closeReason: doc.closeReason
      ? {
          kind: doc.closeReason.kind,
          label: CLOSE_REASON_LABELS[doc.closeReason.kind],
          note: doc.closeReason.note,
        }
      : null,
    agreement: agreement
      ? {
          agreementId: agreement._id,
          status: agreement.status ?? '',
          version: agreement.version ?? 1,
        }
      : null,
    calls: calls.map((c) => ({
      callId: c._id,
      startedAt: new Date(c.startedAt ?? now).toISOString(),
      durationSec: c.durationSec ?? null,
    })),
    timeline: events.filter((e) => seesEvent(role, e)).map(deskTimelineEntry),
    myRating: own ? { score: own.score, comment: own.comment } : null,
  }
}
