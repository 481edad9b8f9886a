import { describe, expect, it } from 'vitest'
import { arrangeCase, arrangeFiling, PARTIES } from './support/arrange'
import { ok, readCollection } from './support/emulator'
import {
  all,
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
import { waitForText } from './support/page-text'

// 在线立案: a case closed without agreement is transferred to a filing with everything it held,
// the organisation's staff accept it, and the filer sees 已立案 with the filing number. A direct
// filing without claims is stopped with its message before anything is stored. A filing the
// staff sent back shows their reason; 修改后重新提交 opens it prefilled (parties locked), a
// too-short correction is stopped, and the corrected one goes back to the organisation.

useFreshData()
const app = useApp({ as: PARTIES.applicant })

type Typable = Element & { input(v: string): Promise<void> }

async function textIn(page: Page, selector: string): Promise<string> {
  return textOf(await waitForSelector(page, selector))
}

/** The consent popup opens before any ID is typed on a fresh install; 同意并继续 closes it. */
async function agreePrivacy(page: Page): Promise<void> {
  const button = await waitForSelector(page, 'privacy-popup >>> #agree-privacy')
  await button.tap()
}

describe('在线立案', () => {
  it('transfers a failed case prefilled, staff accept it, the filer sees 已立案 and the number', async () => {
    const arranged = await arrangeCase('failed')
    const page = await relaunch(app.mp, `/pages/filing/apply/index?caseId=${arranged.caseId}`)
    await waitForSelector(page, '#transfer-notice', 20_000)
    await agreePrivacy(page)
    expect(await textIn(page, '#transfer-notice')).toContain(arranged.caseNumber)
    expect(await textIn(page, '#filer')).toContain('张*')
    const form = (await page.data('form')) as { claimsText: string; factsAndReasons: string }
    expect(form.claimsText).not.toBe('')
    expect(form.factsAndReasons.length).toBeGreaterThanOrEqual(10)
    expect(await all(page, '.mc-filing__other')).toHaveLength(1)

    const organisations = await waitUntil('有管辖权的机构', async () => {
      const radios = await all(page, '#organisations t-radio')
      return radios.length > 0 ? radios : null
    })
    await organisations[0]!.tap()
    await waitUntil(
      '已选机构',
      async () => ((await page.data('form.organisationId')) as string) || null,
    )
    const organisationId = (await page.data('form.organisationId')) as string

    await (await waitForSelector(page, '#submit-filing')).tap()
    const detail = await waitForPage(app.mp, 'pages/filing/detail/index', 20_000)
    await waitForText(detail, '#filing-status', '待工商联审核')
    const [stored] = await readCollection('filings', { caseId: arranged.caseId })
    expect(stored).toMatchObject({ status: 'submitted', organisationId, route: 'transfer' })
    const filingId = String(stored!['_id'])

    const staff = await readCollection('staff_members', { organisationId })
    const accepted = await ok(String(staff[0]!['openid']), 'fileCase', 'accept', { filingId })
    expect(accepted.filingNumber).toMatch(/^LA/)

    const again = await relaunch(app.mp, `/pages/filing/detail/index?filingId=${filingId}`)
    await waitForText(again, '#filing-status', '已立案')
    expect(await textIn(again, '#filing-number')).toContain(accepted.filingNumber ?? '')
    expect(await textIn(again, '#timeline')).toContain('工商联已立案')
    const [after] = await readCollection('filings', { _id: filingId })
    expect(after).toMatchObject({ status: 'accepted', filingNumber: accepted.filingNumber })
  })

  it('stops a direct filing without claims with its message', async () => {
    const page = await relaunch(app.mp, '/pages/filing/apply/index')
    await waitForSelector(page, '#defendant-name', 20_000)
    const before = (await readCollection('filings')).length
    await ((await waitForSelector(page, '#defendant-name >>> input')) as Typable).input(
      '杭州某某贸易有限公司',
    )
    await ((await waitForSelector(page, '#defendant-address >>> input')) as Typable).input(
      '浙江省杭州市西湖区某路 8 号',
    )
    await ((await waitForSelector(page, '#facts >>> textarea')) as Typable).input(
      '对方收取预付款后一直未交货，多次催告无果。',
    )
    await (await waitForSelector(page, '#submit-filing')).tap()
    await waitForText(page, '#claims-error', '请填写诉讼请求')
    expect(await page.$('#facts-error')).toBeNull()
    expect((await readCollection('filings')).length).toBe(before)
  })

  it('a rejected filing shows the reason, opens prefilled, stops short facts, then resubmits', async () => {
    const arranged = await arrangeFiling('submitted')
    const reason = '请写明预付款的支付时间和催告经过'
    await ok(arranged.staff, 'fileCase', 'reject', { filingId: arranged.filingId, reason })
    const [rejected] = await readCollection('filings', { _id: arranged.filingId })
    const claims = (rejected?.['claims'] as string[] | undefined) ?? []

    const detail = await relaunch(
      app.mp,
      `/pages/filing/detail/index?filingId=${arranged.filingId}`,
    )
    await waitForText(detail, '#reject-reason', reason)
    await (await waitForSelector(detail, '#resubmit-filing')).tap()
    const page = await waitForPage(app.mp, 'pages/filing/apply/index', 20_000)
    await waitForText(page, '#resubmit-reason', reason)
    const form = (await page.data('form')) as { claimsText: string; factsAndReasons: string }
    expect(form.claimsText).toBe(claims.join('\n'))
    expect(form.factsAndReasons).toBe(rejected?.['factsAndReasons'])
    expect(await textIn(page, '#filer')).toContain('张*')
    expect(await textIn(page, '#organisation-locked')).toContain(
      String(rejected?.['organisationName']),
    )
    expect(await page.$('#defendant-name')).toBeNull()
    expect(await all(page, '.mc-filing__other')).toHaveLength(1)

    const facts = (await waitForSelector(page, '#facts >>> textarea')) as Typable
    await facts.input('太短了')
    await (await waitForSelector(page, '#submit-filing')).tap()
    await waitForText(page, '#facts-error', '事实与理由至少 10 字')
    const [still] = await readCollection('filings', { _id: arranged.filingId })
    expect(still).toMatchObject({ status: 'rejected', rejectReason: reason })

    const corrected =
      '申请人于 2026 年 6 月 1 日预付货款两万元，7 月起三次书面催告，被申请人仍未交货。'
    await facts.input(corrected)
    await (await waitForSelector(page, '#submit-filing')).tap()
    const after = await waitForPage(app.mp, 'pages/filing/detail/index', 20_000)
    await waitForText(after, '#filing-status', '待工商联审核')
    expect(await after.$('#reject-reason')).toBeNull()
    const [stored] = await readCollection('filings', { _id: arranged.filingId })
    expect(stored).toMatchObject({
      status: 'submitted',
      factsAndReasons: corrected,
      claims,
      rejectReason: null,
    })
  })
})
