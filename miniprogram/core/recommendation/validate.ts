import { failure, type Outcome, success } from '../result'
import type { CaseFacts, RecommendationErrorCode } from './types'

const REGION_CODE = /^\d{6}$/
const MAX_CODE_LENGTH = 64
const MAX_PARTIES = 20
const MAX_KEYWORDS = 20
const MAX_ORGANISATION_IDS = 500

type Failure = Outcome<never, RecommendationErrorCode>

function bad(message: string, field: string): Failure {
  return failure('invalid_case_facts', message, field)
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max
}

/**
 * The server builds case facts from stored documents, but a document can be old or damaged:
 * check every field the scoring reads so bad data yields a typed error instead of a throw.
 */
export function validateCaseFacts(facts: unknown): Outcome<CaseFacts, RecommendationErrorCode> {
  if (typeof facts !== 'object' || facts === null) return bad('案件信息缺失', 'caseFacts')
  const f = facts as Record<string, unknown>
  if (!isText(f.disputeType, MAX_CODE_LENGTH)) return bad('案件缺少纠纷类型', 'disputeType')
  const region = f.region as Record<string, unknown> | null | undefined
  if (typeof region !== 'object' || region === null) return bad('案件缺少所在地区', 'region')
  if (typeof region.provinceCode !== 'string' || !REGION_CODE.test(region.provinceCode)) {
    return bad('案件所在省份代码无效', 'region.provinceCode')
  }
  if (typeof region.cityCode !== 'string' || !REGION_CODE.test(region.cityCode)) {
    return bad('案件所在城市代码无效', 'region.cityCode')
  }
  if (!Array.isArray(f.parties) || f.parties.length > MAX_PARTIES) {
    return bad('案件当事人信息无效', 'parties')
  }
  for (const party of f.parties as unknown[]) {
    const p = party as Record<string, unknown> | null
    if (typeof p !== 'object' || p === null) return bad('案件当事人信息无效', 'parties')
    if (p.partyType !== 'person' && p.partyType !== 'enterprise') {
      return bad('当事人类型无效', 'parties')
    }
    if (typeof p.name !== 'string') return bad('当事人名称无效', 'parties')
    for (const key of ['uscc', 'nameHash', 'openid'] as const) {
      if (p[key] !== undefined && typeof p[key] !== 'string')
        return bad('当事人信息无效', 'parties')
    }
  }
  if (f.keywords !== undefined) {
    if (!Array.isArray(f.keywords) || f.keywords.length > MAX_KEYWORDS) {
      return bad('案件关键词无效', 'keywords')
    }
    if (!(f.keywords as unknown[]).every((k) => typeof k === 'string' && k.length <= 40)) {
      return bad('案件关键词无效', 'keywords')
    }
  }
  for (const field of ['coveringOrganisationIds', 'eligibleOrganisationIds'] as const) {
    const ids = f[field]
    if (ids === undefined) continue
    if (!Array.isArray(ids) || ids.length > MAX_ORGANISATION_IDS)
      return bad('调解组织列表无效', field)
    if (!(ids as unknown[]).every((id) => isText(id, MAX_CODE_LENGTH))) {
      return bad('调解组织列表无效', field)
    }
  }
  return success(facts as CaseFacts)
}

export function validateNow(now: unknown): Outcome<Date, RecommendationErrorCode> {
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) {
    return failure('invalid_now', '当前时间无效', 'now')
  }
  return success(now)
}
