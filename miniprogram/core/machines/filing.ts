import type { ActorKind } from './actor'
import { readOptionalText, readReference, readText } from './input'
import { ruleFor, type Machine, type MachineEntity } from './machine'

/** Online filing (在线立案) states, including the withdrawal (撤诉) path. */
export type FilingStatus =
  'draft' | 'submitted' | 'accepted' | 'rejected' | 'withdrawal_requested' | 'withdrawn'

/** Commands on a filing. */
export type FilingCommand =
  | 'submit'
  | 'accept'
  | 'reject'
  | 'resubmit'
  | 'withdraw'
  | 'grant_withdrawal'
  | 'refuse_withdrawal'

/** Every filing state. */
export const FILING_STATUSES: readonly FilingStatus[] = [
  'draft',
  'submitted',
  'accepted',
  'rejected',
  'withdrawal_requested',
  'withdrawn',
]

/** Every filing command. */
export const FILING_COMMANDS: readonly FilingCommand[] = [
  'submit',
  'accept',
  'reject',
  'resubmit',
  'withdraw',
  'grant_withdrawal',
  'refuse_withdrawal',
]

/** Chinese labels of the filing states. */
export const FILING_STATUS_LABELS: Readonly<Record<FilingStatus, string>> = {
  draft: '草稿',
  submitted: '已提交，待审核',
  accepted: '立案完成',
  rejected: '未通过审核，待补正',
  withdrawal_requested: '撤诉申请待裁定',
  withdrawn: '已撤回',
}

/** Chinese labels of the filing commands (button texts). */
export const FILING_COMMAND_LABELS: Readonly<Record<FilingCommand, string>> = {
  submit: '提交立案申请',
  accept: '确认立案',
  reject: '退回补正',
  resubmit: '补正后重新提交',
  withdraw: '撤回 / 撤诉',
  grant_withdrawal: '准许撤诉',
  refuse_withdrawal: '不准许撤诉',
}

/** The fields of a `filings` doc that the machine reads and writes. */
export interface FilingEntity extends MachineEntity<FilingStatus> {
  /** The organisation the filing is submitted to. */
  readonly organisationId?: string | null
  readonly submittedAt?: Date | null
  /** 案号 given on acceptance. */
  readonly filingNumber?: string | null
  readonly acceptedAt?: Date | null
  /** What to correct (shown to the party, who may resubmit). */
  readonly rejectReason?: string | null
  readonly withdrawalReason?: string | null
  readonly withdrawalRequestedAt?: Date | null
  readonly withdrawalRefusedReason?: string | null
  readonly withdrawnAt?: Date | null
}

const PARTY: readonly ActorKind[] = ['party', 'applicant', 'respondent']
const rule = ruleFor<FilingEntity, FilingStatus>()

// Whether the mediation case may be filed at all (canTransferToFiling) is checked by the server
// when the draft is created; the machine governs the filing from there on.
const submit = rule({
  to: 'submitted',
  who: PARTY,
  input: (raw) => readReference(raw, 'organisationId', '受理机构'),
  event: 'submitted',
  data: ({ input }) => ({ organisationId: input }),
  set: ({ input, now }) => ({ organisationId: input, submittedAt: new Date(now) }),
})

const accept = rule({
  to: 'accepted',
  who: ['staff'],
  input: (raw) => readReference(raw, 'filingNumber', '案号'),
  event: 'accepted',
  data: ({ input }) => ({ filingNumber: input }),
  set: ({ input, now }) => ({ filingNumber: input, acceptedAt: new Date(now) }),
})

// A rejection must say what to correct; the filing is resubmittable, not dead.
const reject = rule({
  to: 'rejected',
  who: ['staff'],
  input: (raw) => readText(raw, 'reason', '需补正的内容'),
  event: 'rejected',
  data: ({ input }) => ({ reason: input }),
  set: ({ input }) => ({ rejectReason: input }),
})

const resubmit = rule({
  to: 'submitted',
  who: PARTY,
  event: 'resubmitted',
  set: ({ now }) => ({ submittedAt: new Date(now), rejectReason: null }),
})

// Before acceptance nothing is pending at a court, so withdrawing takes effect at once.
const withdrawNow = rule({
  to: 'withdrawn',
  who: PARTY,
  input: (raw) => readOptionalText(raw, 'reason', '撤回原因'),
  event: 'withdrawn',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, now }) => ({ withdrawalReason: input, withdrawnAt: new Date(now) }),
})

// After acceptance, 撤诉 is for the court to allow (民诉法 第148条), so it is only a request.
const requestWithdrawal = rule({
  to: 'withdrawal_requested',
  who: PARTY,
  input: (raw) => readOptionalText(raw, 'reason', '撤诉原因'),
  event: 'withdrawal_requested',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, now }) => ({
    withdrawalReason: input,
    withdrawalRequestedAt: new Date(now),
    withdrawalRefusedReason: null,
  }),
})

const grantWithdrawal = rule({
  to: 'withdrawn',
  who: ['staff'],
  event: 'withdrawal_granted',
  set: ({ now }) => ({ withdrawnAt: new Date(now) }),
})

const refuseWithdrawal = rule({
  to: 'accepted',
  who: ['staff'],
  input: (raw) => readText(raw, 'reason', '不准许撤诉的理由'),
  event: 'withdrawal_refused',
  data: ({ input }) => ({ reason: input }),
  set: ({ input }) => ({ withdrawalRefusedReason: input }),
})

/** The online filing (在线立案) and withdrawal (撤诉) machine. */
export const filingMachine: Machine<FilingEntity, FilingStatus, FilingCommand> = {
  name: 'filing',
  label: '立案申请',
  states: FILING_STATUSES,
  commands: FILING_COMMANDS,
  initial: 'draft',
  stateLabels: FILING_STATUS_LABELS,
  commandLabels: FILING_COMMAND_LABELS,
  table: {
    draft: { submit },
    submitted: { accept, reject, withdraw: withdrawNow },
    accepted: { withdraw: requestWithdrawal },
    rejected: { resubmit, withdraw: withdrawNow },
    withdrawal_requested: {
      grant_withdrawal: grantWithdrawal,
      refuse_withdrawal: refuseWithdrawal,
    },
    withdrawn: {},
  },
}
