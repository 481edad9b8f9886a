import type { AgreementTermsInput } from '../../typings/api/signAgreement'
import type { SubmitRequest } from '../../typings/api/mediationCase'
import type { SubmitFilingRequest } from '../../typings/api/fileCase'
import { sdkEnvFor } from '../../tools/cloudbase-emulator/src/sdk-env'
import { privatePrefix } from '../../cloudfunctions/_shared/storage'
import type { EmulatorClient } from './emulator-client'

// Preconditions reached through the real functions as the seeded users (never by writing
// documents), so what a test or a screenshot then shows is what the app really makes. Shared by
// the e2e harness (test/e2e/support/arrange.ts) and `npm run screenshots`; no test runner here.

/** Seeded parties. */
export const PARTIES = {
  applicant: 'o_party_applicant',
  respondent: 'o_party_respondent',
  enterprise: 'o_party_enterprise',
  stranger: 'o_party_stranger',
} as const
export const MEDIATOR = 'o_mediator_0001'

/** Distinct valid resident ID numbers (GB 11643 check digit) per seeded party. */
export const PARTY_IDS = {
  o_party_applicant: '11010519491231002X',
  o_party_respondent: '110105200002290013',
  o_party_enterprise: '330106198503150040',
  o_party_stranger: '440305199007080084',
} as const

/** The seeded display names, which arrange also verifies them with. */
export const PARTY_NAMES = {
  o_party_applicant: '张伟',
  o_party_respondent: '王芳',
  o_party_enterprise: '李娜',
  o_party_stranger: '赵磊',
} as const

export type PartyOpenid = keyof typeof PARTY_IDS

export const BEIJING = { provinceCode: '110000', cityCode: '110100' } as const

/** The application arrangeCase submits: 王芳 (the seeded respondent) owes 张伟 for goods. */
export function caseApplication(overrides: Partial<SubmitRequest> = {}): SubmitRequest {
  return {
    disputeType: 'sale_contract',
    description: '2026年6月双方签订钢材采购合同，我方已按约交货，对方以质量问题为由拒付货款。',
    amountFen: 12_345_600,
    claims: ['支付货款 123,456 元', '支付逾期付款利息'],
    evidence: [],
    respondent: {
      partyType: 'person',
      name: PARTY_NAMES.o_party_respondent,
      phone: '13812345678',
      idType: 'resident_id',
      idNumber: PARTY_IDS.o_party_respondent,
      address: '北京市东城区东直门南大街 5 号',
    },
    region: BEIJING,
    ...overrides,
  }
}

/** A direct filing (no mediation case) against a Beijing trading company, to `organisationId`. */
export function directFilingRequest(
  organisationId: string,
  overrides: Partial<SubmitFilingRequest> = {},
): SubmitFilingRequest {
  return {
    organisationId,
    region: BEIJING,
    defendants: [
      {
        partyType: 'enterprise',
        name: '北京某某贸易有限公司',
        idNumber: '91110105MA01ABCD2X',
        address: '北京市朝阳区某路 2 号',
        phone: '13800138000',
      },
    ],
    claims: ['判令被申请人返还预付款两万元'],
    factsAndReasons: '申请人向被申请人预付货款两万元，被申请人未按约交货，经催告仍未返还。',
    evidence: [],
    ...overrides,
  }
}

export const AGREEMENT_FACTS = '双方因钢材采购合同货款结算发生争议。'
export const AGREEMENT_TERMS: AgreementTermsInput = {
  amountFen: 3_000_000,
  method: 'bank_transfer',
  place: '北京市东城区',
  performanceDeadline: '2099-01-31',
  breachClause: '逾期付款的，按未付金额每日万分之五支付违约金。',
  applyForConfirmation: true,
}

export type CaseStage =
  'submitted' | 'mediator_chosen' | 'in_mediation' | 'agreement_sent' | 'settled' | 'failed'

/** The stored case status each stage ends in. */
export const CASE_STAGE_STATUS: Readonly<Record<CaseStage, string>> = {
  submitted: 'submitted',
  mediator_chosen: 'awaiting_mediator',
  in_mediation: 'mediating',
  agreement_sent: 'signing',
  settled: 'settled',
  failed: 'closed_without_agreement',
}

