/**
 * fileCase: online filing (在线立案) with an ACFIC organisation.
 *
 * - `prefill(caseId)`: a case closed without agreement, as a filing draft (masked parties,
 *   claims, facts, evidence) with the organisations competent for its region.
 * - `listOrganisations(region)`: organisations whose `jurisdiction` lists the city or province.
 * - `submit`: transfer (with `caseId`) or direct filing: parties, claims, facts and reasons,
 *   evidence; the filer must be verified, and their identity snapshot (HMAC of ID number + name)
 *   is stored on the filing.
 * - `resubmit`: the filer corrects a rejected filing. `listMine`, `detail`.
 * - staff `accept` (立案完成, filing number LA… from core/case-number) or `reject(reason)`.
 * - Identity lock: once the filer deleted their verified identity (or verified as someone
 *   else), every operation on the filing is refused until the same identity verifies again.
 *   Withdrawal (撤回 / 撤诉) lives in `withdrawCase`.
 *
 * Caller: `miniprogram/services/filings.ts`; staff actions from the organisation desk.
 * Auth: OPENID; the filer for their filings, staff of the chosen organisation for accept/reject.
 * Reads/writes: `filings`, `audit_events`, `case_events` (number reservations), `messages`,
 *   `subscribe_grants`, `idempotency_keys`; reads `mediation_cases`, `organisations`,
 *   `identities`, `staff_members`.
 * Errors: `NOT_FILEABLE`, `ORGANISATION_NOT_COMPETENT`, `ALREADY_FILED`, `IDENTITY_REQUIRED`,
 *   `IDENTITY_MISMATCH`, `NOT_FILER`, `FILE_NOT_OWNED`, `INVALID_TRANSITION`, `CONTENT_RISKY`,
 *   plus the common codes.
 */
import { randomUUID } from 'node:crypto'
import {
  DEFAULT_PAGE_SIZE,
  MAX_ADDRESS_LENGTH,
  MAX_CLAIM_LENGTH,
  MAX_CLAIMS,
  MAX_DESCRIPTION_LENGTH,
  MAX_ENTERPRISE_NAME_LENGTH,
  MAX_EVIDENCE_FILES,
  MAX_PAGE_SIZE,
  MAX_PARTIES_PER_SIDE,
  MAX_REASON_LENGTH,
} from '../../../miniprogram/core/limits'
import { maskIdNumber, maskName, maskPhone, maskUscc } from '../../../miniprogram/core/masking'
import { canTransferToFiling } from '../../../miniprogram/core/machines/mediation-case'
import { filingMachine, type FilingCommand } from '../../../miniprogram/core/machines/filing'
import { organisationsCovering } from '../../../miniprogram/core/recommendation/jurisdiction'
import type {
  FilingEvidenceInput,
  FilingPartyInput,
  FilingPrefill,
  FilingView,
  OrganisationOption,
  RegionInput,
} from '../../../typings/api/fileCase'
import {
  checkText,
  COLLECTIONS,
  command,
  defineFunction,
  docId,
  encryptField,
  fail,
  fileId,
  findById,
  findMany,
  identityIdFor,
  int,
  isOwnPrivateFile,
  list,
  loadVisibleCase,
  notify,
  obj,
  oneOf,
  opt,
  text,
  type CaseDoc,
  type CasePartyRecord,
  type HandlerContext,
  type StoredDoc,
  type Tx,
} from '../../_shared'
import { assertPartyIdentity, partyRecordOf } from '../../_shared/case-access'
import { applyEntity } from '../../_shared/entity-apply'
import {
  filingActor,
  identityMatches,
  loadFiling,
  partyView,
  snapshotIdentity,
  toFilingView,
  type FilingDoc,
  type FilingPartyRecord,
} from '../../_shared/filings'
import { withNextNumber, type Numbering } from '../../_shared/numbers'
import type { OrganisationDoc } from '../../_shared/organisation-doc'
import { sideOf } from '../../_shared/settled-case'
import { staffOpenidsOf } from '../../_shared/staff-notify'

const LINK = (id: string) => `/pages/filing/detail/index?filingId=${id}`
const REGION_CODE = /^\d{6}$/

