import type { AssociatedBackend, CodeSpace, Root } from 'glass-easel-miniprogram-adapter'
import { recordError, recordLifecycle } from './diagnostics'
import type { WindowConfig } from './chrome'
import { createElement as el } from './ui/overlay'
import { patchSelectorQuery } from './wx/query'

// One page of the stack: its own viewport (a transformed box, so `position: fixed` inside the
// page is relative to the page area as in WeChat, not to the browser window), a scroller for
// page scrolling and pull-down refresh, and for tab pages its own custom tab bar instance.

export type PageCaller = Record<string, unknown> & {
  route?: string
  options?: Record<string, string>
  setData?: (d: Record<string, unknown>) => void
  createSelectorQuery?: () => unknown
}

interface RouterLike {
  chrome: { setTitle(t: string): void }
  current(): PageView | undefined
}

export interface PageViewOptions {
  id: number
  route: string
  query: Record<string, string>
  ab: AssociatedBackend
  space: CodeSpace
  config: WindowConfig
  isTab: boolean
  tabBar: { custom?: boolean } | undefined
  host: HTMLElement
  router: RouterLike
}

const PULL_THRESHOLD = 50
const PULL_MAX = 80

export class PageView {
  readonly id: number
  readonly route: string
  readonly query: Record<string, string>
  readonly config: WindowConfig
  readonly isTab: boolean
  title: string
  ready = false
  unloaded = false
  root!: Root
  caller!: PageCaller
  tabBarRoot: Root | null = null
  readonly viewport: HTMLElement
  readonly scroller: HTMLElement
  private readonly refresh: HTMLElement
  private readonly content: HTMLElement
  private readonly tabBarHost: HTMLElement
  private refreshing = false
  private atBottom = false

  constructor(private readonly opts: PageViewOptions) {
    this.id = opts.id
    this.route = opts.route
    this.query = opts.query
    this.config = opts.config
    this.isTab = opts.isTab
    this.title = opts.config.navigationBarTitleText ?? ''
    this.viewport = el('div', 'sim-page')
    this.viewport.dataset['route'] = opts.route
    this.refresh = el(
      'div',
      `sim-page__refresh sim-page__refresh--${opts.config.backgroundTextStyle ?? 'dark'}`,
    )
    this.refresh.append(el('i', ''), el('i', ''), el('i', ''))
    this.scroller = el('div', 'sim-page__scroller')
    this.scroller.style.background = opts.config.backgroundColor ?? '#ffffff'
    this.content = el('div', 'sim-page__content')
    this.scroller.appendChild(this.content)
    this.tabBarHost = el('div', 'sim-page__tabbar')
    this.viewport.append(this.refresh, this.scroller, this.tabBarHost)
  }

  mount(): void {
    this.opts.host.appendChild(this.viewport)
    const placeholder = document.createElement('span')
    this.content.appendChild(placeholder)
    this.root = this.opts.ab.createRoot('page', this.opts.space, this.route)
    this.caller = this.root.get() as unknown as PageCaller
    if (this.caller.createSelectorQuery)
      patchSelectorQuery(this.caller.createSelectorQuery() as object)
    Object.assign(this.caller, {
      route: this.route,
      __route__: this.route,
      options: { ...this.query },
      __wxWebviewId__: this.id,
      getTabBar: () => this.tabBarRoot?.get() ?? null,
      getOpenerEventChannel: () => this.eventChannel,
    })
    this.root.attach(this.content as never, placeholder as never)
    if (this.isTab && this.opts.tabBar?.custom) this.mountTabBar()
    this.bindScroll()
    this.bindPullDown()
  }

  eventChannel = new EventChannel()

  private mountTabBar(): void {
    const placeholder = document.createElement('span')
    this.tabBarHost.appendChild(placeholder)
    try {
      this.tabBarRoot = this.opts.ab.createRoot(
        'custom-tab-bar',
        this.opts.space,
        'custom-tab-bar/index',
      )
      this.tabBarRoot.attach(this.tabBarHost as never, placeholder as never)
    } catch (e) {
      recordError('custom-tab-bar', e)
      return
    }
    const measure = () => {
      let h = 0
      for (const node of Array.from(this.tabBarHost.querySelectorAll('*')).slice(0, 40)) {
        const cs = window.getComputedStyle(node)
        if (cs.position === 'fixed')
          h = Math.max(h, (node as HTMLElement).getBoundingClientRect().height)
      }
      if (h === 0) h = this.tabBarHost.getBoundingClientRect().height
      this.scroller.style.bottom = `${h}px`
    }
    new ResizeObserver(measure).observe(this.tabBarHost)
    window.setTimeout(measure, 50)
    this.whenRendered(measure)
  }

