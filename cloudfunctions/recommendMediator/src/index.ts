/**
 * recommendMediator: finding and choosing the mediator of a case.
 *
 * - `recommend(caseId)`: the core's candidate query plan runs as indexed queries (specialty ×
 *   city / province / jurisdiction, city, specialty — at most 400 distinct candidates, never the
 *   whole collection); the core scores them, excludes conflicts of interest (declared ties to a
 *   party, or the mediator is a party), full caseloads and unavailability, and explains each rank.
 *   Only the case's applicant or respondent may ask.
 * - `search(keyword, filters, page)`: by name, full pinyin or initials, as **equality on the
 *   generated prefixes** in each mediator's `searchPrefixes` array (a hash index serves it; a
 *   RegExp would scan), combined with specialty / organisation / city equality filters.
 * - `profile(mediatorId)`: the public profile only (no openid, no affiliations).
 * - `choose(caseId, mediatorId)`: only the applicant, only while the case awaits a mediator; the
 *   mediator must be bound, available and under capacity — checked in the transaction that also
 *   increments the mediator's `pendingCount` (so two cases cannot take the last place) — then
 *   the mediator is notified.
 *
 * Caller: `miniprogram/services/mediators.ts`. Auth: OPENID from the platform.
 * Reads/writes: `mediators` (pendingCount), `mediation_cases`, `case_events`, `audit_events`,
 *   `messages`, `idempotency_keys`; reads `organisations`, `identities`.
 * Errors: `INVALID_TRANSITION`, `SEARCH_CRITERIA_REQUIRED`, `MEDIATOR_UNAVAILABLE`,
 *   `MEDIATOR_AT_CAPACITY`, `MEDIATOR_DECLINED`, `CONFLICT_OF_INTEREST`, `IDENTITY_REQUIRED`,
 *   `IDENTITY_MISMATCH`, plus the common codes.
 */
import { isDisputeTypeCode } from '../../../miniprogram/core/catalogues/dispute-types'
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../../../miniprogram/core/limits'
import { CASE_STATUS_LABELS } from '../../../miniprogram/core/machines/mediation-case'
import {
  hasConflictOfInterest,
  MAX_KEYWORD_LENGTH,
  normaliseSearchKeyword,
  partyKeys,
  scoreMediators,
} from '../../../miniprogram/core/recommendation'
import type { RecommendResponse } from '../../../typings/api/recommendMediator'
import {
  applyCaseCommand,
  caseActor,
  checkCaseCommand,
  collection,
  command,
  COLLECTIONS,
  defineFunction,
  docId,
  fail,
  findById,
  findMany,
  int,
  isCollectionMissing,
  loadVisibleCase,
  notify,
  obj,
  opt,
  text,
  type CaseDoc,
  type HandlerContext,
} from '../../_shared'
import { assertPartyIdentity } from '../../_shared/case-access'
import { caseFacts, fetchCandidates } from './candidates'
import {
  CANDIDATE_FIELDS,
  profileOf,
  publicCard,
  toCandidate,
  type MediatorDoc,
} from './mediator-doc'

/** States in which a case still needs a mediator. */
const OPEN_FOR_CHOICE = new Set(['submitted', 'awaiting_respondent', 'awaiting_mediator'])

async function organisationNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids.filter((i) => i !== ''))]
  if (!unique.length) return new Map()
  const rows = await findMany<{ name?: string }>(
    COLLECTIONS.organisations,
    { _id: command().in(unique) },
    { limit: 100 },
  )
  return new Map(rows.map((r) => [r._id, r.name ?? '']))
}

