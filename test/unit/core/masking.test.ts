import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName, maskPhone, maskUscc } from '../../../miniprogram/core/masking'

const NON_STRINGS: readonly unknown[] = [
  undefined,
  null,
  0,
  13812345678,
  true,
  {},
  [],
  ['张三'],
  Symbol('s'),
  () => 'x',
  new Date(0),
]

describe('maskIdNumber', () => {
  it.each([
    ['11010519491231002X', '110***********002X'],
    ['11010519491231002x', '110***********002X'],
    ['110105 19491231 002X', '110***********002X'],
    ['１１０１０５１９４９１２３１００２Ｘ', '110***********002X'],
    ['810000199001010019', '810***********0019'],
    ['USA110090010101', 'USA********0101'],
    ['H1234567801', 'H1******801'],
    ['1234567801', '12*****801'],
    ['H12345678', 'H******78'],
    ['E12345678', 'E******78'],
    ['12345678', '1*****78'],
    ['AB12345', 'A****45'],
    ['12345', '*****'],
    ['1', '*'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskIdNumber(input)).toBe(masked)
  })

  it('never shows more than 7 characters of a full ID', () => {
    const masked = maskIdNumber('11010519491231002X')
    expect(masked).toHaveLength(18)
    expect(masked.replace(/\*/g, '')).toHaveLength(7)
  })

  it.each(NON_STRINGS)('returns an empty string for %s', (input) => {
    expect(maskIdNumber(input)).toBe('')
  })

  it('stars over-long input whole', () => {
    expect(maskIdNumber('1'.repeat(10_000))).toBe('*'.repeat(256))
  })
})

describe('maskPhone', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['+86 138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['008619912345678', '199****5678'],
    ['１３８１２３４５６７８', '138****5678'],
    ['010-12345678', '010******78'],
    ['+85261234567', '+85*******67'],
    ['1234567', '123**67'],
    ['123456', '******'],
    ['', ''],
    ['abc', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskPhone(input)).toBe(masked)
  })

  it.each(NON_STRINGS)('returns an empty string for %s', (input) => {
    expect(maskPhone(input)).toBe('')
  })
})

describe('maskName', () => {
  it.each([
    ['张三', '张*'],
    ['李小明', '李**'],
    ['欧阳娜娜', '欧阳**'],
    ['欧阳修', '欧阳*'],
    ['司马相如', '司马**'],
    ['欧阳', '欧*'],
    ['阿卜杜拉·买买提', '阿***·***'],
    ['John Smith', 'J*** *****'],
    ['Jean-Luc', 'J***-***'],
    ['  王五  ', '王*'],
    ['𠇔王', '𠇔*'],
    ['张', '张'],
    ['', ''],
  ])('person %s → %s', (input, masked) => {
    expect(maskName(input)).toBe(masked)
    expect(maskName(input, 'person')).toBe(masked)
  })

  it.each([
    ['腾讯科技（深圳）有限公司', '腾讯******有限公司'],
    ['北京字节跳动科技有限公司', '北京******有限公司'],
    ['华为技术有限公司', '华为**有限公司'],
    ['某某贸易行', '某**易行'],
    ['Apple Inc.', 'Ap****Inc.'],
    ['华为', '华*'],
    ['3M', '3*'],
    ['某', '*'],
    ['', ''],
  ])('enterprise %s → %s', (input, masked) => {
    expect(maskName(input, 'enterprise')).toBe(masked)
  })

  it.each(NON_STRINGS)('returns an empty string for %s', (input) => {
    expect(maskName(input)).toBe('')
    expect(maskName(input, 'enterprise')).toBe('')
  })
})

describe('maskUscc', () => {
  it.each([
    ['91350100M000100Y43', '9135**********0Y43'],
    ['91350100m000100y43', '9135**********0Y43'],
    ['913501 00M000 100Y43', '9135**********0Y43'],
    ['91110000100000001W', '9111**********001W'],
    ['91350100M00', '***********'],
    ['', ''],
  ])('%s → %s', (input, masked) => {
    expect(maskUscc(input)).toBe(masked)
  })

  it.each(NON_STRINGS)('returns an empty string for %s', (input) => {
    expect(maskUscc(input)).toBe('')
  })
})
