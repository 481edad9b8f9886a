// One valid payload per action (typed by the action's own request contract) and the caller who
// may send it: the fuzzers mutate these, so a changed field reaches past the schema into the
// handler instead of failing the first check. The table's type lists every action of
// `FunctionContracts`: an action without a row does not compile.
import type { SubmitFilingRequest } from '../../../typings/api/fileCase'
import type { ActionName, FunctionName, RequestOf } from '../../../typings/api/index'
import { PEOPLE } from '../harness'
import { APPLICANT, TERMS } from './case-fixtures'
import { directFiling } from './matrix-fixtures'

/** The entities a suite set up, and files of the caller and of other people. */
export interface FuzzCtx {
  /** A case in `awaiting_mediator` (the base suite) or out for signing (the case suite). */
  readonly caseId: string
  readonly settledCaseId: string
  readonly callId: string
  readonly filingId: string
  readonly withdrawalRequestId: string
  readonly identityId: string
  readonly version: number
  readonly hash: string
  /** Files each baseline caller owns, keyed by use. */
  readonly own: {
    readonly evidence: string
    readonly photo: string
    readonly signature: string
    readonly ruling: string
  }
}

/** Who sends a baseline: the kind of caller the action is for. */
export const FUZZ_CALLERS = {
  newUser: 'o_fuzz',
  applicant: APPLICANT.openid,
  mediator: PEOPLE.mediator,
  staff: PEOPLE.staffA,
} as const
export type FuzzCaller = keyof typeof FUZZ_CALLERS

/** Which suite (test file) fuzzes a function: each builds the entities its functions need. */
export type FuzzSuite = 'base' | 'case'

interface Entry<F extends FunctionName, A extends ActionName<F>> {
  readonly as: FuzzCaller
  readonly payload: (c: FuzzCtx) => RequestOf<F, A>
  /** Fields that search by user text (every RegExp metacharacter is thrown at them). */
  readonly search?: readonly string[]
}

type Table = {
  readonly [F in FunctionName]: {
    readonly suite: FuzzSuite
    readonly actions: { readonly [A in ActionName<F>]: Entry<F, A> }
  }
}

const region = { provinceCode: '110000', cityCode: '110100' }

const filing = (c: FuzzCtx): SubmitFilingRequest => ({
  ...directFiling(),
  evidence: [{ fileId: c.own.evidence, name: '转账记录.jpg' }],
})

const caseFields = (c: FuzzCtx) => ({
  disputeType: 'sale_contract',
  description: '买卖合同货款纠纷，对方拖欠货款。',
  amountFen: 1_000_000,
  claims: ['支付货款'],
  evidence: [{ fileId: c.own.evidence, name: '合同.jpg', kind: 'image' as const }],
  region,
  respondent: {
    partyType: 'person' as const,
    name: '赵六',
    phone: '13900139000',
    address: '北京市东城区某路1号',
  },
})

const draft = (c: FuzzCtx) => ({
  caseId: c.caseId,
  facts: '双方因货款结算发生争议。',
  terms: TERMS,
})