export interface ArrangedCase {
  readonly caseId: string
  readonly caseNumber: string
  readonly applicant: string
  readonly respondent: string
  readonly mediator: string
  /** The `mediators` document id of the mediator (set from `mediator_chosen` on). */
  readonly mediatorId: string
  readonly status: string
  /** From `agreement_sent` on. */
  readonly agreement?: { agreementId: string; version: number; hash: string }
}

export type FilingStage = 'submitted' | 'accepted'

export interface ArrangedFiling {
  readonly filingId: string
  readonly filer: string
  readonly organisationId: string
  /** The seeded reviewer of that organisation. */
  readonly staff: string
  readonly status: string
  /** Set once accepted. */
  readonly filingNumber?: string
}

export interface Arranger {
  /** Verifies `openid` by the face path: startFace, the face sheet's success, confirmFace. */
  verifyAs: (
    openid: string,
    person: { name: string; idNumber: string },
  ) => Promise<{ identityId: string }>
  /** Verifies a seeded party with its seeded name and its PARTY_IDS number, once per data set. */
  verifyParty: (openid: PartyOpenid) => Promise<void>
  /** Uploads a small PNG as `openid` under their private prefix (a handwritten signature). */
  uploadPrivateFile: (openid: string, name: string) => Promise<string>
  /**
   * A mediation case of 张伟 against 王芳 with mediator 王建国 (o_mediator_0001), all verified,
   * brought to `stage` through the real actions.
   */
  arrangeCase: (stage: CaseStage, overrides?: Partial<SubmitRequest>) => Promise<ArrangedCase>
  /** A direct filing by 张伟 (verified) with 北京市工商联, brought to `stage`. */
  arrangeFiling: (
    stage: FilingStage,
    overrides?: Partial<SubmitFilingRequest>,
  ) => Promise<ArrangedFiling>
}

