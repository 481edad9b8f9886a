import { describe, expect, it } from 'vitest'
import type { CustomElement } from 'miniprogram-automator/out/Element'
import { maskIdNumber, maskName } from '../../miniprogram/core/masking'
import { readCollection } from './support/emulator'
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

// 实名认证, first chapter of the manual: 我的 → 实名认证 on a fresh install opens the privacy
// consent popup before any ID field; refusing leaves the page without ID collection and says
// so, agreeing is recorded. A wrong ID number is stopped under its field, a valid one goes
// through simulated face verification and ends locked and masked.

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

async function popupVisible(page: Page, visible: boolean): Promise<void> {
  const popup = (await waitForSelector(page, 'privacy-popup')) as CustomElement
  await waitUntil(`隐私保护提示${visible ? '弹出' : '关闭'}`, async () =>
    (await popup.data('visible')) === visible ? true : null,
  )
}

/** Refuses the consent popup, checks nothing can be collected, then reopens it and agrees. */
async function refuseThenAgree(page: Page): Promise<void> {
  await popupVisible(page, true)
  const prompt = await textOf(await waitForSelector(page, 'privacy-popup >>> #privacy-popup'))
  expect(prompt).toContain('证件号码')
  await (await waitForSelector(page, 'privacy-popup >>> #privacy-disagree')).tap()
  await popupVisible(page, false)
  const refused = await waitForSelector(page, 'privacy-popup >>> #privacy-refused')
  expect(await textOf(refused)).toContain('不会收集您的证件信息')
  expect(await page.data('privacyRefused')).toBe(true)

  await (await waitForSelector(page, 'privacy-popup >>> #privacy-review')).tap()
  await popupVisible(page, true)
  await (await waitForSelector(page, 'privacy-popup >>> #agree-privacy')).tap()
  await popupVisible(page, false)
  expect(await page.data('privacyRefused')).toBe(false)
  expect(await page.$('privacy-popup >>> #privacy-refused')).toBeNull()
  await waitUntil('服务器记录同意', async () => {
    const [user] = await readCollection('users', { openid: app.openid })
    return user?.['privacyAcceptedVersion'] === '2026-01'
  })
}

describe('实名认证', () => {
  it('asks for privacy consent, stops a wrong ID number, then verifies by face and locks the identity', async () => {
    // A fresh install: the privacy guide has not been agreed on this phone yet.
    await app.mp.callWxMethod('clearStorageSync')
    const me = await relaunch(app.mp, '/pages/me/index')
    const cell = await waitForSelector(me, 't-cell')
    await cell.tap()
    const page = await waitForPage(app.mp, 'pages/identity/index')
    await waitForSelector(page, '#submit-face')
    await refuseThenAgree(page)

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
