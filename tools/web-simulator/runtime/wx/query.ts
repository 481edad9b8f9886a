import type { glassEasel } from 'glass-easel-miniprogram-adapter'
import { router, sim } from '../context'

// wx.createSelectorQuery() queries the current page (or `.in(component)`). The adapter's query
// lacks `node` and `computedStyle`, and measures rects against the browser window; WeChat
// measures against the page area and returns the canvas node, so results are completed here.

interface QueryRequest {
  component: { _$: glassEasel.GeneralComponent }
  selector: string | null
  single: boolean
  fields: Record<string, unknown>
  cb: (res: unknown) => void
}

interface QueryProto {
  _$push(
    this: unknown,
    selector: string | null,
    component: QueryRequest['component'],
    single: boolean,
    fields: Record<string, unknown>,
    cb: (res: unknown) => void,
  ): void
  __simPatched?: true
}

function pageOffset(): { top: number; left: number } {
  const vp = sim.router?.current()?.viewport
  if (!vp) return { top: 0, left: 0 }
  const r = vp.getBoundingClientRect()
  return { top: r.top, left: r.left }
}

function complete(
  req: {
    component: QueryRequest['component']
    selector: string | null
    single: boolean
    fields: Record<string, unknown>
  },
  res: unknown,
): void {
  if (req.selector === null) {
    const r = res as Record<string, unknown> | null
    const scroller = sim.router?.current()?.scroller
    if (r && scroller) {
      if (req.fields['scrollOffset']) {
        r['scrollTop'] = scroller.scrollTop
        r['scrollLeft'] = scroller.scrollLeft
        r['scrollHeight'] = scroller.scrollHeight
        r['scrollWidth'] = scroller.scrollWidth
      }
      if (req.fields['size']) {
        r['width'] = scroller.clientWidth
        r['height'] = scroller.clientHeight
      }
    }
    return
  }
  const root = req.component._$.getShadowRoot()
  if (!root) return
  const elems = req.single
    ? [root.querySelector(req.selector)].filter(Boolean)
    : root.querySelectorAll(req.selector)
  const list = (req.single ? [res] : (res as unknown[])) as (Record<string, unknown> | null)[]
  const off = pageOffset()
  list.forEach((r, i) => {
    const elem = elems[i] as glassEasel.Element | undefined
    if (!r || !elem) return
    const dom = elem.getBackendElement() as unknown as HTMLElement | null
    if (req.fields['rect']) {
      for (const k of ['top', 'bottom'] as const)
        if (typeof r[k] === 'number') r[k] = r[k] - off.top
      for (const k of ['left', 'right'] as const)
        if (typeof r[k] === 'number') r[k] = r[k] - off.left
    }
    if (req.fields['node']) r['node'] = dom
    const cs = req.fields['computedStyle']
    if (Array.isArray(cs) && dom) {
      const style = window.getComputedStyle(dom)
      for (const name of cs as string[])
        r[name] = style.getPropertyValue(name.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase()))
    }
  })
}

export function patchSelectorQuery(query: object): void {
  const proto = Object.getPrototypeOf(query) as QueryProto
  if (proto.__simPatched) return
  proto.__simPatched = true
  const push = Reflect.get<QueryProto, '_$push'>(proto, '_$push')
  proto._$push = function (selector, component, single, fields, cb) {
    push.call(this, selector, component, single, fields, (res: unknown) => {
      complete({ component, selector, single, fields }, res)
      if (typeof cb === 'function') cb(res)
    })
  }
}

export function createSelectorQuery(): unknown {
  const page = router().current()
  if (!page?.caller.createSelectorQuery) throw new Error('createSelectorQuery:fail 当前没有页面')
  return page.caller.createSelectorQuery()
}

export function createIntersectionObserver(
  component: { createIntersectionObserver(o?: unknown): unknown },
  options?: unknown,
): unknown {
  return component.createIntersectionObserver(options)
}
