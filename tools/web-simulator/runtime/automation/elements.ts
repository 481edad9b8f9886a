import { glassEasel } from 'glass-easel-miniprogram-adapter'
import { sim } from '../context'
import type { PageView } from '../page-view'
import { attributeOf, childElements, isBuiltin, isComponent, queryAll, tagNameOf } from './selector'
import { readPath, text, toJson } from './data'
import { serializeWxml } from './wxml'

// Element ids stay stable per glass-easel node for the life of the page; custom components also
// carry a nodeId so the client builds a CustomElement for them.

type Node = glassEasel.Element
type Params = Record<string, unknown>

const byId = new Map<number, Node>()
const ids = new WeakMap<Node, number>()
let nextId = 1

export function elementInfo(n: Node): { elementId: string; tagName: string; nodeId?: string } {
  let id = ids.get(n)
  if (id === undefined) {
    id = nextId++
    ids.set(n, id)
    byId.set(id, n)
  }
  const info = { elementId: String(id), tagName: tagNameOf(n) }
  return isComponent(n) && !isBuiltin(n) ? { ...info, nodeId: String(id) } : info
}

export function resolvePage(pageId: unknown): PageView {
  const stack = sim.router?.stack ?? []
  const view = stack.find((p) => p.id === Number(pageId))
  if (!view) throw new Error(`页面 ${String(pageId)} 已不在页面栈中`)
  return view
}

export function scopeOfPage(view: PageView): { childNodes: unknown[] } {
  const comp = (view.root.get() as unknown as { _$: glassEasel.GeneralComponent })._$
  return comp.getShadowRoot()!
}

function resolve(params: Params): Node {
  const n = byId.get(Number(params['elementId']))
  if (!n) throw new Error(`元素 ${String(params['elementId'])} 不存在`)
  return n
}

function domOf(n: Node): HTMLElement {
  const own = n.$$ as unknown as HTMLElement | null
  if (own && own.nodeType === 1) return own
  // A virtual-host component has no node of its own: its first rendered descendant stands in.
  const sr = isComponent(n) ? n.getShadowRoot() : null
  for (const c of childElements(sr ?? n)) {
    try {
      return domOf(c)
    } catch {
      // keep looking
    }
  }
  throw new Error(`元素 ${tagNameOf(n)} 没有渲染节点`)
}

function caller(n: Node): Record<string, unknown> {
  if (!isComponent(n)) throw new Error(`元素 ${tagNameOf(n)} 不是自定义组件`)
  return n.getMethodCaller()
}

function touch(dom: HTMLElement, type: string, points: { clientX: number; clientY: number }[]) {
  const list = points.map(
    (p, i) =>
      new Touch({
        identifier: i + 1,
        target: dom,
        clientX: p.clientX,
        clientY: p.clientY,
        pageX: p.clientX,
        pageY: p.clientY,
      }),
  )
  const active = type === 'touchend' || type === 'touchcancel' ? [] : list
  dom.dispatchEvent(
    new TouchEvent(type, {
      bubbles: true,
      cancelable: true,
      composed: true,
      touches: active,
      targetTouches: active,
      changedTouches: list,
    }),
  )
}

function center(dom: HTMLElement): { clientX: number; clientY: number } {
  const r = dom.getBoundingClientRect()
  return { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }
}

function points(params: Params, dom: HTMLElement): { clientX: number; clientY: number }[] {
  // The client's typings spell it `changeTouches`; accept DevTools' `changedTouches` as well.
  const given = (params['changedTouches'] ?? params['changeTouches'] ?? params['touches']) as
    { clientX?: number; clientY?: number; pageX?: number; pageY?: number }[] | undefined
  if (!given || given.length === 0) return [center(dom)]
  const c = center(dom)
  return given.map((t) => ({
    clientX: t.clientX ?? t.pageX ?? c.clientX,
    clientY: t.clientY ?? t.pageY ?? c.clientY,
  }))
}

