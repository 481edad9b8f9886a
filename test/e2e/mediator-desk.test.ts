import { describe, expect, it } from 'vitest'
import { arrangeCase, MEDIATOR, PARTIES, uploadPrivateFile } from './support/arrange'
import { invokeAs, ok, readCollection } from './support/emulator'
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
} from './support/harness'
import { tap, typeInto, waitForText } from './support/page-text'
import { expectSentAway } from './support/sent-away'

// The mediator's desk (issue 8, mediator half): 王建国 (o_mediator_0001) accepts the case in
// 待受理, rings the parties (张伟's phone shows the invitation), drafts and sends the agreement;
// the parties and then the mediator sign and the case ends settled under 已结束.

useFreshData()
const mediator = useApp({ as: MEDIATOR })
const party = useApp({ as: PARTIES.applicant })

declare const document: {
  querySelector(s: string): { textContent: string | null } | null
}

/** Waits until `selector` shows text containing `part`, and returns the whole text. */
async function caseStatus(caseId: string): Promise<unknown> {
  const [doc] = await readCollection('mediation_cases', { _id: caseId })
  return doc?.['status']
}

// The case the journey works on, arranged by the first journey test.
let caseId = ''
let caseNumber = ''

describe('调解员工作台', () => {
  it('sends a party away from the desk, and the function refuses a stranger', async () => {
    await expectSentAway(party.mp, '/pages/mediator/cases/index', {
      toast: '您没有调解员权限',
      landsOn: 'pages/home/index',
    })
    for (const action of ['listAssigned', 'accept'] as const) {
      const refused =
        action === 'listAssigned'
          ? await invokeAs(PARTIES.stranger, 'mediatorDesk', action, { tab: 'pending' })
          : await invokeAs(PARTIES.stranger, 'mediatorDesk', action, { caseId: 'any-case' })
      expect(refused.ok).toBe(false)
      expect(!refused.ok && refused.error.code).toBe('FORBIDDEN')
    }
  })

  it('accepts after refusing an empty decline reason, and rings the parties', async () => {
    const arranged = await arrangeCase('mediator_chosen')
    caseId = arranged.caseId
    caseNumber = arranged.caseNumber

    // 待受理 lists the case; its workspace refuses a decline without a reason.
    const queue = await relaunch(mediator.mp, '/pages/mediator/cases/index')
    const row = await waitUntil('待受理案件', async () => {
      for (const r of await all(queue, '#list-pending t-cell')) {
        if ((await textOf(r)).includes(caseNumber)) return r
      }
      return null
    })
    expect(await textOf(row)).toContain('张* 与 王*')
    await row.tap()
    const ws = await waitForPage(mediator.mp, 'pages/mediator/case/index')
    // The workspace asks whoAmI and then the case detail before it renders its sections.
    await waitForSelector(ws, '#answer-card', 20_000)
    await tap(ws, '#decline')
    expect(await waitForText(ws, '#decline-error', '请填写')).toBe('请填写不予受理的原因')
    expect(await caseStatus(caseId)).toBe('awaiting_mediator')
    await tap(ws, '#accept')
    await waitForText(ws, '#case-status', '已受理')
    expect(await caseStatus(caseId)).toBe('accepted')

    // 发起视频调解: the mediator enters the call page, the applicant's phone rings.
    await tap(ws, '#call-all')
    await waitForPage(mediator.mp, 'pages/case/call/index', 15_000)
    const ringing = await waitUntil('呼叫邀请', async () => {
      const docs = await readCollection('call_invitations', { caseId, toOpenid: PARTIES.applicant })
      return docs.length > 0 ? docs : null
    })
    expect(ringing[0]?.['status']).toBe('ringing')
    const prompt = await waitUntil(
      '当事人收到视频调解邀请',
      () =>
        evaluate<string | null>(
          party.mp,
          () => document.querySelector('.sim-modal')?.textContent ?? null,
        ),
      15_000,
    )
    expect(prompt).toMatch(/视频调解/)
    await party.mp.native().confirmModal()
    await waitForPage(party.mp, 'pages/case/call/index', 15_000)
    await waitUntil('申请人已接听', async () => {
      const [inv] = await readCollection('call_invitations', {
        caseId,
        toOpenid: PARTIES.applicant,
      })
      return inv?.['status'] === 'joined'
    })

    // Back in the workspace the mediator sees who answered.
    await mediator.mp.navigateBack()
    const back = await waitForPage(mediator.mp, 'pages/mediator/case/index')
    expect(await waitForText(back, '#member-applicant', '张*')).not.toContain('呼叫中')
  })

  it('drafts and sends the agreement; the signatures settle the case under 已结束', async () => {
    expect(caseId).not.toBe('')
    const ws = await relaunch(mediator.mp, `/pages/mediator/case/index?caseId=${caseId}`)
    await waitForSelector(ws, '#draft-agreement', 20_000)
    await tap(ws, '#draft-agreement')
    const editor = await waitForPage(mediator.mp, 'pages/mediator/agreement-editor/index')
    expect(await textOf(await waitForSelector(editor, '#parties'))).toContain('王*')
    // Saving without a place of performance is stopped at that field.
    await tap(editor, '#save')
    expect(await waitForText(editor, '#place', '请填写履行地点')).toContain('请填写履行地点')
    expect(await readCollection('agreements', { caseId })).toEqual([])
    await typeInto(editor, '#place >>> input', '北京市东城区')
    await tap(editor, '#deadline')
    await tap(editor, '#deadline-picker >>> t-picker >>> .t-picker__confirm')
    await waitForText(editor, '#deadline', '年')
    await tap(editor, '#save')
    const text = await waitForText(editor, '#preview-text', '调解协议书')
    expect(text).toContain('北京市东城区')
    await tap(editor, '#send')
    await waitForPage(mediator.mp, 'pages/case/agreement/index', 15_000)
    expect(await caseStatus(caseId)).toBe('signing')

    // The parties sign on their phones (their own chapter); then the mediator's signature settles it.
    const shown = await ok(MEDIATOR, 'signAgreement', 'get', { caseId })
    expect(shown.terms.place).toBe('北京市东城区')
    for (const who of [PARTIES.applicant, PARTIES.respondent, MEDIATOR]) {
      const fileId = await uploadPrivateFile(who, `signatures/${caseId}.png`)
      await ok(who, 'signAgreement', 'sign', {
        caseId,
        version: shown.version,
        hash: shown.hash,
        signatureImageFileId: fileId,
      })
    }
    expect(await caseStatus(caseId)).toBe('settled')

    const closed = await relaunch(mediator.mp, '/pages/mediator/cases/index?tab=closed')
    const settledRow = await waitForText(closed, '#list-closed', caseNumber)
    expect(settledRow).toContain('调解成功')
  })
})