const regionSchema = obj({
  provinceCode: text('省份代码', { max: 6, pattern: REGION_CODE }),
  cityCode: text('城市代码', { max: 6, pattern: REGION_CODE }),
})
const evidenceSchema = list(
  '证据材料',
  obj({ fileId: fileId('证据文件'), name: text('证据名称', { max: 100 }) }),
  { max: MAX_EVIDENCE_FILES },
)
const claimsSchema = list('诉讼请求', text('诉讼请求', { max: MAX_CLAIM_LENGTH }), {
  min: 1,
  max: MAX_CLAIMS,
})
const factsSchema = text('事实与理由', { min: 10, max: MAX_DESCRIPTION_LENGTH })
const partySchema = obj({
  partyType: oneOf('当事人类型', ['person', 'enterprise'] as const),
  name: text('名称', { min: 2, max: MAX_ENTERPRISE_NAME_LENGTH }),
  idNumber: opt(text('证件号码', { max: 32, pattern: /^[0-9A-Za-z()（）-]+$/ })),
  address: text('送达地址', { min: 5, max: MAX_ADDRESS_LENGTH }),
  phone: opt(text('联系电话', { max: 20, pattern: /^[0-9+\- ]{5,20}$/ })),
})

async function organisationsFor(region: RegionInput): Promise<StoredDoc<OrganisationDoc>[]> {
  const _ = command()
  const rows = await findMany<OrganisationDoc>(
    COLLECTIONS.organisations,
    { jurisdiction: _.in([region.cityCode, region.provinceCode]) },
    { limit: 100 },
  )
  const ids = new Set(
    organisationsCovering(
      region,
      rows.map((r) => ({ _id: r._id, jurisdiction: r.jurisdiction ?? [] })),
    ),
  )
  return rows.filter((r) => ids.has(r._id)).sort((a, b) => a._id.localeCompare(b._id))
}

const option = (o: StoredDoc<OrganisationDoc>): OrganisationOption => ({
  organisationId: o._id,
  name: o.name,
  address: o.address ?? null,
})

function fromCaseParty(role: FilingPartyRecord['role'], r: CasePartyRecord): FilingPartyRecord {
  return {
    role,
    partyType: r.partyType,
    maskedName: r.maskedName,
    nameEnc: r.nameEnc,
    maskedIdNumber: (r.partyType === 'enterprise' ? r.maskedUscc : r.maskedIdNumber) ?? null,
    idNumberEnc: r.idNumberEnc,
    maskedPhone: r.maskedPhone,
    phoneEnc: r.phoneEnc,
    addressEnc: r.addressEnc,
  }
}

function sealParty(p: FilingPartyInput): FilingPartyRecord {
  const id = p.idNumber?.toUpperCase()
  return {
    role: 'defendant',
    partyType: p.partyType,
    maskedName: maskName(p.name, p.partyType),
    nameEnc: encryptField(p.name),
    maskedIdNumber: id ? (p.partyType === 'enterprise' ? maskUscc(id) : maskIdNumber(id)) : null,
    idNumberEnc: id ? encryptField(id) : null,
    maskedPhone: p.phone ? maskPhone(p.phone) : null,
    phoneEnc: p.phone ? encryptField(p.phone) : null,
    addressEnc: encryptField(p.address),
  }
}

async function closedCaseOf(caseId: string, ctx: HandlerContext) {
  const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
  const side = sideOf(roles)
  if (!side) return fail('FORBIDDEN', '仅本案当事人可以申请立案')
  await assertPartyIdentity(ctx.caller, partyRecordOf(doc, side))
  if (!canTransferToFiling(doc)) {
    fail('NOT_FILEABLE', '只有调解终结（未达成协议）的案件可以转为立案申请')
  }
  return { doc, side }
}

async function tellStaff(tx: Tx, ctx: HandlerContext, orgId: string, id: string, body: string) {
  for (const toOpenid of await staffOpenidsOf(orgId)) {
    if (toOpenid === ctx.caller.openid) continue
    await notify(
      tx,
      { toOpenid, kind: 'filing_progress', title: '新的立案申请', body, link: LINK(id) },
      ctx,
    )
  }
}