async function recommend(
  { caseId, limit = 10 }: { caseId: string; limit?: number },
  ctx: HandlerContext,
): Promise<RecommendResponse> {
  const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
  if (!roles.includes('applicant') && !roles.includes('respondent')) {
    fail('FORBIDDEN', '仅本案当事人可查看推荐的调解员')
  }
  if (!OPEN_FOR_CHOICE.has(doc.status)) {
    fail('INVALID_TRANSITION', '当前案件状态无需推荐调解员')
  }
  const facts = await caseFacts(doc)
  const declined = new Set(doc.declinedMediatorIds ?? [])
  const docs = (await fetchCandidates(facts)).filter((d) => !declined.has(d._id))
  const scored = scoreMediators(facts, docs.map(toCandidate), ctx.now, { limit })
  if (!scored.ok) return fail('INVALID_TRANSITION', scored.error.message)
  const byId = new Map(docs.map((d) => [d._id, d]))
  const names = await organisationNames(scored.value.ranked.map((r) => r.organisationId))
  return {
    caseId,
    items: scored.value.ranked.map((r) => {
      const m = byId.get(r.mediatorId) as MediatorDoc
      return {
        rank: r.rank,
        score: r.score,
        breakdown: r.breakdown,
        reasons: r.reasons,
        summary: r.summary,
        mediator: publicCard(m, names.get(r.organisationId) ?? null, ctx.now),
      }
    }),
    excluded: scored.value.excluded,
    eligibleCount: scored.value.eligibleCount,
    candidateCount: docs.length,
  }
}

async function search(
  p: {
    keyword?: string
    filters?: { specialty?: string; organisationId?: string; city?: string }
    page?: number
    pageSize?: number
  },
  ctx: HandlerContext,
) {
  const page = p.page ?? 1
  const pageSize = p.pageSize ?? DEFAULT_PAGE_SIZE
  const where: Record<string, unknown> = {}
  if (p.keyword !== undefined) {
    const key = normaliseSearchKeyword(p.keyword)
    if (!key.ok) return fail('INVALID_INPUT', key.error.message, 'payload.keyword')
    where.searchPrefixes = key.value.key
  }
  const f = p.filters ?? {}
  if (f.specialty !== undefined) {
    if (!isDisputeTypeCode(f.specialty)) {
      return fail('INVALID_INPUT', '擅长领域取值不正确', 'payload.filters.specialty')
    }
    where.specialties = f.specialty
  }
  if (f.organisationId !== undefined) where.organisationId = f.organisationId
  if (f.city !== undefined) where['region.cityCode'] = f.city
  if (Object.keys(where).length === 0) {
    return fail('SEARCH_CRITERIA_REQUIRED', '请输入调解员姓名、拼音，或选择擅长领域、机构、城市')
  }
  let rows: MediatorDoc[]
  try {
    const res = await collection(COLLECTIONS.mediators)
      .where(where)
      .orderBy('casesSettled', 'desc')
      .orderBy('_id', 'asc')
      .skip((page - 1) * pageSize)
      .limit(pageSize + 1)
      .field(CANDIDATE_FIELDS)
      .get()
    rows = res.data as MediatorDoc[]
  } catch (e) {
    if (!isCollectionMissing(e)) throw e
    rows = []
  }
  const shown = rows.slice(0, pageSize)
  const names = await organisationNames(shown.map((m) => m.organisationId ?? ''))
  return {
    items: shown.map((m) => publicCard(m, names.get(m.organisationId ?? '') ?? null, ctx.now)),
    page,
    pageSize,
    hasMore: rows.length > pageSize,
  }
}

