import { update as mingoUpdate } from 'mingo'
import { describe, expect, it } from 'vitest'
import { fastUpdate } from '../../tools/cloudbase-emulator/src/database/fast-update'

type Doc = Record<string, unknown>

function viaMingo(doc: Doc, modifier: Doc): Doc {
  const copy = structuredClone(doc)
  mingoUpdate(copy, modifier, [], undefined, { cloneMode: 'deep' })
  return copy
}

describe('the $set/$inc/$unset fast path agrees with mingo', () => {
  const base: Doc = { _id: 'x', n: 1, meta: { a: 1, deep: { b: 2 } }, at: new Date(5) }
  const cases: Doc[] = [
    { $set: { n: 2 } },
    { $set: { 'meta.a': 9, 'meta.deep.c': 3, fresh: { z: [1, 2] } } },
    { $set: { 'new.path.here': true } },
    { $set: { meta: { replaced: true } } },
    { $set: { at: new Date(10) } },
    { $inc: { n: 5, 'meta.deep.b': -2, missing: 3 } },
    { $unset: { 'meta.a': '', absent: '', 'nope.deeper': '' } },
    { $set: { n: 1 }, $inc: { 'meta.a': 0 } },
  ]
  for (const modifier of cases) {
    it(JSON.stringify(modifier), () => {
      const fast = fastUpdate(base, modifier)
      expect(fast).toBeDefined()
      const expected = viaMingo(base, modifier)
      expect(fast?.doc).toEqual(expected)
      expect(fast?.changed).toBe(JSON.stringify(expected) !== JSON.stringify(base))
    })
  }

  it('leaves array paths, other operators and conflicts to mingo', () => {
    expect(fastUpdate({ a: [{ b: 1 }] }, { $set: { 'a.0.b': 2 } })).toBeUndefined()
    expect(fastUpdate({ a: [{ b: 1 }] }, { $set: { 'a.b': 2 } })).toBeUndefined()
    expect(fastUpdate({ a: [] }, { $push: { a: 1 } })).toBeUndefined()
    expect(fastUpdate({ a: { b: 1 } }, { $set: { a: 1, 'a.b': 2 } })).toBeUndefined()
    expect(fastUpdate({ a: 'text' }, { $inc: { a: 1 } })).toBeUndefined()
    expect(fastUpdate({}, { $set: { 'a..b': 1 } })).toBeUndefined()
  })
})
