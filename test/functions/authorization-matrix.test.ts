// Who may call what: every action of every function × every kind of actor, cell by cell. Each row
// starts from its own entity in the state the action needs (so a refusal is about who calls, not
// about a missing document). "A" means the caller was not refused for who they are: the answer may
// still be a validation or state error. Any other cell is the exact refusal code.
//
// Decisions recorded here: the assigned mediator may read `judicialConfirmation.status` (they are
// part of the case and tell the parties about the court's answer) and the staff of the case's
// organisation may read the agreement (`signAgreement.get`, read only; they relay it to the court).
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ApiResult } from '../../typings/api/envelope'
import type { ActionName, FunctionName } from '../../typings/api/index'
import { PEOPLE, repoRoot, startHarness, type Harness } from './harness'
import {
  APPLICANT,
  RESPONDENT,
  TERMS,
  verifiedParty,
  type PartySpec,
} from './support/case-fixtures'
import { COURT, directFiling, fixtures, signatureOf, type Ctx } from './support/matrix-fixtures'
import { leaksIn, PARTY_SECRETS } from './support/fuzz-leak-scan'
import { privateFile, seedOrganisations, settledCase } from './support/settled-case-fixtures'

/** A resident ID with a valid check digit (GB 11643), so the stranger is a verified person. */
function residentId(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0)
  return first17 + ('10X98765432'[sum % 11] ?? '0')
}
const STRANGER: PartySpec = {
  openid: PEOPLE.stranger,
  name: '王芳',
  idNumber: residentId('11010219850615002'),
}

const ACTORS = {
  anonymous: undefined,
  unverified: 'o_unverified_user',
  applicant: APPLICANT.openid,
  respondent: RESPONDENT.openid,
  stranger: STRANGER.openid,
  assignedMediator: PEOPLE.mediator,
  otherMediator: 'o_mediator_0002',
  caseStaff: PEOPLE.staffA,
  otherStaff: PEOPLE.staffB,
} as const
type Actor = keyof typeof ACTORS
const ACTOR_NAMES = Object.keys(ACTORS) as Actor[]

/** Codes that mean "not you": the caller's identity, role or relation to the entity. */
const REFUSALS = new Set([
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'IDENTITY_REQUIRED',
  'IDENTITY_MISMATCH',
  'NOT_ASSIGNED_MEDIATOR',
  'NOT_FILER',
  'NOT_INVITED',
])

const A = 'A'
const U = 'UNAUTHENTICATED'
const F = 'FORBIDDEN'
const N = 'NOT_FOUND'
const I = 'IDENTITY_REQUIRED'
const NF = 'NOT_FILER'
type Cell = string

type Fx = ReturnType<typeof fixtures>
interface Row {
  /** The entity the row works on, fresh for this row. */
  readonly setup: (fx: Fx) => Promise<Ctx>
  readonly payload: (c: Ctx, openid: string | undefined) => unknown
  /** anon, unverified, applicant, respondent, stranger, mediator, other mediator, staff, other staff */
  readonly cells: readonly Cell[]
}

const row = (setup: Row['setup'], payload: Row['payload'], cells: readonly Cell[]): Row => ({
  setup,
  payload,
  cells,
})

const caseRef = (c: Ctx) => ({ caseId: c.caseId })
const filingRef = (c: Ctx) => ({ filingId: c.filingId })
const callRef = (c: Ctx) => ({ callId: c.callId })
const wrRef = (c: Ctx) => ({ withdrawalRequestId: c.withdrawalRequestId })
const none = () => ({})

/** Files the sign row's signers own, uploaded in its setup. */
const signatures = new Map<string, string>()
let rulingFile = ''

/**
 * Compile-time completeness: a new action in `FunctionContracts` without a row here fails
 * `npm run typecheck`; the run-time check below fails `vitest` too.
 */
type Table = { readonly [Fn in FunctionName]: { readonly [Ac in ActionName<Fn>]: Row } }

