/**
 * verifyIdentity: real-name verification (实名认证) of a party.
 *
 * - Face verification 2.0 for the mainland resident ID: `startFace` validates name + number with
 *   the core validator and obtains a verify id from WeChat (`WX_API_BASE`, access token from
 *   `cgi-bin/stable_token`); `confirmFace` asks WeChat for the result and verifies only on
 *   errcode 0 && verify_ret 10000 for the stored openid / out_seq_no / cert_hash.
 * - Manual review for any ID type (and enterprises: licence, USCC, authorisation letter):
 *   `submitManual` → pending with the 2–4 h SLA; staff `listPending` / `claimReview` /
 *   `releaseReview` / `approve` / `reject` (review.ts).
 *   The queue is shared: staff of **any** organisation may review identities, because an identity
 *   is not tied to a case or an organisation yet, and one queue keeps the SLA whichever
 *   organisation is staffed. The photos are not shared: `listPending` answers masked facts and
 *   who is reviewing, never a photo URL. A reviewer takes the review claim (领取审核,
 *   `claimReview`): a 30-minute lease, renewed by claiming again, that alone hands the 10-minute
 *   photo URLs and lets one reviewer decide (approve/reject on a free submission take the claim
 *   in the same versioned write; another live claim → `REVIEW_CLAIMED`, naming until when). So
 *   ID photos reach the owner and the one reviewing staff member only (issue #9), and two
 *   reviewers never decide one submission at once. The decision clears the claim; a lease that
 *   lapsed is free for the next reviewer, so an abandoned review never blocks the queue.
 * - `delete` erases the number, its hash, the name and the photos; cases keep their own party
 *   snapshot and are listed as blocked until the same identity verifies again.
 *
 * Caller: `miniprogram/services/identity.ts`; staff actions from the organisation desk.
 * Auth: OPENID from the platform; the review actions need a `staff_members` doc.
 * Reads/writes: `identities`, `face_verifications`, `audit_events`, `messages`,
 *   `subscribe_grants`, `idempotency_keys`; reads `mediation_cases` / `filings` (`partyOpenids`),
 *   `staff_members` (the reviewer's masked name on a claim).
 * Errors: `ALREADY_VERIFIED`, `ID_ALREADY_BOUND`, `INVALID_TRANSITION`, `REVIEW_CLAIMED`,
 *   `FACE_UNAVAILABLE`, `FACE_SESSION_NOT_FOUND`, `FACE_SESSION_EXPIRED`, `FACE_NOT_FINISHED`,
 *   `FILE_NOT_OWNED`, `UPSTREAM_UNAVAILABLE`, plus the common codes.
 */
import { idPhotosExpireAt, manualReviewDueAt } from '../../../miniprogram/core/deadlines'
import {
  validateEnterpriseName,
  validatePersonName,
} from '../../../miniprogram/core/identity/names'
import { validateResidentId } from '../../../miniprogram/core/identity/resident-id'
import { validateUscc } from '../../../miniprogram/core/identity/uscc'
import { validateIdNumber } from '../../../miniprogram/core/identity/validate-id-number'
import type { FieldCheck } from '../../../miniprogram/core/identity/field-check'
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MAX_REASON_LENGTH,
} from '../../../miniprogram/core/limits'
import { maskIdNumber, maskName, maskUscc } from '../../../miniprogram/core/masking'
import type { Actor } from '../../../miniprogram/core/machines/actor'
import type { BlockedCase, ReviewResponse } from '../../../typings/api/verifyIdentity'
import {
  AppError,
  COLLECTIONS,
  command,
  decryptField,
  defineFunction,
  deleteFiles,
  docId,
  encryptField,
  fail,
  fileId,
  findById,
  findMany,
  identityFileIds,
  identityIdFor,
  idNumberHash,
  int,
  isOwnPrivateFile,
  notify,
  obj,
  oneOf,
  opt,
  text,
  updateWhere,
  type Caller,
  type HandlerContext,
} from '../../_shared'
import { apply, blankIdentity, check } from './apply'
import { assertMayDecide, claim, pendingItem, release } from './review'
import { certHash, getVerifyId, newOutSeqNo, queryOutcome } from './face'
import { ERASED, toView, type IdentityDoc } from './identity-doc'

