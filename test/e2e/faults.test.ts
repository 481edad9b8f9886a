import { afterAll, describe, expect, it } from 'vitest'
import { NETWORK_MESSAGE } from '../../miniprogram/services/caller'
import { arrangeCase, PARTIES } from './support/arrange'
import { emulatorUrl, readCollection } from './support/emulator'
import {
  all,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForSelector,
  waitUntil,
  type Element,
  type Page,
} from './support/harness'
import { waitForText } from './support/page-text'

// 满意度评价 under a fault: the case is settled; 张伟 taps 提交评价 without stars and is told to
// choose some; with the next three invocations of mediationCase failing (the service retries a
// failed call twice on its own), his rating fails with the network message; he taps again, it
// goes through, and the emulator holds exactly one rating.

useFreshData()
const app = useApp({ as: PARTIES.applicant })

async function faults(method: 'GET' | 'POST' | 'DELETE', body?: object) {
  const res = await fetch(`${emulatorUrl()}/__emulator/faults`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  if (!res.ok) throw new Error(`故障注入设置失败：${res.status} ${await res.text()}`)
  return (await res.json()) as { counters: { functions: { invocations: number; failed: number } } }
}

// The emulator is shared by every e2e file: never leave a fault behind.
afterAll(async () => {
  await faults('DELETE')
})

async function submitButton(page: Page): Promise<Element> {
  return waitUntil('提交评价按钮', async () => {
    for (const button of await all(page, 't-button')) {
      if ((await textOf(button)).includes('提交评价')) return button
    }
    return null
  })
}

describe('故障注入下的满意度评价', () => {
  it('shows the failure in Chinese, and the second tap rates exactly once', async () => {
    const arranged = await arrangeCase('settled')
    const page = await relaunch(app.mp, `/pages/case/detail/index?caseId=${arranged.caseId}`)
    const submit = await submitButton(page)

    await submit.tap()
    await waitForText(page, '#t-message', '请选择 1 至 5 星')

    const stars = (await waitForSelector(page, 't-rate')) as Element & {
      trigger(type: string, detail?: object): Promise<void>
    }
    await stars.trigger('change', { value: 4 })
    await faults('POST', { functions: { failNext: 3 }, match: { functions: ['mediationCase'] } })
    // Chromium logs each failed /client/callFunction (the injected -504002 answers HTTP 500) as a
    // console error of its own.
    app.allowProblems(
      /^Failed to load resource: the server responded with a status of 500 \(Internal Server Error\)$/,
    )
    await submit.tap()
    await waitForText(page, '#t-message', NETWORK_MESSAGE)
    expect((await faults('GET')).counters.functions).toMatchObject({ invocations: 3, failed: 3 })
    const rated = () =>
      readCollection('case_events', { caseId: arranged.caseId, type: 'case.rated' })
    expect(await rated()).toHaveLength(0)

    await submit.tap()
    await waitForText(page, '#t-message', '感谢您的评价')
    expect(await rated()).toHaveLength(1)
    const [stored] = await readCollection('mediation_cases', { _id: arranged.caseId })
    const ratings = Object.values((stored?.['ratings'] ?? {}) as Record<string, { score: number }>)
    expect(ratings).toEqual([expect.objectContaining({ score: 4 })])
  })
})
