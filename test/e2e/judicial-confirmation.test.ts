import { beforeAll, describe, expect, it } from 'vitest'
import { arrangeCase, type ArrangedCase, PARTIES } from './support/arrange'
import { readCollection } from './support/emulator'
import {
  all,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForSelector,
  waitUntil,
} from './support/harness'
import { textIn, waitForText } from './support/page-text'

// 申请司法确认: the agreement of 张伟 and 王芳 is effective. 张伟 reads the generated application,
// is stopped when starting without a court, picks one by its statutory basis and starts; 王芳's
// phone shows the consent request and she agrees; 张伟 then reads that the application is with
// the chamber, waiting to be relayed to the court.

useFreshData()
const applicant = useApp({ as: PARTIES.applicant })
const respondent = useApp({ as: PARTIES.respondent })

const RELAY = /已提交至.+工商.*联.*，待转交人民法院/

// Arranged through the functions before the test, so the test's own time is the chapter's UI.
let arranged: ArrangedCase
beforeAll(async () => {
  arranged = await arrangeCase('settled')
})

describe('申请司法确认', () => {
  it('one party starts with a court, the other consents, both see it relayed to the court', async () => {
    const url = `/pages/case/confirmation/index?caseId=${arranged.caseId}`

    const mine = await relaunch(applicant.mp, url)
    await waitForSelector(mine, '#initiate', 15_000)
    expect(await textIn(mine, '#application-text')).not.toBe('')
    expect(await textIn(mine, '#confirmation-window')).toMatch(/剩余 (29|30) 天/)

    // Starting without a court is stopped with its message, and nothing is stored.
    await (await waitForSelector(mine, '#initiate')).tap()
    await waitForText(mine, '#t-message', '请选择受理司法确认的人民法院')
    expect(await readCollection('judicial_confirmations', { caseId: arranged.caseId })).toEqual([])

    const courts = await all(mine, '#court-options t-radio')
    expect(courts.length).toBeGreaterThan(0)
    const courtName = (await textOf(courts[0]!)).split('管辖依据')[0]!.trim()
    await courts[0]!.tap()
    await waitUntil('已选法院', async () => (await mine.data('courtValue')) !== '')
    await (await waitForSelector(mine, '#initiate')).tap()
    await waitForText(mine, '#confirmation-status', '待对方同意')
    expect(await textIn(mine, '#confirmation-progress')).toContain('待对方当事人同意')
    expect(await mine.$('#consent-request')).toBeNull()
    expect(await mine.$('#action-cancel')).not.toBeNull()

    // 王芳 is told in her inbox, and the page asks her.
    const inbox = await readCollection('messages', { toOpenid: PARTIES.respondent })
    // Tapping that message opens this page for the case.
    expect(inbox.map((m) => m['link'])).toContain(url)
    const theirs = await relaunch(respondent.mp, url)
    const request = await waitForText(theirs, '#consent-request', '同意共同申请')
    expect(request).toContain(courtName)
    await (await waitForSelector(theirs, '#action-consent')).tap()
    const relayed = await waitForText(theirs, '#confirmation-progress', RELAY)
    expect(relayed).toMatch(RELAY)
    expect(await theirs.$('#action-consent')).toBeNull()

    const again = await relaunch(applicant.mp, url)
    expect(await waitForText(again, '#confirmation-progress', RELAY)).toMatch(RELAY)
    expect(await textIn(again, '#confirmation-status')).toBe('已提交至工商联，待转交人民法院')

    const [stored] = await readCollection('judicial_confirmations', { caseId: arranged.caseId })
    expect(stored?.['status']).toBe('submitted_to_org')
    expect(stored?.['requestedCourt']).toBe(courtName)
    expect(stored?.['consentedAt']).toBeTruthy()
  })
})
