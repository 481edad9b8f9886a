import { describe, expect, it } from 'vitest'
import { invokeAs, readCollection } from './support/emulator'
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
import { tap, tipsOf, typeInto, waitForText } from './support/page-text'

// Binding a mediator account (issue 8): the staff member of 北京市工商联 adds 林晓 on the desk's
// 调解员管理 and is shown her one-time bind code; a person with no role yet finds
// 绑定调解员账号 under 我的, mistypes the code, then enters it and becomes that mediator — the
// 工作台 tab appears and opens the mediator desk. The code is then spent.

useFreshData()
const STAFF = 'o_staff_beijing'
// Not in the seed: a WeChat account that has never used the mini-program.
const NEWCOMER = 'o_e2e_newcomer'
const staff = useApp({ as: STAFF })
const newcomer = useApp({ as: NEWCOMER })

declare function getCurrentPages(): { getTabBar(): unknown }[]

/** The labels of the custom tab bar the current page shows. */
function tabLabels(mp: MiniProgram): Promise<string[]> {
  return evaluate<string[]>(mp, () => {
    const pages = getCurrentPages()
    const bar = pages[pages.length - 1]?.getTabBar() as
      { data: { tabs: { label: string }[] } } | null | undefined
    return bar ? bar.data.tabs.map((t) => t.label) : []
  })
}

function waitForTips(page: Page, selector: string): Promise<string> {
  return waitUntil(`${selector} 的提示`, async () => (await tipsOf(page, selector)) || null)
}

/** Ticks the option labelled `label` of a t-checkbox-group. */
async function check(page: Page, group: string, label: string): Promise<void> {
  const option = await waitUntil(`选项 ${label}`, async () => {
    for (const o of await all(page, `${group} >>> .t-checkbox-option`)) {
      if ((await textOf(o)).includes(label)) return o
    }
    return null
  })
  await ((await option.$('.t-checkbox')) ?? option).tap()
}

/** Waits until `selector` shows text containing `part`, and returns the whole text. */
// The code the staff member was shown, redeemed by the newcomer in the second test.
let code = ''

describe('绑定调解员账号', () => {
  it('staff add a mediator with a masked phone and are shown her bind code once', async () => {
    const page = await relaunch(staff.mp, '/pages/org/mediators/index')
    await waitUntil('调解员列表', async () => (await page.data('loaded')) as boolean, 15_000)
    const before = ((await page.data('rows.length')) as number | undefined) ?? 0
    await tap(page, '#create-mediator')
    await waitForSelector(page, '#create-sheet')

    // Nothing filled in: the first field says what is missing, and nothing is stored.
    await tap(page, '#create-submit')
    expect(await waitForTips(page, '#create-name')).toBe('请填写姓名')

    await typeInto(page, '#create-name >>> input', '林晓')
    const phone = await typeInto(page, '#create-phone >>> input', '139 1234 5678')
    await phone.trigger('blur', { value: '139 1234 5678' })
    await waitUntil('手机号码掩码', async () => (await page.data('phoneShown')) === '139****5678')
    await check(page, '#create-specialties', '买卖合同纠纷')
    await check(page, '#create-regions', '北京市')
    await tap(page, '#create-submit')

    const shown = await waitUntil('绑定码', async () => {
      const el = await page.$('#bind-code')
      const text = el ? await textOf(el) : ''
      return /^[A-Z2-9]{10}$/.test(text) ? text : null
    })
    code = shown
    const rows = await all(page, '.mediator-row')
    expect(rows).toHaveLength(before + 1)
    expect(await textOf(rows[rows.length - 1]!)).toContain('林晓')
    expect(await textOf(rows[rows.length - 1]!)).toContain('139****5678')

    const [doc] = await readCollection('mediators', { name: '林晓' })
    expect(doc).toMatchObject({
      organisationId: 'org_beijing',
      maskedPhone: '139****5678',
      specialties: ['sale_contract'],
      serviceRegions: ['110100'],
      openid: null,
    })
    expect(JSON.stringify(doc)).not.toContain('13912345678')
    const codes = await readCollection('bind_codes', { mediatorId: doc?.['_id'] })
    expect(codes).toHaveLength(1)
    expect(codes[0]?.['usedAt']).toBeNull()
    expect(JSON.stringify(codes)).not.toContain(code)

    // Closing the dialog forgets the code: it is shown once.
    await tap(page, '#code-dialog >>> .t-dialog__button--cancel')
    await waitUntil('绑定码已隐藏', async () => (await page.data('code')) === '')
  })

  it('a person without a role binds with the code from 我的 and opens the mediator desk', async () => {
    expect(code).not.toBe('')
    const me = await relaunch(newcomer.mp, '/pages/me/index')
    await waitForSelector(me, '#me-bind-mediator', 15_000)
    expect(
      await waitUntil('标签栏', async () => {
        const labels = await tabLabels(newcomer.mp)
        return labels.length > 0 ? labels : null
      }),
    ).toEqual(['首页', '消息', '我的'])
    await tap(me, '#me-bind-mediator')
    const bind = await waitForPage(newcomer.mp, 'pages/mediator/bind/index', 15_000)

    // A code that was never issued is refused under the field.
    await typeInto(bind, '#bind-code >>> input', 'ABCD-EFGH-23')
    await tap(bind, '#bind-submit')
    expect(await waitForTips(bind, '#bind-code')).toBe('绑定码不正确，请核对后重新输入')

    // Read out in groups and in lower case, as people pass it on.
    const spoken = `${code.slice(0, 4)} ${code.slice(4)}`.toLowerCase()
    await typeInto(bind, '#bind-code >>> input', spoken)
    await tap(bind, '#bind-submit')
    await waitForSelector(bind, '#bound', 15_000)

    const [doc] = await readCollection('mediators', { name: '林晓' })
    expect(doc?.['openid']).toBe(NEWCOMER)
    const [spent] = await readCollection('bind_codes', { mediatorId: doc?.['_id'] })
    expect(spent?.['usedAt']).toBeInstanceOf(Date)

    // The tab bar now offers 工作台, and it opens the mediator desk.
    await waitForText(bind, '#bound', '林晓')
    await tap(bind, '#open-desk')
    const desk = await waitForPage(newcomer.mp, 'pages/workbench/index', 15_000)
    await waitForSelector(desk, '#desk-mediator', 15_000)
    const tabs = await waitUntil('工作台标签', async () => {
      const labels = await tabLabels(newcomer.mp)
      return labels.includes('工作台') ? labels : null
    })
    expect(tabs).toEqual(['首页', '消息', '工作台', '我的'])
    await tap(desk, '#entry-pending')
    await waitForPage(newcomer.mp, 'pages/mediator/cases/index', 15_000)

    // The code is spent: a second person is refused.
    const again = await invokeAs('o_party_stranger', 'mediatorDesk', 'bind', { code })
    expect(again).toEqual({
      ok: false,
      error: { code: 'BIND_CODE_USED', message: '该绑定码已被使用，请联系所在机构重新获取' },
    })
  })
})
