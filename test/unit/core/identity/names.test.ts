import { describe, expect, it } from 'vitest'
import { validateEnterpriseName, validatePersonName } from '../../../../miniprogram/core/identity'
import { type CheckRow, HOSTILE_INPUTS, describeInput, expectCheck } from './check-rows'

const ok = (input: string, value: string = input): CheckRow => ({ input, ok: true, value })
const bad = (input: unknown, value: string, error: string): CheckRow => ({
  input,
  ok: false,
  value,
  error,
})

const PERSON_VALID: readonly CheckRow[] = [
  ok('张三'),
  ok('李小明'),
  ok('欧阳娜娜'),
  ok('司马相如'),
  ok('阿卜杜拉·买买提'),
  ok('阿卜杜拉•买买提', '阿卜杜拉·买买提'),
  ok('阿卜杜拉・买买提', '阿卜杜拉·买买提'),
  ok('阿卜杜拉 · 买买提', '阿卜杜拉·买买提'),
  ok('王 小明', '王小明'),
  ok('  赵六  ', '赵六'),
  ok('John Smith'),
  ok('John   Smith', 'John Smith'),
  ok("Mary-Jane O'Neil"),
  ok('José García'),
  ok('Zoë Brontë'),
  ok('Ｊｏｈｎ Ｓｍｉｔｈ', 'John Smith'),
  ok('𠇔王'),
  ok('龘靐'),
  ok('Li Na'),
  ok('Al'),
  ok('张'.repeat(30)),
  ok('Jean-Luc Picard'),
]

const PERSON_INVALID: readonly CheckRow[] = [
  bad('张', '张', 'NAME_LENGTH'),
  bad('A', 'A', 'NAME_LENGTH'),
  bad('张'.repeat(31), '张'.repeat(31), 'NAME_LENGTH'),
  bad('张3', '张3', 'NAME_HAS_DIGIT'),
  bad('张３', '张3', 'NAME_HAS_DIGIT'),
  bad('Agent 007', 'Agent 007', 'NAME_HAS_DIGIT'),
  bad('张三!', '张三!', 'NAME_FORMAT'),
  bad('·张三', '·张三', 'NAME_FORMAT'),
  bad('张三·', '张三·', 'NAME_FORMAT'),
  bad('张··三', '张··三', 'NAME_FORMAT'),
  bad('John--Smith', 'John--Smith', 'NAME_FORMAT'),
  bad('-John', '-John', 'NAME_FORMAT'),
  bad('😀张三', '😀张三', 'NAME_FORMAT'),
  bad('张三@', '张三@', 'NAME_FORMAT'),
  bad('Иван', 'Иван', 'NAME_FORMAT'),
  bad('김철수', '김철수', 'NAME_FORMAT'),
  bad('张_三', '张_三', 'NAME_FORMAT'),
  bad('张三（代）', '张三(代)', 'NAME_FORMAT'),
  bad('', '', 'FIELD_REQUIRED'),
  bad('\u3000 ', '', 'FIELD_REQUIRED'),
  bad(42, '', 'FIELD_NOT_TEXT'),
  bad(null, '', 'FIELD_NOT_TEXT'),
  bad('张'.repeat(300), '', 'FIELD_TOO_LONG'),
]

const ENTERPRISE_VALID: readonly CheckRow[] = [
  ok('腾讯科技（深圳）有限公司'),
  ok('腾讯科技(深圳)有限公司', '腾讯科技（深圳）有限公司'),
  ok('北京字节跳动科技有限公司'),
  ok('中国工商银行股份有限公司'),
  ok('华为'),
  ok('Apple Inc.'),
  ok('A&B贸易有限公司'),
  ok('3M中国有限公司'),
  ok('上海某某律师事务所'),
  ok('某某投资合伙企业（有限合伙）'),
  ok('某某投资合伙企业(有限合伙)', '某某投资合伙企业（有限合伙）'),
  ok('厦门  某某  贸易有限公司', '厦门 某某 贸易有限公司'),
  ok('Ｂａｉｄｕ中国', 'Baidu中国'),
  ok('福建省某某建设工程有限公司'),
  ok('某某商贸行（个体工商户）'),
  ok('深圳市前海某某供应链管理有限公司'),
  ok('某某科技有限公司第一分公司'),
  ok('Procter & Gamble (China) Ltd.'),
  ok('Procter & Gamble （China） Ltd.', 'Procter & Gamble (China) Ltd.'),
  ok('某某·国际贸易有限公司'),
  ok('一二三四五六七八九十'.repeat(6)),
  ok('某某、某某联合体'),
]

const ENTERPRISE_INVALID: readonly CheckRow[] = [
  bad('华', '华', 'ENTERPRISE_NAME_LENGTH'),
  bad(
    '一二三四五六七八九十'.repeat(6) + '公',
    '一二三四五六七八九十'.repeat(6) + '公',
    'ENTERPRISE_NAME_LENGTH',
  ),
  bad('123', '123', 'ENTERPRISE_NAME_FORMAT'),
  bad('（）', '()', 'ENTERPRISE_NAME_FORMAT'),
  bad('某某公司@', '某某公司@', 'ENTERPRISE_NAME_FORMAT'),
  bad('😀科技有限公司', '😀科技有限公司', 'ENTERPRISE_NAME_FORMAT'),
  bad('某某公司#1', '某某公司#1', 'ENTERPRISE_NAME_FORMAT'),
  bad('某某<script>', '某某<script>', 'ENTERPRISE_NAME_FORMAT'),
  bad('某某公司\u0000', '某某公司\u0000', 'ENTERPRISE_NAME_FORMAT'),
  bad('某某公司;', '某某公司;', 'ENTERPRISE_NAME_FORMAT'),
  bad('', '', 'FIELD_REQUIRED'),
  bad('  ', '', 'FIELD_REQUIRED'),
  bad(0, '', 'FIELD_NOT_TEXT'),
  bad({ name: '华为' }, '', 'FIELD_NOT_TEXT'),
  bad('公'.repeat(257), '', 'FIELD_TOO_LONG'),
]

describe('validatePersonName', () => {
  it.each(PERSON_VALID)('accepts $input', (row) => {
    expectCheck(validatePersonName(row.input), row)
  })
  it.each(PERSON_INVALID)('refuses $input', (row) => {
    expectCheck(validatePersonName(row.input), row)
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validatePersonName(input).ok).toBe(false)
    },
  )
})

describe('validateEnterpriseName', () => {
  it.each(ENTERPRISE_VALID)('accepts $input', (row) => {
    expectCheck(validateEnterpriseName(row.input), row)
  })
  it.each(ENTERPRISE_INVALID)('refuses $input', (row) => {
    expectCheck(validateEnterpriseName(row.input), row)
  })
  it.each(HOSTILE_INPUTS.map((input) => [describeInput(input), input]))(
    'never throws and refuses %s',
    (_title, input) => {
      expect(validateEnterpriseName(input).ok).toBe(false)
    },
  )
})
