// Everything a test needs to know about a run: runtime errors, `wx` calls the simulator does
// not implement, page lifecycle order and the readiness of the current page. Tests read it as
// `window.__sim` through the browser driver.

import type { SetDataMeter } from './setdata-meter'

export interface LifecycleEntry {
  route: string
  hook: string
}

export interface SimDiagnostics {
  errors: string[]
  unimplemented: string[]
  warnings: string[]
  lifecycle: LifecycleEntry[]
  calls: string[]
  shares: { route: string; title: string; path: string }[]
  /** setData traffic since boot or the last `setData.reset()`. */
  setData: SetDataMeter | null
  booted: boolean
}

export const diagnostics: SimDiagnostics = {
  errors: [],
  unimplemented: [],
  warnings: [],
  lifecycle: [],
  calls: [],
  shares: [],
  setData: null,
  booted: false,
}

export function describeError(e: unknown): string {
  if (e instanceof Error) return `${e.message}\n${e.stack ?? ''}`
  if (e && typeof e === 'object') {
    try {
      return JSON.stringify(e)
    } catch {
      return Object.prototype.toString.call(e)
    }
  }
  return String(e)
}

export function recordError(where: string, e: unknown): void {
  const text = `[${where}] ${describeError(e)}`
  diagnostics.errors.push(text)
  console.error(text)
}

export function recordLifecycle(route: string, hook: string): void {
  diagnostics.lifecycle.push({ route, hook })
}

export class UnimplementedApiError extends Error {
  constructor(readonly api: string) {
    super(`模拟器尚未实现 wx.${api}：请在 tools/web-simulator/runtime/wx 中实现它`)
    this.name = 'UnimplementedApiError'
  }
}

export function recordUnimplemented(api: string): never {
  if (!diagnostics.unimplemented.includes(api)) diagnostics.unimplemented.push(api)
  throw new UnimplementedApiError(api)
}

export function installGlobalErrorCapture(): void {
  window.addEventListener('error', (ev) => recordError('window', ev.error ?? ev.message))
  window.addEventListener('unhandledrejection', (ev) => recordError('promise', ev.reason))
  ;(window as unknown as { __sim: SimDiagnostics }).__sim = diagnostics
}
