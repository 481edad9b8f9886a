import { sim } from '../context'
import { diagnostics } from '../diagnostics'
import { handleElement, elementInfo, scopeOfPage, resolvePage } from './elements'
import { queryAll } from './selector'
import { callWx, mockWx, evaluate, setBinding, answerNative } from './app'
import { readPath } from './data'

// The in-browser half of the automator bridge: `window.__automation.handle(method, params)`
// answers the protocol's App.*, Page.* and Element.* methods against the running simulator.
// The Node side (tools/automator-bridge) forwards frames here and pushes events it receives
// through the `__automationEmit` binding.

type Params = Record<string, unknown>
type Emit = (method: string, params: unknown) => void

export class AutomationError extends Error {}

function emit(method: string, params: unknown): void {
  const fn = (window as unknown as { __automationEmit?: Emit }).__automationEmit
  if (fn) fn(method, params)
}

function pageInfo(view: { id: number; route: string; query: Record<string, string> }) {
  return { pageId: view.id, path: view.route, query: { ...view.query } }
}

function router() {
  if (!sim.router) throw new AutomationError('模拟器尚未启动')
  return sim.router
}

async function handle(method: string, params: Params): Promise<unknown> {
  switch (method) {
    case 'App.getCurrentPage': {
      const top = router().current()
      if (!top) throw new AutomationError('页面栈为空')
      return pageInfo(top)
    }
    case 'App.getPageStack':
      return { pageStack: router().stack.map(pageInfo) }
    case 'App.callWxMethod':
      return { result: await callWx(String(params['method']), (params['args'] as unknown[]) ?? []) }
    case 'App.mockWxMethod':
      mockWx(params)
      return {}
    case 'App.callFunction':
      return {
        result: await evaluate(
          String(params['functionDeclaration']),
          (params['args'] as unknown[]) ?? [],
        ),
      }
    case 'App.addBinding':
      setBinding(String(params['name']), emit)
      return {}
    case 'Tool.native':
      answerNative(String(params['method']), params['data'])
      return {}
    case 'Page.getElement':
    case 'Page.getElements': {
      const view = resolvePage(params['pageId'])
      const nodes = queryAll(scopeOfPage(view), String(params['selector']))
      if (method === 'Page.getElements') return { elements: nodes.map(elementInfo) }
      const first = nodes[0]
      if (!first) throw new AutomationError(`未找到元素：${String(params['selector'])}`)
      return elementInfo(first)
    }
    case 'Page.getData': {
      const view = resolvePage(params['pageId'])
      const data = view.root.get().data as unknown
      return { data: readPath(data, params['path']) }
    }
    case 'Page.setData': {
      const view = resolvePage(params['pageId'])
      const setData = view.caller.setData
      if (setData) setData.call(view.caller, (params['data'] as Record<string, unknown>) ?? {})
      return {}
    }
    case 'Page.callMethod': {
      const view = resolvePage(params['pageId'])
      const name = String(params['method'])
      const fn = view.caller[name]
      if (typeof fn !== 'function') throw new AutomationError(`页面 ${view.route} 没有方法 ${name}`)
      const args = (params['args'] as unknown[]) ?? []
      return { result: await (fn as (...a: unknown[]) => unknown).apply(view.caller, args) }
    }
    case 'Page.getWindowProperties': {
      const view = resolvePage(params['pageId'])
      const names = (params['names'] as string[]) ?? []
      const scroller = view.scroller
      return {
        properties: names.map((n) => {
          if (n === 'document.documentElement.scrollWidth') return scroller.scrollWidth
          if (n === 'document.documentElement.scrollHeight') return scroller.scrollHeight
          if (n === 'document.body.scrollTop' || n === 'document.documentElement.scrollTop')
            return scroller.scrollTop
          const v = n
            .split('.')
            .reduce<unknown>(
              (o, k) =>
                o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined,
              window,
            )
          return typeof v === 'object' ? null : v
        }),
      }
    }
    default:
      if (method.startsWith('Element.')) return handleElement(method, params)
      throw new AutomationError(`模拟器的自动化桥不支持方法 ${method}`)
  }
}

function watchErrors(): void {
  const errors = diagnostics.errors
  const push = errors.push.bind(errors)
  errors.push = (...items: string[]) => {
    for (const text of items) {
      const [message = text] = text.split('\n')
      emit('App.exceptionThrown', { message, stack: text })
    }
    return push(...items)
  }
}

watchErrors()
;(window as unknown as Record<string, unknown>)['__automation'] = {
  handle: async (method: string, params: Params) => {
    try {
      return { result: (await handle(method, params)) ?? {} }
    } catch (e) {
      return { error: { message: e instanceof Error ? e.message : String(e) } }
    }
  },
}
