import type { glassEasel } from 'glass-easel-miniprogram-adapter'
import { ownEvents } from '../events'
import { hostOf, setBuiltinStyle, type BuiltinRegistration, type BuiltinThis, str } from './define'

// scroll-view (scroll events, upper/lower thresholds, scroll-top/left/into-view, refresher)
// and swiper/swiper-item (a transform track with autoplay, circular and swipe gestures).

type ScrollThis = BuiltinThis & {
  __lastTop?: number
  __lastLeft?: number
  __atLower?: boolean
  __atUpper?: boolean
}

function layoutScroll(self: BuiltinThis): void {
  const x = !!self.data['scrollX']
  const y = !!self.data['scrollY']
  const flex = self.data['enableFlex'] ? 'display:flex;' : ''
  const bar = self.data['showScrollbar'] === false ? 'scrollbar-width:none;' : ''
  setBuiltinStyle(
    self,
    `${flex}overflow-x:${x ? 'auto' : 'hidden'};overflow-y:${y ? 'auto' : 'hidden'};${bar}-webkit-overflow-scrolling:touch`,
  )
}

function scrollIntoView(self: BuiltinThis, id: unknown): void {
  if (!id) return
  const shadow = self._$.ownerShadowRoot as unknown as {
    getElementById?(id: string): glassEasel.Element | undefined
  } | null
  const target = shadow?.getElementById?.(str(id))
  const dom = target?.getBackendElement() as unknown as HTMLElement | null
  const host = hostOf(self)
  if (!dom) return
  const hr = host.getBoundingClientRect()
  const dr = dom.getBoundingClientRect()
  host.scrollTo({
    top: host.scrollTop + dr.top - hr.top,
    left: host.scrollLeft + dr.left - hr.left,
    behavior: self.data['scrollWithAnimation'] ? 'smooth' : 'auto',
  })
}

function refresherStyle(self: BuiltinThis, height: number, animate: boolean): void {
  const bg = str(self.data['refresherBackground']) || '#fff'
  self.setData({
    refresherBoxStyle: `height:${height}px;overflow:hidden;display:flex;align-items:center;justify-content:center;background:${bg};${animate ? 'transition:height .3s' : ''}`,
  })
}

function bindRefresher(self: BuiltinThis): void {
  const host = hostOf(self)
  let startY: number | null = null
  let pulled = 0
  host.addEventListener('touchstart', (e) => {
    if (!self.data['refresherEnabled'] || host.scrollTop > 0 || self.data['refresherTriggered'])
      return
    startY = e.touches[0]?.clientY ?? null
  })
  host.addEventListener('touchmove', (e) => {
    if (startY === null) return
    pulled = Math.max(0, ((e.touches[0]?.clientY ?? startY) - startY) / 2)
    refresherStyle(self, pulled, false)
    self.triggerEvent('refresherpulling', { dy: pulled })
  })
  host.addEventListener('touchend', () => {
    if (startY === null) return
    startY = null
    const threshold = Number(self.data['refresherThreshold']) || 45
    if (pulled >= threshold) {
      self.setData({ refresherTriggered: true })
      refresherStyle(self, threshold, true)
      self.triggerEvent('refresherrefresh', { dy: pulled })
    } else {
      refresherStyle(self, 0, true)
      self.triggerEvent('refresherabort', { dy: pulled })
    }
    pulled = 0
  })
}

type SwiperThis = BuiltinThis & { __timer?: number; __items?: number }

function swiperItems(self: BuiltinThis): number {
  const host = hostOf(self)
  const track = host.firstElementChild
  return track ? track.children.length : 0
}

function layoutSwiper(self: SwiperThis, animate: boolean): void {
  const count = swiperItems(self)
  self.__items = count
  const current = Number(self.data['current']) || 0
  const vertical = !!self.data['vertical']
  const duration = Number(self.data['duration']) || 0
  const show = Math.max(1, Number(self.data['displayMultipleItems']) || 1)
  const offset = (current * 100) / show
  const track = hostOf(self).firstElementChild as HTMLElement | null
  if (track) {
    for (const child of Array.from(track.children) as HTMLElement[]) {
      child.style.flex = `0 0 ${100 / show}%`
      child.style.width = vertical ? '100%' : ''
      child.style.height = vertical ? `${100 / show}%` : '100%'
    }
  }
  self.setData({
    dots: new Array(count).fill(0),
    trackStyle: `display:flex;flex-direction:${vertical ? 'column' : 'row'};width:100%;height:100%;transition:${animate ? `transform ${duration}ms` : 'none'};transform:translate${vertical ? 'Y' : 'X'}(-${offset}%)`,
  })
}

