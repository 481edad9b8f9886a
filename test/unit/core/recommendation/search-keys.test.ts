import { describe, expect, it } from 'vitest'
import {
  mediatorSearchKeys,
  normaliseSearchKeyword,
  searchKeyPrefixPattern,
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

describe('searchKeyPrefixPattern', () => {
  it('anchors the key and escapes every RegExp metacharacter', () => {
    expect(searchKeyPrefixPattern('zw')).toBe('^zw')
    const pattern = searchKeyPrefixPattern('a.b*c')
    expect(new RegExp(pattern).test('a.b*cd')).toBe(true)
    expect(new RegExp(pattern).test('axbbc')).toBe(false)
  })

  it('matches a stored key by prefix only', () => {
    const re = new RegExp(searchKeyPrefixPattern('zhangw'))
    expect(['张伟', 'zhangwei', 'zw'].some((k) => re.test(k))).toBe(true)
    expect(re.test('lizhangwei')).toBe(false)
  })
})
