import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgreementView } from '../../typings/api/signAgreement'
import {
  PEOPLE,
  rid,
  seedRoles,
  startHarness,
  upload,
  useSdkInProcess,
  type Harness,
} from './harness'
import {
  APPLICANT,
  RESPONDENT,
  TERMS,
  caseAwaitingMediator,
  chainOf,
  seedMoreMediators,
  verifiedParty,
} from './support/case-fixtures'

let h: Harness
const DAY = 86_400_000

beforeAll(async () => {
  h = await startHarness(['verifyIdentity', 'mediatorDesk', 'signAgreement', 'mediationCase'])
  await seedRoles(h)
  await seedMoreMediators(h)
})
afterAll(async () => {
  await h.stop()
})

async function signatureOf(openid: string, tag: string): Promise<string> {
  useSdkInProcess(h)
  const { privatePrefix } = await import('../../cloudfunctions/_shared/storage')
  return upload(h, `${privatePrefix(openid)}signatures/${tag}.png`)
}

/** A case whose agreement was drafted and sent for signing. */
async function signingCase(): Promise<{ caseId: string; agreement: AgreementView }> {
  const caseId = await caseAwaitingMediator(h)
  const call = async <T>(p: Promise<{ ok: boolean; data?: T; error?: unknown }>) => {
    const res = await p
    if (!res.ok) throw new Error(JSON.stringify(res.error))
    return res.data as T
  }
  await call(h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid()))
  await call(
    h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '双方因货款结算发生争议。', terms: TERMS },
      rid(),
    ),
  )
  const agreement = await call<AgreementView>(
    h.call(PEOPLE.mediator, 'mediatorDesk', 'sendForSigning', { caseId, version: 1 }, rid()),
  )
  return { caseId, agreement }
}

const signAs = async (openid: string, caseId: string, a: AgreementView, fileId?: string) =>
  h.call(
    openid,
    'signAgreement',
    'sign',
    {
      caseId,
      version: a.version,
      hash: a.hash,
      signatureImageFileId: fileId ?? (await signatureOf(openid, `${caseId}-${a.version}`)),
    },
    rid(),
  )

describe('signAgreement.get', () => {
  it('shows text, version, hash and signers to the parties and the mediator only', async () => {
    const { caseId, agreement } = await signingCase()
    for (const openid of [APPLICANT.openid, RESPONDENT.openid, PEOPLE.mediator]) {
      const res = await h.call(openid, 'signAgreement', 'get', { caseId })
      expect(res.ok).toBe(true)
      if (!res.ok) continue
      expect(res.data).toMatchObject({
        status: 'signing',
        version: 1,
        hash: agreement.hash,
        mySignaturePending: true,
      })
      expect(res.data.signers.map((s) => [s.role, s.signed])).toEqual([
        ['applicant', false],
        ['respondent', false],
        ['mediator', false],
      ])
      const wire = JSON.stringify(res)
      expect(wire).not.toContain(APPLICANT.idNumber)
      expect(wire).not.toContain(RESPONDENT.idNumber)
    }
    useSdkInProcess(h)
    const { sha256Hex } = await import('../../cloudfunctions/_shared/crypto')
    expect(sha256Hex(agreement.text)).toBe(agreement.hash)

    // The case's organisation reads the agreement (read only: nothing for them to sign).
    const staffView = await h.call(PEOPLE.staffA, 'signAgreement', 'get', { caseId })
    expect(staffView).toMatchObject({
      ok: true,
      data: { hash: agreement.hash, mySignaturePending: false },
    })
    for (const openid of [PEOPLE.stranger, PEOPLE.staffB, 'o_mediator_0002']) {
      const res = await h.call(openid, 'signAgreement', 'get', { caseId })
      expect(res.ok).toBe(false)
      if (!res.ok) expect(['FORBIDDEN', 'NOT_FOUND']).toContain(res.error.code)
    }
    const anon = await h.call(undefined, 'signAgreement', 'get', { caseId })
    expect(anon.ok).toBe(false)
  })

  it('answers NO_AGREEMENT before one was drafted', async () => {
    const caseId = await caseAwaitingMediator(h)
    const res = await h.call(APPLICANT.openid, 'signAgreement', 'get', { caseId })
    expect(res.ok).toBe(false)
    if (!res.ok) expect(res.error.code).toBe('NO_AGREEMENT')
  })
})