export const FUZZ_BASELINES: Table = {
  profile: {
    suite: 'base',
    actions: {
      whoAmI: { as: 'newUser', payload: () => ({}) },
      recordSubscribeGrants: {
        as: 'newUser',
        payload: () => ({ results: { local_template: 'accept' } }),
      },
      acceptPrivacy: { as: 'newUser', payload: () => ({ version: '2026-01' }) },
    },
  },
  messages: {
    suite: 'base',
    actions: {
      list: { as: 'applicant', payload: () => ({ page: 1, pageSize: 10, unreadOnly: false }) },
      markRead: { as: 'applicant', payload: () => ({ ids: ['msg_1'] }) },
      markAllRead: { as: 'applicant', payload: () => ({}) },
    },
  },
  verifyIdentity: {
    suite: 'base',
    actions: {
      status: { as: 'newUser', payload: () => ({}) },
      startFace: {
        as: 'newUser',
        payload: () => ({ name: '陈小明', idNumber: APPLICANT.idNumber }),
      },
      confirmFace: { as: 'newUser', payload: () => ({ verifyId: 'vf_none' }) },
      submitManual: {
        as: 'newUser',
        payload: (c) => ({
          partyType: 'person',
          idType: 'passport',
          name: '陈大文',
          idNumber: 'E12345678',
          photos: { front: c.own.photo, back: c.own.photo, handheld: c.own.photo },
        }),
      },
      listPending: {
        as: 'staff',
        payload: (c) => ({ page: 1, pageSize: 10, identityId: c.identityId }),
      },
      claimReview: { as: 'staff', payload: (c) => ({ identityId: c.identityId }) },
      releaseReview: { as: 'staff', payload: (c) => ({ identityId: c.identityId }) },
      approve: { as: 'staff', payload: (c) => ({ identityId: c.identityId }) },
      reject: { as: 'staff', payload: (c) => ({ identityId: c.identityId, reason: '照片不清晰' }) },
      delete: { as: 'newUser', payload: () => ({}) },
    },
  },
  mediationCase: {
    suite: 'base',
    actions: {
      saveDraft: { as: 'applicant', payload: (c) => ({ ...caseFields(c) }) },
      submit: { as: 'applicant', payload: (c) => caseFields(c) },
      invite: { as: 'applicant', payload: (c) => ({ caseId: c.caseId }) },
      join: { as: 'applicant', payload: () => ({ token: 'a'.repeat(32), phone: '13900139000' }) },
      respond: {
        as: 'applicant',
        payload: (c) => ({ caseId: c.caseId, agree: false, reason: '不同意' }),
      },
      withdraw: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, reason: '已和解' }) },
      end: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, reason: '不愿继续' }) },
      requestExtension: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, days: 10 }) },
      consentExtension: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, agree: true }) },
      listMine: {
        as: 'applicant',
        payload: () => ({ role: 'any', status: 'awaiting_mediator', page: 1, pageSize: 10 }),
      },
      detail: { as: 'applicant', payload: (c) => ({ caseId: c.caseId }) },
      rate: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, score: 5, comment: '满意' }) },
    },
  },
  recommendMediator: {
    suite: 'base',
    actions: {
      recommend: { as: 'applicant', payload: (c) => ({ caseId: c.caseId }) },
      search: {
        as: 'applicant',
        payload: () => ({ keyword: '王', page: 1, pageSize: 10 }),
        search: ['keyword'],
      },
      profile: { as: 'applicant', payload: () => ({ mediatorId: 'med_1' }) },
      choose: { as: 'applicant', payload: (c) => ({ caseId: c.caseId, mediatorId: 'med_1' }) },
    },
  },
  fileCase: {
    suite: 'base',
    actions: {
      prefill: { as: 'applicant', payload: (c) => ({ caseId: c.caseId }) },
      listOrganisations: { as: 'applicant', payload: () => ({ region }) },
      submit: { as: 'applicant', payload: filing },
      resubmit: {
        as: 'applicant',
        payload: (c) => ({
          filingId: c.filingId,
          claims: ['返还预付款'],
          factsAndReasons: '补充事实与理由。',
          evidence: [{ fileId: c.own.evidence, name: '补充证据.jpg' }],
        }),
      },
      accept: { as: 'staff', payload: (c) => ({ filingId: c.filingId }) },
      reject: { as: 'staff', payload: (c) => ({ filingId: c.filingId, reason: '材料不全' }) },
      listMine: { as: 'applicant', payload: () => ({ page: 1, pageSize: 10 }) },
      detail: { as: 'applicant', payload: (c) => ({ filingId: c.filingId }) },
    },
  },
  withdrawCase: {
    suite: 'base',
    actions: {
      withdraw: { as: 'applicant', payload: (c) => ({ filingId: c.filingId, reason: '已和解' }) },
      status: { as: 'applicant', payload: (c) => ({ filingId: c.filingId }) },
      grant: { as: 'staff', payload: (c) => ({ withdrawalRequestId: c.withdrawalRequestId }) },
      refuse: {
        as: 'staff',
        payload: (c) => ({ withdrawalRequestId: c.withdrawalRequestId, reason: '不符合撤回条件' }),
      },
    },
  },
  orgDesk: {
    suite: 'base',
    actions: {
      queue: { as: 'staff', payload: () => ({ kind: 'filing', page: 1, pageSize: 10 }) },
      listMediators: { as: 'staff', payload: () => ({ page: 1, pageSize: 10 }) },
      createMediator: {
        as: 'staff',
        payload: () => ({
          name: '周调解',
          title: '高级调解员',
          specialties: ['sale_contract'],
          capacity: 5,
          available: true,
          bio: '从事商事调解十年。',
          phone: '13700137000',
          regions: ['110100'],
        }),
      },
      updateMediator: {
        as: 'staff',
        payload: () => ({ mediatorId: 'med_1', version: 1, capacity: 6 }),
      },
      issueBindCode: { as: 'staff', payload: () => ({ mediatorId: 'med_1' }) },
      statistics: { as: 'staff', payload: () => ({ fromMonth: '2026-01', toMonth: '2026-12' }) },
    },
  },
  deadlines: { suite: 'base', actions: {} },
  mediatorDesk: {
    suite: 'case',
    actions: {
      bind: { as: 'newUser', payload: () => ({ code: 'ABCDEFGH23' }) },
      listAssigned: { as: 'mediator', payload: () => ({ tab: 'active', page: 1, pageSize: 10 }) },
      accept: { as: 'mediator', payload: (c) => ({ caseId: c.caseId }) },
      decline: { as: 'mediator', payload: (c) => ({ caseId: c.caseId, reason: '时间冲突' }) },
      addNote: { as: 'mediator', payload: (c) => ({ caseId: c.caseId, text: '双方同意分期' }) },
      draftAgreement: { as: 'mediator', payload: draft },
      reviseAgreement: { as: 'mediator', payload: (c) => ({ ...draft(c), version: c.version }) },
      sendForSigning: {
        as: 'mediator',
        payload: (c) => ({ caseId: c.caseId, version: c.version }),
      },
      closeCase: {
        as: 'mediator',
        payload: (c) => ({ caseId: c.caseId, kind: 'failed', reason: '分歧过大' }),
      },
    },
  },
  videoMediation: {
    suite: 'case',
    actions: {
      start: {
        as: 'mediator',
        payload: (c) => ({ caseId: c.caseId, room: { privateWith: 'applicant' } }),
      },
      join: { as: 'applicant', payload: (c) => ({ callId: c.callId }) },
      decline: { as: 'applicant', payload: (c) => ({ callId: c.callId }) },
      leave: { as: 'applicant', payload: (c) => ({ callId: c.callId }) },
      end: { as: 'mediator', payload: (c) => ({ callId: c.callId }) },
      members: { as: 'applicant', payload: (c) => ({ callId: c.callId }) },
    },
  },
  signAgreement: {
    suite: 'case',
    actions: {
      get: { as: 'applicant', payload: (c) => ({ caseId: c.caseId }) },
      sign: {
        as: 'applicant',
        payload: (c) => ({
          caseId: c.caseId,
          version: c.version,
          hash: c.hash,
          signatureImageFileId: c.own.signature,
        }),
      },
    },
  },
  judicialConfirmation: {
    suite: 'case',
    actions: {
      preview: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      initiate: {
        as: 'applicant',
        payload: (c) => ({
          caseId: c.settledCaseId,
          courtBasis: 'organisation_seat',
          courtName: '北京市西城区人民法院',
        }),
      },
      consent: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      refuse: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId, reason: '不同意' }) },
      cancel: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      status: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      forward: {
        as: 'staff',
        payload: (c) => ({ caseId: c.settledCaseId, courtName: '北京市西城区人民法院' }),
      },
      recordOutcome: {
        as: 'staff',
        payload: (c) => ({
          caseId: c.settledCaseId,
          outcome: 'confirmed',
          rulingFileId: c.own.ruling,
          rulingNumber: '（2026）京0102民特1号',
        }),
      },
    },
  },
  mediationDocument: {
    suite: 'case',
    actions: {
      apply: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      withdraw: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      status: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId }) },
      process: { as: 'staff', payload: (c) => ({ caseId: c.settledCaseId }) },
      issue: {
        as: 'staff',
        payload: (c) => ({ caseId: c.settledCaseId, documentFileId: c.own.ruling }),
      },
      reject: { as: 'staff', payload: (c) => ({ caseId: c.settledCaseId, reason: '材料不全' }) },
    },
  },
  renderDocument: {
    suite: 'case',
    actions: {
      render: { as: 'applicant', payload: (c) => ({ caseId: c.settledCaseId, kind: 'agreement' }) },
    },
  },
}

export interface FuzzTarget {
  readonly fn: string
  readonly action: string
  readonly as: FuzzCaller
  readonly payload: (c: FuzzCtx) => unknown
  readonly search: readonly string[]
}

/** The rows of one suite, in table order. */
export function fuzzTargets(suite: FuzzSuite): FuzzTarget[] {
  return Object.entries(FUZZ_BASELINES).flatMap(([fn, row]) =>
    row.suite !== suite
      ? []
      : Object.entries(row.actions as Record<string, Entry<never, never>>).map(([action, e]) => ({
          fn,
          action,
          as: e.as,
          payload: e.payload,
          search: e.search ?? [],
        })),
  )
}

/** Functions of a suite (what its harness must build). */
export function fuzzFunctions(suite: FuzzSuite): string[] {
  return Object.entries(FUZZ_BASELINES).flatMap(([fn, row]) => (row.suite === suite ? [fn] : []))
}
