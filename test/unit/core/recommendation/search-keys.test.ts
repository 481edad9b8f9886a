import { describe, expect, it } from 'vitest'
import {
  mediatorSearchKeys,
  normaliseSearchKeyword,
  mediatorSearchPrefixes,
} from '../../../../miniprogram/core/recommendation'

describe('mediatorSearchKeys', () => {
  it('builds name, full pinyin and initials: 张伟 → 张伟, zhangwei, zw', () => {
    expect(mediatorSearchKeys('张伟', ['zhang', 'wei'])).toEqual({
      ok: true,
      value: ['张伟', 'zhangwei', 'zw'],
    })
  })

  it('writes ü as v, drops tones, spaces and punctuation syllables', () => {
    expect(mediatorSearchKeys(' 吕 梅 ', ['lǚ', 'méi'])).toEqual({
      ok: true,
      value: ['吕梅', 'lvmei', 'lm'],
    })
    expect(mediatorSearchKeys('玛丽·安', ['ma', 'li', '·', 'an'])).toEqual({
      ok: true,
      value: ['玛丽·安', 'malian', 'mla'],
    })
  })

  it('handles compound surnames and omits duplicate keys', () => {
    expect(mediatorSearchKeys('欧阳修', ['ou', 'yang', 'xiu'])).toEqual({
      ok: true,
      value: ['欧阳修', 'ouyangxiu', 'oyx'],
    })
    expect(mediatorSearchKeys('A', ['a'])).toEqual({ ok: true, value: ['a'] })
  })

  it('refuses an empty or overlong name with a Chinese message', () => {
    expect(mediatorSearchKeys('  ', [])).toEqual({
      ok: false,
      error: { code: 'invalid_name', message: '调解员姓名不能为空', field: 'name' },
    })
    const long = mediatorSearchKeys('张'.repeat(31), [])
    expect(!long.ok && long.error.code).toBe('invalid_name')
  })
})

describe('normaliseSearchKeyword', () => {
  it('reduces typed pinyin to the stored form', () => {
    expect(normaliseSearchKeyword(" Zhang'Wei ")).toEqual({
      ok: true,
      value: { key: 'zhangwei', kind: 'latin' },
    })
    expect(normaliseSearchKeyword('lǚ')).toEqual({ ok: true, value: { key: 'lv', kind: 'latin' } })
    expect(normaliseSearchKeyword('张 伟')).toEqual({
      ok: true,
      value: { key: '张伟', kind: 'han' },
    })
  })

  it('refuses empty, overlong and non-name input', () => {
    for (const bad of ['', '   ', 'a'.repeat(31), '.*', 'zhang1', '<script>']) {
      const result = normaliseSearchKeyword(bad)
      expect(!result.ok && result.error.code).toBe('invalid_keyword')
    }
  })
})

describe('mediatorSearchPrefixes', () => {
  it('lists every prefix of every key once, so search is an equality lookup', () => {
    expect(mediatorSearchPrefixes(['张伟', 'zhangwei', 'zw'])).toEqual([
      '张',
      '张伟',
      'z',
      'zh',
      'zha',
      'zhan',
      'zhang',
      'zhangw',
      'zhangwe',
      'zhangwei',
      'zw',
    ])
  })

  it('finds a mediator by what a user types, through the normalised keyword', () => {
    const keys = mediatorSearchKeys('吕梅', ['lv', 'mei'])
    const prefixes = new Set(mediatorSearchPrefixes(keys.ok ? keys.value : []))
    for (const typed of ['吕', '吕梅', 'lv', 'LVM', "lv'mei", 'lǚméi', 'lm']) {
      const keyword = normaliseSearchKeyword(typed)
      expect(keyword.ok && prefixes.has(keyword.value.key), typed).toBe(true)
    }
    const other = normaliseSearchKeyword('mei')
    expect(other.ok && prefixes.has(other.value.key)).toBe(false)
  })

  it('stops at the longest searchable prefix', () => {
    const prefixes = mediatorSearchPrefixes(['a'.repeat(40)])
    expect(prefixes).toHaveLength(30)
  })
})
