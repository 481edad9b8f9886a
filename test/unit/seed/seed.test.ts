import { describe, expect, it } from 'vitest'
import { DISPUTE_TYPES, ORGANISATION_TYPES } from '../../../miniprogram/core/catalogues'
import { validateResidentId, validateUscc } from '../../../miniprogram/core/identity'
import {
  DEFAULT_MEDIATOR_COUNT,
  generateMediators,
  generateSeed,
  REFERENCE_DATE,
  SEED_USERS,
} from '../../../tools/cloudbase-emulator/seed'

const seed = generateSeed()

const many = generateMediators(2000)

/** Paths of values a database write would not store faithfully (undefined, NaN, functions, classes). */
function unstorable(value: unknown, path: string, out: string[] = []): string[] {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return out
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(path)
  } else if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) out.push(path)
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => unstorable(item, `${path}[${i}]`, out))
  } else if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      unstorable(item, `${path}.${key}`, out)
    }
  } else {
    out.push(path)
  }
  return out
}

describe('generateSeed: determinism', () => {
  it('returns deep-equal data on every run', () => {
    const again = generateSeed()
    expect(again).toEqual(seed)
    expect(JSON.stringify(again)).toBe(JSON.stringify(seed))
  })

  it('changes with the seed text and keeps the hand-written demo mediators', () => {
    const other = generateSeed({ seed: 'another-seed' })
    expect(other.mediators.slice(5).map((m) => m.name)).not.toEqual(
      seed.mediators.slice(5).map((m) => m.name),
    )
    expect(other.mediators.slice(0, 5)).toEqual(seed.mediators.slice(0, 5))
  })

  it('generates a prefix-stable stream: the first k of n mediators equal generateMediators(k)', () => {
    expect(generateMediators(300).slice(0, 120)).toEqual(generateMediators(120))
  })

  it('dates everything at or before the reference date, except leaves that end later', () => {
    const ref = REFERENCE_DATE.getTime()
    for (const docs of Object.values(seed)) {
      for (const doc of docs as readonly Record<string, unknown>[]) {
        for (const key of ['createdAt', 'updatedAt']) {
          expect((doc[key] as Date).getTime()).toBeLessThanOrEqual(ref)
        }
      }
    }
    const leaves = seed.mediators.filter((m) => m.unavailableUntil !== null)
    for (const m of leaves) expect(m.unavailableUntil?.getTime()).toBeGreaterThan(ref)
  })

  it('moves every date with a different reference date', () => {
    const shifted = generateSeed({ referenceDate: new Date('2027-01-01T00:00:00+08:00') })
    const delta = shifted.mediators[0]!.createdAt.getTime() - seed.mediators[0]!.createdAt.getTime()
    expect(delta).toBe(new Date('2027-01-01T00:00:00+08:00').getTime() - REFERENCE_DATE.getTime())
  })

  it('holds only plain, storable values', () => {
    expect(unstorable(seed, 'seed')).toEqual([])
    expect(unstorable({ bad: undefined, nan: Number.NaN }, 'probe')).toEqual([
      'probe.bad',
      'probe.nan',
    ])
  })
})

