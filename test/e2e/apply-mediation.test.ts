import { beforeAll, describe, expect, it } from 'vitest'
import type { CustomElement } from 'miniprogram-automator/out/Element'
import { maskName } from '../../miniprogram/core/masking'
import { PARTIES, PARTY_IDS, PARTY_NAMES, arrangeCase, verifyParty } from './support/arrange'
import { ok, readCollection } from './support/emulator'
import {
  all,
  evaluate,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForPage,
  waitForSelector,
  waitUntil,
  type MiniProgram,
  type Page,
} from './support/harness'
import { tipsOf, typeInto } from './support/page-text'

// 申请调解, second chapter of the manual: the verified applicant fills the four steps (a wrong
// respondent phone is stopped under its field; on a fresh install the privacy consent popup
// opens on the 当事人 step before any respondent data is typed, and agreeing is recorded), submits, sees recommended mediators with their
// reasons, invites the respondent, and once the respondent agreed searches by pinyin and
// chooses a mediator. Then the respondent opens an invitation, tries to decline without a
// reason, and agrees.

useFreshData()
const applicant = useApp({ as: PARTIES.applicant })
const respondent = useApp({ as: PARTIES.respondent })

declare const document: {
  querySelector(s: string): { click(): void } | null
}

/** Opens a t-picker by its cell, taps the option row with `label`, and confirms. */
async function pick(page: Page, cell: string, picker: string, label: string): Promise<void> {
  await (await waitForSelector(page, cell)).tap()
  const row = await waitUntil(`选项 ${label}`, async () => {
    for (const item of await all(page, `#${picker}-options >>> .t-picker-item__item`)) {
      if ((await textOf(item)) === label) return item
    }
    return null
  })
  await row.tap()
  await (await waitForSelector(page, `#${picker}-picker >>> .t-picker__confirm`)).tap()
}

/** The consent popup of a fresh install is up on this step; 同意并继续 closes it for good. */
async function agreeWhenAsked(page: Page, openid: string): Promise<void> {
  const popup = (await waitForSelector(page, 'privacy-popup')) as CustomElement
  await waitUntil('隐私保护提示弹出', async () => (await popup.data('visible')) === true || null)
  const prompt = await textOf(await waitForSelector(page, 'privacy-popup >>> #privacy-popup'))
  expect(prompt).toContain('对方当事人')
  await (await waitForSelector(page, 'privacy-popup >>> #agree-privacy')).tap()
  await waitUntil('隐私保护提示关闭', async () => (await popup.data('visible')) === false || null)
  await waitUntil('服务器记录同意', async () => {
    const [user] = await readCollection('users', { openid })
    return user?.['privacyAcceptedVersion'] === '2026-01'
  })
}

async function tapButton(page: Page, selector: string): Promise<void> {
  await (await waitForSelector(page, selector)).tap()
}

/** Answers the simulator's subscribe prompt with 允许 when the environment has templates. */
async function allowSubscribeIfAsked(mp: MiniProgram, leaving: string): Promise<void> {
  await waitUntil(
    '订阅消息弹窗或下一页',
    async () => {
      const sheet = await evaluate<boolean>(
        mp,
        () => document.querySelector('.sim-sheet__item') !== null,
      )
      if (sheet) {
        await evaluate(mp, () => document.querySelector('.sim-sheet__item')?.click())
        return true
      }
      const page = await mp.currentPage()
      return page?.path !== leaving
    },
    20_000,
  )
}