interface FaceSession extends Record<string, unknown> {
  openid: string
  identityId: string
  verifyId: string
  outSeqNo: string
  certHash: string
  nameEnc: string
  maskedName: string
  idNumberEnc: string
  idNumberHash: string
  maskedIdNumber: string
  status: 'started' | 'verified' | 'failed' | 'cancelled'
  expiresAt: Date | string
  version: number
}

const ID_TYPES = [
  'resident_id',
  'hmt_residence_permit',
  'hk_mo_travel_permit',
  'tw_travel_permit',
  'passport',
  'foreign_permanent_resident',
] as const

/** `ctx.now` is always a valid time, so the core's answer is always a time. */
function photosExpireAt(reviewedAt: Date): Date {
  const at = idPhotosExpireAt(reviewedAt)
  return new Date(at.ok ? at.value : reviewedAt)
}

const party = (caller: Caller): { actor: Actor; hash: string } => ({
  actor: { kind: 'party', id: identityIdFor(caller.openid) },
  hash: caller.hash,
})
const system = (caller: Caller): { actor: Actor; hash: string } => ({
  actor: { kind: 'system', id: 'verifyIdentity' },
  hash: caller.hash,
})

/** A core validator's refusal as the API error for that payload field. */
function accept(check: FieldCheck, field: string): FieldCheck {
  if (!check.ok) {
    throw new AppError(
      'INVALID_INPUT',
      check.error?.message ?? '填写内容不正确',
      `payload.${field}`,
    )
  }
  return check
}

async function loadOwn(openid: string): Promise<{ id: string; doc: IdentityDoc }> {
  const id = identityIdFor(openid)
  return {
    id,
    doc: (await findById<IdentityDoc>(COLLECTIONS.identities, id)) ?? blankIdentity(openid),
  }
}

/** An ID number is one person's: refuse it when another account already verified it. */
async function assertNotBoundElsewhere(hash: string, openid: string): Promise<void> {
  const _ = command()
  const others = await findMany(
    COLLECTIONS.identities,
    { idNumberHash: hash, status: 'verified', openid: _.neq(openid) },
    { limit: 1 },
  )
  if (others.length) fail('ID_ALREADY_BOUND', '该证件已被其他微信账号认证，如有疑问请联系工作人员')
}

function assertNotVerified(doc: IdentityDoc): void {
  if (doc.status === 'verified')
    fail('ALREADY_VERIFIED', '您已完成实名认证；如需更换，请先删除认证信息')
}

async function casesOf(openid: string): Promise<BlockedCase[]> {
  const out: BlockedCase[] = []
  for (const collection of ['mediation_cases', 'filings'] as const) {
    const rows = await findMany<{ caseNumber?: string }>(
      collection,
      { partyOpenids: openid },
      { limit: 100 },
    )
    for (const r of rows) out.push({ collection, id: r._id, caseNumber: r.caseNumber ?? null })
  }
  return out
}

const reviewSchema = { identityId: docId('认证编号') }

