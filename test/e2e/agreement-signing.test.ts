import { beforeAll, describe, expect, it } from 'vitest'
import { privatePrefix } from '../../cloudfunctions/_shared/storage'
import { EMPTY_SIGNATURE_MESSAGE } from '../../miniprogram/components/signature-pad/logic'
import {
  arrangeCase,
  type ArrangedCase,
  MEDIATOR,
  PARTIES,
  uploadPrivateFile,
} from './support/arrange'
import { ok, readCollection } from './support/emulator'
import {
  evaluate,
  relaunch,
  useApp,
  useFreshData,
  waitForSelector,
  type Element,
} from './support/harness'
import { textIn, waitForText } from './support/page-text'

// 确认文书: the agreement is out for signing; 王芳 and the mediator have signed on their phones;
// 张伟 reads it, is stopped when confirming an empty pad, signs by hand on the canvas and sees
// the agreement become effective. The emulator then holds three signatures and a settled case.

useFreshData()
const applicant = useApp({ as: PARTIES.applicant })

declare const document: {
  querySelector(s: string): { getBoundingClientRect(): { left: number; top: number } } | null
}

type Touchable = Element & {
  touchstart(o: object): Promise<void>
  touchmove(o: object): Promise<void>
  touchend(o: object): Promise<void>
}

/** Writes a zig-zag stroke (like a hurried 张伟) with the public touch API. */
async function drawSignature(mp: typeof applicant.mp, canvas: Element): Promise<void> {
  const box = await evaluate<{ left: number; top: number }>(mp, () => {
    const r = document.querySelector('canvas')?.getBoundingClientRect()
    return { left: r?.left ?? 0, top: r?.top ?? 0 }
  })
  const pad = canvas as Touchable
  const at = (x: number, y: number) => {
    const t = { identifier: 1, clientX: box.left + x, clientY: box.top + y }
    return { touches: [t], changedTouches: [t] }
  }
  const path: [number, number][] = [
    [30, 40],
    [60, 80],
    [90, 40],
    [120, 80],
    [150, 40],
    [180, 90],
  ]
  await pad.touchstart(at(...path[0]!))
  for (const p of path.slice(1)) await pad.touchmove(at(...p))
  await pad.touchend(at(...path[path.length - 1]!))
}

// Arranged through the functions before the test, so the test's own time is the chapter's UI.
let arranged: ArrangedCase
beforeAll(async () => {
  arranged = await arrangeCase('agreement_sent')
})

describe('调解协议签署', () => {
  it('refuses an empty pad, then a drawn signature makes the agreement effective', async () => {
    const agreement = arranged.agreement!
    for (const who of [PARTIES.respondent, MEDIATOR]) {
      const fileId = await uploadPrivateFile(who, `signatures/${arranged.caseId}.png`)
      await ok(who, 'signAgreement', 'sign', {
        caseId: arranged.caseId,
        version: agreement.version,
        hash: agreement.hash,
        signatureImageFileId: fileId,
      })
    }

    const page = await relaunch(
      applicant.mp,
      `/pages/case/agreement/index?caseId=${arranged.caseId}`,
    )
    await waitForSelector(page, '#signature-pad', 15_000)
    expect(await textIn(page, '#agreement-version')).toContain(`第 ${agreement.version} 版`)
    expect(await textIn(page, '#agreement-text')).toContain('违约金')
    expect(await textIn(page, '#signer-applicant')).toContain('待签署')
    expect(await textIn(page, '#signer-respondent')).toContain('已签署')
    expect(await textIn(page, '#signer-mediator')).toContain('已签署')

    // An empty pad is refused with its message and nothing is signed.
    await (await waitForSelector(page, '#signature-pad >>> #sign-confirm')).tap()
    await waitForText(page, '#t-message', EMPTY_SIGNATURE_MESSAGE)
    const [before] = await readCollection('agreements', { caseId: arranged.caseId })
    expect((before?.['signatures'] as unknown[]).length).toBe(2)

    const canvas = await waitForSelector(page, '#signature-pad >>> #pad')
    await drawSignature(applicant.mp, canvas)
    await (await waitForSelector(page, '#signature-pad >>> #sign-confirm')).tap()

    const effective = await waitForText(page, '#agreement-effective', '调解协议已生效', 20_000)
    expect(effective).toContain('生效')
    expect(await textIn(page, '#agreement-status')).toBe('已生效')
    expect(await textIn(page, '#signer-applicant')).toContain('已签署')
    expect(await page.$('#signature-pad')).toBeNull()
    expect(await page.$('#go-confirmation')).not.toBeNull()

    const [stored] = await readCollection('agreements', { caseId: arranged.caseId })
    expect(stored?.['status']).toBe('effective')
    expect((stored?.['signatures'] as unknown[]).length).toBe(3)
    const images = stored?.['signatureImages'] as Record<string, { fileId: string }>
    const fileIds = Object.values(images).map((i) => i.fileId)
    // The drawn PNG, uploaded by the page under 张伟's own prefix (arrange names its files differently).
    const drawn = `${privatePrefix(PARTIES.applicant)}signatures/${arranged.caseId}-`
    expect(fileIds.filter((f) => f.includes(drawn))).toHaveLength(1)
    const [caseDoc] = await readCollection('mediation_cases', { _id: arranged.caseId })
    expect(caseDoc?.['status']).toBe('settled')
  })
})
