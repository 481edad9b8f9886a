import { describe, expect, it } from 'vitest'
import { arrangeCase, MEDIATOR, PARTIES } from './support/arrange'
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
  type Page,
} from './support/harness'

// 在线调解 (manual chapter): 王建国 (o_mediator_0001) rings from his desk while 张伟 is on 首页;
// 张伟's phone shows the invitation, he accepts, both are in the call and see each other; he
// hangs up, the mediator ends the call, and 案件详情 shows it in the timeline. Joining the ended
// call again shows the function's message.

useFreshData()
const mediator = useApp({ as: MEDIATOR })
const party = useApp({ as: PARTIES.applicant })

declare const document: {
  querySelector(s: string): { textContent: string | null } | null
}

async function tap(page: Page, selector: string): Promise<void> {
  await (await waitForSelector(page, selector, 15_000)).tap()
}

/** Waits until `selector` shows text containing every part, and returns the whole text. */
function waitForText(page: Page, selector: string, parts: string[], timeout = 15_000) {
  return waitUntil(
    `${selector} 显示“${parts.join('”“')}”`,
    async () => {
      const el = await page.$(selector)
      const text = el ? await textOf(el) : ''
      return parts.every((p) => text.includes(p)) ? text : null
    },
    timeout,
  )
}

describe('在线调解', () => {
  // The arrangement alone (two verifications, submit, invite, join, consent, choose) takes
  // half a minute when the machine is loaded, hence more than the default minute.
  it(
    'the invitation pops up on 首页, both meet in the call, and 案件详情 records it',
    { timeout: 120_000 },
    async () => {
      // An accepted case with no call yet (the in_mediation arrangement leaves a finished call
      // behind, whose short-lived invitation could ring first).
      const { caseId, caseNumber } = await arrangeCase('mediator_chosen')
      await ok(MEDIATOR, 'mediatorDesk', 'accept', { caseId })
      await relaunch(party.mp, '/pages/home/index')

      // The mediator rings from the case workspace and enters the call page himself.
      const ws = await relaunch(
        mediator.mp,
        `/pages/mediator/case/index?caseId=${encodeURIComponent(caseId)}`,
      )
      await tap(ws, '#call-all')
      const mediatorCall = await waitForPage(mediator.mp, 'pages/case/call/index', 15_000)

      const prompt = await waitUntil(
        '首页弹出视频调解邀请',
        () =>
          evaluate<string | null>(
            party.mp,
            () => document.querySelector('.sim-modal')?.textContent ?? null,
          ),
        15_000,
      )
      expect(prompt).toContain('视频调解邀请')
      expect(prompt).toContain(caseNumber)
      await party.mp.native().confirmModal()
      const partyCall = await waitForPage(party.mp, 'pages/case/call/index', 15_000)

      // Each sees the other in the members list, and one video tile per person in the room.
      await waitForText(partyCall, '#member-mediator', ['调解员', '通话中'])
      await waitForText(partyCall, '#member-applicant', ['申请人 · 张*', '通话中'])
      await waitForText(mediatorCall, '#member-applicant', ['张*', '通话中'])
      expect(await textOf(await waitForSelector(partyCall, '#member-respondent'))).toContain('王*')
      // Each phone renders its own camera; the others' streams are WeChat's to render.
      for (const page of [partyCall, mediatorCall]) {
        const [own] = await all(page, '#tiles voip-room')
        expect(await own?.attribute('mode')).toBe('camera')
      }
      // Only the mediator may end the call for everyone.
      expect(await partyCall.$('#end-call')).toBeNull()
      const [call] = await readCollection('calls', { caseId, status: 'active' })
      const callId = String(call?.['_id'])
      const members = call?.['members'] as Record<string, { joinedAt: unknown } | undefined>
      expect(members['applicant']?.joinedAt).toBeTruthy()
      expect(members['mediator']?.joinedAt).toBeTruthy()
      const [invitation] = await readCollection('call_invitations', {
        callId,
        toOpenid: PARTIES.applicant,
      })
      expect(invitation?.['status']).toBe('joined')

      // 张伟 hangs up (back to 首页); the mediator ends the call.
      await tap(partyCall, '#hang-up')
      await waitForPage(party.mp, 'pages/home/index', 15_000)
      await waitForText(mediatorCall, '#member-applicant', ['已离开'])
      await tap(mediatorCall, '#end-call')
      await waitForText(mediatorCall, '#call-result', ['视频调解已结束'])
      await waitUntil('通话已结束', async () => {
        const [doc] = await readCollection('calls', { _id: callId })
        return doc?.['status'] === 'ended'
      })

      // 案件详情: the call in the timeline and in the call records.
      const detail = await relaunch(
        party.mp,
        `/pages/case/detail/index?caseId=${encodeURIComponent(caseId)}`,
      )
      await waitForText(detail, '#case-number', [caseNumber], 20_000)
      expect(await textOf(await waitForSelector(detail, '#case-status'))).toMatch(/已受理|调解中/)
      const timeline = await waitForText(detail, '#timeline', [
        '调解员发起视频调解',
        '视频调解结束',
      ])
      expect(timeline).toMatch(/通话 \d+/)
      const calls = await waitForText(detail, '#calls', ['第 1 次视频调解'])
      expect(calls).toMatch(/时长 \d+/)
      expect(await textOf(await waitForSelector(detail, '#parties'))).toContain('王*')

      // Bad input: joining the ended call shows the function's message, and nothing changes.
      const again = await relaunch(
        party.mp,
        `/pages/case/call/index?callId=${encodeURIComponent(callId)}`,
      )
      await waitForText(again, '#call-result', ['无法加入视频调解', '本次视频调解已结束'])
      const [after] = await readCollection('calls', { _id: callId })
      expect(after?.['status']).toBe('ended')
      const applicant = (after?.['members'] as Record<string, { leftAt: unknown }>)['applicant']
      expect(applicant?.leftAt).toBeTruthy()
    },
  )
})
