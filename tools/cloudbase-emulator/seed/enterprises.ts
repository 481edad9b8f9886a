import { USCC_CHARSET, usccCheckChar } from '../../../miniprogram/core/identity'
import type { Rng } from './prng'
import type { SeedRegion } from './regions'

const BRAND = [...'华盛鑫源恒泰瑞丰达宏远嘉创兴隆信诚博通金鼎汇德安顺'] as const
const TRADE = [
  '科技',
  '贸易',
  '建设工程',
  '物流',
  '机械制造',
  '电子',
  '食品',
  '纺织',
  '投资',
  '文化传媒',
]
const FORM = ['有限公司', '股份有限公司', '集团有限公司']

export interface GeneratedEnterprise {
  readonly name: string
  readonly uscc: string
}

/** A fictional enterprise of the city with a GB 32100-valid code (9 = 市场监管, 1 = 企业). */
export function enterprise(rng: Rng, region: SeedRegion): GeneratedEnterprise {
  const place = region.cityName.replace(/市$/, '')
  const name = place + rng.pick(BRAND) + rng.pick(BRAND) + rng.pick(TRADE) + rng.pick(FORM)
  // Positions 9–17: codes issued since 2015 by market regulators start with MA; the rest is drawn
  // from the code charset.
  let body = '91' + region.cityCode + 'MA'
  for (let i = 0; i < 7; i += 1) body += USCC_CHARSET.charAt(rng.int(0, USCC_CHARSET.length - 1))
  return { name, uscc: body + (usccCheckChar(body) ?? '0') }
}
