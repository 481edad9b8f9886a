import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { maskIdNumber, maskName } from '../../miniprogram/core/masking'
import { PARTY_IDS, PARTY_NAMES } from './support/arrange'
import { emulatorUrl, invokeAs, ok, readCollection } from './support/emulator'
import { all, relaunch, useApp, useFreshData, waitForSelector } from './support/harness'
import { tap, textIn, waitForText } from './support/page-text'
import { clientLogin, clientTempUrl, clientUpload, download } from './support/privacy-client'

// ID photos of a manual verification: the owner and the staff reviewing it can see them, nobody
// else can ask for them (another party, a mediator: refused; a forged fileID in one's own
// submission: refused), the review ends the staff's access, and deleting the identity leaves no
// number, HMAC hash or photo anywhere in the database or storage. The owner accepted the review
// notice, so the run's privacy scan also covers a subscribe message. Staff of any organisation
// work the one review queue (verifyIdentity's header: an identity belongs to no organisation
// yet), but "the reviewing staff" is the one who holds the review claim (领取审核): the queue
// itself hands no photo to anyone, and a second staff member opening the same review sees
// 审核中 and no photo until the first one decides.

useFreshData()

const OWNER = 'o_party_stranger'
const OTHER_PARTY = 'o_party_respondent'
const MEDIATOR = 'o_mediator_0001'
const REVIEWER = 'o_staff_beijing'
const OTHER_ORG_STAFF = 'o_staff_shanghai'
const NUMBER = PARTY_IDS[OWNER]
const NAME = PARTY_NAMES[OWNER]
const reviewer = useApp({ as: REVIEWER })
const otherStaff = useApp({ as: OTHER_ORG_STAFF })
const URL_OR_FILE_ID = /https?:\/\/|cloud:\/\//

// A 1×1 PNG with a distinct trailer per photo, so a download proves which file came back.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
)
const photoBytes = (side: string): Buffer => Buffer.concat([PNG, Buffer.from(side)])

const exportDir = mkdtempSync(path.join(tmpdir(), 'privacy-photos-'))
afterAll(() => rmSync(exportDir, { recursive: true, force: true }))

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesUnder(full) : [full]
  })
}

interface Arranged {
  identityId: string
  photos: { front: string; back: string; handheld: string }
}
let arranged: Arranged | undefined

