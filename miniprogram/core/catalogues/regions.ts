// Cities the platform serves, as GB/T 2260 codes: those where ACFIC chambers have mediation
// organisations and take filings (recommendation and jurisdiction read the region). It lives in
// the main package so the mediation and filing subpackages share one list: WeChat cannot load one
// subpackage's scripts from another, but every subpackage may load the main package's.
import type { RegionCode } from '../recommendation/types'

export interface RegionOption {
  readonly label: string
  readonly value: string
  readonly region: RegionCode
}

const city = (
  provinceName: string,
  provinceCode: string,
  cityName: string,
  cityCode: string,
): RegionOption => ({
  label: provinceName === cityName ? cityName : `${provinceName} · ${cityName}`,
  value: cityCode,
  region: { provinceCode, cityCode },
})

export const REGION_OPTIONS: readonly RegionOption[] = [
  city('北京市', '110000', '北京市', '110100'),
  city('上海市', '310000', '上海市', '310100'),
  city('浙江省', '330000', '杭州市', '330100'),
  city('浙江省', '330000', '宁波市', '330200'),
  city('浙江省', '330000', '温州市', '330300'),
  city('江苏省', '320000', '南京市', '320100'),
  city('江苏省', '320000', '无锡市', '320200'),
  city('江苏省', '320000', '苏州市', '320500'),
  city('广东省', '440000', '广州市', '440100'),
  city('广东省', '440000', '深圳市', '440300'),
  city('广东省', '440000', '佛山市', '440600'),
  city('广东省', '440000', '东莞市', '441900'),
  city('福建省', '350000', '福州市', '350100'),
  city('福建省', '350000', '厦门市', '350200'),
  city('湖北省', '420000', '武汉市', '420100'),
  city('四川省', '510000', '成都市', '510100'),
  city('四川省', '510000', '绵阳市', '510700'),
  city('陕西省', '610000', '西安市', '610100'),
]

/** The label of a city code, or '' when the code is not offered. */
export function regionLabel(cityCode: string | undefined): string {
  return REGION_OPTIONS.find((r) => r.value === cityCode)?.label ?? ''
}

/** The region of a city code, when offered. */
export function regionOf(cityCode: string | undefined): RegionCode | undefined {
  return REGION_OPTIONS.find((r) => r.value === cityCode)?.region
}
