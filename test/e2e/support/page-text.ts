// Reading and waiting for what a page shows, shared by the e2e files: a component without a
// rendered node yet (t-message before its first notice) reads as ''.
import { textOf, waitForSelector, waitUntil, type Element, type Page } from './harness'

export async function textIn(page: Page, selector: string): Promise<string> {
  const el = await page.$(selector)
  return el ? textOf(el).catch(() => '') : ''
}

/** Waits until `selector` shows `part` (a substring or a pattern) and answers the whole text. */
export function waitForText(
  page: Page,
  selector: string,
  part: string | RegExp,
  timeout = 20_000,
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

/** A field the automator can type into (TDesign t-input / t-textarea). */
export type Typable = Element & { input(value: string): Promise<void> }

export async function tap(page: Page, selector: string): Promise<void> {
  await (await waitForSelector(page, selector)).tap()
}

export async function typeInto(page: Page, selector: string, value: string): Promise<Typable> {
  const field = (await waitForSelector(page, selector)) as Typable
  await field.input(value)
  return field
}

/** The validation message a TDesign input shows under itself ('' when none). */
export async function tipsOf(page: Page, selector: string): Promise<string> {
  const tips = await page.$(`${selector} >>> .t-input__tips`)
  return tips ? textOf(tips) : ''
}