describe('signAgreement.sign', () => {
  it('refuses a stale version, a wrong hash, a foreign signature image and a stranger', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(APPLICANT.openid, `${caseId}-x`)
    const stale = await signAs(APPLICANT.openid, caseId, { ...agreement, version: 2 }, file)
    expect(stale.ok).toBe(false)
    if (!stale.ok)
      expect(stale.error).toMatchObject({ code: 'STALE_REVISION', field: 'payload.revision' })
    const wrong = await signAs(
      APPLICANT.openid,
      caseId,
      { ...agreement, hash: 'a'.repeat(64) },
      file,
    )
    expect(wrong.ok).toBe(false)
    if (!wrong.ok) expect(wrong.error.code).toBe('HASH_MISMATCH')
    const foreign = await signAs(
      APPLICANT.openid,
      caseId,
      agreement,
      await signatureOf(RESPONDENT.openid, `${caseId}-theirs`),
    )
    expect(foreign.ok).toBe(false)
    if (!foreign.ok) expect(foreign.error.code).toBe('FILE_NOT_OWNED')
    const stranger = await signAs(PEOPLE.stranger, caseId, agreement)
    expect(stranger.ok).toBe(false)
    if (!stranger.ok) expect(stranger.error.code).toBe('FORBIDDEN')
    const staff = await signAs(PEOPLE.staffA, caseId, agreement)
    expect(staff.ok).toBe(false)
    const [doc] = await h.docs('agreements', { caseId })
    expect(doc?.['signatures']).toEqual([])
  })

  it('two parties signing at the same moment both count; the mediator’s signature makes it effective once', async () => {
    const { caseId, agreement } = await signingCase()
    const files = await Promise.all([
      signatureOf(APPLICANT.openid, `${caseId}-a`),
      signatureOf(RESPONDENT.openid, `${caseId}-r`),
    ])
    const [a, r] = await Promise.all([
      signAs(APPLICANT.openid, caseId, agreement, files[0]),
      signAs(RESPONDENT.openid, caseId, agreement, files[1]),
    ])
    expect(a).toMatchObject({ ok: true, data: { effective: false } })
    expect(r).toMatchObject({ ok: true, data: { effective: false } })
    const [mid] = await h.docs('agreements', { caseId })
    expect((mid?.['signatures'] as unknown[]).length).toBe(2)

    const again = await signAs(APPLICANT.openid, caseId, agreement, files[0])
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.error.code).toBe('ALREADY_SIGNED')

    const m = await signAs(PEOPLE.mediator, caseId, agreement)
    expect(m.ok).toBe(true)
    if (!m.ok) return
    expect(m.data.effective).toBe(true)
    expect(m.data.agreement.status).toBe('effective')
    expect(m.data.agreement.signers.every((s) => s.signed)).toBe(true)
    const effectiveAt = new Date(m.data.agreement.effectiveAt ?? 0).getTime()
    const deadline = new Date(m.data.agreement.confirmationDeadline ?? 0).getTime()
    expect(deadline - effectiveAt).toBe(30 * DAY)

    const [c] = await h.docs('mediation_cases', { _id: caseId })
    expect(c?.['status']).toBe('settled')
    expect(new Date(c?.['confirmationDeadline'] as string).getTime()).toBe(deadline)
    const effective = await h.docs('audit_events', { action: 'agreement.effective' })
    expect(effective.filter((e) => String(e['entityId']).includes(caseId))).toHaveLength(1)
    for (const openid of [APPLICANT.openid, RESPONDENT.openid]) {
      const told = await h.docs('messages', { toOpenid: openid, title: '调解协议已生效' })
      expect(told.length).toBeGreaterThan(0)
    }
    const agreementId = m.data.agreement.agreementId
    expect(await chainOf(h, 'agreements', agreementId)).toMatchObject({ ok: true })
    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })

    const after = await signAs(RESPONDENT.openid, caseId, agreement, files[1])
    expect(after.ok).toBe(false)
    if (!after.ok) expect(after.error.code).toBe('ALREADY_SIGNED')
  })

  it('all three signing at once: every signature kept, exactly one effective transition', async () => {
    const { caseId, agreement } = await signingCase()
    const files = await Promise.all(
      [APPLICANT.openid, RESPONDENT.openid, PEOPLE.mediator].map((o) =>
        signatureOf(o, `${caseId}-all`),
      ),
    )
    const results = await Promise.all(
      [APPLICANT.openid, RESPONDENT.openid, PEOPLE.mediator].map((o, i) =>
        signAs(o, caseId, agreement, files[i]),
      ),
    )
    for (const r of results) expect(r.ok).toBe(true)
    expect(results.filter((r) => r.ok && r.data.effective)).toHaveLength(1)
    const [doc] = await h.docs('agreements', { caseId })
    expect((doc?.['signatures'] as unknown[]).length).toBe(3)
    expect(doc?.['status']).toBe('effective')
    const settled = await h.docs('audit_events', { entityId: caseId, action: 'case.settled' })
    expect(settled).toHaveLength(1)
    expect(await chainOf(h, 'agreements', String(doc?.['_id']))).toMatchObject({ ok: true })
    expect(await chainOf(h, 'mediation_cases', caseId)).toMatchObject({ ok: true })
  })

  it('concurrent signers each get their own timeline position; detail lists them in that order', async () => {
    const { caseId, agreement } = await signingCase()
    const signers = [APPLICANT.openid, RESPONDENT.openid, PEOPLE.mediator]
    const files = await Promise.all(signers.map((o) => signatureOf(o, `${caseId}-seq`)))
    const results = await Promise.all(signers.map((o, i) => signAs(o, caseId, agreement, files[i])))
    expect(results.map((r) => r.ok)).toEqual([true, true, true])

    const events = await h.docs('case_events', { caseId })
    const seqs = events.map((e) => e['seq'])
    expect(seqs.every((s) => Number.isInteger(s))).toBe(true)
    expect(new Set(seqs).size).toBe(events.length)
    const sorted = [...events].sort((x, y) => (x['seq'] as number) - (y['seq'] as number))
    const [c] = await h.docs('mediation_cases', { _id: caseId })
    expect(c?.['timelineSeq']).toBe(sorted.at(-1)?.['seq'])
    // Every signature was written before the settlement it completed.
    const types = sorted.map((e) => String(e['type']))
    expect(types.filter((t) => t === 'agreement.signed')).toHaveLength(3)
    expect(types.lastIndexOf('agreement.signed')).toBeLessThan(types.indexOf('case.settled'))

    const detail = await h.call(APPLICANT.openid, 'mediationCase', 'detail', { caseId })
    if (!detail.ok) throw new Error(JSON.stringify(detail.error))
    const visible = sorted.filter((e) => e['visibility'] !== 'internal').map((e) => e['type'])
    expect(detail.data.timeline.map((t) => t.type)).toEqual(visible)
  })

  it('a repeat of the same request returns the first answer without a second signature', async () => {
    const { caseId, agreement } = await signingCase()
    const file = await signatureOf(APPLICANT.openid, `${caseId}-rep`)
    const payload = { caseId, version: 1, hash: agreement.hash, signatureImageFileId: file }
    const requestId = rid()
    const first = await h.call(APPLICANT.openid, 'signAgreement', 'sign', payload, requestId)
    const second = await h.call(APPLICANT.openid, 'signAgreement', 'sign', payload, requestId)
    expect(first.ok).toBe(true)
    expect(second).toEqual(first)
    const events = await h.docs('audit_events', { action: 'agreement.signed' })
    expect(events.filter((e) => String(e['entityId']).includes(caseId))).toHaveLength(1)
  })

  it('a revision voids the signatures: the old version can no longer be signed', async () => {
    const { caseId, agreement } = await signingCase()
    expect(await signAs(APPLICANT.openid, caseId, agreement)).toMatchObject({ ok: true })
    const revised = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'reviseAgreement',
      { caseId, version: 1, facts: '双方因货款结算发生争议，已核对金额。', terms: TERMS },
      rid(),
    )
    expect(revised).toMatchObject({ ok: true, data: { version: 2, status: 'signing' } })
    if (!revised.ok) return
    expect(revised.data.signers.every((s) => !s.signed)).toBe(true)
    const voided = await h.docs('audit_events', { action: 'agreement.signatures_voided' })
    expect(voided.filter((e) => String(e['entityId']).includes(caseId))).toHaveLength(1)
    const told = await h.docs('messages', {
      toOpenid: APPLICANT.openid,
      title: '调解协议已修改，请重新签署',
    })
    expect(told.length).toBeGreaterThan(0)

    const old = await signAs(RESPONDENT.openid, caseId, agreement)
    expect(old.ok).toBe(false)
    if (!old.ok) expect(old.error.code).toBe('STALE_REVISION')
    const view = await h.call(APPLICANT.openid, 'signAgreement', 'get', { caseId })
    expect(view.ok && view.data.mySignaturePending).toBe(true)
    expect(await signAs(APPLICANT.openid, caseId, revised.data)).toMatchObject({ ok: true })
  })

  it('a party whose identity was deleted cannot sign until verified again as the same person', async () => {
    const other = { openid: 'o_party_deleter', name: '王芳', idNumber: '110101199003074514' }
    const caseId = await caseAwaitingMediator(h, { applicant: other })
    await h.call(PEOPLE.mediator, 'mediatorDesk', 'accept', { caseId }, rid())
    await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'draftAgreement',
      { caseId, facts: '事实。', terms: TERMS },
      rid(),
    )
    const sent = await h.call(
      PEOPLE.mediator,
      'mediatorDesk',
      'sendForSigning',
      { caseId, version: 1 },
      rid(),
    )
    if (!sent.ok) throw new Error(JSON.stringify(sent.error))
    const del = await h.call(other.openid, 'verifyIdentity', 'delete', {}, rid())
    expect(del.ok).toBe(true)
    const refused = await signAs(other.openid, caseId, sent.data)
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error.code).toBe('IDENTITY_REQUIRED')
    // Verified again, but as somebody else: still refused.
    await verifiedParty(h, { ...other, name: '王敏', idNumber: '110101198501010033' })
    const mismatch = await signAs(other.openid, caseId, sent.data)
    expect(mismatch.ok).toBe(false)
    if (!mismatch.ok) expect(mismatch.error.code).toBe('IDENTITY_MISMATCH')
    expect((await h.call(other.openid, 'verifyIdentity', 'delete', {}, rid())).ok).toBe(true)
    await verifiedParty(h, other)
    expect(await signAs(other.openid, caseId, sent.data)).toMatchObject({ ok: true })
  })
})
