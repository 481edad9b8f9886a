import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  decideFace,
  PEOPLE,
  rid,
  seedRoles,
  startHarness,
  upload,
  useSdkInProcess,
  type Harness,
} from './harness'

const ID_A = '11010519491231002X'
const ID_B = '110105200002290013'
let h: Harness

beforeAll(async () => {
  h = await startHarness(['profile', 'messages', 'verifyIdentity', 'orgDesk'])
  await seedRoles(h)
})
afterAll(async () => {
  await h.stop()
})

async function chainOf(entityId: string) {
  useSdkInProcess(h)
  const { verifyAuditChain } = await import('../../cloudfunctions/_shared/audit')
  const [doc] = await h.docs('identities', { _id: entityId })
  return verifyAuditChain('identities', entityId, {
    auditSeq: doc?.['auditSeq'] as number,
    auditHash: doc?.['auditHash'] as string,
  })
}

async function identityDocOf(openid: string) {
  const [doc] = await h.docs('identities', { openid })
  if (!doc) throw new Error(`no identity for ${openid}`)
  return doc
}

async function faceVerified(openid: string, name: string, idNumber: string) {
  const start = await h.call(openid, 'verifyIdentity', 'startFace', { name, idNumber }, rid())
  if (!start.ok) throw new Error(JSON.stringify(start.error))
  await decideFace(h, start.data.verifyId, 'success')
  const confirm = await h.call(
    openid,
    'verifyIdentity',
    'confirmFace',
    { verifyId: start.data.verifyId },
    rid(),
  )
  if (!confirm.ok) throw new Error(JSON.stringify(confirm.error))
  return confirm.data
}

async function manualPhotos(openid: string, tag: string) {
  const who = await h.call(openid, 'profile', 'whoAmI', {})
  if (!who.ok) throw new Error('whoAmI failed')
  const prefix = who.data.storagePrefix
  return {
    front: await upload(h, `${prefix}identity/${tag}-front.jpg`),
    back: await upload(h, `${prefix}identity/${tag}-back.jpg`),
    handheld: await upload(h, `${prefix}identity/${tag}-handheld.jpg`),
  }
}

describe('verifyIdentity: status', () => {
  it('a new user is unverified with nothing stored', async () => {
    const res = await h.call('o_fresh_user', 'verifyIdentity', 'status', {})
    expect(res).toEqual({
      ok: true,
      data: expect.objectContaining({
        status: 'unverified',
        statusLabel: '未认证',
        maskedName: null,
        maskedIdNumber: null,
      }) as unknown,
    })
  })

  it('refuses a caller without OPENID', async () => {
    const res = await h.call(undefined, 'verifyIdentity', 'status', {})
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('UNAUTHENTICATED')
  })
})