async function choose(
  { caseId, mediatorId }: { caseId: string; mediatorId: string },
  ctx: HandlerContext,
) {
  const { doc, roles } = await loadVisibleCase(caseId, ctx.caller)
  if (!roles.includes('applicant')) fail('FORBIDDEN', '仅申请人可选择调解员')
  await assertPartyIdentity(ctx.caller, doc.applicant)
  const who = { actor: caseActor('applicant', ctx.caller), hash: ctx.caller.hash }
  checkCaseCommand(doc, 'choose_mediator', who.actor, ctx.now, { mediatorId })
  if (doc.mediatorId === mediatorId) {
    fail('INVALID_TRANSITION', '您已选择该调解员，请等待其受理')
  }
  const mediator = await findById<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
  if (!mediator) return fail('NOT_FOUND', '调解员不存在')
  const facts = await caseFacts(doc)
  if (hasConflictOfInterest(toCandidate(mediator), partyKeys(facts.parties))) {
    fail('CONFLICT_OF_INTEREST', '该调解员与本案当事人存在利害关系，需要回避，请选择其他调解员')
  }
  return ctx.transact(async (tx) => {
    const current = await tx.get<CaseDoc>(COLLECTIONS.mediationCases, caseId)
    if (!current || current.version !== doc.version) {
      return fail('CONFLICT', '案件已有新的进展，请刷新后重试')
    }
    const m = await tx.get<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
    if (!m) return fail('NOT_FOUND', '调解员不存在')
    const leave = m.unavailableUntil != null && new Date(m.unavailableUntil) > ctx.now
    if (m.available !== true || leave || !m.openid) {
      return fail('MEDIATOR_UNAVAILABLE', '该调解员暂不接受新案件，请选择其他调解员')
    }
    const pending = m.pendingCount ?? 0
    if ((m.currentCaseload ?? 0) + pending >= (m.capacity ?? 0)) {
      return fail('MEDIATOR_AT_CAPACITY', '该调解员当前在办案件已满，请选择其他调解员')
    }
    await tx.updateVersioned(COLLECTIONS.mediators, mediatorId, m.version ?? 0, {
      pendingCount: pending + 1,
    })
    // Choosing anew while the first choice has not answered frees that mediator's place.
    if (current.mediatorId && current.mediatorId !== mediatorId) {
      const prev = await tx.get<MediatorDoc>(COLLECTIONS.mediators, current.mediatorId)
      if (prev) {
        await tx.updateVersioned(COLLECTIONS.mediators, current.mediatorId, prev.version ?? 0, {
          pendingCount: Math.max(0, (prev.pendingCount ?? 0) - 1),
        })
      }
    }
    const org = m.organisationId
      ? await tx.get<{ mediationPeriodDays?: number }>(COLLECTIONS.organisations, m.organisationId)
      : undefined
    const applied = await applyCaseCommand(tx, caseId, current, 'choose_mediator', who, ctx.now, {
      input: { mediatorId },
      patch: {
        organisationId: m.organisationId ?? null,
        mediationDays: org?.mediationPeriodDays ?? current.mediationDays ?? null,
      },
    })
    await notify(
      tx,
      {
        toOpenid: m.openid,
        kind: 'case_progress',
        title: '新案件待受理',
        body: `当事人选择您调解案件 ${current.caseNumber ?? ''}，请在工作台查看并决定是否受理。`,
        link: `/pages/mediator/case/index?caseId=${caseId}`,
        templateData: {
          character_string1: current.caseNumber ?? caseId.slice(0, 32),
          thing2: '新案件待受理',
          time3: ctx.now.toISOString().slice(0, 16).replace('T', ' '),
        },
      },
      ctx,
    )
    return {
      caseId,
      status: applied.next.status,
      statusLabel: CASE_STATUS_LABELS[applied.next.status],
      mediatorId,
      version: applied.next.version,
    }
  })
}

export const main = defineFunction('recommendMediator', {
  actions: {
    recommend: {
      schema: obj({ caseId: docId('案件编号'), limit: opt(int('推荐数量', { min: 1, max: 50 })) }),
      actors: ['user'],
      mutating: false,
      handle: recommend,
    },

    search: {
      schema: obj({
        keyword: opt(text('搜索内容', { max: MAX_KEYWORD_LENGTH })),
        filters: opt(
          obj({
            specialty: opt(text('擅长领域', { max: 40 })),
            organisationId: opt(docId('调解机构')),
            city: opt(
              text('城市', { max: 6, pattern: /^[1-9]\d{5}$/, patternMessage: '城市代码不正确' }),
            ),
          }),
        ),
        page: opt(int('页码', { min: 1, max: 200 })),
        pageSize: opt(int('每页条数', { min: 1, max: MAX_PAGE_SIZE })),
      }),
      actors: ['user'],
      mutating: false,
      handle: search,
    },

    profile: {
      schema: obj({ mediatorId: docId('调解员编号') }),
      actors: ['user'],
      mutating: false,
      async handle({ mediatorId }, { now }) {
        const m = await findById<MediatorDoc>(COLLECTIONS.mediators, mediatorId)
        if (!m) return fail('NOT_FOUND', '调解员不存在')
        const org = m.organisationId
          ? await findById<{ name?: string }>(COLLECTIONS.organisations, m.organisationId)
          : undefined
        return profileOf(m, org?.name ?? null, now)
      },
    },

    choose: {
      schema: obj({ caseId: docId('案件编号'), mediatorId: docId('调解员编号') }),
      actors: ['user'],
      mutating: true,
      handle: choose,
    },
  },
})
