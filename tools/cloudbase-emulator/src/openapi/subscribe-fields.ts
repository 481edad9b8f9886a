// Subscribe-message template field rules, by the type prefix of each data key (`thing1`,
// `character_string2`, …), as the platform enforces them (47003 on a violation).

const HAN = /^\p{Script=Han}+$/u
const DATE_PART = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2})`
const TIME_PART = String.raw`\d{1,2}:\d{2}(?::\d{2})?`
const TIME_POINT = new RegExp(String.raw`^(?:${DATE_PART}\s*)?${TIME_PART}$|^${DATE_PART}$`)
const DATE_POINT = new RegExp(String.raw`^${DATE_PART}(?:\s*${TIME_PART})?$`)

function eachPoint(value: string, re: RegExp): boolean {
  const points = value.split('~').map((p) => p.trim())
  return points.length <= 2 && points.every((p) => re.test(p))
}

const RULES: Record<string, (v: string) => string | undefined> = {
  thing: (v) => (len(v) <= 20 ? undefined : '超过 20 个字符'),
  number: (v) =>
    len(v) > 32 ? '超过 32 位' : /^-?\d+(\.\d+)?$/.test(v) ? undefined : '只能是数字（可带小数）',
  letter: (v) => (len(v) > 32 ? '超过 32 位' : /^[A-Za-z]+$/.test(v) ? undefined : '只能是字母'),
  symbol: (v) => (len(v) > 5 ? '超过 5 位' : /^[\p{P}\p{S}]+$/u.test(v) ? undefined : '只能是符号'),
  character_string: (v) =>
    len(v) > 32
      ? '超过 32 位'
      : /^[\x21-\x7e]+$/.test(v)
        ? undefined
        : '只能是数字、字母或符号（不能含中文或空格）',
  time: (v) =>
    eachPoint(v, TIME_POINT) ? undefined : '时间格式不正确（如 15:01 或 2026年12月1日 15:01）',
  date: (v) => (eachPoint(v, DATE_POINT) ? undefined : '日期格式不正确（如 2026年12月1日）'),
  amount: (v) =>
    /^[¥￥$€£]?\d{1,10}(\.\d{1,2})?元?$/.test(v)
      ? undefined
      : '金额格式不正确（币种符号 + 10 位以内数字）',
  phone_number: (v) =>
    len(v) > 17 ? '超过 17 位' : /^[\d+\-() ]+$/.test(v) ? undefined : '只能是数字和符号',
  car_number: (v) => (len(v) <= 8 ? undefined : '超过 8 位'),
  name: (v) =>
    HAN.test(v)
      ? len(v) <= 10
        ? undefined
        : '超过 10 个汉字'
      : /^[A-Za-z ]+$/.test(v)
        ? len(v) <= 20
          ? undefined
          : '超过 20 个字母'
        : '只能是 10 个以内纯汉字或 20 个以内纯字母',
  phrase: (v) => (HAN.test(v) && len(v) <= 5 ? undefined : '只能是 5 个以内汉字'),
}

function len(v: string): number {
  return [...v].length
}

/** Checks a template's `data`; returns the 47003 message for the first bad field, if any. */
export function validateTemplateData(data: unknown): string | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return 'argument invalid! data 必须是对象'
  }
  const entries = Object.entries(data as Record<string, unknown>)
  if (entries.length === 0) return 'argument invalid! data 不能为空'
  for (const [key, field] of entries) {
    const type = /^([a-z_]+?)\d*$/.exec(key)?.[1]
    const rule = type !== undefined ? RULES[type] : undefined
    if (!rule) return `argument invalid! data.${key} 不是已知的模板字段类型`
    const raw =
      field !== null && typeof field === 'object'
        ? (field as Record<string, unknown>)['value']
        : undefined
    const value = typeof raw === 'number' ? String(raw) : raw
    if (typeof value !== 'string' || value.trim() === '') {
      return `argument invalid! data.${key}.value 不能为空`
    }
    const problem = rule(value)
    if (problem) return `argument invalid! data.${key}.value ${problem}`
  }
  return undefined
}
