import { diagnostics, recordUnimplemented } from '../diagnostics'
import { systemApis } from './system'
import { storageApis } from './storage'
import { pageApis } from './page'
import { fileApis } from './files'
import { platformApis } from './platform'
import { createAnimation } from './animation'
import { createSelectorQuery, createIntersectionObserver } from './query'
import { asyncApi } from './promisify'
import { sim } from '../context'
import { cloud } from './cloud'

// The `wx` object. Anything not implemented here throws an error naming the API and is
// recorded in diagnostics.unimplemented, so a test that reaches it fails instead of silently
// passing over a missing platform feature.

const MAX_CALL_LOG = 500

function launchOptions() {
  const top = sim.router?.stack[0]
  return {
    path: top?.route ?? '',
    query: { ...(top?.query ?? {}) },
    scene: 1001,
    referrerInfo: {},
    apiCategory: 'default',
  }
}

export function createWx(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const impl: Record<string, unknown> = {
    ...systemApis,
    ...storageApis,
    ...pageApis,
    ...fileApis,
    ...platformApis,
    ...extra,
    cloud,
    createAnimation,
    createSelectorQuery,
    createIntersectionObserver,
    nextTick: (fn: () => void) => void Promise.resolve().then(fn),
    getLaunchOptionsSync: launchOptions,
    getEnterOptionsSync: launchOptions,
    onAppShow: (fn: (o: unknown) => void) => sim.app?.onAppShow.add(fn),
    offAppShow: (fn: (o: unknown) => void) => sim.app?.onAppShow.delete(fn),
    onAppHide: (fn: (o: unknown) => void) => sim.app?.onAppHide.add(fn),
    offAppHide: (fn: (o: unknown) => void) => sim.app?.onAppHide.delete(fn),
    onError: (fn: (msg: string) => void) => sim.app?.onError.add(fn),
    offError: (fn: (msg: string) => void) => sim.app?.onError.delete(fn),
    onUnhandledRejection: (fn: (r: unknown) => void) => sim.app?.onUnhandledRejection.add(fn),
    offUnhandledRejection: (fn: (r: unknown) => void) => sim.app?.onUnhandledRejection.delete(fn),
    request: asyncApi(
      'request',
      async (o: {
        url: string
        method?: string
        data?: unknown
        header?: Record<string, string>
        dataType?: string
      }) => {
        const method = (o.method ?? 'GET').toUpperCase()
        const init: RequestInit = { method, headers: o.header ?? {} }
        let url = o.url
        if (o.data !== undefined && method === 'GET' && typeof o.data === 'object' && o.data) {
          const qs = new URLSearchParams(o.data as Record<string, string>).toString()
          url += (url.includes('?') ? '&' : '?') + qs
        } else if (o.data !== undefined)
          init.body = typeof o.data === 'string' ? o.data : JSON.stringify(o.data)
        const res = await fetch(url, init)
        const text = await res.text()
        let data: unknown = text
        if (o.dataType !== '其他') {
          try {
            data = JSON.parse(text)
          } catch {
            data = text
          }
        }
        const header: Record<string, string> = {}
        res.headers.forEach((v, k) => (header[k] = v))
        return { data, statusCode: res.status, header }
      },
    ),
  }
  impl['canIUse'] = (schema: string) => typeof schema === 'string' && schema.split('.')[0]! in impl
  return new Proxy(impl, {
    get(target, key) {
      if (typeof key !== 'string') return undefined
      if (key in target) {
        const v = target[key]
        if (typeof v !== 'function') return v
        return (...args: unknown[]) => {
          if (diagnostics.calls.length < MAX_CALL_LOG) diagnostics.calls.push(key)
          return (v as (...a: unknown[]) => unknown)(...args)
        }
      }
      return () => recordUnimplemented(key)
    },
  })
}
