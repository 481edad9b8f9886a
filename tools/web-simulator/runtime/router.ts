import type { AssociatedBackend, CodeSpace } from 'glass-easel-miniprogram-adapter'
import { recordError } from './diagnostics'
import { type Chrome, type WindowConfig } from './chrome'
import { EventChannel, PageView } from './page-view'

// The page stack with WeChat's lifecycle order:
// - navigateTo: old onHide → new onLoad → onShow → onReady;
// - navigateBack: top onUnload (each popped page) → revealed onShow;
// - redirectTo: old onUnload → new onLoad/onShow/onReady;
// - switchTab: every non-tab page onUnload, old tab onHide, target tab onLoad (first time) → onShow;
// - reLaunch: everything onUnload, then the new page.
// Tab pages stay alive while hidden, as in WeChat; the hash (#/route?query) follows the top.

export interface TabBarItem {
  pagePath: string
  text?: string
  iconPath?: string
  selectedIconPath?: string
}

export interface AppShape {
  window?: WindowConfig
  tabBar?: {
    custom?: boolean
    color?: string
    selectedColor?: string
    backgroundColor?: string
    list: TabBarItem[]
  }
}

export class RouteError extends Error {
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`${api}:fail ${message}`)
  }
}

export function parseUrl(
  url: string,
  from: string | null,
): { route: string; query: Record<string, string> } {
  const [rawPath = '', rawQuery = ''] = url.split('?', 2)
  let route: string
  if (rawPath.startsWith('/')) route = rawPath.slice(1)
  else {
    const base = from ? from.split('/').slice(0, -1) : []
    for (const seg of rawPath.split('/')) {
      if (seg === '..') base.pop()
      else if (seg !== '.' && seg !== '') base.push(seg)
    }
    route = base.join('/')
  }
  const query: Record<string, string> = {}
  for (const part of rawQuery.split('&')) {
    if (!part) continue
    const [k = '', v = ''] = part.split('=', 2)
    // WeChat hands onLoad the raw (still encoded) values.
    query[k] = v
  }
  return { route: route.replace(/\.html$/, ''), query }
}

export class Router {
  readonly stack: PageView[] = []
  private readonly tabPages = new Map<string, PageView>()
  private readonly tabRoutes: string[]
  private nextId = 1

