// Reading and waiting for what a page shows, shared by the e2e files: a component without a
// rendered node yet (t-message before its first notice) reads as ''.
import { textOf, waitUntil, type Page } from './harness'

export async function textIn(page: Page, selector: string): Promise<string> {
  const el = await page.$(selector)
  return el ? textOf(el).catch(() => '') : ''
}

/** Waits until `selector` shows `part` (a substring or a pattern) and answers the whole text. */
export function waitForText(
  page: Page,
  selector: string,
  part: string | RegExp,
  timeout = 15_000,
): Promise<string> {
  return waitUntil(
    `${selector} 显示“${String(part)}”`,
    async () => {
      const text = await textIn(page, selector)
      return (typeof part === 'string' ? text.includes(part) : part.test(text)) ? text : null
    },
    timeout,
  )
}