describe('verifyIdentity: face verification 2.0', () => {
  it('refuses an invalid resident ID before calling WeChat, writing nothing', async () => {
    const res = await h.call(
      'o_face_bad',
      'verifyIdentity',
      'startFace',
      { name: '张伟', idNumber: '110105190002290017' },
      rid(),
    )
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('INVALID_INPUT')
      expect(res.error.field).toBe('payload.idNumber')
      expect(res.error.message).toMatch(/[\u4e00-\u9fff]/)
    }
    expect(await h.docs('face_verifications', { openid: 'o_face_bad' })).toHaveLength(0)
    expect(await h.docs('identities', { openid: 'o_face_bad' })).toHaveLength(0)
  })

  it('success: verified only after the server re-checks the result; masked values only', async () => {
    const openid = 'o_face_ok'
    const start = await h.call(
      openid,
      'verifyIdentity',
      'startFace',
      { name: '张伟', idNumber: ID_A },
      rid(),
    )
    expect(start.ok).toBe(true)
    if (!start.ok) return
    expect(start.data.verifyId).toMatch(/\S+/)
    const pending = await h.call(openid, 'verifyIdentity', 'status', {})
    expect(pending.ok && pending.data.status).toBe('face_pending')

    // The client claiming success changes nothing: the user has not finished the sheet yet.
    const early = await h.call(
      openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(early.ok).toBe(false)
    if (!early.ok) expect(early.error.code).toBe('FACE_NOT_FINISHED')

    await decideFace(h, start.data.verifyId, 'success')
    const confirm = await h.call(
      openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(confirm.ok).toBe(true)
    if (!confirm.ok) return
    expect(confirm.data.outcome).toBe('verified')
    expect(confirm.data.identity).toMatchObject({
      status: 'verified',
      method: 'face',
      partyType: 'person',
      idType: 'resident_id',
      maskedName: '张*',
    })
    expect(confirm.data.identity.maskedIdNumber).toMatch(/^\d{3}\*+\d{3}X$/)
    const wire = JSON.stringify([start, confirm])
    expect(wire).not.toContain(ID_A)
    expect(wire).not.toContain('张伟')

    const doc = await identityDocOf(openid)
    expect(JSON.stringify(doc)).not.toContain(ID_A)
    expect(doc['idNumberEnc']).toMatch(/^v1\./)
    expect(doc['idNumberHash']).toMatch(/^[0-9a-f]{64}$/)
    const chain = await chainOf(doc['_id'] as string)
    expect(chain).toEqual({ ok: true, length: 2, head: doc['auditHash'] })
    const events = await h.docs('audit_events', { entityId: doc['_id'] })
    expect(events.map((e) => e['action']).sort()).toEqual([
      'identity.face_started',
      'identity.verified',
    ])
    expect(JSON.stringify(events)).not.toContain(openid)
  })

  it('mismatch: the face does not match → back to unverified with a reason', async () => {
    const openid = 'o_face_mismatch'
    const start = await h.call(
      openid,
      'verifyIdentity',
      'startFace',
      { name: '李娜', idNumber: ID_B },
      rid(),
    )
    if (!start.ok) throw new Error(start.error.message)
    await decideFace(h, start.data.verifyId, 'mismatch')
    const confirm = await h.call(
      openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(confirm.ok).toBe(true)
    if (!confirm.ok) return
    expect(confirm.data.outcome).toBe('failed')
    expect(confirm.data.identity.status).toBe('unverified')
    expect(confirm.data.identity.failureReason).toMatch(/不一致/)
    expect(confirm.data.identity.maskedIdNumber).toBeNull()
    // The session is spent: confirming again is refused.
    const again = await h.call(
      openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(!again.ok && again.error.code).toBe('INVALID_TRANSITION')
  })

  it('cancelled: the user left the sheet → unverified, may retry', async () => {
    const openid = 'o_face_cancel'
    const start = await h.call(
      openid,
      'verifyIdentity',
      'startFace',
      { name: '李娜', idNumber: ID_B },
      rid(),
    )
    if (!start.ok) throw new Error(start.error.message)
    await decideFace(h, start.data.verifyId, 'cancelled')
    const confirm = await h.call(
      openid,
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(confirm.ok && confirm.data.outcome).toBe('cancelled')
    expect(confirm.ok && confirm.data.identity.status).toBe('unverified')
    const retry = await h.call(
      openid,
      'verifyIdentity',
      'startFace',
      { name: '李娜', idNumber: ID_B },
      rid(),
    )
    expect(retry.ok).toBe(true)
  })

  it("another user cannot confirm someone else's verify id", async () => {
    const start = await h.call(
      'o_face_owner',
      'verifyIdentity',
      'startFace',
      { name: '王芳', idNumber: ID_B },
      rid(),
    )
    if (!start.ok) throw new Error(start.error.message)
    await decideFace(h, start.data.verifyId, 'success')
    const theft = await h.call(
      'o_face_thief',
      'verifyIdentity',
      'confirmFace',
      { verifyId: start.data.verifyId },
      rid(),
    )
    expect(!theft.ok && theft.error.code).toBe('FACE_SESSION_NOT_FOUND')
    const status = await h.call('o_face_thief', 'verifyIdentity', 'status', {})
    expect(status.ok && status.data.status).toBe('unverified')
  })

  it('an ID number verified by one account cannot be verified by another', async () => {
    await faceVerified(
      'o_bound_first',
      '赵强',
      '110105199003071234'.slice(0, 17) + checkDigit('11010519900307123'),
    )
    const res = await h.call(
      'o_bound_second',
      'verifyIdentity',
      'startFace',
      { name: '赵强', idNumber: '11010519900307123' + checkDigit('11010519900307123') },
      rid(),
    )
    expect(!res.ok && res.error.code).toBe('ID_ALREADY_BOUND')
  })

  it('a verified user cannot start again until they delete', async () => {
    const res = await h.call(
      'o_face_ok',
      'verifyIdentity',
      'startFace',
      { name: '张伟', idNumber: ID_A },
      rid(),
    )
    expect(!res.ok && res.error.code).toBe('ALREADY_VERIFIED')
  })
})

/** GB 11643-1999 check character, computed here independently of the code under test. */
function checkDigit(body17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * (weights[i] ?? 0), 0)
  return '10X98765432'[sum % 11] ?? '?'
}

// Each test here walks a whole review (uploads, submit, queue, decision): slow on a loaded machine.
describe('verifyIdentity: manual review', { timeout: 150_000 }, () => {
  it('submit → pending with the SLA; staff of any organisation see masked data, the claim hands photos; approve', async () => {
    const openid = PEOPLE.applicant
    const photos = await manualPhotos(openid, 'a')
    const submit = await h.call(
      openid,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'hk_mo_travel_permit',
        name: '陈大文',
        idNumber: 'H12345678',
        photos,
      },
      rid(),
    )
    expect(submit.ok).toBe(true)
    if (!submit.ok) return
    expect(submit.data).toMatchObject({
      status: 'manual_pending',
      maskedName: '陈**',
      idType: 'hk_mo_travel_permit',
    })
    const submitted = Date.parse(submit.data.submittedAt ?? '')
    expect(Date.parse(submit.data.reviewDueAt ?? '') - submitted).toBe(4 * 3600 * 1000)

    const refused = await h.call(PEOPLE.mediator, 'verifyIdentity', 'listPending', {})
    expect(!refused.ok && refused.error.code).toBe('FORBIDDEN')
    const strangerApprove = await h.call(
      PEOPLE.stranger,
      'verifyIdentity',
      'approve',
      { identityId: 'idn_x' },
      rid(),
    )
    expect(!strangerApprove.ok && strangerApprove.error.code).toBe('FORBIDDEN')

    const list = await h.call(PEOPLE.staffB, 'verifyIdentity', 'listPending', {})
    expect(list.ok).toBe(true)
    if (!list.ok) return
    const item = list.data.items.find((i) => i.maskedName === '陈**')
    expect(item).toBeDefined()
    if (!item) return
    expect(item.maskedIdNumber).not.toContain('12345678')
    expect(item.overdue).toBe(false)
    expect(item.claim).toBeNull()
    expect(JSON.stringify(list)).not.toContain('H12345678')
    expect(JSON.stringify(list)).not.toContain('陈大文')
    // The queue carries no photo: no URL, no fileID.
    expect(JSON.stringify(list)).not.toMatch(/https?:\/\/|cloud:\/\//)
    const claimed = await h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', {
      identityId: item.identityId,
    })
    expect(claimed.ok && claimed.data.photoUrls.front).toMatch(/^https?:\/\//)
    const one = await h.call(PEOPLE.staffB, 'verifyIdentity', 'listPending', {
      identityId: item.identityId,
    })
    expect(one.ok && one.data.items.map((i) => i.identityId)).toEqual([item.identityId])

    const approveId = rid()
    const approve = await h.call(
      PEOPLE.staffB,
      'verifyIdentity',
      'approve',
      { identityId: item.identityId },
      approveId,
    )
    expect(approve).toEqual({ ok: true, data: { identityId: item.identityId, status: 'verified' } })
    // A repeat of the same request answers the first result and changes nothing.
    const repeat = await h.call(
      PEOPLE.staffB,
      'verifyIdentity',
      'approve',
      { identityId: item.identityId },
      approveId,
    )
    expect(repeat).toEqual(approve)
    const second = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'approve',
      { identityId: item.identityId },
      rid(),
    )
    expect(!second.ok && second.error.code).toBe('INVALID_TRANSITION')
    const decided = await h.call(PEOPLE.staffB, 'verifyIdentity', 'listPending', {
      identityId: item.identityId,
    })
    expect(decided.ok && decided.data.items).toEqual([])

    const status = await h.call(openid, 'verifyIdentity', 'status', {})
    expect(status.ok && status.data).toMatchObject({ status: 'verified', method: 'manual' })
    const inbox = await h.call(openid, 'messages', 'list', {})
    expect(inbox.ok && inbox.data.items.map((m) => m.title)).toContain('实名认证已通过')
    // submit, claim, approve.
    const chain = await chainOf(item.identityId)
    expect(chain.ok && chain.length).toBe(3)
  })

  it('reject with a reason, the user resubmits, staff approve', async () => {
    const openid = PEOPLE.respondent
    const photos = await manualPhotos(openid, 'r')
    const first = await h.call(
      openid,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'enterprise',
        idType: 'resident_id',
        name: '刘洋',
        idNumber: '11010519880101' + '101' + checkDigit('11010519880101101'),
        photos,
        enterprise: {
          name: '福州测试贸易有限公司',
          uscc: '91350100M000100Y43',
          licenceFileId: photos.front,
          authorisationFileId: photos.back,
        },
      },
      rid(),
    )
    expect(first.ok).toBe(true)
    if (!first.ok) return
    expect(first.data.enterprise).toEqual({
      name: '福州测试贸易有限公司',
      maskedUscc: expect.not.stringContaining('M000100') as unknown,
    })
    const doc = await identityDocOf(openid)
    const reject = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'reject',
      { identityId: doc['_id'] as string, reason: '证件照片不清晰' },
      rid(),
    )
    expect(reject.ok && reject.data.status).toBe('rejected')
    const status = await h.call(openid, 'verifyIdentity', 'status', {})
    expect(status.ok && status.data).toMatchObject({
      status: 'rejected',
      rejectReason: '证件照片不清晰',
    })
    const inbox = await h.call(openid, 'messages', 'list', { unreadOnly: true })
    expect(inbox.ok && inbox.data.items[0]?.body).toContain('证件照片不清晰')

    const again = await h.call(
      openid,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '刘洋',
        idNumber: 'E12345678',
        photos: { front: photos.front, handheld: photos.handheld },
      },
      rid(),
    )
    expect(again.ok && again.data.status).toBe('manual_pending')
    const approve = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'approve',
      { identityId: doc['_id'] as string },
      rid(),
    )
    expect(approve.ok && approve.data.status).toBe('verified')
    const chain = await chainOf(doc['_id'] as string)
    expect(chain.ok && chain.length).toBe(4)
  })

  it("refuses photos outside the caller's private folder", async () => {
    const theirs = await manualPhotos(PEOPLE.applicant, 'foreign')
    const res = await h.call(
      PEOPLE.stranger,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '孙悟',
        idNumber: 'E87654321',
        photos: { front: theirs.front, handheld: theirs.handheld },
      },
      rid(),
    )
    expect(res.ok).toBe(false)
    if (!res.ok) {
      expect(res.error.code).toBe('FILE_NOT_OWNED')
      expect(res.error.field).toBe('payload.photos.front')
    }
    expect(await h.docs('identities', { openid: PEOPLE.stranger })).toHaveLength(0)
  })

  it('an enterprise submission needs the enterprise proof', async () => {
    const photos = await manualPhotos('o_ent_missing', 'e')
    const res = await h.call(
      'o_ent_missing',
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'enterprise',
        idType: 'passport',
        name: '周杰',
        idNumber: 'E11112222',
        photos,
      },
      rid(),
    )
    expect(!res.ok && res.error.field).toBe('payload.enterprise')
  })

  it('staff cannot review their own identity', async () => {
    const photos = await manualPhotos(PEOPLE.staffA, 's')
    const submit = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '吴敏',
        idNumber: 'E22223333',
        photos,
      },
      rid(),
    )
    expect(submit.ok).toBe(true)
    const doc = await identityDocOf(PEOPLE.staffA)
    const self = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'approve',
      { identityId: doc['_id'] as string },
      rid(),
    )
    expect(!self.ok && self.error.code).toBe('FORBIDDEN')
  })

  it('two staff approving at the same moment make one transition', async () => {
    const photos = await manualPhotos('o_race', 'race')
    await h.call(
      'o_race',
      'verifyIdentity',
      'submitManual',
      {
        partyType: 'person',
        idType: 'passport',
        name: '郑爽',
        idNumber: 'E33334444',
        photos,
      },
      rid(),
    )
    const id = (await identityDocOf('o_race'))['_id'] as string
    const results = await Promise.all([
      h.call(PEOPLE.staffA, 'verifyIdentity', 'approve', { identityId: id }, rid()),
      h.call(PEOPLE.staffB, 'verifyIdentity', 'approve', { identityId: id }, rid()),
    ])
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    const loser = results.find((r) => !r.ok)
    expect(loser && !loser.ok && ['CONFLICT', 'INVALID_TRANSITION']).toContain(
      loser && !loser.ok ? loser.error.code : '',
    )
    const chain = await chainOf(id)
    expect(chain.ok && chain.length).toBe(2)
  })
})

