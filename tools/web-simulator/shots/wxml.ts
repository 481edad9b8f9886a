import type { Page } from 'playwright-core'

// WXML selectors on the current page through the simulator's automation bridge
// (`window.__automation`), the way the automator's page.$ and element.tap reach them.

type Reply<T> = { result?: T; error?: { message: string } }
type Bridge = { handle<T>(method: string, params: object): Promise<Reply<T>> }

/** How many nodes a WXML selector matches on the current page. */
export function wxmlCount(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (sel) => {
    const auto = (window as unknown as { __automation: Bridge }).__automation
    const top = await auto.handle<{ pageId: number }>('App.getCurrentPage', {})
    if (!top.result) return 0
    const res = await auto.handle<{ elements: unknown[] }>('Page.getElements', {
      pageId: top.result.pageId,
      selector: sel,
    })
    return res.result?.elements.length ?? 0
  }, selector)
}

/** Taps the first node a WXML selector matches on the current page. */
export async function wxmlTap(page: Page, selector: string): Promise<void> {
  const failed = await page.evaluate(async (sel) => {
    const auto = (window as unknown as { __automation: Bridge }).__automation
    const top = await auto.handle<{ pageId: number }>('App.getCurrentPage', {})
    if (!top.result) return top.error?.message ?? '页面栈为空'
    const found = await auto.handle<{ elementId: string }>('Page.getElement', {
      pageId: top.result.pageId,
      selector: sel,
    })
    if (!found.result) return found.error?.message ?? sel
    const tapped = await auto.handle('Element.tap', { elementId: found.result.elementId })
    return tapped.error?.message ?? null
  }, selector)
  if (failed) throw new Error(`无法点击 ${selector}：${failed}`)
}

/** Waits until a WXML selector matches, or throws naming it. */
export async function wxmlWait(page: Page, selector: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while ((await wxmlCount(page, selector)) === 0) {
    if (Date.now() > deadline) throw new Error(`${timeoutMs} ms 内未出现 ${selector}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
