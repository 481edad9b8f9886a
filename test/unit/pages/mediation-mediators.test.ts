import { describe, expect, it } from 'vitest'
import {
  canChoose,
  chooseNotice,
  profileUrl,
  ratingText,
  recommendedRow,
  searchRequest,
  searchRow,
} from '../../../miniprogram/pages/mediation/mediators/logic'
import { profileView } from '../../../miniprogram/pages/mediation/mediator/logic'
import type {
  MediatorProfile,
  MediatorPublicCard,
  RecommendedMediator,
} from '../../../typings/api/recommendMediator'

const CARD: MediatorPublicCard = {
  mediatorId: 'm1',
  name: '张建国',
  title: '高级调解员',
  organisationId: 'org1',
  organisationName: '杭州市工商联商会调解中心',
  cityName: '杭州市',
  specialties: [
    { code: 'sale_contract', label: '买卖合同纠纷' },
    { code: 'loan_contract', label: '借款合同纠纷' },
    { code: 'lease', label: '租赁合同纠纷' },
    { code: 'labour', label: '劳动争议' },
  ],
  expertiseTags: ['外贸'],
  rating: 4.75,
  ratingCount: 12,
  casesHandled: 48,
  avatarText: '张',
  avatarColor: '#0052D9',
  acceptingCases: true,
}

describe('mediator cards', () => {
  it('shows a recommendation with its reasons, three specialties, rating and caseload', () => {
    const rec: RecommendedMediator = {
      rank: 1,
      score: 0.9,
      breakdown: {} as RecommendedMediator['breakdown'],
      reasons: ['擅长该纠纷类型', '同城'],
      summary: '擅长该纠纷类型 · 同城',
      mediator: CARD,
    }
    expect(recommendedRow(rec)).toEqual({
      id: 'm1',
      name: '张建国',
      title: '高级调解员',
      organisation: '杭州市工商联商会调解中心',
      city: '杭州市',
      avatarText: '张',
      avatarColor: '#0052D9',
      specialties: ['买卖合同纠纷', '借款合同纠纷', '租赁合同纠纷'],
      ratingText: '4.8 分 · 12 条评价',
      caseloadText: '已调解 48 件',
      accepting: true,
      closedNote: '',
      reasons: ['擅长该纠纷类型', '同城'],
      summary: '擅长该纠纷类型 · 同城',
    })
  })

  it('says in words why a recommended mediator cannot be chosen', () => {
    const row = recommendedRow({
      rank: 2,
      score: 0.5,
      breakdown: {} as RecommendedMediator['breakdown'],
      reasons: ['同城'],
      summary: '同城',
      mediator: { ...CARD, acceptingCases: false },
    })
    expect(row.summary).toBe('同城')
    expect(row.closedNote).toBe('暂不接受新案件')
  })

  it('marks a search result that takes no new cases and an unrated mediator', () => {
    const row = searchRow({
      ...CARD,
      acceptingCases: false,
      rating: null,
      ratingCount: 0,
      title: null,
    })
    expect(row.accepting).toBe(false)
    expect(row.closedNote).toBe('暂不接受新案件')
    expect(row.ratingText).toBe('暂无评价')
    expect(row.title).toBe('调解员')
    expect(ratingText(5, 1)).toBe('5.0 分 · 1 条评价')
  })
})

describe('search request', () => {
  it('sends the keyword (pinyin as typed) and only the chosen filters', () => {
    expect(searchRequest({ keyword: ' zhang ', specialty: '', city: '' }, 1, 10)).toEqual({
      keyword: 'zhang',
      page: 1,
      pageSize: 10,
    })
    expect(searchRequest({ keyword: '', specialty: 'lease', city: '330100' }, 2, 10)).toEqual({
      filters: { specialty: 'lease', city: '330100' },
      page: 2,
      pageSize: 10,
    })
  })
  it('does not search with nothing to search by', () => {
    expect(searchRequest({ keyword: '  ', specialty: '', city: '' }, 1, 10)).toBeUndefined()
  })
})

describe('choosing', () => {
  it('follows the actions the server allows', () => {
    expect(canChoose(['chooseMediator', 'withdraw'])).toBe(true)
    expect(chooseNotice('awaiting_mediator', ['chooseMediator'])).toBe('')
    expect(canChoose(['invite', 'withdraw'])).toBe(false)
    expect(chooseNotice('submitted', ['invite'])).toContain('被申请人同意调解后即可选择调解员')
    expect(chooseNotice('accepted', [])).toBe('调解员已受理本案，无需再选择。')
  })
  it('links the profile with the case', () => {
    expect(profileUrl('c 1', 'm1')).toBe(
      '/pages/mediation/mediator/index?caseId=c%201&mediatorId=m1',
    )
  })
})
describe('profile', () => {
  const PROFILE: MediatorProfile = {
    ...CARD,
    bio: '从事商事调解十五年。',
    yearsOfPractice: 15,
    successRatePercent: 86,
    currentCaseload: 3,
    capacity: 10,
    unavailableUntil: null,
  }
  it('lists the public facts', () => {
    const view = profileView(PROFILE)
    expect(view.facts).toEqual([
      { label: '评价', value: '4.8 分 · 12 条评价' },
      { label: '已调解案件', value: '48 件' },
      { label: '当前在办', value: '3 件' },
      { label: '调解成功率', value: '86%' },
      { label: '从业年限', value: '15 年' },
    ])
    expect(view.specialties).toHaveLength(4)
    expect(view.availability).toBe('可接受新案件')
  })
  it('says when the mediator is on leave or full, and hides an unknown success rate', () => {
    expect(
      profileView({ ...PROFILE, unavailableUntil: '2026-12-20T00:00:00.000Z' }).availability,
    ).toBe('暂停接案至 2026-12-20')
    const full = profileView({
      ...PROFILE,
      acceptingCases: false,
      successRatePercent: null,
      bio: null,
    })
    expect(full.availability).toBe('当前在办案件已满，暂不接受新案件')
    expect(full.facts.map((f) => f.label)).not.toContain('调解成功率')
    expect(full.bio).toBe('暂无简介')
  })
})