// WeChat fires `longpress` once a finger has rested 350 ms without moving away; glass-easel
// only derives `tap` from touches, so the bridge keeps the timer of the one finger it drives.
const LONGPRESS_MS = 350
let pressTimer: ReturnType<typeof setTimeout> | null = null
let pressStart: { clientX: number; clientY: number } | null = null

function trackLongpress(n: Node, type: string, at: { clientX: number; clientY: number }): void {
  if (type === 'touchstart') {
    if (pressTimer) clearTimeout(pressTimer)
    pressStart = at
    pressTimer = setTimeout(() => {
      pressTimer = null
      glassEasel.triggerEvent(n, 'longpress', {}, { bubbles: true, composed: true })
    }, LONGPRESS_MS)
    return
  }
  const moved =
    pressStart !== null &&
    Math.hypot(at.clientX - pressStart.clientX, at.clientY - pressStart.clientY) > 10
  if (pressTimer && (type !== 'touchmove' || moved)) {
    clearTimeout(pressTimer)
    pressTimer = null
  }
}

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => setTimeout(r, 0)))

function trigger(n: Node, type: string, detail: unknown): void {
  glassEasel.triggerEvent(n, type, detail ?? {}, { bubbles: false, composed: false })
}

function callFunction(n: Node, name: string, args: unknown[]): unknown {
  const dom = domOf(n)
  switch (name) {
    case 'input.input':
    case 'textarea.input': {
      const control =
        dom instanceof HTMLInputElement || dom instanceof HTMLTextAreaElement
          ? dom
          : dom.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')
      if (!control) throw new Error(`${tagNameOf(n)} 不是输入框`)
      control.value = text(args[0])
      control.dispatchEvent(new InputEvent('input', { bubbles: true, data: control.value }))
      return null
    }
    case 'scroll-view.scrollTo': {
      const [x, y] = args as [number, number]
      dom.scrollTo({ left: Number(x ?? 0), top: Number(y ?? 0) })
      dom.dispatchEvent(new Event('scroll'))
      return null
    }
    case 'scroll-view.scrollTop':
      return dom.scrollTop
    case 'scroll-view.scrollLeft':
      return dom.scrollLeft
    case 'scroll-view.scrollWidth':
      return dom.scrollWidth
    case 'scroll-view.scrollHeight':
      return dom.scrollHeight
    case 'swiper.swipeTo': {
      const c = caller(n) as { setData?: (d: object) => void }
      c.setData?.({ current: Number(args[0] ?? 0) })
      trigger(n, 'change', { current: Number(args[0] ?? 0), source: 'touch' })
      return null
    }
    case 'movable-view.moveTo': {
      // The simulator has no movable-view: say so rather than set data nothing renders.
      if (!isComponent(n) || !glassEasel.Component.hasProperty(n, 'x'))
        throw new Error('模拟器没有实现 movable-view 组件，无法调用 moveTo')
      const [x, y] = args as [number, number]
      const c = caller(n) as { setData?: (d: object) => void }
      c.setData?.({ x: Number(x), y: Number(y) })
      trigger(n, 'change', { x: Number(x), y: Number(y), source: 'touch' })
      return null
    }
    case 'switch.tap':
      touch(dom, 'touchstart', [center(dom)])
      touch(dom, 'touchend', [center(dom)])
      dom.click()
      return null
    default:
      throw new Error(`模拟器的自动化桥不支持元素函数 ${name}`)
  }
}

