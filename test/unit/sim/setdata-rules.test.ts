import { describe, expect, it } from 'vitest'
import {
  inspectSetData,
  LIST_MIN_ITEMS,
  SET_DATA_LIMIT_BYTES,
  wholeListResend,
} from '../../../tools/web-simulator/runtime/setdata-rules'

// One page of a case list: twelve rows.
const cases = Array.from({ length: 12 }, (_, i) => ({
  id: String.fromCharCode(97 + i),
  status: i === 2 ? 'accepted' : 'submitted',
}))

describe('setData rules', () => {
  it('flags a whole list resent when one item changed', () => {
    const next = cases.map((c) => (c.id === 'b' ? { ...c, status: 'accepted' } : c))
    expect(wholeListResend(cases, next)).toBe('12 项中只有 1 项变化，却整表重发')
  })

  it('flags a page appended by resending the items already shown', () => {
    const next = [...cases, { id: 'd', status: 'settled' }]
    expect(wholeListResend(cases, next)).toBe('追加 1 项，却重发了已有的 12 项')
  })

  it('accepts a refreshed list, a list whose every row changed, and short detail lists', () => {
    expect(wholeListResend(cases, cases.slice(0, 1))).toBeNull()
    expect(
      wholeListResend(
        cases,
        cases.map((c) => ({ ...c, status: 'settled' })),
      ),
    ).toBeNull()
    const short = cases.slice(0, LIST_MIN_ITEMS - 1)
    expect(wholeListResend(short, [...short, { id: 'z', status: 'submitted' }])).toBeNull()
    expect(wholeListResend(undefined, cases)).toBeNull()
  })

  it('reads the previous value at the patched path, so path updates pass', () => {
    const data = { page: { cases } }
    const byPath = inspectSetData('pages/home/index', data, { 'page.cases[1]': cases[2] }, true)
    expect(byPath.violations).toEqual([])
    const whole = inspectSetData(
      'pages/home/index',
      data,
      { 'page.cases': [...cases, { id: 'd' }] },
      true,
    )
    expect(whole.violations).toEqual([
      {
        component: 'pages/home/index',
        key: 'page.cases',
        kind: 'whole-list',
        detail: '追加 1 项，却重发了已有的 12 项',
      },
    ])
  })

  it('measures UTF-8 bytes and flags one call over 256 KB', () => {
    expect(inspectSetData('p', {}, { t: '调解' }, true).bytes).toBe(
      new TextEncoder().encode('{"t":"调解"}').length,
    )
    const big = inspectSetData('p', {}, { blob: 'x'.repeat(SET_DATA_LIMIT_BYTES) }, true)
    expect(big.violations.map((v) => v.kind)).toEqual(['oversize'])
  })

  it('does not judge third-party list handling when asked not to', () => {
    const next = [...cases, { id: 'd' }]
    expect(
      inspectSetData('miniprogram_npm/x', { l: cases }, { l: next }, false).violations,
    ).toEqual([])
  })
})