export const main = defineFunction('verifyIdentity', {
  actions: {
    status: {
      schema: obj({}),
      actors: ['user'],
      mutating: false,
      async handle(_p, { caller }) {
        return toView((await loadOwn(caller.openid)).doc)
      },
    },

    startFace: {
      schema: obj({
        name: text('姓名', { max: 30 }),
        idNumber: text('身份证号', { max: 32 }),
      }),
      actors: ['user'],
      mutating: true,
      async handle(payload, ctx) {
        const name = accept(validatePersonName(payload.name), 'name').value
        const idNumber = accept(validateResidentId(payload.idNumber, ctx.now), 'idNumber').value
        const { id, doc } = await loadOwn(ctx.caller.openid)
        assertNotVerified(doc)
        check(doc, 'start_face', party(ctx.caller).actor, ctx.now)
        const hash = idNumberHash('resident_id', idNumber)
        await assertNotBoundElsewhere(hash, ctx.caller.openid)

        const outSeqNo = newOutSeqNo()
        const cert = certHash(name, idNumber)
        const grant = await getVerifyId(outSeqNo, name, idNumber, ctx.caller.openid)
        if (!grant) fail('FACE_UNAVAILABLE', '人脸核身暂不可用，请稍后重试或改用人工审核')
        const expiresAt = new Date(ctx.now.getTime() + grant.expiresIn * 1000)

        return ctx.transact(async (tx) => {
          const current =
            (await tx.get<IdentityDoc>(COLLECTIONS.identities, id)) ??
            blankIdentity(ctx.caller.openid)
          await tx.create(COLLECTIONS.faceVerifications, outSeqNo, {
            openid: ctx.caller.openid,
            identityId: id,
            verifyId: grant.verifyId,
            outSeqNo,
            certHash: cert,
            nameEnc: encryptField(name),
            maskedName: maskName(name),
            idNumberEnc: encryptField(idNumber),
            idNumberHash: hash,
            maskedIdNumber: maskIdNumber(idNumber),
            status: 'started',
            expiresAt,
            createdAt: ctx.now,
            version: 1,
          })
          await apply(tx, id, current, 'start_face', party(ctx.caller), ctx.now, {})
          return { verifyId: grant.verifyId, expiresAt: expiresAt.toISOString() }
        })
      },
    },

    confirmFace: {
      schema: obj({ verifyId: text('核身编号', { max: 128, pattern: /^[A-Za-z0-9_.=+/-]+$/ }) }),
      actors: ['user'],
      mutating: true,
      async handle({ verifyId }, ctx) {
        const [session] = await findMany<FaceSession>(
          COLLECTIONS.faceVerifications,
          { verifyId, openid: ctx.caller.openid },
          { limit: 1 },
        )
        if (!session) fail('FACE_SESSION_NOT_FOUND', '未找到该次人脸核身，请重新开始')
        if (session.status !== 'started')
          fail('INVALID_TRANSITION', '该次人脸核身已处理，请重新开始')
        if (new Date(session.expiresAt).getTime() <= ctx.now.getTime()) {
          fail('FACE_SESSION_EXPIRED', '人脸核身已超时，请重新开始')
        }
        const outcome = await queryOutcome({ ...session, openid: ctx.caller.openid })
        if (outcome.kind === 'unfinished') {
          fail('FACE_NOT_FINISHED', '人脸核身尚未完成，请按提示完成后再确认')
        }
        if (outcome.kind === 'verified')
          await assertNotBoundElsewhere(session.idNumberHash, ctx.caller.openid)

        return ctx.transact(async (tx) => {
          const id = session.identityId
          const doc =
            (await tx.get<IdentityDoc>(COLLECTIONS.identities, id)) ??
            blankIdentity(ctx.caller.openid)
          const fresh = await tx.get<FaceSession>(COLLECTIONS.faceVerifications, session._id)
          if (!fresh || fresh.status !== 'started')
            fail('INVALID_TRANSITION', '该次人脸核身已处理，请重新开始')
          await tx.updateVersioned(COLLECTIONS.faceVerifications, session._id, fresh.version, {
            status: outcome.kind,
            decidedAt: ctx.now,
          })
          const applied =
            outcome.kind === 'verified'
              ? await apply(tx, id, doc, 'face_passed', system(ctx.caller), ctx.now, {
                  partyType: 'person',
                  idType: 'resident_id',
                  nameEnc: session.nameEnc,
                  maskedName: session.maskedName,
                  idNumberEnc: session.idNumberEnc,
                  idNumberHash: session.idNumberHash,
                  maskedIdNumber: session.maskedIdNumber,
                  enterprise: null,
                  photos: null,
                  warnings: [],
                })
              : await apply(
                  tx,
                  id,
                  doc,
                  'face_failed',
                  system(ctx.caller),
                  ctx.now,
                  {},
                  {
                    reason: outcome.reason,
                  },
                )
          return { outcome: outcome.kind, identity: toView(applied.next) }
        })
      },
    },

    submitManual: {
      schema: obj({
        partyType: oneOf('主体类型', ['person', 'enterprise']),
        idType: oneOf('证件类型', ID_TYPES),
        name: text('姓名', { max: 30 }),
        idNumber: text('证件号码', { max: 32 }),
        photos: obj({
          front: fileId('证件正面照片'),
          back: opt(fileId('证件背面照片')),
          handheld: fileId('手持证件照片'),
        }),
        enterprise: opt(
          obj({
            name: text('企业名称', { max: 60 }),
            uscc: text('统一社会信用代码', { max: 18 }),
            licenceFileId: fileId('营业执照照片'),
            authorisationFileId: fileId('授权委托书'),
          }),
        ),
      }),
      actors: ['user'],
      mutating: true,
      async handle(p, ctx) {
        const openid = ctx.caller.openid
        const name = accept(validatePersonName(p.name), 'name').value
        const number = accept(validateIdNumber(p.idType, p.idNumber, ctx.now), 'idNumber')
        const warnings = number.warnings.map((w) => w.message)
        if (p.idType !== 'passport' && !p.photos.back) {
          fail('INVALID_INPUT', '请上传证件背面照片', 'payload.photos.back')
        }
        const files: [string, string][] = [
          ['photos.front', p.photos.front],
          ['photos.handheld', p.photos.handheld],
        ]
        if (p.photos.back) files.push(['photos.back', p.photos.back])
        let enterprise = null
        if (p.partyType === 'enterprise') {
          if (!p.enterprise) fail('INVALID_INPUT', '企业认证需填写企业信息', 'payload.enterprise')
          const ename = accept(validateEnterpriseName(p.enterprise.name), 'enterprise.name').value
          const uscc = accept(validateUscc(p.enterprise.uscc), 'enterprise.uscc')
          warnings.push(...uscc.warnings.map((w) => w.message))
          files.push(['enterprise.licenceFileId', p.enterprise.licenceFileId])
          files.push(['enterprise.authorisationFileId', p.enterprise.authorisationFileId])
          enterprise = {
            name: ename,
            uscc: uscc.value,
            maskedUscc: maskUscc(uscc.value),
            licenceFileId: p.enterprise.licenceFileId,
            authorisationFileId: p.enterprise.authorisationFileId,
          }
        } else if (p.enterprise) {
          fail('INVALID_INPUT', '个人认证无需填写企业信息', 'payload.enterprise')
        }
        for (const [field, file] of files) {
          if (!isOwnPrivateFile(openid, file, 'identity')) {
            fail('FILE_NOT_OWNED', '照片须由本人上传到个人私有目录，请重新上传', `payload.${field}`)
          }
        }
        const { id, doc } = await loadOwn(openid)
        assertNotVerified(doc)
        check(doc, 'submit_manual', party(ctx.caller).actor, ctx.now)
        const hash = idNumberHash(p.idType, number.value)
        await assertNotBoundElsewhere(hash, openid)
        const due = manualReviewDueAt(ctx.now)
        const replaced = identityFileIds(doc).filter((f) => !files.some(([, n]) => n === f))

        const view = await ctx.transact(async (tx) => {
          const current =
            (await tx.get<IdentityDoc>(COLLECTIONS.identities, id)) ?? blankIdentity(openid)
          const applied = await apply(
            tx,
            id,
            current,
            'submit_manual',
            party(ctx.caller),
            ctx.now,
            {
              method: 'manual',
              partyType: p.partyType,
              idType: p.idType,
              nameEnc: encryptField(name),
              maskedName: maskName(name),
              idNumberEnc: encryptField(number.value),
              idNumberHash: hash,
              maskedIdNumber: maskIdNumber(number.value),
              enterprise,
              photos: {
                front: p.photos.front,
                back: p.photos.back ?? null,
                handheld: p.photos.handheld,
              },
              warnings,
              reviewDueAt: due.ok ? new Date(due.value) : null,
              reviewedAt: null,
              reviewerStaffId: null,
              claim: null,
            },
          )
          return toView(applied.next)
        })
        if (replaced.length) ctx.afterCommit(() => deleteFiles(replaced))
        return view
      },
    },

    listPending: {
      schema: obj({
        identityId: opt(docId('身份编号')),
        page: opt(int('页码', { min: 1, max: 200 })),
        pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
      }),
      actors: ['staff'],
      mutating: false,
      async handle({ identityId, page = 1, pageSize = DEFAULT_PAGE_SIZE }, { now, caller }) {
        const rows = await findMany<IdentityDoc>(
          COLLECTIONS.identities,
          identityId ? { _id: identityId, status: 'manual_pending' } : { status: 'manual_pending' },
          {
            orderBy: [['manualSubmittedAt', 'asc']],
            skip: (page - 1) * pageSize,
            limit: pageSize + 1,
          },
        )
        const staffId = caller.staff?.id ?? ''
        const items = rows.slice(0, pageSize).map((r) => pendingItem(r, staffId, now))
        return { items, page, pageSize, hasMore: rows.length > pageSize }
      },
    },

    // Not replayed by request id: taking is idempotent for the holder by itself (a renewal), and
    // its answer carries photo URLs, which must never be kept in `idempotency_keys`.
    claimReview: {
      schema: obj(reviewSchema),
      actors: ['staff'],
      mutating: false,
      handle: ({ identityId }, ctx) => claim(identityId, ctx),
    },

    releaseReview: {
      schema: obj(reviewSchema),
      actors: ['staff'],
      mutating: true,
      handle: ({ identityId }, ctx) => release(identityId, ctx),
    },

    approve: {
      schema: obj(reviewSchema),
      actors: ['staff'],
      mutating: true,
      handle: ({ identityId }, ctx) => review(identityId, ctx, 'approve'),
    },

    reject: {
      schema: obj({ ...reviewSchema, reason: text('驳回原因', { max: MAX_REASON_LENGTH }) }),
      actors: ['staff'],
      mutating: true,
      handle: ({ identityId, reason }, ctx) => review(identityId, ctx, 'reject', reason),
    },

    delete: {
      schema: obj({}),
      actors: ['user'],
      mutating: true,
      async handle(_p, ctx) {
        const openid = ctx.caller.openid
        const { id, doc } = await loadOwn(openid)
        check(doc, 'delete', party(ctx.caller).actor, ctx.now)
        const photos = identityFileIds(doc)
        const blockedCases = await casesOf(openid)
        const identity = await ctx.transact(async (tx) => {
          const current =
            (await tx.get<IdentityDoc>(COLLECTIONS.identities, id)) ?? blankIdentity(openid)
          const applied = await apply(tx, id, current, 'delete', party(ctx.caller), ctx.now, ERASED)
          return toView(applied.next)
        })
        ctx.afterCommit(async () => {
          await deleteFiles(photos)
          // Face sessions held the same number encrypted; erase them too.
          await updateWhere(
            COLLECTIONS.faceVerifications,
            { openid },
            {
              nameEnc: null,
              idNumberEnc: null,
              idNumberHash: null,
              certHash: null,
              erasedAt: ctx.now,
            },
          )
        })
        return { identity, blockedCases }
      },
    },
  },
})

