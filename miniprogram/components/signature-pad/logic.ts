// Pure model of a handwritten signature: strokes of points in canvas CSS pixels. The component
// keeps it outside `data` (touchmove fires ~60 times a second; none of it needs rendering by
// setData) and redraws from it after an undo.

export interface Point {
  readonly x: number
  readonly y: number
}

export type Stroke = readonly Point[]

/**
 * Total pen travel below which a pad counts as empty: a tap or an accidental brush leaves a few
 * pixels, which a court could not read as anyone's signature.
 */
export const MIN_INK_LENGTH = 24

export const EMPTY_SIGNATURE_MESSAGE = '请先在签名框内手写签名'
export const SHORT_SIGNATURE_MESSAGE = '签名过于简短，请在签名框内完整书写您的姓名'

/** Reads the first touch of a mini-program touch event; undefined when it has no usable point. */
export function touchPoint(touches: unknown): Point | undefined {
  if (!Array.isArray(touches)) return undefined
  const t = touches[0] as { x?: unknown; y?: unknown } | undefined
  if (!t || typeof t.x !== 'number' || typeof t.y !== 'number') return undefined
  if (!Number.isFinite(t.x) || !Number.isFinite(t.y)) return undefined
  return { x: t.x, y: t.y }
}

export function startStroke(strokes: readonly Stroke[], p: Point): Stroke[] {
  return [...strokes, [p]]
}

/** Adds a point to the last stroke (starting one if a move arrives without a start). */
export function extendStroke(strokes: readonly Stroke[], p: Point): Stroke[] {
  const last = strokes[strokes.length - 1]
  if (!last) return [[p]]
  return [...strokes.slice(0, -1), [...last, p]]
}

export function undoStroke(strokes: readonly Stroke[]): Stroke[] {
  return strokes.slice(0, -1)
}

export function inkLength(strokes: readonly Stroke[]): number {
  let total = 0
  for (const stroke of strokes) {
    for (let i = 1; i < stroke.length; i += 1) {
      const a = stroke[i - 1]!
      const b = stroke[i]!
      total += Math.hypot(b.x - a.x, b.y - a.y)
    }
  }
  return total
}

/** Why the pad cannot be confirmed yet, or null when it holds a signature. */
export function signatureProblem(strokes: readonly Stroke[]): string | null {
  if (strokes.length === 0) return EMPTY_SIGNATURE_MESSAGE
  if (inkLength(strokes) < MIN_INK_LENGTH) return SHORT_SIGNATURE_MESSAGE
  return null
}
