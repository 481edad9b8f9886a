/**
 * Province-level prefixes of the GB/T 2260 address code (first two digits of a resident ID).
 * Deliberately only the province level: county codes change every year and abolished counties stay
 * valid on old cards, so a full county table would wrongly refuse real people and go stale. An odd
 * 6-digit code is therefore only a warning (see `areaCodeLooksUnusual`).
 */
export const MAINLAND_PROVINCES: Readonly<Record<string, string>> = {
  '11': '北京市',
  '12': '天津市',
  '13': '河北省',
  '14': '山西省',
  '15': '内蒙古自治区',
  '21': '辽宁省',
  '22': '吉林省',
  '23': '黑龙江省',
  '31': '上海市',
  '32': '江苏省',
  '33': '浙江省',
  '34': '安徽省',
  '35': '福建省',
  '36': '江西省',
  '37': '山东省',
  '41': '河南省',
  '42': '湖北省',
  '43': '湖南省',
  '44': '广东省',
  '45': '广西壮族自治区',
  '46': '海南省',
  '50': '重庆市',
  '51': '四川省',
  '52': '贵州省',
  '53': '云南省',
  '54': '西藏自治区',
  '61': '陕西省',
  '62': '甘肃省',
  '63': '青海省',
  '64': '宁夏回族自治区',
  '65': '新疆维吾尔自治区',
}

/** Address codes of the Hong Kong, Macau and Taiwan residence permits. */
export const HMT_PERMIT_AREAS: Readonly<Record<string, string>> = {
  '810000': '香港',
  '820000': '澳门',
  '830000': '台湾',
}

/** The province name for a 2-digit prefix, or undefined when it is not a mainland province. */
export function provinceName(prefix: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(MAINLAND_PROVINCES, prefix)
    ? MAINLAND_PROVINCES[prefix]
    : undefined
}

/**
 * Whether a 6-digit address code breaks the GB/T 2260 structure: prefecture part `00` (a province
 * itself), prefecture part 71–89 (never assigned) or county part `00` (a prefecture itself).
 * Such codes are possible on very old registrations, hence a warning, not an error.
 */
export function areaCodeLooksUnusual(code: string): boolean {
  const prefecture = Number(code.slice(2, 4))
  const county = code.slice(4, 6)
  return prefecture === 0 || (prefecture >= 71 && prefecture <= 89) || county === '00'
}