/** A fresh pending manual submission of `openid` (a passport, so any number shape will do). */
async function pendingSubmission(openid: string, passport: string) {
  const photos = await manualPhotos(openid, 'claim')
  const submit = await h.call(
    openid,
    'verifyIdentity',
    'submitManual',
    { partyType: 'person', idType: 'passport', name: '梁静', idNumber: passport, photos },
    rid(),
  )
  if (!submit.ok) throw new Error(JSON.stringify(submit.error))
  return { identityId: (await identityDocOf(openid))['_id'] as string, photos }
}

/** Moves a stored claim back in time, as if `minutes` had passed since it was taken. */
async function ageClaim(identityId: string, minutes: number) {
  const [doc] = await h.docs('identities', { _id: identityId })
  const claim = doc?.['claim'] as { claimedAt: Date; expiresAt: Date } | null
  if (!claim) throw new Error('no claim to age')
  const back = (d: Date) => new Date(new Date(d).getTime() - minutes * 60_000)
  await h.emulator.database.engine.update(
    h.emulator.envId,
    'identities',
    { _id: identityId },
    {
      $set: { 'claim.claimedAt': back(claim.claimedAt), 'claim.expiresAt': back(claim.expiresAt) },
    },
  )
}

const NAMED_STAFF = 'o_staff_named'

