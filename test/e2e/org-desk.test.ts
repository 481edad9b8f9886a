import { describe, expect, it } from 'vitest'
import {
  arrangeCase,
  arrangeFiling,
  PARTIES,
  PARTY_IDS,
  PARTY_NAMES,
  uploadPrivateFile,
} from './support/arrange'
import { invokeAs, readCollection } from './support/emulator'
import { expectSentAway } from './support/sent-away'
import {
  all,
  relaunch,
  textOf,
  useApp,
  useFreshData,
  waitForPage,
  waitForSelector,
  waitUntil,
  type Page,
} from './support/harness'
import { tap, typeInto, waitForText } from './support/page-text'

// The organisation desk (issue 8, staff half): the seeded staff member of 北京市工商联 decides a
// manual identity review, a filing and its withdrawal request, relays a judicial confirmation
// and issues a mediation document, while the party's own instance shows each result.

useFreshData()
const STAFF = 'o_staff_beijing'
const staff = useApp({ as: STAFF })
const party = useApp({ as: PARTIES.applicant })

// A one-page PDF as a data URL: the simulator's uploadFile fetches paths it did not create.
const PDF_DATA_URL = `data:application/pdf;base64,${Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
).toString('base64')}`

async function textAt(page: Page, selector: string): Promise<string> {
  return textOf(await waitForSelector(page, selector))
}

/** Waits until `selector` shows text containing `part`, and returns the whole text. */
async function inboxTitles(openid: string): Promise<string[]> {
  const docs = await readCollection('messages', { toOpenid: openid })
  return docs.map((d) => String(d['title']))
}

// One settled case serves the confirmation and the document chapters (arranging it is slow).
let settled: ReturnType<typeof arrangeCase> | undefined
const settledCase = () => (settled = settled ?? arrangeCase('settled'))

