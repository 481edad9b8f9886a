import { router, sim } from '../context'
import { RouteError } from '../router'
import { ApiFail, asyncApi } from './promisify'
import * as overlay from '../ui/overlay'

// Routing, native UI (toast/modal/loading/action sheet), navigation bar and page scrolling.

function routeFail(e: unknown): never {
  if (e instanceof RouteError) throw new ApiFail(e.message.replace(/^\w+:fail /, ''))
  throw e
}

function topPage() {
  const p = router().current()
  if (!p) throw new ApiFail('no page')
  return p
}

export const pageApis = {
  navigateTo: asyncApi(
    'navigateTo',
    async (o: { url: string; events?: Record<string, (d: unknown) => void> }) => {
      const eventChannel = await router()
        .navigateTo(o.url, o.events ?? {})
        .catch(routeFail)
      return { eventChannel }
    },
  ),
  redirectTo: asyncApi('redirectTo', (o: { url: string }) =>
    router().redirectTo(o.url).catch(routeFail),
  ),
  switchTab: asyncApi('switchTab', (o: { url: string }) =>
    router().switchTab(o.url).catch(routeFail),
  ),
  reLaunch: asyncApi('reLaunch', (o: { url: string }) => router().reLaunch(o.url).catch(routeFail)),
  navigateBack: asyncApi('navigateBack', (o: { delta?: number }) =>
    router()
      .navigateBack(o.delta ?? 1)
      .catch(routeFail),
  ),

  showToast: asyncApi(
    'showToast',
    (o: {
      title?: string
      icon?: 'success' | 'error' | 'loading' | 'none'
      image?: string
      duration?: number
      mask?: boolean
    }) => {
      overlay.showToast(
        {
          title: o.title ?? '',
          icon: o.icon ?? 'success',
          ...(o.image ? { image: o.image } : {}),
          duration: o.duration ?? 1500,
          mask: !!o.mask,
        },
        'toast',
      )
    },
  ),
  hideToast: asyncApi('hideToast', () => overlay.hideToast('toast')),
  showLoading: asyncApi('showLoading', (o: { title?: string; mask?: boolean }) => {
    overlay.showToast(
      { title: o.title ?? '', icon: 'loading', duration: 0, mask: !!o.mask },
      'loading',
    )
  }),
  hideLoading: asyncApi('hideLoading', () => overlay.hideToast('loading')),
  showModal: asyncApi(
    'showModal',
    (o: {
      title?: string
      content?: string
      showCancel?: boolean
      cancelText?: string
      cancelColor?: string
      confirmText?: string
      confirmColor?: string
      editable?: boolean
      placeholderText?: string
    }) =>
      overlay.showModal({
        title: o.title ?? '',
        content: o.content ?? '',
        showCancel: o.showCancel ?? true,
        cancelText: o.cancelText ?? '取消',
        cancelColor: o.cancelColor ?? '#000000',
        confirmText: o.confirmText ?? '确定',
        confirmColor: o.confirmColor ?? '#576B95',
        editable: !!o.editable,
        placeholderText: o.placeholderText ?? '',
      }),
  ),
  showActionSheet: asyncApi(
    'showActionSheet',
    async (o: { itemList: string[]; itemColor?: string; alertText?: string }) => {
      if (!Array.isArray(o.itemList) || o.itemList.length === 0 || o.itemList.length > 6) {
        throw new ApiFail('parameter error: itemList 需要 1 到 6 项')
      }
      const i = await overlay.showSheet({
        ...(o.alertText ? { title: o.alertText } : {}),
        items: o.itemList.map((text) => ({ text, ...(o.itemColor ? { color: o.itemColor } : {}) })),
      })
      if (i < 0) throw new ApiFail('cancel')
      return { tapIndex: i }
    },
  ),

  setNavigationBarTitle: asyncApi('setNavigationBarTitle', (o: { title: string }) =>
    topPage().setTitle(o.title ?? ''),
  ),
  setNavigationBarColor: asyncApi(
    'setNavigationBarColor',
    (o: { frontColor: string; backgroundColor: string }) =>
      router().chrome.setNavigationColor(o.frontColor, o.backgroundColor),
  ),
  showNavigationBarLoading: asyncApi('showNavigationBarLoading', () =>
    router().chrome.setNavigationLoading(true),
  ),
  hideNavigationBarLoading: asyncApi('hideNavigationBarLoading', () =>
    router().chrome.setNavigationLoading(false),
  ),
  setBackgroundColor: asyncApi('setBackgroundColor', (o: { backgroundColor?: string }) => {
    if (o.backgroundColor) topPage().scroller.style.background = o.backgroundColor
  }),
  startPullDownRefresh: asyncApi('startPullDownRefresh', () => topPage().startPullDownRefresh()),
  stopPullDownRefresh: asyncApi('stopPullDownRefresh', () => {
    for (const p of sim.router?.stack ?? []) if (p.isRefreshing) p.stopPullDownRefresh()
  }),
  pageScrollTo: asyncApi(
    'pageScrollTo',
    (o: { scrollTop?: number; duration?: number; selector?: string; offsetTop?: number }) => {
      const page = topPage()
      if (o.selector) {
        const el = page.root.getComponent().getShadowRoot()?.querySelector(o.selector)
        const dom = el?.getBackendElement() as unknown as HTMLElement | null
        if (!dom) throw new ApiFail(`selector ${o.selector} 没有匹配的节点`)
        const top =
          dom.getBoundingClientRect().top -
          page.scroller.getBoundingClientRect().top +
          page.scroller.scrollTop
        page.scrollTo(top + (o.offsetTop ?? 0), o.duration ?? 300)
        return
      }
      page.scrollTo(o.scrollTop ?? 0, o.duration ?? 300)
    },
  ),
}