/** The arrangements, run against the emulator `client` reaches. */
export function arranger(client: EmulatorClient): Arranger {
  async function verifyAs(
    openid: string,
    person: { name: string; idNumber: string },
  ): Promise<{ identityId: string }> {
    const start = await client.ok(openid, 'verifyIdentity', 'startFace', {
      name: person.name,
      idNumber: person.idNumber,
    })
    await client.decideFace(start.verifyId, 'success')
    const done = await client.ok(openid, 'verifyIdentity', 'confirmFace', {
      verifyId: start.verifyId,
    })
    if (done.outcome !== 'verified') throw new Error(`实名认证未通过：${JSON.stringify(done)}`)
    const [identity] = await client.readCollection('identities', { openid, status: 'verified' })
    const id = identity?.['_id']
    return { identityId: typeof id === 'string' ? id : '' }
  }

  async function verifyParty(openid: PartyOpenid): Promise<void> {
    const existing = await client.readCollection('identities', { openid, status: 'verified' })
    if (existing.length > 0) return
    await verifyAs(openid, { name: PARTY_NAMES[openid], idNumber: PARTY_IDS[openid] })
  }

  async function mediatorDocId(openid: string): Promise<string> {
    const [doc] = await client.readCollection('mediators', { openid })
    if (!doc) throw new Error(`种子数据中没有调解员 ${openid}`)
    return String(doc['_id'])
  }

  // As wx.cloud.uploadFile does it: through the client endpoint as `openid`, so the storage rule
  // records the file as theirs.
  async function uploadPrivateFile(openid: string, name: string): Promise<string> {
    // privatePrefix derives the folder with the functions' key, which the SDK env carries.
    Object.assign(process.env, sdkEnvFor(client.url(), { openid }))
    const login = await fetch(`${client.url()}/client/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ openid }),
    })
    const { token } = (await login.json()) as { token?: string }
    if (!token) throw new Error(`无法以 ${openid} 登录模拟器客户端`)
    // A 1×1 transparent PNG.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    )
    const cloudPath = encodeURIComponent(`${privatePrefix(openid)}${name}`)
    const res = await fetch(`${client.url()}/client/uploadFile?cloudPath=${cloudPath}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png' },
      body: png,
    })
    const saved = (await res.json()) as { fileID?: string; errMsg?: string }
    if (!saved.fileID) throw new Error(`上传失败：${saved.errMsg ?? res.status}`)
    return saved.fileID
  }

  async function arrangeCase(
    stage: CaseStage,
    overrides: Partial<SubmitRequest> = {},
  ): Promise<ArrangedCase> {
    const applicant = PARTIES.applicant
    const respondent = PARTIES.respondent
    await verifyParty(applicant)
    await verifyParty(respondent)
    const submitted = await client.ok(
      applicant,
      'mediationCase',
      'submit',
      caseApplication(overrides),
    )
    const caseId = submitted.caseId
    const base = {
      caseId,
      caseNumber: submitted.caseNumber,
      applicant,
      respondent,
      mediator: MEDIATOR,
    }
    if (stage === 'submitted') return { ...base, mediatorId: '', status: 'submitted' }

    const invite = await client.ok(applicant, 'mediationCase', 'invite', { caseId })
    const token = new URL(`https://x/${invite.sharePath}`).searchParams.get('token') ?? ''
    await client.ok(respondent, 'mediationCase', 'join', { token })
    await client.ok(respondent, 'mediationCase', 'respond', { caseId, agree: true })
    const mediatorId = await mediatorDocId(MEDIATOR)
    await client.ok(applicant, 'recommendMediator', 'choose', { caseId, mediatorId })
    const chosen = { ...base, mediatorId }
    if (stage === 'mediator_chosen') return { ...chosen, status: CASE_STAGE_STATUS[stage] }

    await client.ok(MEDIATOR, 'mediatorDesk', 'accept', { caseId })
    if (stage === 'failed') {
      await client.ok(MEDIATOR, 'mediatorDesk', 'closeCase', {
        caseId,
        kind: 'failed',
        reason: '双方对金额分歧过大',
      })
      return { ...chosen, status: CASE_STAGE_STATUS[stage] }
    }
    if (stage === 'in_mediation') {
      // A call that started and ended: the case is mediating and no call is left live.
      const call = await client.ok(MEDIATOR, 'videoMediation', 'start', { caseId, room: 'all' })
      await client.ok(MEDIATOR, 'videoMediation', 'end', { callId: call.callId })
      return { ...chosen, status: CASE_STAGE_STATUS[stage] }
    }

    const draft = await client.ok(MEDIATOR, 'mediatorDesk', 'draftAgreement', {
      caseId,
      facts: AGREEMENT_FACTS,
      terms: AGREEMENT_TERMS,
    })
    const sent = await client.ok(MEDIATOR, 'mediatorDesk', 'sendForSigning', {
      caseId,
      version: draft.version,
    })
    const agreement = { agreementId: sent.agreementId, version: sent.version, hash: sent.hash }
    if (stage === 'agreement_sent')
      return { ...chosen, agreement, status: CASE_STAGE_STATUS[stage] }

    for (const who of [applicant, respondent, MEDIATOR]) {
      const fileId = await uploadPrivateFile(who, `signatures/${caseId}.png`)
      await client.ok(who, 'signAgreement', 'sign', {
        caseId,
        version: sent.version,
        hash: sent.hash,
        signatureImageFileId: fileId,
      })
    }
    return { ...chosen, agreement, status: CASE_STAGE_STATUS[stage] }
  }

  async function arrangeFiling(
    stage: FilingStage,
    overrides: Partial<SubmitFilingRequest> = {},
  ): Promise<ArrangedFiling> {
    const filer = PARTIES.applicant
    await verifyParty(filer)
    const organisationId = 'org_beijing'
    const staff = 'o_staff_beijing'
    const filing = await client.ok(
      filer,
      'fileCase',
      'submit',
      directFilingRequest(organisationId, overrides),
    )
    const base = { filingId: filing.filingId, filer, organisationId, staff }
    if (stage === 'submitted') return { ...base, status: filing.status }
    const accepted = await client.ok(staff, 'fileCase', 'accept', { filingId: filing.filingId })
    return {
      ...base,
      status: accepted.status,
      ...(accepted.filingNumber ? { filingNumber: accepted.filingNumber } : {}),
    }
  }

  return { verifyAs, verifyParty, uploadPrivateFile, arrangeCase, arrangeFiling }
}