export async function handleElement(method: string, params: Params): Promise<unknown> {
  const n = resolve(params)
  switch (method) {
    case 'Element.getElement':
    case 'Element.getElements': {
      const scope = isComponent(n) && !isBuiltin(n) ? n.getShadowRoot()! : n
      const nodes = queryAll(scope, String(params['selector']))
      if (method === 'Element.getElements') return { elements: nodes.map(elementInfo) }
      const first = nodes[0]
      if (!first) throw new Error(`未找到元素：${String(params['selector'])}`)
      return elementInfo(first)
    }
    case 'Element.tap': {
      const dom = domOf(n)
      const p = [center(dom)]
      touch(dom, 'touchstart', p)
      touch(dom, 'touchend', p)
      dom.dispatchEvent(new MouseEvent('click', { bubbles: true, ...p[0] }))
      await nextFrame()
      return {}
    }
    case 'Element.touchstart':
    case 'Element.touchmove':
    case 'Element.touchend': {
      const dom = domOf(n)
      const type = method.slice('Element.'.length)
      const at = points(params, dom)
      touch(dom, type, at)
      trackLongpress(n, type, at[0] ?? center(dom))
      await nextFrame()
      return {}
    }
    case 'Element.triggerEvent':
      trigger(n, String(params['type']), params['detail'])
      return {}
    case 'Element.dispatchEvent':
      glassEasel.triggerEvent(n, String(params['eventName']), params['detail'] ?? {}, {
        bubbles: true,
        composed: true,
      })
      return {}
    case 'Element.callFunction':
      return {
        result: toJson(
          callFunction(n, String(params['functionName']), (params['args'] as []) ?? []),
        ),
      }
    case 'Element.getDOMProperties': {
      const dom = domOf(n) as unknown as Record<string, unknown>
      const names = (params['names'] as string[]) ?? []
      return { properties: names.map((k) => toJson(dom[k])) }
    }
    case 'Element.getProperties': {
      const names = (params['names'] as string[]) ?? []
      const data = isComponent(n) ? (n.data as Record<string, unknown>) : {}
      return {
        properties: names.map((k) => {
          if (k === '__propPublic') {
            const map: Record<string, boolean> = {}
            if (isComponent(n))
              for (const key of Object.keys(data))
                if (glassEasel.Component.hasProperty(n, key)) map[key] = true
            map['value'] = map['value'] ?? tagNameOf(n) in { input: 1, textarea: 1 }
            return map
          }
          if (k in data) return toJson(data[k])
          const dom = domOf(n) as unknown as Record<string, unknown>
          return toJson(dom[k])
        }),
      }
    }
    case 'Element.getAttributes': {
      const names = (params['names'] as string[]) ?? []
      return { attributes: names.map((k) => attributeOf(n, k)) }
    }
    case 'Element.getStyles': {
      const names = (params['names'] as string[]) ?? []
      const style = getComputedStyle(domOf(n))
      return { styles: names.map((k) => style.getPropertyValue(k)) }
    }
    case 'Element.getOffset': {
      const r = domOf(n).getBoundingClientRect()
      const view = sim.router?.current()
      const scroll = view?.scroller
      const base = scroll?.getBoundingClientRect()
      return {
        left: r.left - (base?.left ?? 0) + (scroll?.scrollLeft ?? 0),
        top: r.top - (base?.top ?? 0) + (scroll?.scrollTop ?? 0),
      }
    }
    case 'Element.getWXML':
      return { wxml: serializeWxml(n, params['type'] === 'outer') }
    case 'Element.getData':
      return { data: readPath(isComponent(n) ? n.data : {}, params['path']) }
    case 'Element.setData': {
      const c = caller(n) as { setData: (d: object) => void }
      c.setData((params['data'] as object) ?? {})
      return {}
    }
    case 'Element.callMethod': {
      const c = caller(n)
      const name = String(params['method'])
      const fn = c[name]
      if (typeof fn !== 'function') throw new Error(`组件 ${tagNameOf(n)} 没有方法 ${name}`)
      const args = (params['args'] as unknown[]) ?? []
      return { result: toJson(await (fn as (...a: unknown[]) => unknown).apply(c, args)) }
    }
    default:
      throw new Error(`模拟器的自动化桥不支持方法 ${method}`)
  }
}
