// The mediator profile as the page shows it: public facts only, in Chinese.
import type { MediatorProfile } from '../../../../typings/api/recommendMediator'
import { mediatorIdentity, ratingText, type MediatorIdentity } from '../mediators/logic'

export interface ProfileView extends MediatorIdentity {
  readonly tags: readonly string[]
  readonly bio: string
  readonly facts: readonly { readonly label: string; readonly value: string }[]
  readonly accepting: boolean
  readonly availability: string
}

export function profileView(p: MediatorProfile): ProfileView {
  const facts = [
    { label: '评价', value: ratingText(p.rating, p.ratingCount) },
    { label: '已调解案件', value: `${p.casesHandled} 件` },
    { label: '当前在办', value: `${p.currentCaseload} 件` },
  ]
  if (p.successRatePercent !== null)
    facts.push({ label: '调解成功率', value: `${p.successRatePercent}%` })
  if (p.yearsOfPractice !== null)
    facts.push({ label: '从业年限', value: `${p.yearsOfPractice} 年` })
  let availability = '可接受新案件'
  if (p.unavailableUntil) availability = `暂停接案至 ${p.unavailableUntil.slice(0, 10)}`
  else if (!p.acceptingCases) availability = '当前在办案件已满，暂不接受新案件'
  return {
    ...mediatorIdentity(p),
    tags: p.expertiseTags,
    bio: p.bio ?? '暂无简介',
    facts,
    accepting: p.acceptingCases,
    availability,
  }
}