async function tellFiler(
  tx: Tx,
  ctx: HandlerContext,
  doc: FilingDoc,
  id: string,
  title: string,
  body: string,
) {
  await notify(
    tx,
    {
      toOpenid: doc.filerOpenid,
      kind: 'filing_progress',
      title,
      body,
      link: LINK(id),
      templateData: {
        character_string1: (doc.filingNumber ?? doc.caseNumber ?? '').slice(0, 32),
        thing2: title.slice(0, 20),
        time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
      },
    },
    ctx,
  )
}

function checkEvidence(
  ctx: HandlerContext,
  evidence: readonly FilingEvidenceInput[],
  fromCase: readonly string[],
) {
  evidence.forEach((e, i) => {
    if (!fromCase.includes(e.fileId) && !isOwnPrivateFile(ctx.caller.openid, e.fileId)) {
      fail(
        'FILE_NOT_OWNED',
        '证据文件须由您本人上传或来自原调解案件',
        `payload.evidence.${i}.fileId`,
      )
    }
  })
}

/** A command by staff or the filer, in a transaction on the filing's version. */
async function step(
  ctx: HandlerContext,
  filingId: string,
  who: 'filer' | 'staff',
  commandName: FilingCommand,
  input: unknown,
  after: (tx: Tx, next: FilingDoc) => Promise<void>,
  extra: { patch?: Record<string, unknown>; numbering?: Numbering } = {},
): Promise<FilingView> {
  const { doc, role } = await loadFiling(filingId, ctx.caller, who)
  const actor = filingActor(role, ctx.caller)
  return ctx.transact(async (tx) => {
    const current = await tx.get<FilingDoc>(COLLECTIONS.filings, filingId)
    if (!current || current.version !== doc.version)
      return fail('CONFLICT', '数据已被他人更新，请刷新后重试')
    // With numbering, the command's input is the filing number taken in this transaction.
    const numbered = extra.numbering && {
      filingNumber: await extra.numbering.take(tx, { reserveFor: filingId }),
    }
    const { next } = await applyEntity(
      tx,
      COLLECTIONS.filings,
      filingId,
      current,
      filingMachine,
      commandName,
      { actor, hash: ctx.caller.hash },
      ctx.now,
      {
        input: numbered ?? input,
        ...(extra.patch ? { patch: extra.patch } : {}),
      },
    )
    await after(tx, next)
    return toFilingView({ ...next, _id: filingId }, actor, ctx.now, false)
  })
}