describe('身份证件照片', () => {
  it('reach the owner and the reviewing staff only, until the review is decided', async () => {
    const token = await clientLogin(OWNER)
    const me = await ok(OWNER, 'profile', 'whoAmI', {})
    const photos = {
      front: await clientUpload(token, `${me.storagePrefix}identity/front.png`, photoBytes('F')),
      back: await clientUpload(token, `${me.storagePrefix}identity/back.png`, photoBytes('B')),
      handheld: await clientUpload(token, `${me.storagePrefix}identity/hand.png`, photoBytes('H')),
    }
    // The owner accepts the review notice on the phone (platform grant + the product's record).
    const template = me.subscribeTemplates.identity_review ?? ''
    expect(template).not.toBe('')
    const granted = await fetch(`${emulatorUrl()}/__emulator/subscriptions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid: OWNER, templateIds: [template] }),
    })
    expect(granted.status).toBe(200)
    await ok(OWNER, 'profile', 'recordSubscribeGrants', { results: { [template]: 'accept' } })

    const manual = {
      partyType: 'person' as const,
      idType: 'resident_id' as const,
      name: NAME,
      idNumber: NUMBER,
      photos,
    }
    // Bad input: another party submits the owner's photos as their own.
    const forged = await invokeAs(OTHER_PARTY, 'verifyIdentity', 'submitManual', {
      ...manual,
      name: PARTY_NAMES[OTHER_PARTY],
      idNumber: PARTY_IDS[OTHER_PARTY],
    })
    expect(forged.ok).toBe(false)
    if (!forged.ok) {
      expect(forged.error.code).toBe('FILE_NOT_OWNED')
      expect(forged.error.message).toMatch(/[\u4e00-\u9fa5]/)
    }

    const submitted = await ok(OWNER, 'verifyIdentity', 'submitManual', manual)
    expect(submitted.status).toBe('manual_pending')
    expect(submitted.maskedIdNumber).toBe(maskIdNumber(NUMBER))
    const [doc] = await readCollection('identities', { openid: OWNER })
    const identityId = String(doc?.['_id'])
    arranged = { identityId, photos }

    // The owner fetches their own photo as the phone would.
    const ownUrl = await clientTempUrl(token, photos.front)
    expect(ownUrl).toBeDefined()
    expect(await download(ownUrl ?? '')).toEqual(photoBytes('F'))

    // Another party and a mediator are refused the review queue and the claim.
    for (const who of [OTHER_PARTY, MEDIATOR]) {
      for (const action of ['listPending', 'claimReview'] as const) {
        const res = await invokeAs(who, 'verifyIdentity', action, { identityId })
        expect(res.ok, `${who} ${action}`).toBe(false)
        if (!res.ok) expect(res.error.code, `${who} ${action}`).toBe('FORBIDDEN')
      }
    }

    // Staff see masked facts in the queue, and no photo: no URL, no fileID, never the number.
    for (const who of [REVIEWER, OTHER_ORG_STAFF]) {
      const page = await ok(who, 'verifyIdentity', 'listPending', { identityId })
      const [item] = page.items
      expect(item?.maskedName).toBe(maskName(NAME))
      expect(item?.maskedIdNumber).toBe(maskIdNumber(NUMBER))
      expect(item?.claim).toBeNull()
      const text = JSON.stringify(page)
      expect(text).not.toMatch(URL_OR_FILE_ID)
      expect(text).not.toContain(NUMBER)
    }

    // The reviewer opens the review: the page claims it and shows the photos.
    const mine = await relaunch(reviewer.mp, `/pages/org/identity/index?id=${identityId}`)
    await waitForText(mine, '#claim-mine', '您已领取本审核')
    expect(await all(mine, '.mc-org-identity__photo')).toHaveLength(3)
    const [claimed] = await readCollection('identities', { _id: identityId })
    expect(claimed?.['claim']).toMatchObject({ reviewerId: 'staff_beijing', reviewerName: '赵**' })

    // The other organisation's staff member opens the same review: 审核中, no photo.
    const theirs = await relaunch(otherStaff.mp, `/pages/org/identity/index?id=${identityId}`)
    expect(await waitForText(theirs, '#claim-notice', '审核中')).toMatch(
      /^审核中：赵\*\*（至 \d\d:\d\d）$/,
    )
    expect(await textIn(theirs, '#review-name')).toContain(maskName(NAME))
    expect(await all(theirs, '.mc-org-identity__photo')).toHaveLength(0)
    expect(await all(theirs, '#approve')).toHaveLength(0)
    expect(await theirs.data('review')).toBeNull()
    expect(JSON.stringify(await theirs.data())).not.toMatch(URL_OR_FILE_ID)
    expect(await (await waitForSelector(theirs, '#reclaim')).attribute('disabled')).not.toBeNull()

    // What the function answers that user: a refusal with no URL or fileID in it.
    const refused = await invokeAs(OTHER_ORG_STAFF, 'verifyIdentity', 'claimReview', { identityId })
    expect(refused.ok).toBe(false)
    if (!refused.ok) {
      expect(refused.error.code).toBe('REVIEW_CLAIMED')
      expect(refused.error.message).toMatch(/^该认证正由其他审核员审核，请于 \d\d:\d\d 后再试$/)
    }
    expect(JSON.stringify(refused)).not.toMatch(URL_OR_FILE_ID)
    // Nor does the phone's own storage access reach the photo (storage/rules.json: creator only).
    const otherToken = await clientLogin(OTHER_ORG_STAFF)
    expect(await clientTempUrl(otherToken, photos.front)).toBeUndefined()
    // Bad input: deciding around the claim is refused with the same message.
    const around = await invokeAs(OTHER_ORG_STAFF, 'verifyIdentity', 'approve', { identityId })
    expect(!around.ok && around.error.code).toBe('REVIEW_CLAIMED')

    // The reviewer fetches a photo through the claim's URL; then decides in the page.
    const viaClaim = await ok(REVIEWER, 'verifyIdentity', 'claimReview', { identityId })
    expect(await download(viaClaim.photoUrls.front ?? '')).toEqual(photoBytes('F'))
    expect(await download(viaClaim.photoUrls.handheld ?? '')).toEqual(photoBytes('H'))
    expect(JSON.stringify(viaClaim)).not.toContain(photos.front)
    await tap(mine, '#approve')
    await waitForSelector(mine, '#decided', 15_000)
    const [decided] = await readCollection('identities', { _id: identityId })
    expect(decided?.['status']).toBe('verified')
    expect(decided?.['claim']).toBeNull()

    // The second staff member now finds it gone, in the page and in the function.
    const gone = await relaunch(otherStaff.mp, `/pages/org/identity/index?id=${identityId}`)
    await waitForSelector(gone, '#review-gone', 15_000)
    for (const who of [REVIEWER, OTHER_ORG_STAFF]) {
      const after = await ok(who, 'verifyIdentity', 'listPending', { identityId })
      expect(after.items, who).toEqual([])
    }
    // The approval notice went out as a subscribe message to the owner.
    const calls = await fetch(`${emulatorUrl()}/__emulator/openapi/calls`)
    const sent = ((await calls.json()) as { calls: { apiName: string; params: unknown }[] }).calls
    expect(
      sent.some(
        (c) =>
          c.apiName === 'subscribeMessage.send' &&
          (c.params as { touser?: string }).touser === OWNER,
      ),
    ).toBe(true)
  })

  it('are gone with the deleted identity, with its number and hash, from every collection and storage', async () => {
    if (!arranged) throw new Error('上一步未能安排人工认证')
    const [before] = await readCollection('identities', { openid: OWNER })
    const stored = before?.['idNumberHash']
    const hash = typeof stored === 'string' ? stored : ''
    expect(hash).toMatch(/^[0-9a-f]{16,}$/)

    const erased = await ok(OWNER, 'verifyIdentity', 'delete', {})
    expect(erased.identity.maskedIdNumber).toBeNull()

    const exported = await fetch(`${emulatorUrl()}/__emulator/export`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dir: exportDir }),
    })
    expect(exported.status).toBe(200)
    const files = filesUnder(exportDir)
    const database = files.filter((f) => f.endsWith('.jsonl'))
    expect(database.length).toBeGreaterThan(5)
    const photoPaths = Object.values(arranged.photos).map((id) =>
      id.replace(/^cloud:\/\/[^/]+\//, ''),
    )
    const leftovers: string[] = []
    for (const file of files) {
      const rel = path.relative(exportDir, file)
      if (photoPaths.some((p) => rel.endsWith(p))) leftovers.push(`photo file ${rel}`)
      if (!file.endsWith('.jsonl')) continue
      const text = readFileSync(file, 'utf8')
      if (text.includes(NUMBER)) leftovers.push(`number in ${rel}`)
      if (text.includes(hash)) leftovers.push(`hash in ${rel}`)
      for (const p of photoPaths) if (text.includes(p)) leftovers.push(`photo id in ${rel}`)
    }
    expect(leftovers).toEqual([])

    // The owner's own phone now finds nothing behind the old fileIDs.
    const token = await clientLogin(OWNER)
    for (const fileId of Object.values(arranged.photos)) {
      expect(await clientTempUrl(token, fileId)).toBeUndefined()
    }
  })
})
