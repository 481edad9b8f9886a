import type { AnimationStep } from '../animation-playback'

// wx.createAnimation(): records steps in the shape native nodes play back (native-attrs.ts).

interface AnimationOptions {
  duration?: number
  timingFunction?: string
  delay?: number
  transformOrigin?: string
}

const TRANSFORMS = [
  'matrix',
  'matrix3d',
  'rotate',
  'rotate3d',
  'rotateX',
  'rotateY',
  'rotateZ',
  'scale',
  'scale3d',
  'scaleX',
  'scaleY',
  'scaleZ',
  'skew',
  'skewX',
  'skewY',
  'translate',
  'translate3d',
  'translateX',
  'translateY',
  'translateZ',
] as const
const STYLES = [
  'opacity',
  'backgroundColor',
  'width',
  'height',
  'left',
  'right',
  'top',
  'bottom',
] as const

export class SimAnimation {
  [key: string]: unknown
  private current: { type: string; args: unknown[] }[] = []
  private steps: AnimationStep[] = []

  constructor(private readonly defaults: Required<AnimationOptions>) {
    for (const t of TRANSFORMS) {
      this[t] = (...args: unknown[]) => {
        this.current.push({ type: t, args })
        return this
      }
    }
    for (const s of STYLES) {
      this[s] = (value: unknown) => {
        this.current.push({ type: 'style', args: [s, value] })
        return this
      }
    }
  }

  step(opts: AnimationOptions = {}): this {
    const o = { ...this.defaults, ...opts }
    this.steps.push({
      animates: this.current,
      option: {
        transition: { duration: o.duration, timingFunction: o.timingFunction, delay: o.delay },
        transformOrigin: o.transformOrigin,
      },
    })
    this.current = []
    return this
  }

  export(): { actions: AnimationStep[] } {
    const actions = this.steps
    this.steps = []
    return { actions }
  }
}

export function createAnimation(opts: AnimationOptions = {}): SimAnimation {
  return new SimAnimation({
    duration: opts.duration ?? 400,
    timingFunction: opts.timingFunction ?? 'linear',
    delay: opts.delay ?? 0,
    transformOrigin: opts.transformOrigin ?? '50% 50% 0',
  })
}
