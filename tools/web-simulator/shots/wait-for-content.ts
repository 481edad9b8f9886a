import type { Page, Request } from 'playwright-core'
import { wxmlCount } from './wxml'

// A page is ready for its picture when its data has rendered: no request to the emulator in
// flight, no skeleton row left on the top page, the selector the shot names (Playwright syntax)
// visible, and no setData for QUIET_MS. A page that never gets there fails the run, naming it.

const QUIET_MS = 350
const POLL_MS = 50

export interface ReadyOptions {
  /** A WXML selector (`#id`, `.class`) that must match on the current page. */
  selector?: string
  /** A DOM selector (Playwright syntax) that must be visible, for what lies inside components. */
  domSelector?: string
  timeoutMs?: number
  /** Whether a skeleton row means still loading (false for pages that show one on purpose). */
  skeletonMeansLoading?: boolean
}

export interface ContentWaiter {
  /** Resolves once the page's content has rendered; throws after `timeoutMs` naming `label`. */
  ready(label: string, opts?: ReadyOptions): Promise<void>
  /** Stop counting requests (the page is closing). */
  dispose(): void
}

interface Probe {
  setDataCalls: number
  skeletons: number
}

// Sent as source text: tsx would wrap a function's inner closures in a `__name` helper the
// page does not have.
const PROBE = `(() => {
  const sim = window.__sim
  let setDataCalls = 0
  for (const t of Object.values((sim && sim.setData && sim.setData.byComponent) || {}))
    setDataCalls += t.calls
  const pages = Array.from(document.querySelectorAll('.sim-page')).filter((el) => el.offsetParent !== null)
  const top = pages[pages.length - 1]
  const skeletons = top
    ? Array.from(top.querySelectorAll('.t-skeleton__row')).filter((el) => el.offsetParent !== null).length
    : 0
  return { setDataCalls, skeletons }
})()`

/** A cloud request as a person reads it: the function (and action) it called, else its path. */
function describe(r: Request): string {
  try {
    const body = JSON.parse(r.postData() ?? '{}') as { name?: string; data?: { action?: string } }
    if (body.name) return body.data?.action ? `${body.name}.${body.data.action}` : body.name
  } catch {
    // Not JSON: the path says enough.
  }
  return new URL(r.url()).pathname
}

export function contentWaiter(page: Page, cloudUrl: string): ContentWaiter {
  const pending = new Set<Request>()
  const start = (r: Request) => {
    if (r.url().startsWith(cloudUrl)) pending.add(r)
  }
  const end = (r: Request) => {
    pending.delete(r)
  }
  page.on('request', start)
  page.on('requestfinished', end)
  page.on('requestfailed', end)
  return {
    async ready(
      label,
      { selector, domSelector, timeoutMs = 20_000, skeletonMeansLoading = true } = {},
    ) {
      const deadline = Date.now() + timeoutMs
      let last = -1
      let quietSince = Date.now()
      for (;;) {
        const p = await page.evaluate<Probe>(PROBE)
        const found =
          (!selector || (await wxmlCount(page, selector)) > 0) &&
          (!domSelector || (await page.locator(domSelector).first().isVisible()))
        const now = Date.now()
        const skeletons = skeletonMeansLoading ? p.skeletons : 0
        const busy = pending.size > 0 || skeletons > 0 || !found
        if (busy || p.setDataCalls !== last) {
          last = p.setDataCalls
          quietSince = now
        } else if (now - quietSince >= QUIET_MS) return
        if (now > deadline) {
          const why = [
            pending.size > 0
              ? `${pending.size} 个云请求未返回（${[...pending].map(describe).join('，')}）`
              : '',
            skeletons > 0 ? `仍有 ${skeletons} 行骨架屏` : '',
            found ? '' : `未出现 ${[selector, domSelector].filter(Boolean).join(' / ')}`,
            busy ? '' : 'setData 持续不断',
          ].filter(Boolean)
          throw new Error(`${label}：${timeoutMs} ms 内页面内容未渲染完成（${why.join('，')}）`)
        }
        await new Promise((r) => setTimeout(r, POLL_MS))
      }
    },
    dispose() {
      page.off('request', start)
      page.off('requestfinished', end)
      page.off('requestfailed', end)
    },
  }
}