// 领取审核: staff of two organisations (stf_a in org_a; stf_b and the named 林芳 in org_b) work
// the one queue, and only the holder of a submission's claim sees its photos or decides it.
describe('verifyIdentity: review claim', { timeout: 150_000 }, () => {
  beforeAll(async () => {
    await h.insert('staff_members', [
      {
        _id: 'stf_named',
        openid: NAMED_STAFF,
        organisationId: 'org_b',
        name: '林芳',
        role: 'reviewer',
        version: 1,
      },
    ])
  })

  it('the claim hands the photos to its holder; another reviewer gets REVIEW_CLAIMED, no URL, no decision', async () => {
    const { identityId, photos } = await pendingSubmission('o_claim_one', 'E40000001')
    const claimed = await h.call(NAMED_STAFF, 'verifyIdentity', 'claimReview', { identityId })
    if (!claimed.ok) throw new Error(JSON.stringify(claimed.error))
    expect(claimed.data).toMatchObject({
      identityId,
      maskedName: '梁*',
      claim: { mine: true, reviewerName: '林*' },
    })
    const expiresAt = Date.parse(claimed.data.claim.expiresAt)
    expect(expiresAt - Date.now()).toBeGreaterThan(29 * 60_000)
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(30 * 60_000)
    const front = await fetch(claimed.data.photoUrls.front ?? '')
    expect(front.status).toBe(200)
    expect(await front.text()).toContain('identity/claim-front.jpg')
    expect(claimed.data.photoUrls.handheld).toMatch(/^https?:\/\//)
    expect(JSON.stringify(claimed)).not.toContain('cloud://')

    // Claiming again is a renewal for the holder, never a refusal.
    const again = await h.call(NAMED_STAFF, 'verifyIdentity', 'claimReview', { identityId })
    expect(again.ok && again.data.claim.mine).toBe(true)

    const other = await h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId })
    expect(other.ok).toBe(false)
    if (!other.ok) {
      expect(other.error.code).toBe('REVIEW_CLAIMED')
      expect(other.error.message).toMatch(/^该认证正由其他审核员审核，请于 \d\d:\d\d 后再试$/)
    }
    const text = JSON.stringify(other)
    expect(text).not.toMatch(/https?:\/\/|cloud:\/\//)
    for (const f of Object.values(photos)) expect(text).not.toContain(f)

    // The queue tells the other reviewer who is reviewing, and the holder that it is theirs.
    const seen = await h.call(PEOPLE.staffA, 'verifyIdentity', 'listPending', { identityId })
    expect(seen.ok && seen.data.items[0]?.claim).toEqual({
      mine: false,
      reviewerName: '林*',
      expiresAt: expect.any(String) as unknown,
    })
    expect(JSON.stringify(seen)).not.toMatch(/https?:\/\/|cloud:\/\//)
    const own = await h.call(NAMED_STAFF, 'verifyIdentity', 'listPending', { identityId })
    expect(own.ok && own.data.items[0]?.claim?.mine).toBe(true)
    // The desk queue tags the same entry 审核中 for both of them.
    for (const [who, mine] of [
      [PEOPLE.staffA, false],
      [NAMED_STAFF, true],
    ] as const) {
      const queue = await h.call(who, 'orgDesk', 'queue', { kind: 'identity_review' })
      const entry = queue.ok ? queue.data.items.find((i) => i.id === identityId) : undefined
      expect(entry?.claim, who).toMatchObject({ mine, reviewerName: '林*' })
    }

    for (const decision of [
      h.call(PEOPLE.staffA, 'verifyIdentity', 'approve', { identityId }, rid()),
      h.call(PEOPLE.staffA, 'verifyIdentity', 'reject', { identityId, reason: '照片模糊' }, rid()),
      h.call(PEOPLE.staffA, 'verifyIdentity', 'releaseReview', { identityId }, rid()),
    ]) {
      const res = await decision
      expect(!res.ok && res.error.code).toBe('REVIEW_CLAIMED')
    }
    expect((await identityDocOf('o_claim_one'))['status']).toBe('manual_pending')

    // The holder decides; the decision clears the claim and ends the queue entry.
    const approve = await h.call(NAMED_STAFF, 'verifyIdentity', 'approve', { identityId }, rid())
    expect(approve.ok && approve.data.status).toBe('verified')
    const decided = await identityDocOf('o_claim_one')
    expect(decided['claim']).toBeNull()
    expect(decided['reviewerStaffId']).toBe('stf_named')
    const late = await h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId })
    expect(!late.ok && late.error.code).toBe('INVALID_TRANSITION')

    // The claim's audit events name a role, a pseudonym and an action: no personal data.
    const events = await h.docs('audit_events', { entityId: identityId })
    expect(events.map((e) => e['action'])).toEqual(
      expect.arrayContaining(['review_claimed', 'review_claim_renewed']),
    )
    const trail = JSON.stringify(events)
    for (const secret of ['梁静', 'E40000001', '林芳', NAMED_STAFF]) {
      expect(trail).not.toContain(secret)
    }
    const chain = await chainOf(identityId)
    expect(chain.ok && chain.length).toBe(4)
  })

  it('a claim lapses after 30 minutes, and then another reviewer may claim and decide', async () => {
    const { identityId } = await pendingSubmission('o_claim_two', 'E40000002')
    const first = await h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId })
    expect(first.ok).toBe(true)
    await ageClaim(identityId, 29)
    const early = await h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', { identityId })
    expect(!early.ok && early.error.code).toBe('REVIEW_CLAIMED')

    await ageClaim(identityId, 2)
    const seen = await h.call(PEOPLE.staffB, 'verifyIdentity', 'listPending', { identityId })
    expect(seen.ok && seen.data.items[0]?.claim).toBeNull()
    const taken = await h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', { identityId })
    expect(taken.ok && taken.data.claim.mine).toBe(true)
    expect(taken.ok && taken.data.photoUrls.front).toMatch(/^https?:\/\//)
    // The first reviewer lost it: no photos, no decision.
    const back = await h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId })
    expect(!back.ok && back.error.code).toBe('REVIEW_CLAIMED')
    const reject = await h.call(
      PEOPLE.staffB,
      'verifyIdentity',
      'reject',
      { identityId, reason: '证件已过期' },
      rid(),
    )
    expect(reject.ok && reject.data.status).toBe('rejected')
  })

  it('the holder releases (idempotently), then another reviewer may claim', async () => {
    const { identityId } = await pendingSubmission('o_claim_three', 'E40000003')
    expect((await h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId })).ok).toBe(
      true,
    )
    const released = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'releaseReview',
      { identityId },
      rid(),
    )
    expect(released).toEqual({ ok: true, data: { identityId, released: true } })
    const twice = await h.call(
      PEOPLE.staffA,
      'verifyIdentity',
      'releaseReview',
      { identityId },
      rid(),
    )
    expect(twice).toEqual({ ok: true, data: { identityId, released: false } })
    expect((await identityDocOf('o_claim_three'))['claim']).toBeNull()

    const next = await h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', { identityId })
    expect(next.ok && next.data.claim.mine).toBe(true)
    const missing = await h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', {
      identityId: 'idn_missing',
    })
    expect(!missing.ok && missing.error.code).toBe('NOT_FOUND')
    const party = await h.call(PEOPLE.applicant, 'verifyIdentity', 'claimReview', { identityId })
    expect(!party.ok && party.error.code).toBe('FORBIDDEN')
  })

  it('two reviewers claiming at the same moment: exactly one holds it', async () => {
    const { identityId } = await pendingSubmission('o_claim_race', 'E40000004')
    const results = await Promise.all([
      h.call(PEOPLE.staffA, 'verifyIdentity', 'claimReview', { identityId }),
      h.call(PEOPLE.staffB, 'verifyIdentity', 'claimReview', { identityId }),
    ])
    const winners = results.filter((r) => r.ok)
    expect(winners).toHaveLength(1)
    const loser = results.find((r) => !r.ok)
    expect(loser && !loser.ok && loser.error.code).toBe('REVIEW_CLAIMED')
    expect(JSON.stringify(loser)).not.toMatch(/https?:\/\//)
    const winner = results[0]?.ok ? 'stf_a' : 'stf_b'
    const doc = await identityDocOf('o_claim_race')
    expect((doc['claim'] as { reviewerId: string }).reviewerId).toBe(winner)
    const chain = await chainOf(identityId)
    expect(chain.ok && chain.length).toBe(2)
  })
})

