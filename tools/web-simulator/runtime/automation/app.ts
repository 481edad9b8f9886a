import { toJson } from './data'

// App-level methods: calling and mocking `wx` (dotted names such as `cloud.callFunction`),
// evaluating code in the app-service context, bindings and the native modal answers.

type AnyFn = (...a: unknown[]) => unknown
type Callbacks = { success?: AnyFn; fail?: AnyFn; complete?: AnyFn }

function wxRoot(): Record<string, unknown> {
  return (window as unknown as { wx: Record<string, unknown> }).wx
}

function owner(name: string): { target: Record<string, unknown>; key: string } {
  const parts = name.split('.')
  const key = parts.pop()!
  let target = wxRoot()
  for (const p of parts) {
    const next = target[p]
    if (!next || typeof next !== 'object') throw new Error(`wx.${name} 不存在`)
    target = next as Record<string, unknown>
  }
  return { target, key }
}

function isSyncName(key: string): boolean {
  return /Sync$|^create|^canIUse$|^get\w*Manager$|^on[A-Z]|^off[A-Z]|^nextTick$/.test(key)
}

export async function callWx(name: string, args: unknown[]): Promise<unknown> {
  const { target, key } = owner(name)
  const fn = target[key]
  if (typeof fn !== 'function') throw new Error(`wx.${name} 不是函数`)
  if (isSyncName(key)) return toJson(await (fn as AnyFn).apply(target, args))
  const [first, ...rest] = args
  const options = first && typeof first === 'object' ? { ...first } : {}
  return new Promise((resolve, reject) => {
    const out = (fn as AnyFn).call(
      target,
      {
        ...options,
        success: (res: unknown) => resolve(toJson(res)),
        fail: (res: { errMsg?: string } | undefined) =>
          reject(new Error(res?.errMsg ?? `wx.${name}:fail`)),
      },
      ...rest,
    )
    // An API without callbacks (or a mock returning a value) answers directly.
    if (out !== undefined && !(out instanceof Promise)) resolve(toJson(out))
    if (out instanceof Promise) out.catch(() => undefined)
  })
}

const originals = new Map<string, unknown>()

function compile(decl: string): AnyFn {
  // The protocol sends test code as source text; running it is the point of App.callFunction.
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const make = new Function(`return (${decl})`) as () => AnyFn
  return make()
}

function settle(result: unknown, options: Callbacks | undefined, key: string): unknown {
  const errMsg =
    result && typeof result === 'object' ? (result as { errMsg?: unknown }).errMsg : undefined
  const failed = typeof errMsg === 'string' && errMsg.includes(':fail')
  if (isSyncName(key)) return result
  const hasCallbacks = !!(options && (options.success || options.fail || options.complete))
  if (hasCallbacks) {
    if (failed) options?.fail?.(result)
    else options?.success?.(result)
    options?.complete?.(result)
    return undefined
  }
  return failed
    ? Promise.reject(Object.assign(new Error(String(errMsg)), result))
    : Promise.resolve(result)
}

export function mockWx(params: Record<string, unknown>): void {
  const name = String(params['method'])
  const { target, key } = owner(name)
  if (!originals.has(name)) originals.set(name, target[key])
  const origin = originals.get(name)
  if (!('result' in params) && !('functionDeclaration' in params)) {
    target[key] = origin
    originals.delete(name)
    return
  }
  if ('functionDeclaration' in params) {
    const fn = compile(String(params['functionDeclaration']))
    const extra = (params['args'] as unknown[]) ?? []
    target[key] = function (this: unknown, ...callArgs: unknown[]) {
      const ctx = { origin: (origin as AnyFn).bind(target) }
      const out = fn.apply(ctx, [...callArgs, ...extra])
      const options = callArgs[0] as Callbacks | undefined
      if (out instanceof Promise) {
        const p = out.then((r) => settle(r, options, key))
        return isSyncName(key) ? p : options?.success || options?.fail ? undefined : p
      }
      return settle(out, options, key)
    }
    return
  }
  const result = params['result']
  target[key] = (options?: Callbacks) => settle(toJson(result), options, key)
}

export async function evaluate(decl: string, args: unknown[]): Promise<unknown> {
  return toJson(await compile(decl)(...args))
}

export function setBinding(name: string, emit: (m: string, p: unknown) => void): void {
  ;(window as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
    emit('App.bindingCalled', { name, args: args.map(toJson) })
}

function clickLast(selector: string): boolean {
  const all = document.querySelectorAll<HTMLElement>(selector)
  const el = all[all.length - 1]
  if (!el) return false
  el.click()
  return true
}

export function answerNative(method: string, data: unknown): void {
  const done = (() => {
    switch (method) {
      case 'confirmModal':
        return clickLast('.sim-modal__btn--confirm')
      case 'cancelModal':
        return clickLast('.sim-modal__btn--cancel')
      case 'cancelActionSheet':
        return clickLast('.sim-sheet__cancel')
      case 'selectActionSheet': {
        const index = Number((data as { index?: number } | undefined)?.index ?? 0)
        const items = document.querySelectorAll<HTMLElement>(
          '.sim-sheet__item:not(.sim-sheet__cancel)',
        )
        const el = items[index]
        if (el) el.click()
        return !!el
      }
      default:
        throw new Error(`模拟器的自动化桥不支持原生操作 ${method}`)
    }
  })()
  if (!done) throw new Error(`原生操作 ${method} 无可应答的弹窗`)
}
