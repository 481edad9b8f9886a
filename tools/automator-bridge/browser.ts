import { chromium, type Browser, type Page } from 'playwright-core'
import { CHROMIUM_PATH } from '../web-simulator/browser/chromium'

// One headless Chromium for the whole run; every simulated user gets a context of their own so
// storage, cookies and the simulator's session never leak between two phones.

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface SharedBrowser {
  /** A fresh phone-sized page in a context of its own. */
  newPhone(): Promise<Page>
  close(): Promise<void>
}

export async function launchSharedBrowser(): Promise<SharedBrowser> {
  const browser: Browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  })
  return {
    newPhone: async () => {
      const context = await browser.newContext({
        viewport: { width: 375, height: 812 },
        deviceScaleFactor: 2,
        locale: 'zh-CN',
      })
      return context.newPage()
    },
    close: () => browser.close(),
  }
}
