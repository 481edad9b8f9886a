import { describe, expect, it } from 'vitest'
import { arrangeFiling, PARTIES } from './support/arrange'
import { ok, readCollection } from './support/emulator'
import {
  all,
  relaunch,
  useApp,
  useFreshData,
  waitForSelector,
  waitUntil,
  type Element,
  type Page,
} from './support/harness'
import { waitForText } from './support/page-text'

// 撤诉: before acceptance the filing is withdrawn at once; after acceptance it becomes a request
// the organisation rules on, and the filer sees the ruling. An empty reason is stopped first.

useFreshData()
const app = useApp({ as: PARTIES.applicant })

type Typable = Element & { input(v: string): Promise<void> }

async function withdraw(page: Page, reason: string): Promise<void> {
  await (await waitForSelector(page, '#more-actions')).tap()
  const items = await waitUntil('更多菜单', async () => {
    const found = await all(page, 't-action-sheet >>> .t-action-sheet__list-item')
    return found.length > 0 ? found : null
  })
  await items[0]!.tap()
  await waitForSelector(page, '#withdraw-reason')
  if (reason)
    await ((await waitForSelector(page, '#withdraw-reason >>> textarea')) as Typable).input(reason)
  await (await waitForSelector(page, '#withdraw-next')).tap()
}

describe('撤诉', () => {
  it('withdraws at once before acceptance, after an empty reason was refused', async () => {
    const filing = await arrangeFiling('submitted')
    const page = await relaunch(app.mp, `/pages/filing/detail/index?filingId=${filing.filingId}`)
    await waitForText(page, '#filing-status', '待工商联审核')
    await withdraw(page, '')
    await waitForText(page, '#withdraw-reason-error', '请填写撤诉原因')
    await ((await waitForSelector(page, '#withdraw-reason >>> textarea')) as Typable).input(
      '双方已自行和解',
    )
    await (await waitForSelector(page, '#withdraw-next')).tap()
    await (await waitForSelector(page, 't-dialog >>> .t-dialog__button--confirm')).tap()
    await waitForText(page, '#filing-status', '已撤诉')
    const [stored] = await readCollection('filings', { _id: filing.filingId })
    expect(stored).toMatchObject({ status: 'withdrawn' })
  })

  it('asks the organisation after acceptance; the filer sees the request, then the ruling', async () => {
    const filing = await arrangeFiling('accepted')
    const page = await relaunch(app.mp, `/pages/filing/detail/index?filingId=${filing.filingId}`)
    await waitForText(page, '#filing-status', '已立案')
    await withdraw(page, '已与对方达成和解')
    await (await waitForSelector(page, 't-dialog >>> .t-dialog__button--confirm')).tap()
    await waitForText(page, '#withdrawal-state', '撤诉申请已提交，待工商联审查')
    const [request] = await readCollection('withdrawal_requests', { filingId: filing.filingId })
    expect(request).toMatchObject({ status: 'pending' })
    await ok(filing.staff, 'withdrawCase', 'grant', {
      withdrawalRequestId: String(request!['_id']),
    })
    const again = await relaunch(app.mp, `/pages/filing/detail/index?filingId=${filing.filingId}`)
    await waitForText(again, '#withdrawal-state', '工商联已准许撤诉')
    const [stored] = await readCollection('filings', { _id: filing.filingId })
    expect(stored).toMatchObject({ status: 'withdrawn' })
  })
})