// prettier-ignore
const TABLE: Table = {
  //                                                                        anon unver appl resp strg med  med2 stfA stfB
  profile: {
    whoAmI: row((f) => f.none(), none,                                      [U, A, A, A, A, A, A, A, A]),
    recordSubscribeGrants: row((f) => f.none(), () => ({ results: {} }),  [U, A, A, A, A, A, A, A, A]),
    acceptPrivacy: row((f) => f.none(), () => ({ version: '2026-01' }),   [U, A, A, A, A, A, A, A, A]),
  },
  messages: {
    list: row((f) => f.none(), none,                                        [U, A, A, A, A, A, A, A, A]),
    markRead: row((f) => f.none(), () => ({ ids: ['msg_x'] }),            [U, A, A, A, A, A, A, A, A]),
    markAllRead: row((f) => f.none(), none,                                 [U, A, A, A, A, A, A, A, A]),
  },
  mediationCase: {
    saveDraft: row((f) => f.none(), () => ({ description: '货款纠纷' }),  [U, A, A, A, A, A, A, A, A]),
    submit: row((f) => f.none(), () => ({
      disputeType: 'sale_contract', description: '买卖合同货款纠纷。', amountFen: 100, claims: ['支付货款'],
      evidence: [], region: { provinceCode: '110000', cityCode: '110100' },
      respondent: { partyType: 'person', name: '赵六', phone: '13900139000', address: '北京市东城区某路1号' },
    }),                                                                     [U, I, A, A, A, I, I, I, I]),
    invite: row((f) => f.awaiting(), caseRef,                               [U, F, A, F, F, F, F, F, F]),
    join: row((f) => f.none(), () => ({ token: 'a'.repeat(32) }),          [U, A, A, A, A, A, A, A, A]),
    respond: row((f) => f.awaiting(), (c) => ({ ...caseRef(c), agree: true }), [U, F, F, A, F, F, F, F, F]),
    withdraw: row((f) => f.awaiting(), (c) => ({ ...caseRef(c), reason: '已和解' }), [U, F, A, F, F, F, F, F, F]),
    end: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), reason: '不愿继续' }), [U, F, A, A, F, F, F, F, F]),
    requestExtension: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), days: 10 }), [U, F, A, A, F, F, F, F, F]),
    consentExtension: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), agree: true }), [U, F, A, A, F, F, F, F, F]),
    listMine: row((f) => f.none(), () => ({ role: 'applicant' }),         [U, A, A, A, A, A, A, A, A]),
    detail: row((f) => f.awaiting(), caseRef,                               [U, F, A, A, F, A, F, A, F]),
    rate: row((f) => f.settled(), (c) => ({ ...caseRef(c), score: 5 }),   [U, F, A, A, F, F, F, F, F]),
  },
  recommendMediator: {
    recommend: row((f) => f.awaiting(), caseRef,                            [U, F, A, A, F, F, F, F, F]),
    search: row((f) => f.none(), () => ({ keyword: '王' }),               [U, A, A, A, A, A, A, A, A]),
    profile: row((f) => f.none(), () => ({ mediatorId: 'med_1' }),        [U, A, A, A, A, A, A, A, A]),
    choose: row((f) => f.awaiting(), (c) => ({ ...caseRef(c), mediatorId: 'med_1' }), [U, F, A, F, F, F, F, F, F]),
  },
  mediatorDesk: {
    bind: row((f) => f.none(), () => ({ code: 'ABCD2345' }),              [U, A, A, A, A, A, A, A, A]),
    listAssigned: row((f) => f.none(), () => ({ tab: 'pending' }),        [U, F, F, F, F, A, A, F, F]),
    accept: row((f) => f.awaiting(), caseRef,                               [U, F, F, F, F, A, N, F, F]),
    decline: row((f) => f.awaiting(), (c) => ({ ...caseRef(c), reason: '时间冲突' }), [U, F, F, F, F, A, N, F, F]),
    addNote: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), text: '双方同意分期' }), [U, F, F, F, F, A, N, F, F]),
    draftAgreement: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), facts: '双方因货款发生争议。', terms: TERMS }), [U, F, F, F, F, A, N, F, F]),
    reviseAgreement: row((f) => f.draftAgreement(), (c) => ({ ...caseRef(c), version: c.version, facts: '双方因货款发生争议。', terms: TERMS }), [U, F, F, F, F, A, N, F, F]),
    sendForSigning: row((f) => f.draftAgreement(), (c) => ({ ...caseRef(c), version: c.version }), [U, F, F, F, F, A, N, F, F]),
    closeCase: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), kind: 'failed', reason: '分歧过大' }), [U, F, F, F, F, A, N, F, F]),
  },
  videoMediation: {
    start: row((f) => f.inMediation(), (c) => ({ ...caseRef(c), room: 'all' }), [U, F, F, F, F, A, N, F, F]),
    join: row((f) => f.call(), callRef,                                     [U, N, A, A, N, A, N, N, N]),
    decline: row((f) => f.call(), callRef,                                  [U, N, A, A, N, F, N, N, N]),
    leave: row((f) => f.call(), callRef,                                    [U, N, A, A, N, A, N, N, N]),
    end: row((f) => f.call(), callRef,                                      [U, F, F, F, F, A, N, F, F]),
    members: row((f) => f.call(), callRef,                                  [U, N, A, A, N, A, N, N, N]),
  },
  signAgreement: {
    get: row((f) => f.agreementSent(), caseRef,                             [U, F, A, A, F, A, F, A, F]),
    sign: row((f) => f.agreementSent(), (c, who) => ({
      ...caseRef(c), version: c.version, hash: c.hash,
      signatureImageFileId: signatures.get(who ?? '') ?? 'cloud://none/x.png',
    }),                                                                     [U, F, A, A, F, A, F, F, F]),
  },
  judicialConfirmation: {
    preview: row((f) => f.settled(), caseRef,                               [U, F, A, A, F, F, F, A, F]),
    initiate: row((f) => f.settled(), (c) => ({ ...caseRef(c), courtBasis: 'organisation_seat', courtName: COURT }), [U, F, A, A, F, F, F, F, F]),
    consent: row((f) => f.confirmation('initiated'), caseRef,               [U, F, A, A, F, F, F, F, F]),
    refuse: row((f) => f.confirmation('initiated'), (c) => ({ ...caseRef(c), reason: '不同意' }), [U, F, A, A, F, F, F, F, F]),
    cancel: row((f) => f.confirmation('initiated'), caseRef,                [U, F, A, A, F, F, F, F, F]),
    status: row((f) => f.confirmation('initiated'), caseRef,                [U, F, A, A, F, A, F, A, F]),
    forward: row((f) => f.confirmation('consented'), (c) => ({ ...caseRef(c), courtName: COURT }), [U, F, F, F, F, F, F, A, F]),
    recordOutcome: row((f) => f.confirmation('forwarded'), (c) => ({
      ...caseRef(c), outcome: 'confirmed', rulingFileId: rulingFile, rulingNumber: '（2026）京0102民特1号',
    }),                                                                     [U, F, F, F, F, F, F, A, F]),
  },
  mediationDocument: {
    apply: row((f) => f.settled(), caseRef,                                 [U, F, A, A, F, F, F, F, F]),
    withdraw: row((f) => f.documentRequest('applied'), caseRef,             [U, F, A, F, F, F, F, F, F]),
    status: row((f) => f.documentRequest('applied'), caseRef,               [U, F, A, A, F, F, F, A, F]),
    process: row((f) => f.documentRequest('applied'), caseRef,              [U, F, F, F, F, F, F, A, F]),
    issue: row((f) => f.documentRequest('processing'), (c) => ({ ...caseRef(c), generate: true }), [U, F, F, F, F, F, F, A, F]),
    reject: row((f) => f.documentRequest('processing'), (c) => ({ ...caseRef(c), reason: '材料不全' }), [U, F, F, F, F, F, F, A, F]),
  },
  renderDocument: {
    render: row((f) => f.settled(), (c) => ({ ...caseRef(c), kind: 'agreement' }), [U, F, A, A, F, A, F, A, F]),
  },
  fileCase: {
    prefill: row((f) => f.closed(), caseRef,                                [U, F, A, A, F, F, F, F, F]),
    listOrganisations: row((f) => f.none(), () => ({ region: { provinceCode: '110000', cityCode: '110100' } }), [U, A, A, A, A, A, A, A, A]),
    submit: row((f) => f.none(), () => directFiling(),                      [U, I, A, A, A, I, I, I, I]),
    resubmit: row((f) => f.filing('rejected'), filingRef,                   [U, NF, A, NF, NF, NF, NF, NF, NF]),
    accept: row((f) => f.filing('submitted'), filingRef,                    [U, F, F, F, F, F, F, A, F]),
    reject: row((f) => f.filing('submitted'), (c) => ({ ...filingRef(c), reason: '材料不全' }), [U, F, F, F, F, F, F, A, F]),
    listMine: row((f) => f.none(), none,                                    [U, A, A, A, A, A, A, A, A]),
    detail: row((f) => f.filing('submitted'), filingRef,                    [U, F, A, F, F, F, F, A, F]),
  },
  withdrawCase: {
    withdraw: row((f) => f.filing('submitted'), (c) => ({ ...filingRef(c), reason: '已和解' }), [U, NF, A, NF, NF, NF, NF, NF, NF]),
    status: row((f) => f.withdrawalRequest(), filingRef,                    [U, F, A, F, F, F, F, A, F]),
    grant: row((f) => f.withdrawalRequest(), wrRef,                         [U, F, F, F, F, F, F, A, F]),
    refuse: row((f) => f.withdrawalRequest(), (c) => ({ ...wrRef(c), reason: '不符合撤回条件' }), [U, F, F, F, F, F, F, A, F]),
  },
  orgDesk: {
    queue: row((f) => f.none(), none,                                       [U, F, F, F, F, F, F, A, A]),
    listMediators: row((f) => f.none(), none,                               [U, F, F, F, F, F, F, A, A]),
    createMediator: row((f) => f.none(), () => ({ name: '周调解', specialties: ['sale_contract'], capacity: 5, available: true }), [U, F, F, F, F, F, F, A, A]),
    updateMediator: row((f) => f.none(), () => ({ mediatorId: 'med_1', version: 1, capacity: 6 }), [U, F, F, F, F, F, F, A, N]),
    issueBindCode: row((f) => f.none(), () => ({ mediatorId: 'med_1' }),  [U, F, F, F, F, F, F, A, N]),
    statistics: row((f) => f.none(), none,                                  [U, F, F, F, F, F, F, A, A]),
  },
  deadlines: {},
  // Last: `delete` erases the parties' identities (nothing after this row needs them).
  verifyIdentity: {
    status: row((f) => f.none(), none,                                      [U, A, A, A, A, A, A, A, A]),
    startFace: row((f) => f.none(), () => ({ name: '张伟', idNumber: APPLICANT.idNumber }), [U, A, A, A, A, A, A, A, A]),
    confirmFace: row((f) => f.none(), () => ({ verifyId: 'vf_none' }),    [U, A, A, A, A, A, A, A, A]),
    submitManual: row((f) => f.none(), () => ({
      partyType: 'person', idType: 'passport', name: '陈大文', idNumber: 'E12345678',
      photos: { front: 'cloud://none/front.jpg', handheld: 'cloud://none/handheld.jpg' },
    }),                                                                     [U, A, A, A, A, A, A, A, A]),
    listPending: row((f) => f.none(), none,                                 [U, F, F, F, F, F, F, A, A]),
    claimReview: row((f) => f.pendingIdentity('o_manual_c', 'E12345673'), (c) => ({ identityId: c.identityId }), [U, F, F, F, F, F, F, A, A]),
    releaseReview: row((f) => f.pendingIdentity('o_manual_d', 'E12345674'), (c) => ({ identityId: c.identityId }), [U, F, F, F, F, F, F, A, A]),
    approve: row((f) => f.pendingIdentity('o_manual_a', 'E12345671'), (c) => ({ identityId: c.identityId }), [U, F, F, F, F, F, F, A, A]),
    reject: row((f) => f.pendingIdentity('o_manual_b', 'E12345672'), (c) => ({ identityId: c.identityId, reason: '照片不清晰' }), [U, F, F, F, F, F, F, A, A]),
    delete: row((f) => f.none(), none,                                      [U, A, A, A, A, A, A, A, A]),
  },
}

