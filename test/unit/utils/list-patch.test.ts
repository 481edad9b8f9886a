import { describe, expect, it } from 'vitest'
import { appendPatch } from '../../../miniprogram/utils/list-patch'

describe('appendPatch', () => {
  it('adds only new rows, by path, after the existing ones', () => {
    const patch = appendPatch(
      'cases',
      [{ id: 'a' }, { id: 'b' }],
      [
        { id: 'b', n: 2 },
        { id: 'c', n: 3 },
        { id: 'd', n: 4 },
      ],
    )
    expect(patch).toEqual({ 'cases[2]': { id: 'c', n: 3 }, 'cases[3]': { id: 'd', n: 4 } })
  })

  it('drops a row the same page repeats', () => {
    const b = { id: 'b', n: 2 }
    const c = { id: 'c', n: 3 }
    expect(appendPatch('results', [{ id: 'a' }], [{ id: 'a' }, b, c, b])).toEqual({
      'results[1]': b,
      'results[2]': c,
    })
  })

  it('starts at index 0 for an empty list', () => {
    expect(appendPatch('rows', [], [{ id: 'x' }])).toEqual({ 'rows[0]': { id: 'x' } })
  })

  it('is empty when the page brings nothing new', () => {
    expect(appendPatch('cases', [{ id: 'a' }], [{ id: 'a' }])).toEqual({})
  })
})
