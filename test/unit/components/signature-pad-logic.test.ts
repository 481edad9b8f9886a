import { describe, expect, it } from 'vitest'
import {
  EMPTY_SIGNATURE_MESSAGE,
  MIN_INK_LENGTH,
  SHORT_SIGNATURE_MESSAGE,
  extendStroke,
  inkLength,
  signatureProblem,
  startStroke,
  touchPoint,
  undoStroke,
  type Stroke,
} from '../../../miniprogram/components/signature-pad/logic'

function draw(points: [number, number][][]): Stroke[] {
  let strokes: Stroke[] = []
  for (const stroke of points) {
    stroke.forEach(([x, y], i) => {
      strokes = i === 0 ? startStroke(strokes, { x, y }) : extendStroke(strokes, { x, y })
    })
  }
  return strokes
}

describe('signature pad strokes', () => {
  it('reads the first touch of a canvas event and ignores unusable ones', () => {
    expect(touchPoint([{ x: 12, y: 30.5, identifier: 0 }])).toEqual({ x: 12, y: 30.5 })
    expect(touchPoint([])).toBeUndefined()
    expect(touchPoint(undefined)).toBeUndefined()
    expect(touchPoint([{ x: Number.NaN, y: 1 }])).toBeUndefined()
    expect(touchPoint([{ clientX: 3, clientY: 4 }])).toBeUndefined()
  })

  it('groups points into strokes, one per touchstart', () => {
    const strokes = draw([
      [
        [0, 0],
        [3, 4],
      ],
      [
        [10, 10],
        [10, 20],
        [10, 30],
      ],
    ])
    expect(strokes).toHaveLength(2)
    expect(strokes[1]).toHaveLength(3)
    expect(inkLength(strokes)).toBe(25)
  })

  it('starts a stroke when a move arrives without a start', () => {
    expect(extendStroke([], { x: 1, y: 2 })).toEqual([[{ x: 1, y: 2 }]])
  })

  it('undo removes only the last stroke and leaves the input untouched', () => {
    const strokes = draw([[[0, 0]], [[5, 5]]])
    const after = undoStroke(strokes)
    expect(after).toEqual([[{ x: 0, y: 0 }]])
    expect(strokes).toHaveLength(2)
    expect(undoStroke([])).toEqual([])
  })

  it('refuses an empty pad and a mere tap, accepts a written signature', () => {
    expect(signatureProblem([])).toBe(EMPTY_SIGNATURE_MESSAGE)
    expect(signatureProblem(draw([[[40, 40]]]))).toBe(SHORT_SIGNATURE_MESSAGE)
    expect(
      signatureProblem(
        draw([
          [
            [0, 0],
            [MIN_INK_LENGTH - 1, 0],
          ],
        ]),
      ),
    ).toBe(SHORT_SIGNATURE_MESSAGE)
    expect(
      signatureProblem(
        draw([
          [
            [0, 0],
            [20, 0],
          ],
          [
            [0, 10],
            [0, 30],
          ],
        ]),
      ),
    ).toBeNull()
  })
})