/** Every action named in the contract modules, read from their source at run time. */
function contractActions(): string[] {
  const names: string[] = []
  for (const fn of Object.keys(TABLE)) {
    const src = readFileSync(join(repoRoot, 'typings/api', `${fn}.ts`), 'utf8')
    for (const m of src.matchAll(/^\s+readonly (\w+): ActionContract</gm))
      names.push(`${fn}.${m[1]}`)
  }
  return names.sort()
}

const rows = Object.entries(TABLE).flatMap(([fn, actions]) =>
  Object.entries(actions as Record<string, Row>).map(([action, r]) => ({ fn, action, ...r })),
)

let h: Harness
let settledId = ''
const responses: { who: Actor; fn: string; action: string; body: string }[] = []

beforeAll(async () => {
  h = await startHarness([
    'profile',
    'messages',
    'verifyIdentity',
    'mediationCase',
    'recommendMediator',
    'mediatorDesk',
    'videoMediation',
    'signAgreement',
    'judicialConfirmation',
    'mediationDocument',
    'renderDocument',
    'fileCase',
    'withdrawCase',
    'orgDesk',
  ])
  await seedOrganisations(h)
  await h.insert('mediators', [
    {
      _id: 'med_2',
      name: '另一位',
      openid: ACTORS.otherMediator,
      organisationId: 'org_a',
      version: 1,
    },
  ])
  settledId = await settledCase(h)
  await verifiedParty(h, STRANGER)
  rulingFile = await privateFile(h, PEOPLE.staffA, 'rulings/matrix.pdf')
}, 300_000)
afterAll(async () => {
  await h.stop()
})

