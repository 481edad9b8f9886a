import { describe, expect, it } from 'vitest'
import { deskSections, pendingBadge } from '../../../miniprogram/pages/workbench/logic'

describe('工作台 sections', () => {
  it('gives a user without a desk role nothing', () => {
    expect(deskSections([])).toEqual([])
    expect(deskSections(['user'])).toEqual([])
  })

  it('gives a mediator the three case tabs of the mediator desk', () => {
    const [section, ...rest] = deskSections(['user', 'mediator'])
    expect(rest).toEqual([])
    expect(section?.title).toBe('调解员工作台')
    expect(section?.entries.map((e) => [e.text, e.url])).toEqual([
      ['待受理', '/pages/mediator/cases/index?tab=pending'],
      ['调解中', '/pages/mediator/cases/index?tab=active'],
      ['已结束', '/pages/mediator/cases/index?tab=closed'],
    ])
  })

  it("gives staff the organisation desk's pages", () => {
    const sections = deskSections(['staff'])
    expect(sections.map((s) => s.role)).toEqual(['staff'])
    expect(sections[0]?.entries.map((e) => e.url)).toEqual([
      '/pages/org/queue/index',
      '/pages/org/mediators/index',
      '/pages/org/stats/index',
    ])
  })

  it('shows both desks, mediator first, to someone holding both roles', () => {
    expect(deskSections(['staff', 'mediator']).map((s) => s.role)).toEqual(['mediator', 'staff'])
  })
})

describe('待受理 badge', () => {
  it('is empty with nothing waiting, the count otherwise, with + when more pages exist', () => {
    expect(pendingBadge(0, false)).toBe('')
    expect(pendingBadge(3, false)).toBe('3')
    expect(pendingBadge(20, true)).toBe('20+')
  })
})
