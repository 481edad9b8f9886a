import { describe, expect, it } from 'vitest'
import { pinyin } from 'pinyin-pro'
import { mediatorSearchFields, nameSyllables } from '../../cloudfunctions/_shared/pinyin/index'
import { READINGS } from '../../cloudfunctions/_shared/pinyin/table'
import { DEMO_MEDIATORS } from '../../tools/cloudbase-emulator/seed/demo-mediators'
import { generateMediators } from '../../tools/cloudbase-emulator/seed/mediators'
import { searchKeysFor } from '../../tools/cloudbase-emulator/seed/search-keys'

const SEED_OPTIONS = { toneType: 'none', type: 'array', surname: 'head', v: true } as const
const seededNames = [
  ...new Set([
    ...generateMediators(5000).map((m) => String(m.name)),
    ...DEMO_MEDIATORS.map((d) => d.name),
  ]),
]

describe('pinyin table for mediator names', () => {
  it('holds the 6,763 GB2312 hanzi, each under one reading', () => {
    const all = Object.values(READINGS).join('')
    expect([...all]).toHaveLength(6763)
    expect(new Set(all).size).toBe(6763)
  })

  it('agrees with pinyin-pro on every seeded mediator name', () => {
    expect(seededNames.length).toBeGreaterThan(1000)
    const disagreements = seededNames.filter(
      (name) => nameSyllables(name).join(' ') !== pinyin(name, SEED_OPTIONS).join(' '),
    )
    expect(disagreements).toEqual([])
  })

  it('builds the same searchKeys and searchPrefixes as the seed', () => {
    for (const name of seededNames.slice(0, 500)) {
      expect(mediatorSearchFields(name)).toEqual(searchKeysFor(name))
    }
  })

  it('reads surnames and compound surnames as names are read', () => {
    expect(nameSyllables('单伟')).toEqual(['shan', 'wei'])
    expect(nameSyllables('曾明')).toEqual(['zeng', 'ming'])
    expect(nameSyllables('尉迟敬')).toEqual(['yu', 'chi', 'jing'])
    expect(nameSyllables('吕丽')).toEqual(['lv', 'li'])
    expect(mediatorSearchFields('   ')).toBeUndefined()
  })
})