  call(hook: string, arg?: unknown): unknown {
    recordLifecycle(this.route, hook)
    const fn = this.caller[hook]
    if (typeof fn !== 'function') return undefined
    try {
      return (fn as (a: unknown) => unknown).call(this.caller, arg)
    } catch (e) {
      recordError(`${this.route}.${hook}`, e)
      return undefined
    }
  }

  has(hook: string): boolean {
    return typeof this.caller[hook] === 'function'
  }

  pageLifetime(name: string): void {
    try {
      this.root.getComponent().triggerPageLifetime(name, [])
      this.tabBarRoot?.getComponent().triggerPageLifetime(name, [])
    } catch (e) {
      recordError(`${this.route} pageLifetimes.${name}`, e)
    }
  }

  whenRendered(cb: () => void): void {
    window.requestAnimationFrame(() => window.setTimeout(cb, 0))
  }

  setVisible(on: boolean): void {
    this.viewport.style.display = on ? '' : 'none'
  }

  setTitle(title: string): void {
    this.title = title
    if (this.opts.router.current() === this) this.opts.router.chrome.setTitle(title)
  }

  destroy(): void {
    this.unloaded = true
    try {
      this.tabBarRoot?.release()
      this.root.release()
    } catch (e) {
      recordError(`${this.route} release`, e)
    }
    this.viewport.remove()
  }

  scrollTo(top: number, duration: number): void {
    this.scroller.scrollTo({ top, behavior: duration > 0 ? 'smooth' : 'auto' })
  }

  private bindScroll(): void {
    const distance = this.config.onReachBottomDistance ?? 50
    this.scroller.addEventListener('scroll', () => {
      const s = this.scroller
      if (this.has('onPageScroll')) this.call('onPageScroll', { scrollTop: s.scrollTop })
      const bottom = s.scrollHeight - s.scrollTop - s.clientHeight <= distance
      if (bottom && !this.atBottom && s.scrollTop > 0) this.call('onReachBottom')
      this.atBottom = bottom
    })
  }

  private bindPullDown(): void {
    if (!this.config.enablePullDownRefresh) return
    let startY: number | null = null
    let pulled = 0
    this.scroller.addEventListener('touchstart', (e) => {
      if (this.scroller.scrollTop > 0 || this.refreshing) return
      startY = e.touches[0]?.clientY ?? null
    })
    this.scroller.addEventListener('touchmove', (e) => {
      if (startY === null) return
      pulled = Math.max(0, Math.min(PULL_MAX, ((e.touches[0]?.clientY ?? startY) - startY) / 2))
      this.setPull(pulled, false)
    })
    this.scroller.addEventListener('touchend', () => {
      if (startY === null) return
      startY = null
      if (pulled >= PULL_THRESHOLD) this.startPullDownRefresh()
      else this.setPull(0, true)
      pulled = 0
    })
  }

  private setPull(px: number, animate: boolean): void {
    this.scroller.style.transition = animate ? 'transform 0.3s' : 'none'
    this.scroller.style.transform = px ? `translateY(${px}px)` : ''
    this.refresh.style.height = `${px}px`
    this.refresh.style.transition = this.scroller.style.transition
  }

  startPullDownRefresh(): void {
    if (this.refreshing) return
    this.refreshing = true
    this.refresh.classList.add('sim-page__refresh--on')
    this.setPull(PULL_THRESHOLD, true)
    this.call('onPullDownRefresh')
  }

  stopPullDownRefresh(): void {
    this.refreshing = false
    this.refresh.classList.remove('sim-page__refresh--on')
    this.setPull(0, true)
  }

  get isRefreshing(): boolean {
    return this.refreshing
  }
}

// navigateTo's `events` and the opened page's getOpenerEventChannel() talk through this.
export class EventChannel {
  private readonly listeners = new Map<string, ((data: unknown) => void)[]>()
  private peer: EventChannel | null = null

  link(other: EventChannel): void {
    this.peer = other
    other.peer = this
  }

  on(name: string, fn: (data: unknown) => void): void {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), fn])
  }

  once(name: string, fn: (data: unknown) => void): void {
    const wrapped = (d: unknown) => {
      this.off(name, wrapped)
      fn(d)
    }
    this.on(name, wrapped)
  }

  off(name: string, fn?: (data: unknown) => void): void {
    if (!fn) this.listeners.delete(name)
    else
      this.listeners.set(
        name,
        (this.listeners.get(name) ?? []).filter((f) => f !== fn),
      )
  }

  emit(name: string, data?: unknown): void {
    for (const fn of this.peer?.listeners.get(name) ?? []) fn(data)
  }
}