describe('authorization matrix', () => {
  it('has a row for every action of every function contract', () => {
    expect(rows.map((r) => `${r.fn}.${r.action}`).sort()).toEqual(contractActions())
    for (const r of rows) expect(r.cells, `${r.fn}.${r.action}`).toHaveLength(ACTOR_NAMES.length)
  })

  for (const r of rows) {
    it(`${r.fn}.${r.action}`, async () => {
      const fx = fixtures(h, () => settledId)
      const ctx = await r.setup(fx)
      if (r.fn === 'signAgreement' && r.action === 'sign') {
        for (const who of Object.values(ACTORS)) {
          if (who) signatures.set(who, await signatureOf(h, who, ctx.caseId))
        }
      }
      const got: Record<string, Cell> = {}
      const want: Record<string, Cell> = {}
      for (const [i, who] of ACTOR_NAMES.entries()) {
        const openid = ACTORS[who]
        const res = (await h.raw(openid, r.fn, {
          action: r.action,
          payload: r.payload(ctx, openid),
          requestId: `mx_${r.fn}_${r.action}_${i}`.slice(0, 64),
        })) as ApiResult<unknown>
        responses.push({ who, fn: r.fn, action: r.action, body: JSON.stringify(res) })
        got[who] = !res.ok && REFUSALS.has(res.error.code) ? res.error.code : A
        want[who] = r.cells[i] ?? '?'
      }
      expect(got, `${r.fn}.${r.action}`).toEqual(want)
    })
  }

  it('never answers anyone a full name (outside the agreement text), ID number or phone in clear', () => {
    expect(responses.length).toBe(rows.length * ACTOR_NAMES.length)
    const answers = responses.map((r) => ({
      label: `${r.fn}.${r.action} as ${r.who}`,
      body: r.body,
    }))
    const leaks = leaksIn(answers, {
      names: [...PARTY_SECRETS.names, STRANGER.name],
      values: [...PARTY_SECRETS.values, STRANGER.idNumber],
    })
    expect(leaks).toEqual([])
  })
})
