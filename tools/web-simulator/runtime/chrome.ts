import { createElement as el } from './ui/overlay'
import { DEVICE, MENU_BUTTON } from './device'

// The phone chrome WeChat draws around a page: status bar, the native navigation bar (hidden
// with navigationStyle: custom), the capsule (menu button) and the native tab bar.

export interface WindowConfig {
  navigationBarTitleText?: string
  navigationBarBackgroundColor?: string
  navigationBarTextStyle?: 'black' | 'white'
  navigationStyle?: 'default' | 'custom'
  backgroundColor?: string
  enablePullDownRefresh?: boolean
  onReachBottomDistance?: number
  backgroundTextStyle?: 'dark' | 'light'
  [key: string]: unknown
}

interface TabBarShape {
  custom?: boolean
  color?: string
  selectedColor?: string
  backgroundColor?: string
  list: { pagePath: string; text?: string; iconPath?: string; selectedIconPath?: string }[]
}

export const NATIVE_TAB_BAR_HEIGHT = 50

export class Chrome {
  readonly root: HTMLElement
  readonly pagesHost: HTMLElement
  private readonly status: HTMLElement
  private readonly navbar: HTMLElement
  private readonly title: HTMLElement
  private readonly back: HTMLElement
  private readonly loading: HTMLElement
  private readonly tabbar: HTMLElement
  onBack: () => void = () => undefined
  onHome: () => void = () => undefined

  constructor(mount: HTMLElement) {
    this.root = mount
    mount.classList.add('sim-app')
    this.status = el('div', 'sim-status')
    this.status.append(
      el('span', 'sim-status__time', '9:41'),
      el('span', 'sim-status__icons', '▂▄▆ ◔ ▭'),
    )
    this.navbar = el('div', 'sim-navbar')
    this.back = el('button', 'sim-navbar__back')
    this.back.setAttribute('aria-label', '返回')
    this.back.addEventListener('click', () => this.onBack())
    this.loading = el('div', 'sim-spinner sim-navbar__loading')
    this.title = el('div', 'sim-navbar__title')
    this.navbar.append(this.back, this.loading, this.title)
    const capsule = el('div', 'sim-capsule')
    capsule.style.cssText = `top:${MENU_BUTTON.top}px;left:${MENU_BUTTON.left}px;width:${MENU_BUTTON.width}px;height:${MENU_BUTTON.height}px`
    capsule.append(
      el('span', 'sim-capsule__more', '···'),
      el('span', 'sim-capsule__sep'),
      el('span', 'sim-capsule__close', '◉'),
    )
    this.pagesHost = el('div', 'sim-pages')
    this.tabbar = el('div', 'sim-tabbar')
    mount.append(this.pagesHost, this.navbar, this.status, capsule, this.tabbar)
  }

  showPage(config: WindowConfig, canGoBack: boolean, isTab: boolean): void {
    const custom = config.navigationStyle === 'custom'
    this.navbar.style.display = custom ? 'none' : ''
    const dark = config.navigationBarTextStyle === 'white'
    this.root.classList.toggle('sim-app--light-text', dark)
    this.navbar.style.background = config.navigationBarBackgroundColor ?? '#ffffff'
    this.pagesHost.style.top = custom
      ? '0'
      : `${DEVICE.statusBarHeight + DEVICE.navigationBarHeight}px`
    this.back.classList.toggle('sim-navbar__back--home', !canGoBack && !isTab)
    this.back.style.visibility = canGoBack || !isTab ? 'visible' : 'hidden'
    this.back.onclick = canGoBack ? null : () => this.onHome()
  }

  setTitle(title: string): void {
    this.title.textContent = title
  }

  setNavigationLoading(on: boolean): void {
    this.loading.style.display = on ? 'inline-block' : 'none'
  }

  setNavigationColor(front: string, background: string): void {
    this.root.classList.toggle('sim-app--light-text', front.toLowerCase() === '#ffffff')
    this.navbar.style.background = background
  }

  renderNativeTabBar(
    tabBar: TabBarShape | undefined,
    selected: string | null,
    go: (route: string) => void,
  ): void {
    this.tabbar.textContent = ''
    const visible = !!tabBar && !tabBar.custom && selected !== null
    this.tabbar.style.display = visible ? '' : 'none'
    this.pagesHost.style.bottom = visible ? `${NATIVE_TAB_BAR_HEIGHT}px` : '0'
    if (!visible || !tabBar) return
    this.tabbar.style.background = tabBar.backgroundColor ?? '#ffffff'
    for (const item of tabBar.list) {
      const route = item.pagePath.replace(/^\//, '')
      const on = route === selected
      const b = el('button', `sim-tabbar__item${on ? ' sim-tabbar__item--on' : ''}`)
      b.style.color = (on ? tabBar.selectedColor : tabBar.color) ?? (on ? '#07c160' : '#7a7e83')
      const icon = on ? (item.selectedIconPath ?? item.iconPath) : item.iconPath
      if (icon) {
        const img = el('img', 'sim-tabbar__icon')
        img.src = '/' + icon.replace(/^\//, '')
        b.appendChild(img)
      }
      b.appendChild(el('span', 'sim-tabbar__text', item.text ?? ''))
      b.addEventListener('click', () => go(route))
      this.tabbar.appendChild(b)
    }
  }
}
