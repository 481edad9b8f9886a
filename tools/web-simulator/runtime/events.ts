import { glassEasel } from 'glass-easel-miniprogram-adapter'

// Backend events → glass-easel. 0.12.1 has no Event.triggerBackendEvent (every tap would be
// dead), so events are forwarded to glassEasel.triggerEvent, with the mini-program
// `touches`/`changedTouches` arrays (x/y relative to the target, as on a canvas) added.

interface MpTouch {
  identifier: number
  pageX: number
  pageY: number
  clientX: number
  clientY: number
  x: number
  y: number
  force: number
}

function convertTouches(list: TouchList | undefined, rect: DOMRect | null): MpTouch[] {
  const out: MpTouch[] = []
  if (!list) return out
  for (let i = 0; i < list.length; i += 1) {
    const t = list[i]!
    out.push({
      identifier: t.identifier,
      pageX: t.pageX,
      pageY: t.pageY,
      clientX: t.clientX,
      clientY: t.clientY,
      x: rect ? t.clientX - rect.left : t.clientX,
      y: rect ? t.clientY - rect.top : t.clientY,
      force: t.force || 1,
    })
  }
  return out
}

export function forwardBackendEvents(backend: glassEasel.CurrentWindowBackendContext): void {
  backend.onEvent((target, type, detail, options) => {
    const original = options.originalEvent as Event | undefined
    // Builtins that re-emit a DOM event with WeChat's detail (input, scroll, …) own it: the raw
    // DOM event must not also reach the page with a detail of its own.
    const owner = original?.target as (EventTarget & { __simOwnsEvents?: Set<string> }) | null
    if (owner?.__simOwnsEvents?.has(type)) return undefined
    let extraFields: Record<string, unknown> | undefined
    if (original && 'changedTouches' in original) {
      const te = original as TouchEvent
      const el = te.target as HTMLElement | null
      const rect =
        el && typeof el.getBoundingClientRect === 'function' ? el.getBoundingClientRect() : null
      extraFields = {
        touches: convertTouches(te.touches, rect),
        changedTouches: convertTouches(te.changedTouches, rect),
      }
    } else if (original && 'clientX' in original) {
      const me = original as MouseEvent
      const t = {
        identifier: 0,
        pageX: me.pageX,
        pageY: me.pageY,
        clientX: me.clientX,
        clientY: me.clientY,
        x: me.clientX,
        y: me.clientY,
        force: 1,
      }
      extraFields = { touches: type === 'tap' ? [] : [t], changedTouches: [t] }
    }
    return glassEasel.triggerEvent(target, type, detail, {
      ...options,
      ...(extraFields ? { extraFields } : {}),
    })
  })
}

// tdesign's slider, swipe-cell and pickers listen only to touch events; a desktop mouse drag is
// replayed as a single-finger touch so they work in any browser.
export function emulateTouchWithMouse(): void {
  let pressed: EventTarget | null = null
  const dispatch = (type: string, e: MouseEvent, target: EventTarget) => {
    const touch = new Touch({
      identifier: 1,
      target,
      clientX: e.clientX,
      clientY: e.clientY,
      pageX: e.pageX,
      pageY: e.pageY,
      screenX: e.screenX,
      screenY: e.screenY,
    })
    const active = type === 'touchend' ? [] : [touch]
    target.dispatchEvent(
      new TouchEvent(type, {
        bubbles: true,
        cancelable: true,
        composed: true,
        touches: active,
        targetTouches: active,
        changedTouches: [touch],
      }),
    )
  }
  document.addEventListener(
    'mousedown',
    (e) => {
      if (e.button !== 0 || !e.target) return
      pressed = e.target
      dispatch('touchstart', e, pressed)
    },
    true,
  )
  document.addEventListener(
    'mousemove',
    (e) => {
      if (pressed) dispatch('touchmove', e, pressed)
    },
    true,
  )
  document.addEventListener(
    'mouseup',
    (e) => {
      if (!pressed) return
      const t = pressed
      pressed = null
      dispatch('touchend', e, t)
    },
    true,
  )
}

export function ownEvents(host: HTMLElement, types: string[]): void {
  ;(host as HTMLElement & { __simOwnsEvents?: Set<string> }).__simOwnsEvents = new Set(types)
}
