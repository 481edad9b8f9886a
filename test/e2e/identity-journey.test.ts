import { describe, expect, it } from 'vitest'
import { maskIdNumber, maskName } from '../../miniprogram/core/masking'
import {
  evaluate,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForPage,
  waitForSelector,
  waitUntil,
  type Element,
  type Page,
} from './support/harness'

// 实名认证, first chapter of the manual: 我的 → 实名认证, a wrong ID number is stopped under its
// field, a valid one goes through simulated face verification and ends locked and masked.

useFreshData()
const app = useApp()

const NAME = '张三'
const VALID_ID = '11010519491231002X'
// Same digits with the last one changed: the GB 11643 check digit no longer matches.
const WRONG_CHECK_DIGIT = '110105194912310021'

declare const document: {
  querySelector(s: string): { click(): void } | null
}

async function typeInto(page: Page, selector: string, value: string): Promise<void> {
  const field = await waitForSelector(page, `${selector} >>> input`)
  await (field as Element & { input(v: string): Promise<void> }).input(value)
}

async function tipsOf(page: Page, selector: string): Promise<string> {
  const tips = await page.$(`${selector} >>> .t-input__tips`)
  return tips ? textOf(tips) : ''
}

describe('实名认证', () => {
  it('stops a wrong ID number under its field, then verifies by face and locks the identity', async () => {
    const me = await relaunch(app.mp, '/pages/me/index')
    const cell = await waitForSelector(me, 't-cell')
    await cell.tap()
    const page = await waitForPage(app.mp, 'pages/identity/index')
    await waitForSelector(page, '#submit-face')

    await typeInto(page, '#name', NAME)
    await typeInto(page, '#id-number', WRONG_CHECK_DIGIT)
    await (await waitForSelector(page, '#submit-face')).tap()
    const error = await waitUntil(
      '证件号码错误提示',
      async () => (await tipsOf(page, '#id-number')) || null,
    )
    expect(error).toMatch(/校验|证件号码/)
    expect(await tipsOf(page, '#name')).toBe('')
    // Nothing was sent: the form is still there and no face sheet opened.
    expect(await page.$('#verified-name')).toBeNull()

    await typeInto(page, '#id-number', VALID_ID)
    await (await waitForSelector(page, '#submit-face')).tap()
    // The simulated WeChat face sheet is platform UI outside the mini-program's tree.
    await waitUntil('人脸核身弹层', () =>
      evaluate<boolean>(app.mp, () => document.querySelector('.sim-face__btn--primary') !== null),
    )
    await evaluate(app.mp, () => document.querySelector('.sim-face__btn--primary')?.click())

    const verifiedName = await waitForSelector(page, '#verified-name', 20_000)
    expect(await textOf(verifiedName)).toContain(maskName(NAME))
    const verifiedNumber = await waitForSelector(page, '#verified-id-number')
    expect(await textOf(verifiedNumber)).toContain(maskIdNumber(VALID_ID))
    expect(await textOf(verifiedNumber)).not.toContain(VALID_ID)
    // Locked: the editable fields are gone.
    expect(await page.$('#id-number')).toBeNull()
    expect(await page.data('identity.status')).toBe('verified')
  })
})