function goTo(self: SwiperThis, index: number, source: string): void {
  const count = swiperItems(self)
  if (count === 0) return
  const circular = !!self.data['circular']
  let next = index
  if (next >= count) next = circular ? 0 : count - 1
  if (next < 0) next = circular ? count - 1 : 0
  if (next === Number(self.data['current'])) return
  self.setData({ current: next })
  layoutSwiper(self, true)
  self.triggerEvent('change', { current: next, currentItemId: '', source })
  window.setTimeout(
    () => self.triggerEvent('animationfinish', { current: next, currentItemId: '', source }),
    Number(self.data['duration']) || 0,
  )
}

function restartAutoplay(self: SwiperThis): void {
  window.clearInterval(self.__timer)
  if (!self.data['autoplay']) return
  self.__timer = window.setInterval(
    () => goTo(self, (Number(self.data['current']) || 0) + 1, 'autoplay'),
    Number(self.data['interval']) || 5000,
  )
}

export const scrollingBuiltins: BuiltinRegistration[] = [
  {
    tag: 'scroll-view',
    path: '__builtin/scroll-view',
    template: '__builtin/scroll-view',
    def: {
      properties: {
        scrollX: { type: Boolean, value: false },
        scrollY: { type: Boolean, value: false },
        upperThreshold: { type: Number, value: 50 },
        lowerThreshold: { type: Number, value: 50 },
        scrollTop: { type: null, value: null },
        scrollLeft: { type: null, value: null },
        scrollIntoView: { type: String, value: '' },
        scrollWithAnimation: { type: Boolean, value: false },
        enableBackToTop: { type: Boolean, value: false },
        enableFlex: { type: Boolean, value: false },
        scrollAnchoring: { type: Boolean, value: false },
        refresherEnabled: { type: Boolean, value: false },
        refresherThreshold: { type: Number, value: 45 },
        refresherDefaultStyle: { type: String, value: 'black' },
        refresherBackground: { type: String, value: '#FFF' },
        refresherTriggered: { type: Boolean, value: false },
        enhanced: { type: Boolean, value: false },
        bounces: { type: Boolean, value: true },
        showScrollbar: { type: Boolean, value: true },
        pagingEnabled: { type: Boolean, value: false },
        fastDeceleration: { type: Boolean, value: false },
        enablePassive: { type: Boolean, value: false },
        type: { type: String, value: 'list' },
        throttle: { type: Boolean, value: true },
        usingSticky: { type: Boolean, value: false },
      },
      data: { refresherBoxStyle: 'height:0;overflow:hidden' },
      observers: {
        'scrollX, scrollY, enableFlex, showScrollbar'(this: BuiltinThis) {
          layoutScroll(this)
        },
        scrollTop(this: BuiltinThis, v: unknown) {
          if (v === null || v === undefined || v === '') return
          const host = hostOf(this)
          window.requestAnimationFrame(() =>
            host.scrollTo({
              top: Number(v),
              behavior: this.data['scrollWithAnimation'] ? 'smooth' : 'auto',
            }),
          )
        },
        scrollLeft(this: BuiltinThis, v: unknown) {
          if (v === null || v === undefined || v === '') return
          const host = hostOf(this)
          window.requestAnimationFrame(() =>
            host.scrollTo({
              left: Number(v),
              behavior: this.data['scrollWithAnimation'] ? 'smooth' : 'auto',
            }),
          )
        },
        scrollIntoView(this: BuiltinThis, id: unknown) {
          window.requestAnimationFrame(() => scrollIntoView(this, id))
        },
        refresherTriggered(this: BuiltinThis, on: unknown) {
          if (!this.data['refresherEnabled']) return
          if (on) refresherStyle(this, Number(this.data['refresherThreshold']) || 45, true)
          else {
            refresherStyle(this, 0, true)
            this.triggerEvent('refresherrestore', {})
          }
        },
      },
      lifetimes: {
        attached(this: ScrollThis) {
          layoutScroll(this)
          const host = hostOf(this)
          ownEvents(host, ['scroll'])
          this.__lastTop = 0
          this.__lastLeft = 0
          host.addEventListener('scroll', () => {
            const detail = {
              scrollLeft: host.scrollLeft,
              scrollTop: host.scrollTop,
              scrollHeight: host.scrollHeight,
              scrollWidth: host.scrollWidth,
              deltaX: (this.__lastLeft ?? 0) - host.scrollLeft,
              deltaY: (this.__lastTop ?? 0) - host.scrollTop,
            }
            this.__lastTop = host.scrollTop
            this.__lastLeft = host.scrollLeft
            this.triggerEvent('scroll', detail)
            const vertical = !!this.data['scrollY']
            const pos = vertical ? host.scrollTop : host.scrollLeft
            const size = vertical
              ? host.scrollHeight - host.clientHeight
              : host.scrollWidth - host.clientWidth
            const lower = size - pos <= (Number(this.data['lowerThreshold']) || 0)
            const upper = pos <= (Number(this.data['upperThreshold']) || 0)
            if (lower && !this.__atLower)
              this.triggerEvent('scrolltolower', { direction: vertical ? 'bottom' : 'right' })
            if (upper && !this.__atUpper)
              this.triggerEvent('scrolltoupper', { direction: vertical ? 'top' : 'left' })
            this.__atLower = lower
            this.__atUpper = upper
          })
          this.__atUpper = true
          bindRefresher(this)
        },
      },
    },
  },
  {
    tag: 'swiper',
    path: '__builtin/swiper',
    template: '__builtin/swiper',
    def: {
      properties: {
        indicatorDots: { type: Boolean, value: false },
        indicatorColor: { type: String, value: 'rgba(0, 0, 0, .3)' },
        indicatorActiveColor: { type: String, value: '#000000' },
        autoplay: { type: Boolean, value: false },
        current: { type: Number, value: 0 },
        interval: { type: Number, value: 5000 },
        duration: { type: Number, value: 500 },
        circular: { type: Boolean, value: false },
        vertical: { type: Boolean, value: false },
        previousMargin: { type: String, value: '0px' },
        nextMargin: { type: String, value: '0px' },
        snapToEdge: { type: Boolean, value: false },
        displayMultipleItems: { type: Number, value: 1 },
        easingFunction: { type: String, value: 'default' },
      },
      data: { trackStyle: 'display:flex;width:100%;height:100%', dots: [] },
      observers: {
        'current, vertical, displayMultipleItems'(this: SwiperThis) {
          layoutSwiper(this, true)
        },
        'autoplay, interval'(this: SwiperThis) {
          restartAutoplay(this)
        },
      },
      lifetimes: {
        attached(this: SwiperThis) {
          const host = hostOf(this)
          window.requestAnimationFrame(() => layoutSwiper(this, false))
          new MutationObserver(() => {
            if (swiperItems(this) !== this.__items) layoutSwiper(this, false)
          }).observe(host, { childList: true, subtree: true })
          let start: { x: number; y: number } | null = null
          host.addEventListener('touchstart', (e) => {
            const t = e.touches[0]
            if (t) start = { x: t.clientX, y: t.clientY }
          })
          host.addEventListener('touchend', (e) => {
            const t = e.changedTouches[0]
            if (!start || !t) return
            const d = this.data['vertical'] ? t.clientY - start.y : t.clientX - start.x
            start = null
            if (Math.abs(d) > 30)
              goTo(this, (Number(this.data['current']) || 0) + (d < 0 ? 1 : -1), 'touch')
          })
          restartAutoplay(this)
        },
        detached(this: SwiperThis) {
          window.clearInterval(this.__timer)
        },
      },
    },
  },
  {
    tag: 'swiper-item',
    path: '__builtin/swiper-item',
    template: '__builtin/slot',
    def: {
      properties: {
        itemId: { type: String, value: '' },
        skipHiddenItemLayout: { type: Boolean, value: false },
      },
    },
  },
]