async function review(
  identityId: string,
  ctx: HandlerContext,
  decision: 'approve' | 'reject',
  reason?: string,
): Promise<ReviewResponse> {
  const staff = ctx.caller.staff
  if (!staff) return fail('FORBIDDEN', '仅机构工作人员可审核')
  const doc = await findById<IdentityDoc>(COLLECTIONS.identities, identityId)
  if (!doc) return fail('NOT_FOUND', '认证申请不存在')
  if (doc.openid === ctx.caller.openid) return fail('FORBIDDEN', '不能审核本人的认证申请')
  const actor = { actor: { kind: 'staff' as const, id: staff.id }, hash: ctx.caller.hash }
  assertMayDecide(doc, staff.id, ctx.now)
  check(doc, decision, actor.actor, ctx.now, reason === undefined ? undefined : { reason })
  if (decision === 'approve' && doc.idNumberHash)
    await assertNotBoundElsewhere(doc.idNumberHash, doc.openid)
  // Keep the decryption check honest: an unreadable record must not be approved.
  if (decision === 'approve' && doc.idNumberEnc) decryptField(doc.idNumberEnc)
  return ctx.transact(async (tx) => {
    const current = await tx.get<IdentityDoc>(COLLECTIONS.identities, identityId)
    if (!current) return fail('NOT_FOUND', '认证申请不存在')
    // The claim is decided on the document being written, so a claim taken since is respected.
    assertMayDecide(current, staff.id, ctx.now)
    if (current.version !== doc.version) return fail('CONFLICT', '该申请已被其他工作人员处理')
    const applied = await apply(
      tx,
      identityId,
      current,
      decision,
      actor,
      ctx.now,
      {
        reviewedAt: ctx.now,
        reviewerStaffId: staff.id,
        reviewDueAt: null,
        claim: null,
        // Erased by the hourly deadlines sweep (PIPL: shortest retention).
        photosDeleteAfter: photosExpireAt(ctx.now),
      },
      reason === undefined ? undefined : { reason },
    )
    await notify(
      tx,
      {
        toOpenid: doc.openid,
        kind: 'identity_review',
        title: decision === 'approve' ? '实名认证已通过' : '实名认证未通过',
        body:
          decision === 'approve'
            ? '您提交的实名认证已审核通过，现在可以申请调解。'
            : `您提交的实名认证未通过审核：${reason ?? ''}。请修改后重新提交。`,
        link: '/pages/me/index',
        templateData: {
          thing1: '实名认证',
          phrase2: decision === 'approve' ? '已通过' : '未通过',
          time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
        },
      },
      ctx,
    )
    return { identityId, status: applied.next.status }
  })
}