export const main = defineFunction('fileCase', {
  actions: {
    prefill: {
      schema: obj({ caseId: docId('案件编号') }),
      actors: ['user'],
      mutating: false,
      async handle({ caseId }, ctx): Promise<FilingPrefill> {
        const { doc, side } = await closedCaseOf(caseId, ctx)
        const other = side === 'applicant' ? 'respondent' : 'applicant'
        const parties = [
          doc[side] ? partyView(fromCaseParty('plaintiff', doc[side])) : undefined,
          doc[other] ? partyView(fromCaseParty('defendant', doc[other])) : undefined,
        ].filter((p) => p !== undefined)
        return {
          caseId,
          caseNumber: doc.caseNumber ?? '',
          parties,
          claims: doc.claims,
          factsAndReasons: doc.description ?? '',
          evidence: doc.evidence.map((e) => ({ fileId: e.fileId, name: e.name })),
          region: doc.region,
          organisations: doc.region ? (await organisationsFor(doc.region)).map(option) : [],
        }
      },
    },

    listOrganisations: {
      schema: obj({ region: regionSchema }),
      actors: ['user'],
      mutating: false,
      async handle({ region }) {
        return (await organisationsFor(region)).map(option)
      },
    },

    submit: {
      schema: obj({
        caseId: opt(docId('案件编号')),
        organisationId: docId('受理机构'),
        region: regionSchema,
        defendants: opt(list('被申请人', partySchema, { min: 1, max: MAX_PARTIES_PER_SIDE })),
        claims: claimsSchema,
        factsAndReasons: factsSchema,
        evidence: evidenceSchema,
      }),
      actors: ['user'],
      mutating: true,
      async handle(p, ctx) {
        const snapshot = await snapshotIdentity(ctx.caller, ctx.now)
        let source: { doc: CaseDoc; side: 'applicant' | 'respondent' } | undefined
        if (p.caseId !== undefined) source = await closedCaseOf(p.caseId, ctx)
        if (!source && !p.defendants) {
          fail('INVALID_INPUT', '请填写被申请人信息', 'payload.defendants')
        }
        const orgs = await organisationsFor(p.region)
        const org = orgs.find((o) => o._id === p.organisationId)
        if (!org) {
          return fail(
            'ORGANISATION_NOT_COMPETENT',
            '所选机构不受理该地区的立案申请，请重新选择',
            'payload.organisationId',
          )
        }
        checkEvidence(ctx, p.evidence, source ? source.doc.evidence.map((e) => e.fileId) : [])
        const verdict = await checkText(
          ctx.caller.openid,
          [p.factsAndReasons, ...p.claims].join('\n'),
          {
            field: 'payload.factsAndReasons',
            title: '立案申请',
          },
        )
        const identity = await findById<{
          nameEnc?: string | null
          idNumberEnc?: string | null
          partyType?: 'person' | 'enterprise' | null
        }>(COLLECTIONS.identities, identityIdFor(ctx.caller.openid))
        const own = source ? partyRecordOf(source.doc, source.side) : null
        const plaintiff: FilingPartyRecord = {
          role: 'plaintiff',
          partyType: identity?.partyType ?? 'person',
          maskedName: snapshot.maskedName,
          nameEnc: identity?.nameEnc ?? '',
          maskedIdNumber: snapshot.maskedIdNumber,
          idNumberEnc: identity?.idNumberEnc ?? null,
          maskedPhone: own?.maskedPhone ?? null,
          phoneEnc: own?.phoneEnc ?? null,
          addressEnc: own?.addressEnc ?? null,
        }
        let defendants: FilingPartyRecord[]
        if (p.defendants) defendants = p.defendants.map(sealParty)
        else {
          const other = source?.side === 'applicant' ? source.doc.respondent : source?.doc.applicant
          if (!other) return fail('NOT_FILEABLE', '原案件缺少对方当事人信息，请直接填写被申请人')
          defendants = [fromCaseParty('defendant', other)]
        }
        const side = source?.side === 'applicant' ? 'a' : 'r'
        const id =
          p.caseId !== undefined
            ? `fl_${p.caseId}_${side}`.slice(0, 64)
            : `fl_${randomUUID().replace(/-/g, '')}`
        const draft: FilingDoc = {
          status: 'draft',
          version: 0,
          route: p.caseId !== undefined ? 'transfer' : 'direct',
          caseId: p.caseId ?? null,
          caseNumber: source?.doc.caseNumber ?? null,
          filerOpenid: ctx.caller.openid,
          partyOpenids: [ctx.caller.openid],
          organisationId: null,
          organisationName: org.name,
          region: { provinceCode: p.region.provinceCode, cityCode: p.region.cityCode },
          parties: [plaintiff, ...defendants],
          claims: p.claims,
          factsAndReasons: p.factsAndReasons,
          factsCheck: verdict,
          evidence: p.evidence.map((e) => ({ fileId: e.fileId, name: e.name })),
          identitySnapshot: snapshot,
          filingNumber: null,
          createdAt: ctx.now,
          updatedAt: ctx.now,
        }
        const actor = filingActor('filer', ctx.caller)
        return ctx.transact(async (tx) => {
          if (await tx.get(COLLECTIONS.filings, id)) fail('ALREADY_FILED', '该案件已提交过立案申请')
          const { next } = await applyEntity(
            tx,
            COLLECTIONS.filings,
            id,
            draft,
            filingMachine,
            'submit',
            { actor, hash: ctx.caller.hash },
            ctx.now,
            {
              input: { organisationId: org._id },
              create: true,
            },
          )
          await tellStaff(
            tx,
            ctx,
            org._id,
            id,
            `收到一件新的立案申请${draft.caseNumber ? `（原调解案件 ${draft.caseNumber}）` : ''}，请及时审核。`,
          )
          return toFilingView({ ...next, _id: id }, actor, ctx.now, false)
        })
      },
    },

    resubmit: {
      schema: obj({
        filingId: docId('立案申请编号'),
        claims: opt(claimsSchema),
        factsAndReasons: opt(factsSchema),
        evidence: opt(evidenceSchema),
      }),
      actors: ['user'],
      mutating: true,
      async handle(p, ctx) {
        const { doc } = await loadFiling(p.filingId, ctx.caller, 'filer')
        const patch: Record<string, unknown> = {}
        if (p.claims) patch.claims = p.claims
        if (p.factsAndReasons) patch.factsAndReasons = p.factsAndReasons
        if (p.evidence) {
          const fromCase = doc.evidence.map((e) => e.fileId)
          checkEvidence(ctx, p.evidence, fromCase)
          patch.evidence = p.evidence.map((e) => ({ fileId: e.fileId, name: e.name }))
        }
        if (p.claims || p.factsAndReasons) {
          patch.factsCheck = await checkText(
            ctx.caller.openid,
            [p.factsAndReasons ?? doc.factsAndReasons, ...(p.claims ?? doc.claims)].join('\n'),
            { field: 'payload.factsAndReasons' },
          )
        }
        return step(
          ctx,
          p.filingId,
          'filer',
          'resubmit',
          undefined,
          async (tx, next) => {
            await tellStaff(
              tx,
              ctx,
              next.organisationId ?? '',
              p.filingId,
              '一件立案申请已补正后重新提交，请审核。',
            )
          },
          { patch },
        )
      },
    },

    accept: {
      schema: obj({ filingId: docId('立案申请编号') }),
      actors: ['staff'],
      mutating: true,
      async handle({ filingId }, ctx) {
        return withNextNumber('filing', ctx.now, (numbering) =>
          step(
            ctx,
            filingId,
            'staff',
            'accept',
            undefined,
            async (tx, next) => {
              await tellFiler(
                tx,
                ctx,
                next,
                filingId,
                '立案完成',
                `您的立案申请已受理，案号 ${next.filingNumber ?? ''}。`,
              )
            },
            { numbering },
          ),
        )
      },
    },

    reject: {
      schema: obj({
        filingId: docId('立案申请编号'),
        reason: text('需补正的内容', { max: MAX_REASON_LENGTH }),
      }),
      actors: ['staff'],
      mutating: true,
      async handle({ filingId, reason }, ctx) {
        await checkText(ctx.caller.openid, reason, { field: 'payload.reason' })
        return step(ctx, filingId, 'staff', 'reject', { reason }, async (tx, next) => {
          await tellFiler(
            tx,
            ctx,
            next,
            filingId,
            '立案申请需补正',
            `您的立案申请未通过审核：${reason}。请补正后重新提交。`,
          )
        })
      },
    },

    listMine: {
      schema: obj({
        page: opt(int('页码', { min: 1, max: 1000 })),
        pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
      }),
      actors: ['user'],
      mutating: false,
      async handle(p, ctx) {
        const page = p.page ?? 1
        const pageSize = p.pageSize ?? DEFAULT_PAGE_SIZE
        const rows = await findMany<FilingDoc>(
          COLLECTIONS.filings,
          { filerOpenid: ctx.caller.openid },
          {
            orderBy: [['createdAt', 'desc']],
            skip: (page - 1) * pageSize,
            limit: pageSize + 1,
          },
        )
        const actor = filingActor('filer', ctx.caller)
        const items = await Promise.all(
          rows
            .slice(0, pageSize)
            .map(async (r) =>
              toFilingView(r, actor, ctx.now, !(await identityMatches(ctx.caller, r))),
            ),
        )
        return { items, page, pageSize, hasMore: rows.length > pageSize }
      },
    },

    detail: {
      schema: obj({ filingId: docId('立案申请编号') }),
      actors: ['user'],
      mutating: false,
      async handle({ filingId }, ctx) {
        const { doc, role } = await loadFiling(filingId, ctx.caller, 'either')
        return toFilingView(doc, filingActor(role, ctx.caller), ctx.now, false)
      },
    },
  },
})