  constructor(
    private readonly ab: AssociatedBackend,
    private readonly space: CodeSpace,
    private readonly app: AppShape,
    private readonly pages: readonly string[],
    private readonly pageConfigs: Record<string, WindowConfig>,
    readonly chrome: Chrome,
  ) {
    this.tabRoutes = (app.tabBar?.list ?? []).map((t) => t.pagePath.replace(/^\//, ''))
  }

  isTab(route: string): boolean {
    return this.tabRoutes.includes(route)
  }

  current(): PageView | undefined {
    return this.stack[this.stack.length - 1]
  }

  private check(api: string, route: string, wantTab: boolean | null): void {
    if (!this.pages.includes(route)) throw new RouteError(api, `page "${route}" is not found`)
    if (wantTab === false && this.isTab(route))
      throw new RouteError(api, 'can not navigateTo a tabbar page')
    if (wantTab === true && !this.isTab(route))
      throw new RouteError(api, 'can not switchTab to a non-tabbar page')
  }

  private config(route: string): WindowConfig {
    return { ...(this.app.window ?? {}), ...(this.pageConfigs[route] ?? {}) }
  }

  private create(route: string, query: Record<string, string>): PageView {
    const view = new PageView({
      id: this.nextId++,
      route,
      query,
      ab: this.ab,
      space: this.space,
      config: this.config(route),
      isTab: this.isTab(route),
      tabBar: this.app.tabBar,
      host: this.chrome.pagesHost,
      router: this,
    })
    view.mount()
    return view
  }

  private load(view: PageView): void {
    view.call('onLoad', { ...view.query })
    this.show(view)
    view.whenRendered(() => {
      if (view.unloaded || view.ready) return
      view.ready = true
      view.call('onReady')
    })
  }

  private show(view: PageView): void {
    view.setVisible(true)
    this.chrome.showPage(view.config, this.stack.length > 1 || view !== this.stack[0], view.isTab)
    this.chrome.setTitle(view.title)
    this.chrome.renderNativeTabBar(this.app.tabBar, view.isTab ? view.route : null, (r) => {
      void this.switchTab('/' + r).catch((e: unknown) => recordError('tabBar', e))
    })
    view.call('onShow')
    view.pageLifetime('show')
    this.syncHash()
  }

  private hide(view: PageView): void {
    view.call('onHide')
    view.pageLifetime('hide')
    view.setVisible(false)
  }

  private unload(view: PageView): void {
    view.call('onUnload')
    view.destroy()
    if (view.isTab) this.tabPages.delete(view.route)
  }

  private syncHash(): void {
    const top = this.current()
    if (!top) return
    const qs = Object.entries(top.query)
      .map(([k, v]) => `${k}=${v}`)
      .join('&')
    const hash = `#/${top.route}${qs ? '?' + qs : ''}`
    if (location.hash !== hash) history.replaceState(null, '', hash)
  }

  async navigateTo(
    url: string,
    events: Record<string, (data: unknown) => void> = {},
  ): Promise<EventChannel> {
    const { route, query } = parseUrl(url, this.current()?.route ?? null)
    this.check('navigateTo', route, false)
    if (this.stack.length >= 10) throw new RouteError('navigateTo', 'webview count limit exceed')
    const prev = this.current()
    if (prev) this.hide(prev)
    const view = this.create(route, query)
    const opener = new EventChannel()
    for (const [name, fn] of Object.entries(events)) opener.on(name, fn)
    opener.link(view.eventChannel)
    this.stack.push(view)
    this.load(view)
    return Promise.resolve(opener)
  }

  async redirectTo(url: string): Promise<void> {
    const { route, query } = parseUrl(url, this.current()?.route ?? null)
    this.check('redirectTo', route, false)
    const prev = this.stack.pop()
    if (prev) {
      if (prev.isTab) this.hide(prev)
      else this.unload(prev)
    }
    const view = this.create(route, query)
    this.stack.push(view)
    this.load(view)
    return Promise.resolve()
  }

  async navigateBack(delta = 1): Promise<void> {
    if (this.stack.length <= 1)
      throw new RouteError('navigateBack', 'cannot navigate back at first page.')
    const n = Math.min(Math.max(1, Math.floor(delta)), this.stack.length - 1)
    for (let i = 0; i < n; i += 1) {
      const top = this.stack.pop()!
      if (top.isTab) this.hide(top)
      else this.unload(top)
    }
    this.show(this.current()!)
    return Promise.resolve()
  }

  async switchTab(url: string): Promise<void> {
    const { route } = parseUrl(url.split('?')[0] ?? url, this.current()?.route ?? null)
    this.check('switchTab', route, true)
    const prev = this.current()
    if (prev?.route === route && this.stack.length === 1) return
    while (this.stack.length) {
      const top = this.stack.pop()!
      if (top.isTab) {
        if (top === prev) this.hide(top)
      } else this.unload(top)
    }
    let view = this.tabPages.get(route)
    if (view) {
      this.stack.push(view)
      this.show(view)
    } else {
      view = this.create(route, {})
      this.tabPages.set(route, view)
      this.stack.push(view)
      this.load(view)
    }
    return Promise.resolve()
  }

  async reLaunch(url: string): Promise<void> {
    const { route, query } = parseUrl(url, this.current()?.route ?? null)
    this.check('reLaunch', route, null)
    while (this.stack.length) this.unload(this.stack.pop()!)
    for (const v of [...this.tabPages.values()]) this.unload(v)
    const view = this.create(route, this.isTab(route) ? {} : query)
    if (view.isTab) this.tabPages.set(route, view)
    this.stack.push(view)
    this.load(view)
    return Promise.resolve()
  }

  // App onHide/onShow when the simulated phone goes to the background (tests use it).
  background(hidden: boolean): void {
    const top = this.current()
    if (!top) return
    if (hidden) this.hide(top)
    else this.show(top)
  }
}