describe('generateSeed: collections', () => {
  it('has 200+ mediators by default and any requested count', () => {
    expect(DEFAULT_MEDIATOR_COUNT).toBeGreaterThanOrEqual(200)
    expect(seed.mediators).toHaveLength(DEFAULT_MEDIATOR_COUNT)
    expect(generateSeed({ mediatorCount: 1000 }).mediators).toHaveLength(1000)
  })

  it('gives every document a unique _id within its collection', () => {
    for (const docs of Object.values(seed)) {
      const ids = docs.map((d) => d._id)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('has organisations of every catalogue type in at least ten cities', () => {
    const types = new Set(ORGANISATION_TYPES.map((t) => t.code))
    for (const org of seed.organisations) {
      expect(types.has(org.type)).toBe(true)
      expect(org.jurisdiction).toContain(org.region.cityCode)
      expect(org.courts.length).toBeGreaterThan(0)
      expect([30, 45]).toContain(org.mediationPeriodDays)
      expect(org.address.startsWith(org.region.cityName.replace(/市$/, ''))).toBe(true)
    }
    expect(new Set(seed.organisations.map((o) => o.type)).size).toBe(types.size)
    expect(new Set(seed.organisations.map((o) => o.region.cityCode)).size).toBeGreaterThanOrEqual(
      10,
    )
    expect(seed.organisations.some((o) => o.mediationPeriodDays === 45)).toBe(true)
    expect(seed.organisations.map((o) => o.name)).toContain('北京市工商联商会调解中心')
  })

  it('has exactly one active reviewer per organisation', () => {
    expect(seed.staff_members).toHaveLength(seed.organisations.length)
    for (const org of seed.organisations) {
      const staff = seed.staff_members.filter((s) => s.organisationId === org._id)
      expect(staff).toHaveLength(1)
      expect(staff[0]).toMatchObject({
        openid: `o_staff_${org.slug}`,
        role: 'reviewer',
        active: true,
      })
    }
  })

  it('places every mediator in an existing organisation, within its jurisdiction', () => {
    const orgs = new Map(seed.organisations.map((o) => [o._id, o]))
    for (const m of many) {
      const org = orgs.get(m.organisationId)
      expect(org, m._id).toBeDefined()
      const covered =
        m.region.cityCode === org?.region.cityCode ||
        org?.jurisdiction.includes(m.region.cityCode) ||
        org?.jurisdiction.includes(m.region.provinceCode)
      expect(covered, m._id).toBe(true)
    }
  })

  it('uses only catalogue dispute types, each allowed for the organisation type', () => {
    const codes = new Set<string>(DISPUTE_TYPES.map((t) => t.code))
    const allowed = new Map(ORGANISATION_TYPES.map((t) => [t.code, t.disputeTypes as string[]]))
    const orgs = new Map(seed.organisations.map((o) => [o._id, o]))
    for (const m of many) {
      expect(m.specialties.length).toBeGreaterThan(0)
      const orgType = orgs.get(m.organisationId)?.type ?? 'commercial_mediation_org'
      for (const code of m.specialties) {
        expect(codes.has(code), `${m._id} ${code}`).toBe(true)
        expect(allowed.get(orgType), `${m._id} ${code}`).toContain(code)
      }
    }
  })

  it('keeps statistics consistent', () => {
    for (const m of many) {
      expect(m.casesSettled).toBeLessThanOrEqual(m.casesHandled)
      expect(m.ratingCount).toBeLessThanOrEqual(m.casesHandled)
      expect(m.currentCaseload).toBeLessThanOrEqual(m.capacity)
      expect(m.capacity).toBeGreaterThan(0)
      if (m.rating === null) expect(m.ratingCount).toBe(0)
      else {
        expect(m.rating).toBeGreaterThanOrEqual(1)
        expect(m.rating).toBeLessThanOrEqual(5)
      }
    }
    // Enough variety to exercise every branch of recommendation.
    expect(many.some((m) => m.currentCaseload === m.capacity)).toBe(true)
    expect(many.some((m) => !m.available)).toBe(true)
    expect(many.some((m) => m.unavailableUntil !== null)).toBe(true)
    expect(many.some((m) => m.affiliations.length > 0)).toBe(true)
    expect(many.some((m) => m.casesHandled === 0)).toBe(true)
  })

  it('binds exactly the five demo mediators to accounts, leaving the rest unbound', () => {
    const bound = seed.mediators.filter((m) => m.openid !== null)
    expect(bound.map((m) => m.openid)).toEqual([
      'o_mediator_0001',
      'o_mediator_0002',
      'o_mediator_0003',
      'o_mediator_0004',
      'o_mediator_0005',
    ])
    for (const m of seed.mediators) expect(m.bindCodeHash).toBeNull()
  })

  it('stores name, full pinyin and initials as search keys, with every prefix', () => {
    expect(seed.mediators[0]?.searchKeys).toEqual(['王建国', 'wangjianguo', 'wjg'])
    expect(seed.mediators[0]?.searchPrefixes).toEqual(
      expect.arrayContaining(['王', '王建国', 'w', 'wang', 'wangjianguo', 'wj', 'wjg']),
    )
    for (const m of seed.mediators) {
      expect(m.searchKeys[0]).toBe(m.name)
      expect(m.searchKeys.slice(1).every((k) => /^[a-z]+$/.test(k))).toBe(true)
      for (const key of m.searchKeys) expect(m.searchPrefixes).toContain(key)
    }
  })

  it('declares enterprise affiliations with valid unified social credit codes', () => {
    const affiliations = many.flatMap((m) => m.affiliations)
    expect(affiliations.length).toBeGreaterThan(50)
    for (const a of affiliations) {
      expect(a.kind).toBe('enterprise')
      if (a.kind !== 'enterprise') continue
      const check = validateUscc(a.uscc)
      expect(check.ok, a.uscc).toBe(true)
      expect(check.warnings, a.uscc).toEqual([])
    }
  })
})

describe('generateSeed: privacy', () => {
  const text = JSON.stringify(seed)

  it('contains no resident ID numbers', () => {
    const candidates = text.match(/\d{17}[\dXx]|\d{15}/g) ?? []
    for (const candidate of candidates) {
      expect(validateResidentId(candidate, REFERENCE_DATE).ok, candidate).toBe(false)
    }
  })

  it('has no ID-number or image-URL fields', () => {
    expect(text).not.toMatch(/idNumber|idCard|certNo|"idType"/i)
    expect(text).not.toMatch(/https?:\/\//)
  })
})

describe('SEED_USERS', () => {
  it('lists the four demo parties, the bound mediators and every reviewer, each with a user document', () => {
    const openids = SEED_USERS.map((u) => u.openid)
    expect(new Set(openids).size).toBe(openids.length)
    expect(openids.slice(0, 4)).toEqual([
      'o_party_applicant',
      'o_party_respondent',
      'o_party_enterprise',
      'o_party_stranger',
    ])
    const userIds = new Set(seed.users.map((u) => u.openid))
    for (const openid of openids) expect(userIds.has(openid), openid).toBe(true)
    const staffOpenids = seed.staff_members.map((s) => s.openid)
    expect(SEED_USERS.filter((u) => u.role === 'staff').map((u) => u.openid)).toEqual(staffOpenids)
    const mediatorOpenids = seed.mediators.flatMap((m) => (m.openid === null ? [] : [m.openid]))
    expect(SEED_USERS.filter((u) => u.role === 'mediator').map((u) => u.openid)).toEqual(
      mediatorOpenids,
    )
  })

  it('labels each identity in Chinese', () => {
    expect(SEED_USERS[0]).toEqual({
      openid: 'o_party_applicant',
      label: '申请人 张伟',
      role: 'applicant',
    })
    for (const user of SEED_USERS) expect(user.label).toMatch(/^[\u4e00-\u9fa5]+ /)
  })
})
