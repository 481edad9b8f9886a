import { glassEasel } from 'glass-easel-miniprogram-adapter'
import { rpxToCss } from './rpx'
import { playAnimation } from './animation-playback'

// WeChat's native nodes understand attributes that a DOM element does not: `hover-class`,
// `animation` (exported from wx.createAnimation) and rpx inside inline `style`. glass-easel
// writes them to the DOM verbatim, so its Element is patched once here.

const SEGMENT_ANIMATION = 2
const SEGMENT_HOVER = 3

interface HoverState {
  hoverClass: string
  startTime: number
  stayTime: number
  stopPropagation: boolean
  timer: number | undefined
  bound: boolean
}

type PatchedElement = glassEasel.Element & { __simHover?: HoverState }

function hoverState(el: PatchedElement): HoverState {
  if (!el.__simHover) {
    el.__simHover = {
      hoverClass: '',
      startTime: 50,
      stayTime: 400,
      stopPropagation: false,
      timer: undefined,
      bound: false,
    }
  }
  return el.__simHover
}

let activeHover: PatchedElement[] = []

function releaseHover(): void {
  for (const el of activeHover) {
    const st = hoverState(el)
    window.clearTimeout(st.timer)
    st.timer = window.setTimeout(() => {
      el.classList?.setClassNames('', SEGMENT_HOVER)
    }, st.stayTime)
  }
  activeHover = []
}

function pressHover(target: Element | null): void {
  let node: (Element & { __wxElement?: PatchedElement }) | null = target
  while (node) {
    const el = node.__wxElement
    const st = el?.__simHover
    if (el && st && st.hoverClass && st.hoverClass !== 'none') {
      activeHover.push(el)
      window.clearTimeout(st.timer)
      const cls = st.hoverClass
      st.timer = window.setTimeout(
        () => el.classList?.setClassNames(cls, SEGMENT_HOVER),
        st.startTime,
      )
      if (st.stopPropagation) return
    }
    node = node.parentElement
  }
}

export function installNativeAttributes(): void {
  const proto = glassEasel.Element.prototype as unknown as {
    setNodeStyle(this: glassEasel.Element, style: string, index?: number): void
    updateAttribute(this: glassEasel.Element, name: string, value: unknown): void
  }
  const setNodeStyle = Reflect.get<typeof proto, 'setNodeStyle'>(proto, 'setNodeStyle')
  proto.setNodeStyle = function (this: glassEasel.Element, style: string, index?: number) {
    const s = typeof style === 'string' && style.includes('rpx') ? rpxToCss(style) : style
    setNodeStyle.call(this, s, index)
  }
  const updateAttribute = Reflect.get<typeof proto, 'updateAttribute'>(proto, 'updateAttribute')
  proto.updateAttribute = function (this: PatchedElement, name: string, value: unknown) {
    switch (name) {
      case 'hover-class':
        hoverState(this).hoverClass = typeof value === 'string' ? value : ''
        return
      case 'hover-start-time':
        hoverState(this).startTime = Number(value) || 0
        return
      case 'hover-stay-time':
        hoverState(this).stayTime = Number(value) || 0
        return
      case 'hover-stop-propagation':
        hoverState(this).stopPropagation = value === true || value === 'true'
        return
      case 'animation':
        if (value && typeof value === 'object') {
          playAnimation(value, (style) => this.setNodeStyle(style, SEGMENT_ANIMATION))
        }
        return
      default:
        updateAttribute.call(this, name, value)
    }
  }
  document.addEventListener('touchstart', (e) => pressHover(e.target as Element), true)
  document.addEventListener('mousedown', (e) => pressHover(e.target as Element), true)
  document.addEventListener('touchend', releaseHover, true)
  document.addEventListener('touchcancel', releaseHover, true)
  document.addEventListener('mouseup', releaseHover, true)
}
