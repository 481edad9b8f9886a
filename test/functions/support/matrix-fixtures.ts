// The entities the authorisation matrix calls actions on, each reached through the real actions
// (or, for a settled case, a copy of one), so every row can start from its own fresh entity and
// one row's successful call never changes what the next row sees.
import type { AgreementView } from '../../../typings/api/signAgreement'
import type { CallView } from '../../../typings/api/videoMediation'
import { directFilingRequest } from '../../support/arrange-core'
import { PEOPLE, rid, upload, type Harness } from '../harness'
import { TERMS } from './case-fixtures'
import {
  acceptedCase,
  awaitingMediator,
  closedCase,
  privateFile,
  settledCopy,
} from './settled-case-fixtures'

/** What a row's payload may refer to. */
export interface Ctx {
  readonly caseId: string
  readonly callId: string
  readonly filingId: string
  readonly withdrawalRequestId: string
  readonly identityId: string
  readonly version: number
  readonly hash: string
}

const NONE: Ctx = {
  caseId: 'case_none',
  callId: 'call_none',
  filingId: 'fil_none',
  withdrawalRequestId: 'wr_none',
  identityId: 'idn_none',
  version: 1,
  hash: '0'.repeat(64),
}

async function ok<T>(p: Promise<{ ok: boolean; data?: unknown; error?: unknown }>): Promise<T> {
  const res = await p
  if (!res.ok) throw new Error(JSON.stringify(res.error))
  return res.data as T
}

export const COURT = '北京市西城区人民法院'

export const directFiling = () => directFilingRequest('org_a')

/** Fixture builders by the state a row needs; `settledSource` is one case settled for real. */
export function fixtures(h: Harness, settledSource: () => string) {
  const inMediation = async (): Promise<Ctx> => {
    return { ...NONE, caseId: await acceptedCase(h) }
  }
  const settled = async (): Promise<Ctx> => ({
    ...NONE,
    caseId: await settledCopy(h, settledSource(), {}),
  })
  const confirmation = async (stage: 'initiated' | 'consented' | 'forwarded'): Promise<Ctx> => {
    const c = await settled()
    const caseId = c.caseId
    await ok(
      h.call(
        PEOPLE.applicant,
        'judicialConfirmation',
        'initiate',
        { caseId, courtBasis: 'organisation_seat', courtName: COURT },
        rid(),
      ),
    )
    if (stage === 'initiated') return c
    await ok(h.call(PEOPLE.respondent, 'judicialConfirmation', 'consent', { caseId }, rid()))
    if (stage === 'consented') return c
    await ok(
      h.call(PEOPLE.staffA, 'judicialConfirmation', 'forward', { caseId, courtName: COURT }, rid()),
    )
    return c
  }
  const filing = async (stage: 'submitted' | 'rejected' | 'accepted'): Promise<Ctx> => {
    const f = await ok<{ filingId: string }>(
      h.call(PEOPLE.applicant, 'fileCase', 'submit', directFiling(), rid()),
    )
    const filingId = f.filingId
    if (stage === 'rejected') {
      await ok(h.call(PEOPLE.staffA, 'fileCase', 'reject', { filingId, reason: '证据不足' }, rid()))
    }
    if (stage === 'accepted') {
      await ok(h.call(PEOPLE.staffA, 'fileCase', 'accept', { filingId }, rid()))
    }
    return { ...NONE, filingId }
  }
  return {
    none: (): Promise<Ctx> => Promise.resolve(NONE),
    awaiting: async (): Promise<Ctx> => ({ ...NONE, caseId: await awaitingMediator(h) }),
    inMediation,
    draftAgreement: async (): Promise<Ctx> => {
      const c = await inMediation()
      const a = await ok<AgreementView>(
        h.call(
          PEOPLE.mediator,
          'mediatorDesk',
          'draftAgreement',
          { caseId: c.caseId, facts: '双方因货款结算发生争议。', terms: TERMS },
          rid(),
        ),
      )
      return { ...c, version: a.version, hash: a.hash }
    },
    agreementSent: async (): Promise<Ctx> => {
      const c = await inMediation()
      await ok(
        h.call(
          PEOPLE.mediator,
          'mediatorDesk',
          'draftAgreement',
          { caseId: c.caseId, facts: '双方因货款结算发生争议。', terms: TERMS },
          rid(),
        ),
      )
      const a = await ok<AgreementView>(
        h.call(
          PEOPLE.mediator,
          'mediatorDesk',
          'sendForSigning',
          { caseId: c.caseId, version: 1 },
          rid(),
        ),
      )
      return { ...c, version: a.version, hash: a.hash }
    },
    call: async (): Promise<Ctx> => {
      const c = await inMediation()
      const call = await ok<CallView>(
        h.call(
          PEOPLE.mediator,
          'videoMediation',
          'start',
          { caseId: c.caseId, room: 'all' },
          rid(),
        ),
      )
      return { ...c, callId: call.callId }
    },
    closed: async (): Promise<Ctx> => ({ ...NONE, caseId: await closedCase(h) }),
    settled,
    confirmation,
    documentRequest: async (stage: 'applied' | 'processing'): Promise<Ctx> => {
      const c = await settled()
      await ok(h.call(PEOPLE.applicant, 'mediationDocument', 'apply', { caseId: c.caseId }, rid()))
      if (stage === 'processing') {
        await ok(h.call(PEOPLE.staffA, 'mediationDocument', 'process', { caseId: c.caseId }, rid()))
      }
      return c
    },
    filing,
    withdrawalRequest: async (): Promise<Ctx> => {
      const c = await filing('accepted')
      const w = await ok<{ withdrawalRequestId: string | null }>(
        h.call(
          PEOPLE.applicant,
          'withdrawCase',
          'withdraw',
          { filingId: c.filingId, reason: '双方已达成和解协议' },
          rid(),
        ),
      )
      return { ...c, withdrawalRequestId: w.withdrawalRequestId ?? '' }
    },
    /** A manual identity waiting for review, submitted by a user of its own. */
    pendingIdentity: async (openid: string, passport: string): Promise<Ctx> => {
      const who = await ok<{ storagePrefix: string }>(h.call(openid, 'profile', 'whoAmI', {}))
      const photo = (n: string) => upload(h, `${who.storagePrefix}identity/${n}.jpg`)
      await ok(
        h.call(
          openid,
          'verifyIdentity',
          'submitManual',
          {
            partyType: 'person',
            idType: 'passport',
            name: '陈大文',
            idNumber: passport,
            photos: { front: await photo('front'), handheld: await photo('handheld') },
          },
          rid(),
        ),
      )
      const [doc] = await h.docs('identities', { openid })
      return { ...NONE, identityId: String(doc?.['_id']) }
    },
  }
}

/** A signature image the signer owns (the sign action checks the path). */
export const signatureOf = (h: Harness, openid: string, caseId: string) =>
  privateFile(h, openid, `signatures/${caseId}-${Date.now().toString(36)}.png`)
