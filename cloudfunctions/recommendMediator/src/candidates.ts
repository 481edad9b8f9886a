// Recommendation inputs: the case's facts for the core, and the core's candidate query plan run
// as indexed queries (never a scan of the whole mediators collection).
import { DISPUTE_TYPES } from '../../../miniprogram/core/catalogues/dispute-types'
import {
  candidateQueryPlan,
  organisationsCovering,
  unionCandidates,
  type CandidateQuery,
  type CaseFacts,
  type CaseParty,
  type OrganisationJurisdiction,
} from '../../../miniprogram/core/recommendation'
import {
  collection,
  command,
  COLLECTIONS,
  fail,
  isCollectionMissing,
  type CaseDoc,
  type CasePartyRecord,
} from '../../_shared'
import { CANDIDATE_FIELDS, type MediatorDoc } from './mediator-doc'

const MAX_KEYWORDS = 10

function party(record: CasePartyRecord | null, openid: string | null): CaseParty | undefined {
  if (!record) return undefined
  return {
    partyType: record.partyType,
    name: record.enterpriseName ?? '',
    ...(record.uscc ? { uscc: record.uscc } : {}),
    ...(record.nameHash ? { nameHash: record.nameHash } : {}),
    ...(openid ? { openid } : {}),
  }
}

/** Subject words of the description that the catalogue knows, matched to expertise tags. */
function keywordsOf(description: string | null): string[] {
  if (!description) return []
  const words = DISPUTE_TYPES.flatMap((t) => t.keywords).filter((k) => description.includes(k))
  return [...new Set(words)].slice(0, MAX_KEYWORDS)
}

async function coveringOrganisations(region: { provinceCode: string; cityCode: string }) {
  const _ = command()
  try {
    const res = (await collection(COLLECTIONS.organisations)
      .where({ jurisdiction: _.in([region.cityCode, region.provinceCode]) })
      .field({ _id: true, jurisdiction: true })
      .limit(100)
      .get()) as { data: OrganisationJurisdiction[] }
    return organisationsCovering(region, res.data)
  } catch (e) {
    if (isCollectionMissing(e)) return []
    throw e
  }
}

export async function caseFacts(doc: CaseDoc): Promise<CaseFacts> {
  if (!doc.disputeType || !doc.region) {
    return fail('INVALID_TRANSITION', '案件信息不完整，暂不能推荐调解员')
  }
  const parties = [
    party(doc.applicant, doc.applicantOpenid),
    party(doc.respondent, doc.respondentOpenid),
  ].filter((p): p is CaseParty => p !== undefined)
  return {
    disputeType: doc.disputeType,
    keywords: keywordsOf(doc.description),
    region: doc.region,
    coveringOrganisationIds: await coveringOrganisations(doc.region),
    parties,
  }
}

function whereOf(q: CandidateQuery): Record<string, unknown> {
  const _ = command()
  const where: Record<string, unknown> = {}
  for (const c of q.where) where[c.field] = c.op === 'in' ? _.in([...c.value]) : c.value
  return where
}

async function runQuery(q: CandidateQuery): Promise<MediatorDoc[]> {
  let query = collection(COLLECTIONS.mediators).where(whereOf(q))
  for (const o of q.orderBy) query = query.orderBy(o.field, o.direction)
  try {
    const res = await query.limit(q.limit).field(CANDIDATE_FIELDS).get()
    return res.data as MediatorDoc[]
  } catch (e) {
    if (isCollectionMissing(e)) return []
    throw e
  }
}

/** The union of the plan's queries, in plan order, capped by the plan. */
export async function fetchCandidates(facts: CaseFacts): Promise<MediatorDoc[]> {
  const plan = candidateQueryPlan(facts)
  if (!plan.ok) return fail('INVALID_TRANSITION', plan.error.message)
  const batches = await Promise.all(plan.value.queries.map(runQuery))
  return unionCandidates(batches, (d) => d._id, plan.value.maxCandidates)
}