describe('工商联工作台', () => {
  it('sends a party away from the desk, and the function refuses a stranger', async () => {
    await expectSentAway(party.mp, '/pages/org/queue/index', {
      toast: '您不是工商联工作人员',
      landsOn: 'pages/home/index',
    })
    const refused = await invokeAs(PARTIES.stranger, 'orgDesk', 'queue', {})
    expect(refused.ok).toBe(false)
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN')
  })

  it('approves a manual identity review after refusing an empty rejection reason', async () => {
    const openid = PARTIES.applicant
    const photos = {
      front: await uploadPrivateFile(openid, 'identity/front.png'),
      back: await uploadPrivateFile(openid, 'identity/back.png'),
      handheld: await uploadPrivateFile(openid, 'identity/handheld.png'),
    }
    const submitted = await invokeAs(openid, 'verifyIdentity', 'submitManual', {
      partyType: 'person',
      idType: 'resident_id',
      name: PARTY_NAMES.o_party_applicant,
      idNumber: PARTY_IDS.o_party_applicant,
      photos,
    })
    expect(submitted.ok && submitted.data.status).toBe('manual_pending')

    // The queue lists it under 身份审核; tapping the row opens the review.
    const queue = await relaunch(staff.mp, '/pages/org/queue/index')
    const row = await waitUntil('身份审核待办', async () => {
      for (const r of await all(queue, '.queue-row')) {
        if ((await textOf(r)).includes('身份人工审核')) return r
      }
      return null
    })
    await row.tap()
    const review = await waitForPage(staff.mp, 'pages/org/identity/index')
    expect(await textAt(review, '#review-name')).toContain('张*')
    expect(await textAt(review, '#review-name')).not.toContain(PARTY_NAMES.o_party_applicant)
    // Opening the review took its claim: only this staff member sees the photos.
    expect(await all(review, '.mc-org-identity__photo')).toHaveLength(3)
    expect(await textAt(review, '#claim-mine')).toContain('您已领取本审核')
    const [claimed] = await readCollection('identities', { openid })
    expect(claimed?.['claim']).toMatchObject({ reviewerId: 'staff_beijing' })

    await tap(review, '#reject')
    expect(await waitForText(review, '#reason-error', '请填写驳回理由')).toBe('请填写驳回理由')
    await tap(review, '#approve')
    await waitForSelector(review, '#decided', 15_000)

    const [identity] = await readCollection('identities', { openid })
    expect(identity?.['status']).toBe('verified')
    expect(identity?.['claim']).toBeNull()
    const mine = await relaunch(party.mp, '/pages/identity/index')
    await waitForSelector(mine, '#verified-name', 15_000)
    expect(await inboxTitles(openid)).toContain('实名认证已通过')
  })

  it('accepts a filing with its number, then grants the withdrawal request', async () => {
    const filing = await arrangeFiling('submitted')
    const page = await relaunch(staff.mp, `/pages/org/filing/index?filingId=${filing.filingId}`)
    await tap(page, '#accept-filing')
    const numberText = await waitForText(page, '#filing-number', 'LA')
    const [stored] = await readCollection('filings', { _id: filing.filingId })
    expect(stored?.['status']).toBe('accepted')
    const number = String(stored?.['filingNumber'])
    expect(numberText).toContain(number)

    // The party's 首页 立案 list shows the filing under its number.
    const home = await relaunch(party.mp, '/pages/home/index')
    await waitUntil('立案列表', async () => (await home.data('filings.length')) as number)
    expect((await home.data('filings[0].title')) as string).toBe(number)

    const asked = await invokeAs(filing.filer, 'withdrawCase', 'withdraw', {
      filingId: filing.filingId,
      reason: '双方已自行和解',
    })
    expect(asked.ok && asked.data.effect).toBe('requested')
    const ruling = await relaunch(staff.mp, `/pages/org/filing/index?filingId=${filing.filingId}`)
    expect(await textAt(ruling, '#withdrawal-reason')).toContain('双方已自行和解')
    await tap(ruling, '#refuse-withdrawal')
    expect(await waitForText(ruling, '#withdrawal-refuse-error', '请填写')).toBe(
      '请填写不准许撤诉的理由',
    )
    await tap(ruling, '#grant-withdrawal')
    await waitForText(ruling, '#withdrawal-outcome', '已准许撤诉')
    const [after] = await readCollection('filings', { _id: filing.filingId })
    expect(after?.['status']).toBe('withdrawn')
  })

  // Both chapters start from a settled case arranged through some twenty real function calls.
  it(
    'forwards a judicial confirmation to the chosen court and records its ruling',
    { timeout: 120_000 },
    async () => {
      const c = await settledCase()
      const preview = await invokeAs(c.applicant, 'judicialConfirmation', 'preview', {
        caseId: c.caseId,
      })
      if (!preview.ok) throw new Error(preview.error.message)
      const court = preview.data.courtOptions[0]
      if (!court) throw new Error('没有可选的人民法院')
      const started = await invokeAs(c.applicant, 'judicialConfirmation', 'initiate', {
        caseId: c.caseId,
        courtBasis: court.bases[0] ?? 'party_domicile',
        courtName: court.courtName,
      })
      expect(started.ok).toBe(true)
      const consent = await invokeAs(c.respondent, 'judicialConfirmation', 'consent', {
        caseId: c.caseId,
      })
      expect(consent.ok && consent.data.status).toBe('submitted_to_org')

      const page = await relaunch(staff.mp, `/pages/org/confirmation/index?id=${c.caseId}`)
      await tap(page, '#forward')
      await waitForText(page, '#confirmation-progress', `已转交${court.courtName}`)

      // Recording without the ruling file is stopped with its message; then the file is picked.
      await typeInto(page, '#ruling-number >>> input', '（2026）京0101民特1号')
      await tap(page, '#record-outcome')
      expect(await waitForText(page, '#ruling-file-error', '裁定书')).toBe('请上传人民法院的裁定书')
      await staff.mp.mockWxMethod('chooseMessageFile', {
        errMsg: 'chooseMessageFile:ok',
        tempFiles: [{ path: PDF_DATA_URL, size: 160, name: 'ruling.pdf', type: 'file', time: 0 }],
      })
      try {
        await tap(page, '#ruling-file >>> .t-upload__list-trigger')
        await waitUntil('裁定书上传', async () => (await page.data('form.rulingFileId')) as string)
      } finally {
        await staff.mp.restoreWxMethod('chooseMessageFile')
      }
      await tap(page, '#record-outcome')
      await waitForText(page, '#confirmation-status', '已裁定确认有效')
      const [jc] = await readCollection('judicial_confirmations', { caseId: c.caseId })
      expect(jc?.['status']).toBe('confirmed')
      expect(jc?.['rulingNumber']).toBe('（2026）京0101民特1号')
      expect(await inboxTitles(c.applicant)).toContain('法院已裁定确认调解协议有效')
    },
  )

  it(
    'issues a mediation document that the party then sees in its case and 消息',
    { timeout: 120_000 },
    async () => {
      const c = await settledCase()
      const applied = await invokeAs(c.applicant, 'mediationDocument', 'apply', {
        caseId: c.caseId,
      })
      expect(applied.ok).toBe(true)
      const doc = await relaunch(staff.mp, `/pages/org/document/index?id=${c.caseId}`)
      await tap(doc, '#reject-document')
      expect(await waitForText(doc, '#document-reason-error', '请填写')).toBe(
        '请填写不予出具的原因',
      )
      await tap(doc, '#process-document')
      await tap(doc, '#generate-document')
      // Rendering the PDF (CJK font subset) is the slowest step of the desk.
      const numberText = await waitForText(doc, '#document-number', 'WS', 30_000)
      const [request] = await readCollection('document_requests', { caseId: c.caseId })
      expect(request?.['status']).toBe('issued')
      expect(numberText).toContain(String(request?.['documentNumber']))

      // The party sees it in its case and in 消息.
      const status = await invokeAs(c.applicant, 'mediationDocument', 'status', {
        caseId: c.caseId,
      })
      expect(status.ok && status.data?.status).toBe('issued')
      const inbox = await relaunch(party.mp, '/pages/messages/index')
      await waitForText(inbox, '.mc-page', '调解书已出具')
    },
  )
})
