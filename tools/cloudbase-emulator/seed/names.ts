import type { Rng } from './prng'

// The most common surnames, roughly in frequency order, with weights that fall off like the real
// distribution (王 李 张 刘 陈 cover about 30 % of people).
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'
const SURNAME_LIST = [...SURNAMES]
const SURNAME_WEIGHTS = SURNAME_LIST.map((_, i) => (i < 5 ? 60 : i < 20 ? 20 : i < 50 ? 8 : 3))
const COMPOUND_SURNAMES = ['欧阳', '司马', '上官', '诸葛', '东方', '皇甫']

const GIVEN_MALE = [...'伟强磊军洋勇杰涛明超斌浩鹏辉刚建国峰亮波平东文华志宏海鑫宇晨俊毅'] as const
const GIVEN_FEMALE = [...'芳娜敏静丽艳娟霞秀英玲婷雪慧颖琳洁倩梅莉燕萍红岚璐薇晶悦'] as const
const GIVEN_SHARED = [...'晓思嘉子佳雨欣一诗梦安若文雅立振家永春秋'] as const

export interface GeneratedName {
  readonly name: string
  readonly surname: string
}

/** A plausible Chinese personal name: one- or two-character given name, sometimes a compound surname. */
export function personName(rng: Rng): GeneratedName {
  const surname = rng.chance(0.015)
    ? rng.pick(COMPOUND_SURNAMES)
    : rng.weighted(SURNAME_LIST, SURNAME_WEIGHTS)
  const pool = rng.chance(0.5) ? GIVEN_MALE : GIVEN_FEMALE
  const given = rng.chance(0.3)
    ? rng.pick(pool)
    : rng.pick(rng.chance(0.5) ? GIVEN_SHARED : pool) + rng.pick(pool)
  return { name: surname + given, surname }
}
