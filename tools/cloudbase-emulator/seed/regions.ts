/** A city with its province, by GB/T 2260 codes: the shape of every `region` field in the seed. */
export interface SeedRegion {
  readonly provinceCode: string
  readonly provinceName: string
  readonly cityCode: string
  readonly cityName: string
}

function city(
  provinceCode: string,
  provinceName: string,
  cityCode: string,
  cityName: string,
): SeedRegion {
  return { provinceCode, provinceName, cityCode, cityName }
}

export const REGIONS = {
  beijing: city('110000', '北京市', '110100', '北京市'),
  shanghai: city('310000', '上海市', '310100', '上海市'),
  guangzhou: city('440000', '广东省', '440100', '广州市'),
  shenzhen: city('440000', '广东省', '440300', '深圳市'),
  foshan: city('440000', '广东省', '440600', '佛山市'),
  dongguan: city('440000', '广东省', '441900', '东莞市'),
  hangzhou: city('330000', '浙江省', '330100', '杭州市'),
  ningbo: city('330000', '浙江省', '330200', '宁波市'),
  wenzhou: city('330000', '浙江省', '330300', '温州市'),
  chengdu: city('510000', '四川省', '510100', '成都市'),
  mianyang: city('510000', '四川省', '510700', '绵阳市'),
  wuhan: city('420000', '湖北省', '420100', '武汉市'),
  xian: city('610000', '陕西省', '610100', '西安市'),
  fuzhou: city('350000', '福建省', '350100', '福州市'),
  xiamen: city('350000', '福建省', '350200', '厦门市'),
  nanjing: city('320000', '江苏省', '320100', '南京市'),
  suzhou: city('320000', '江苏省', '320500', '苏州市'),
  wuxi: city('320000', '江苏省', '320200', '无锡市'),
} as const satisfies Record<string, SeedRegion>

export type RegionKey = keyof typeof REGIONS

/** Other cities of the same province, where some of an organisation's mediators live. */
export function sameProvinceCities(region: SeedRegion): SeedRegion[] {
  return Object.values(REGIONS).filter(
    (r) => r.provinceCode === region.provinceCode && r.cityCode !== region.cityCode,
  )
}
