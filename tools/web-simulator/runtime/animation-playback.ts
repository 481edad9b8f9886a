// Plays `wx.createAnimation().export()` on a node the way WeChat does: each step becomes one
// CSS transition; the next step starts when the previous one has run for its duration.

export interface AnimationStep {
  animates: { type: string; args: unknown[] }[]
  option: {
    transition: { duration: number; timingFunction: string; delay: number }
    transformOrigin: string
  }
}

export interface AnimationExport {
  actions?: AnimationStep[]
}

const STYLE_PROPS: Record<string, string> = {
  opacity: 'opacity',
  backgroundColor: 'background-color',
  width: 'width',
  height: 'height',
  left: 'left',
  right: 'right',
  top: 'top',
  bottom: 'bottom',
}

function text(v: unknown, fallback: string): string {
  if (typeof v === 'string') return v
  if (typeof v === 'number' || typeof v === 'boolean') return String(v)
  return fallback
}

function unit(v: unknown): string {
  return typeof v === 'number' ? `${v}px` : text(v, '0')
}

function deg(v: unknown): string {
  return typeof v === 'number' ? `${v}deg` : text(v, '0')
}

function transformOf(type: string, args: unknown[]): string | null {
  switch (type) {
    case 'translate':
      return `translate(${unit(args[0] ?? 0)}, ${unit(args[1] ?? 0)})`
    case 'translateX':
    case 'translateY':
    case 'translateZ':
      return `${type}(${unit(args[0] ?? 0)})`
    case 'translate3d':
      return `translate3d(${unit(args[0] ?? 0)}, ${unit(args[1] ?? 0)}, ${unit(args[2] ?? 0)})`
    case 'rotate':
    case 'rotateX':
    case 'rotateY':
    case 'rotateZ':
    case 'skewX':
    case 'skewY':
      return `${type}(${deg(args[0] ?? 0)})`
    case 'skew':
      return `skew(${deg(args[0] ?? 0)}, ${deg(args[1] ?? 0)})`
    case 'scale':
      return `scale(${text(args[0], '1')}, ${text(args[1] ?? args[0], '1')})`
    case 'scaleX':
    case 'scaleY':
    case 'scaleZ':
      return `${type}(${text(args[0], '1')})`
    case 'matrix':
    case 'matrix3d':
      return `${type}(${args.map((x) => text(x, '0')).join(',')})`
    default:
      return null
  }
}

function stepStyle(step: AnimationStep): { style: string; total: number } {
  const t = step.option.transition
  const transforms: string[] = []
  const props: string[] = []
  for (const a of step.animates) {
    if (a.type === 'style') {
      const name = text(a.args[0], '')
      props.push(`${STYLE_PROPS[name] ?? name}:${unit(a.args[1])}`)
      continue
    }
    const css = transformOf(a.type, a.args)
    if (css) transforms.push(css)
  }
  const parts = [
    `transition:all ${t.duration}ms ${t.timingFunction} ${t.delay}ms`,
    `transform-origin:${step.option.transformOrigin}`,
    ...props,
  ]
  if (transforms.length) parts.push(`transform:${transforms.join(' ')}`)
  return { style: parts.join(';'), total: t.duration + t.delay }
}

export function playAnimation(data: AnimationExport, apply: (style: string) => void): void {
  const steps = data.actions ?? []
  let accumulated = ''
  let at = 0
  for (const step of steps) {
    const { style, total } = stepStyle(step)
    // Later steps keep earlier end states that they do not override, as WeChat does.
    accumulated = accumulated ? `${accumulated};${style}` : style
    const snapshot = accumulated
    if (at === 0) apply(snapshot)
    else window.setTimeout(() => apply(snapshot), at)
    at += total
  }
}
