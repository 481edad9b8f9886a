// Mediator documents the function tests insert next to the seeded roll.

/** A mediator who takes cases now (no caseload, no affiliation), with the fields a test gives. */
export function openMediator(id: string, fields: Record<string, unknown>): Record<string, unknown> {
  return {
    _id: id,
    currentCaseload: 0,
    pendingCount: 0,
    capacity: 10,
    available: true,
    unavailableUntil: null,
    affiliations: [],
    openid: `o_${id}`,
    version: 1,
    ...fields,
  }
}

/**
 * 周强 of 浙江省工商联 (Hangzhou, sales contracts, nearly every case settled): the mediator who
 * tops the recommendation for a Hangzhou sales case; `extra` changes what a test needs.
 */
export function hangzhouMediator(
  id: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return openMediator(id, {
    name: '周强',
    organisationId: 'org_zhejiang',
    specialties: ['sale_contract'],
    expertiseTags: [],
    region: {
      provinceCode: '330000',
      provinceName: '浙江省',
      cityCode: '330100',
      cityName: '杭州市',
    },
    rating: 4.9,
    ratingCount: 80,
    casesHandled: 200,
    casesSettled: 190,
    searchKeys: ['周强', 'zhouqiang', 'zq'],
    searchPrefixes: ['周', '周强', 'z', 'zh', 'zho', 'zhou', 'zhouq', 'zhouqiang', 'zq'],
    ...extra,
  })
}