describe('verifyIdentity: delete', () => {
  it('erases number, hash, name and photos; lists the cases it blocks; re-verification works', async () => {
    const openid = 'o_delete_me'
    await faceVerified(openid, '钱多多', '11010519750505' + '432' + checkDigit('11010519750505432'))
    await h.insert('mediation_cases', [
      {
        _id: 'case_del_1',
        caseNumber: 'TJ20261201000001',
        partyOpenids: [openid, 'o_other'],
        status: 'mediating',
        version: 1,
      },
    ])
    const del = await h.call(openid, 'verifyIdentity', 'delete', {}, rid())
    expect(del.ok).toBe(true)
    if (!del.ok) return
    expect(del.data.identity.status).toBe('unverified')
    expect(del.data.blockedCases).toEqual([
      { collection: 'mediation_cases', id: 'case_del_1', caseNumber: 'TJ20261201000001' },
    ])
    const doc = await identityDocOf(openid)
    expect(doc).toMatchObject({
      idNumberEnc: null,
      idNumberHash: null,
      nameEnc: null,
      maskedIdNumber: null,
      photos: null,
    })
    const sessions = await h.docs('face_verifications', { openid })
    expect(sessions.every((s) => s['idNumberEnc'] === null && s['idNumberHash'] === null)).toBe(
      true,
    )
    const again = await faceVerified(
      openid,
      '钱多多',
      '11010519750505' + '432' + checkDigit('11010519750505432'),
    )
    expect(again.identity.status).toBe('verified')
    const chain = await chainOf(doc['_id'] as string)
    expect(chain.ok && chain.length).toBe(5)
  })

  it('an unverified user has nothing to delete', async () => {
    const res = await h.call('o_nothing', 'verifyIdentity', 'delete', {}, rid())
    expect(!res.ok && res.error.code).toBe('INVALID_TRANSITION')
  })
})
