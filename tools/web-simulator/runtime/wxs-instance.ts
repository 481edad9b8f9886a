import { type glassEasel } from 'glass-easel-miniprogram-adapter'

// The WXS event-response API (`ownerInstance`, `event.instance`): WXS handlers bound with
// `bind:touchstart="{{mod.fn}}"` or `change:prop="{{mod.fn}}"` receive ComponentDescriptors
// instead of component instances. The template compiler routes every such listener through
// two hooks (Q.A for change:prop, Q.C for events); this module supplies them.

const SEGMENT_WXS = 1
const SEGMENT_WXS_STYLE = 3

type WxsFunction = ((...args: unknown[]) => unknown) & { __wxs?: true }
type AnyElement = glassEasel.Element
interface CallerLike {
  _$?: AnyElement
}

const descriptors = new WeakMap<AnyElement, ComponentDescriptor>()
const states = new WeakMap<AnyElement, Record<string, unknown>>()

function styleText(style: unknown): string {
  if (typeof style === 'string') return style
  if (style && typeof style === 'object') {
    return Object.entries(style as Record<string, unknown>)
      .map(([k, v]) => `${k.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}:${String(v)}`)
      .join(';')
  }
  return ''
}

function hostComponent(el: AnyElement): glassEasel.GeneralComponent | null {
  const comp = el as unknown as glassEasel.GeneralComponent
  if (typeof comp.getMethodCaller === 'function' && comp.shadowRoot) return comp
  return el.ownerShadowRoot?.getHostNode() ?? null
}

export class ComponentDescriptor {
  private readonly extraClasses = new Set<string>()

  constructor(private readonly el: AnyElement) {}

  private root(): {
    querySelector(s: string): AnyElement | null
    querySelectorAll(s: string): AnyElement[]
  } {
    const comp = this.el as unknown as glassEasel.GeneralComponent
    return (comp.shadowRoot ?? this.el) as unknown as ReturnType<ComponentDescriptor['root']>
  }

  selectComponent(selector: string): ComponentDescriptor | null {
    const found = this.root().querySelector(selector)
    return found ? descriptorOf(found) : null
  }

  selectAllComponents(selector: string): ComponentDescriptor[] {
    return this.root()
      .querySelectorAll(selector)
      .map((e) => descriptorOf(e))
  }

  setStyle(style: unknown): this {
    this.el.setNodeStyle(styleText(style), SEGMENT_WXS_STYLE)
    return this
  }

  addClass(name: string): this {
    for (const n of name.split(/\s+/).filter(Boolean)) this.extraClasses.add(n)
    this.el.classList?.setClassNames([...this.extraClasses].join(' '), SEGMENT_WXS)
    return this
  }

  removeClass(name: string): this {
    for (const n of name.split(/\s+/)) this.extraClasses.delete(n)
    this.el.classList?.setClassNames([...this.extraClasses].join(' '), SEGMENT_WXS)
    return this
  }

  hasClass(name: string): boolean {
    return this.extraClasses.has(name) || (this.el.classList?.contains(name) ?? false)
  }

  getDataset(): Record<string, unknown> {
    return (this.el as unknown as { dataset?: Record<string, unknown> }).dataset ?? {}
  }

  getState(): Record<string, unknown> {
    let s = states.get(this.el)
    if (!s) {
      s = {}
      states.set(this.el, s)
    }
    return s
  }

  callMethod(name: string, args?: unknown): unknown {
    const host = hostComponent(this.el)
    const caller = host?.getMethodCaller() as Record<string, unknown> | undefined
    const fn = caller?.[name]
    if (typeof fn !== 'function') throw new Error(`WXS callMethod：组件没有方法 ${name}`)
    return (fn as (a: unknown) => unknown).call(caller, args)
  }

  triggerEvent(name: string, detail?: unknown): void {
    const host = hostComponent(this.el)
    host?.triggerEvent(name, detail, {})
  }

  requestAnimationFrame(cb: () => void): number {
    return window.requestAnimationFrame(cb)
  }

  getComputedStyle(names: string[]): Record<string, string> {
    const be = this.el.getBackendElement() as unknown as HTMLElement | null
    const out: Record<string, string> = {}
    if (!be) return out
    const cs = window.getComputedStyle(be)
    for (const n of names) out[n] = cs.getPropertyValue(n)
    return out
  }

  getBoundingClientRect(): DOMRect | null {
    const be = this.el.getBackendElement() as unknown as HTMLElement | null
    return be ? be.getBoundingClientRect() : null
  }
}

export function descriptorOf(el: AnyElement): ComponentDescriptor {
  let d = descriptors.get(el)
  if (!d) {
    d = new ComponentDescriptor(el)
    descriptors.set(el, d)
  }
  return d
}

function elementOf(x: unknown): AnyElement | null {
  if (!x || typeof x !== 'object') return null
  const inner = (x as CallerLike)._$
  return (inner ?? x) as AnyElement
}

export function markWxsExports(exports: unknown): void {
  if (!exports || typeof exports !== 'object') return
  for (const v of Object.values(exports as Record<string, unknown>)) {
    if (typeof v === 'function') (v as WxsFunction).__wxs = true
  }
}

export function installWxsHooks(): void {
  const hooks = {
    changeProp(listener: WxsFunction): unknown {
      if (!listener.__wxs) return listener
      return function (newValue: unknown, oldValue: unknown, host: AnyElement, elem: AnyElement) {
        const run = () => {
          const owner = elementOf(host)
          const target = elementOf(elem)
          return listener(
            newValue,
            oldValue,
            owner ? descriptorOf(owner) : null,
            target ? descriptorOf(target) : null,
          )
        }
        // The first call happens while the node is being created, before its children exist;
        // WeChat runs it after the subtree is in place (tdesign's swipe-cell relies on that).
        if (oldValue === undefined) {
          void Promise.resolve().then(run)
          return undefined
        }
        return run()
      }
    },
    listener(caller: unknown, event: Record<string, unknown>, f: WxsFunction): unknown {
      if (!f.__wxs) return f.apply(caller, [event])
      const current = elementOf(event['currentTarget'])
      const owner = elementOf(caller)
      const ev = Object.create(event) as Record<string, unknown>
      ev['instance'] = current ? descriptorOf(current) : null
      return f(ev, owner ? descriptorOf(owner) : null)
    },
  }
  ;(globalThis as unknown as { __simWxsHooks: typeof hooks }).__simWxsHooks = hooks
}

export function installWxsRuntime(): void {
  const runtime = {
    getRegExp: (source: string, flags?: string) => new RegExp(source, flags),
    getDate: (...args: unknown[]): Date =>
      args.length === 0 ? new Date() : new Date(...(args as [number])),
    ctor: (x: unknown): string => {
      if (Array.isArray(x)) return 'Array'
      if (x instanceof Date) return 'Date'
      if (x instanceof RegExp) return 'RegExp'
      if (x === null || x === undefined) return String(x)
      const t = typeof x
      if (t === 'object') return 'Object'
      return t.charAt(0).toUpperCase() + t.slice(1)
    },
    mark: markWxsExports,
  }
  ;(globalThis as unknown as { __simWxsRuntime: typeof runtime }).__simWxsRuntime = runtime
}