describe('申请调解', () => {
  beforeAll(async () => {
    await verifyParty(PARTIES.applicant)
    await verifyParty(PARTIES.respondent)
  })

  it('fills the steps, stops a wrong phone, submits, and chooses a recommended mediator found by pinyin', async () => {
    const mp = applicant.mp
    // A fresh install: no draft and the privacy guide not yet agreed on this phone.
    await mp.callWxMethod('clearStorageSync')
    const page = await relaunch(mp, '/pages/mediation/apply/index')
    await waitForSelector(page, '#step-case', 15_000)
    expect(await page.$('privacy-popup')).toBeNull()

    await pick(page, '#dispute-type', 'dispute', '买卖合同纠纷')
    await pick(page, '#region', 'region', '北京市')
    await typeInto(page, '#amount >>> input', '123456')
    await typeInto(
      page,
      '#description >>> textarea',
      '2026年6月双方签订钢材采购合同，我方已按约交货，对方以质量问题为由拒付货款。',
    )
    await typeInto(page, '#claim-0 >>> input', '支付货款 123,456 元')
    await tapButton(page, '#next')
    await agreeWhenAsked(page, PARTIES.applicant)

    const applicantName = await waitForSelector(page, '#applicant-name')
    expect(await textOf(applicantName)).toContain(maskName(PARTY_NAMES.o_party_applicant))
    await typeInto(page, '#respondent-name >>> input', PARTY_NAMES.o_party_respondent)
    await typeInto(page, '#respondent-phone >>> input', '1381234')
    await typeInto(page, '#respondent-id-number >>> input', PARTY_IDS.o_party_respondent)
    await typeInto(page, '#respondent-address >>> input', '北京市东城区东直门南大街 5 号')
    await tapButton(page, '#next')
    const phoneError = await waitUntil(
      '手机号错误提示',
      async () => (await tipsOf(page, '#respondent-phone')) || null,
    )
    expect(phoneError).toBe('请填写11位中国大陆手机号码')
    expect(await page.$('#step-evidence')).toBeNull()

    await typeInto(page, '#respondent-phone >>> input', '13812345678')
    await tapButton(page, '#next')
    await waitForSelector(page, '#step-evidence')
    await tapButton(page, '#next')
    const review = await waitForSelector(page, '#step-review')
    const reviewText = await textOf(review)
    expect(reviewText).toContain('买卖合同纠纷')
    expect(reviewText).toContain('123456 元')
    expect(reviewText).toContain(PARTY_NAMES.o_party_respondent)

    await tapButton(page, '#submit')
    await allowSubscribeIfAsked(mp, 'pages/mediation/apply/index')
    const mediators = await waitForPage(mp, 'pages/mediation/mediators/index', 20_000)
    const caseId = String(await mediators.data('caseId'))
    const [stored] = await readCollection('mediation_cases', { _id: caseId })
    expect(stored?.['status']).toBe('submitted')
    expect(stored?.['applicantOpenid']).toBe(PARTIES.applicant)

    // Recommendations come with their reasons; choosing waits for the respondent's consent.
    const first = await waitForSelector(mediators, '#recommended-0', 20_000)
    expect(await textOf(first)).toContain('推荐理由')
    expect(await textOf(first)).toMatch(/擅长|同城|同省|受理本地/)
    const notice = await waitForSelector(mediators, '#choose-notice')
    expect(await textOf(notice)).toContain('被申请人同意调解后即可选择调解员')

    // The invitation page issues the share path and the code; the respondent joins and agrees.
    await tapButton(mediators, '#invite-respondent')
    const invite = await waitForPage(mp, 'pages/mediation/invite/index')
    await waitForSelector(invite, '#invite-qr', 15_000)
    const share = (await invite.data('share')) as { path: string }
    expect(share.path).toMatch(/^\/pages\/mediation\/respond\/index\?token=/)
    const token = new URL(`https://x${share.path}`).searchParams.get('token') ?? ''
    await ok(PARTIES.respondent, 'mediationCase', 'join', { token })
    await ok(PARTIES.respondent, 'mediationCase', 'respond', { caseId, agree: true })

    await tapButton(invite, '#to-mediators')
    const choose = await waitForPage(mp, 'pages/mediation/mediators/index')
    await waitUntil('可以选择调解员', async () => (await choose.data('canChoose')) === true, 15_000)
    await tapButton(choose, '#more-mediators')
    await typeInto(choose, '#search >>> input', 'wangjianguo')
    const [wang] = await readCollection('mediators', { openid: 'o_mediator_0001' })
    const mediatorId = String(wang?.['_id'])
    const index = await waitUntil(
      '搜索结果中的王建国',
      async () => {
        const rows = ((await choose.data('results')) ?? []) as { id: string }[]
        const i = rows.findIndex((r) => r.id === mediatorId)
        return i >= 0 ? i + 1 : null
      },
      15_000,
    )
    const card = await waitForSelector(choose, `#result-${index - 1}`)
    expect(await textOf(card)).toContain('王建国')
    await tapButton(choose, `#result-${index - 1} .mc-choose`)
    const dialog = await waitForSelector(choose, '#choose-dialog >>> .t-dialog__content')
    expect(await textOf(dialog)).toContain('确定选择 王建国')
    await tapButton(choose, '#choose-dialog >>> .t-dialog__button--confirm')

    await waitForPage(mp, 'pages/case/detail/index', 20_000)
    const [chosen] = await readCollection('mediation_cases', { _id: caseId })
    expect(chosen?.['status']).toBe('awaiting_mediator')
    expect(chosen?.['mediatorId']).toBe(mediatorId)
  })

  it('lets the respondent open the invitation, refuses a decline without a reason, and agrees', async () => {
    const arranged = await arrangeCase('submitted')
    const invite = await ok(PARTIES.applicant, 'mediationCase', 'invite', {
      caseId: arranged.caseId,
    })
    const mp = respondent.mp
    const page = await relaunch(mp, `/${invite.sharePath}`)
    const summary = await waitForSelector(page, '#agree', 20_000)
    const text = await textOf(await waitForSelector(page, '.mc-page'))
    expect(text).toContain('案件概要')
    expect(text).toContain('买卖合同纠纷')
    expect(text).toContain(maskName(PARTY_NAMES.o_party_applicant))
    expect(text).not.toContain(PARTY_NAMES.o_party_applicant)

    await tapButton(page, '#decline')
    await tapButton(page, '#decline-dialog >>> .t-dialog__button--confirm')
    const reasonError = await waitForSelector(page, '#decline-reason-error')
    expect(await textOf(reasonError)).toBe('请填写拒绝调解的原因')
    await tapButton(page, '#decline-dialog >>> .t-dialog__button--cancel')

    await summary.tap()
    const done = await waitForSelector(page, '#respond-done', 20_000)
    expect(await textOf(done)).toContain('您已同意调解')
    const [stored] = await readCollection('mediation_cases', { _id: arranged.caseId })
    expect(stored?.['status']).toBe('awaiting_mediator')
    expect(stored?.['respondentOpenid']).toBe(PARTIES.respondent)
  })
})
