import {
  type CoreWarning,
  type FieldCheck,
  accepted,
  readText,
  refused,
  stripSpaces,
  warning,
} from './field-check'
import { provinceName } from './province-codes'

const FIELD = 'uscc'

/** The 31 characters of GB 32100-2015, in value order (I, O, S, V and Z are never used). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** Weights 3^i mod 31 for positions 1–17. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const

/**
 * Registration authorities (position 1) and the organisation categories (position 2) each may
 * issue, per GB 32100-2015 Appendix A.
 */
export const USCC_AUTHORITIES: Readonly<
  Record<string, { readonly label: string; readonly categories: Readonly<Record<string, string>> }>
> = {
  '1': {
    label: '机构编制',
    categories: {
      '1': '机关',
      '2': '事业单位',
      '3': '中央编办直接管理机构编制的群众团体',
      '9': '其他',
    },
  },
  '2': { label: '外交', categories: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    label: '司法行政',
    categories: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { label: '文化', categories: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    label: '民政',
    categories: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    label: '旅游',
    categories: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { label: '宗教', categories: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { label: '工会', categories: { '1': '基层工会', '9': '其他' } },
  '9': {
    label: '市场监督管理',
    categories: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' },
  },
  A: { label: '中央军委改革和编制办公室', categories: { '1': '军队事业单位', '9': '其他' } },
  N: {
    label: '农业',
    categories: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { label: '其他', categories: { '1': '其他' } },
}

/** The GB 32100-2015 check character for the first 17 characters, or undefined if any is outside the charset. */
export function usccCheckChar(body: string): string | undefined {
  if (body.length < 17) return undefined
  let sum = 0
  for (let i = 0; i < 17; i += 1) {
    const v = USCC_CHARSET.indexOf(body.charAt(i))
    if (v < 0) return undefined
    sum += v * (WEIGHTS[i] ?? 0)
  }
  return USCC_CHARSET.charAt((31 - (sum % 31)) % 31)
}

/**
 * Validates a 统一社会信用代码 (GB 32100-2015). Wrong length, characters outside the charset, an
 * unknown registration authority or a non-numeric region code are errors. A wrong check character
 * is only a warning, because some genuine early pilot codes fail it; it routes to manual review.
 */
export function validateUscc(input: unknown): FieldCheck {
  const read = readText(input, FIELD, '统一社会信用代码')
  if (!read.ok) return read.check
  const value = stripSpaces(read.text).replace(/-/g, '').toUpperCase()
  if (value.length !== 18) {
    return refused(value, 'USCC_FORMAT', '统一社会信用代码应为18位', FIELD)
  }
  if (!/^[0-9A-HJ-NPQRTUW-Y]{18}$/.test(value)) {
    return refused(
      value,
      'USCC_FORMAT',
      '统一社会信用代码只包含数字和大写字母（不含I、O、S、V、Z）',
      FIELD,
    )
  }
  const authority = Object.prototype.hasOwnProperty.call(USCC_AUTHORITIES, value.charAt(0))
    ? USCC_AUTHORITIES[value.charAt(0)]
    : undefined
  if (authority === undefined) {
    return refused(
      value,
      'USCC_AUTHORITY_UNKNOWN',
      '统一社会信用代码第1位（登记管理部门）无效',
      FIELD,
    )
  }
  if (!/^\d{6}$/.test(value.slice(2, 8))) {
    return refused(value, 'USCC_FORMAT', '统一社会信用代码第3至8位应为行政区划数字代码', FIELD)
  }
  const warnings: CoreWarning[] = []
  if (!Object.prototype.hasOwnProperty.call(authority.categories, value.charAt(1))) {
    warnings.push(
      warning('USCC_CATEGORY_UNUSUAL', '统一社会信用代码第2位（机构类别）不常见，将人工复核'),
    )
  }
  const region = value.slice(2, 4)
  if (region !== '10' && provinceName(region) === undefined) {
    warnings.push(
      warning('USCC_REGION_UNUSUAL', '统一社会信用代码中的行政区划代码不常见，将人工复核'),
    )
  }
  if (usccCheckChar(value) !== value.charAt(17)) {
    warnings.push(warning('USCC_CHECKSUM_MISMATCH', '统一社会信用代码校验位不符，将转人工复核'))
  }
  return accepted(value, warnings)
}
