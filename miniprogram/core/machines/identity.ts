import { readText } from './input'
import { ruleFor, type Machine, type MachineEntity } from './machine'

/** Real-name verification states of one user. */
export type IdentityStatus =
  'unverified' | 'face_pending' | 'manual_pending' | 'verified' | 'rejected'

/** Commands on an identity. */
export type IdentityCommand =
  'start_face' | 'face_passed' | 'face_failed' | 'submit_manual' | 'approve' | 'reject' | 'delete'

/** Every identity state, in flow order. */
export const IDENTITY_STATUSES: readonly IdentityStatus[] = [
  'unverified',
  'face_pending',
  'manual_pending',
  'verified',
  'rejected',
]

/** Every identity command. */
export const IDENTITY_COMMANDS: readonly IdentityCommand[] = [
  'start_face',
  'face_passed',
  'face_failed',
  'submit_manual',
  'approve',
  'reject',
  'delete',
]

/** Chinese labels of the identity states. */
export const IDENTITY_STATUS_LABELS: Readonly<Record<IdentityStatus, string>> = {
  unverified: '未认证',
  face_pending: '人脸核身中',
  manual_pending: '人工审核中',
  verified: '已认证',
  rejected: '审核未通过',
}

/** Chinese labels of the identity commands (button texts). */
export const IDENTITY_COMMAND_LABELS: Readonly<Record<IdentityCommand, string>> = {
  start_face: '人脸核身认证',
  face_passed: '确认人脸核身通过',
  face_failed: '记录人脸核身失败',
  submit_manual: '提交人工审核',
  approve: '审核通过',
  reject: '驳回认证',
  delete: '删除认证信息',
}

/** How an identity was verified. */
export type IdentityMethod = 'face' | 'manual'

/** The fields of an `identities` doc that the machine reads and writes. */
export interface IdentityEntity extends MachineEntity<IdentityStatus> {
  readonly method?: IdentityMethod | null
  readonly faceStartedAt?: Date | null
  readonly manualSubmittedAt?: Date | null
  readonly verifiedAt?: Date | null
  /** Why a manual review was rejected (shown to the user, who may resubmit). */
  readonly rejectReason?: string | null
  /** Why the last face attempt failed (e.g. "人脸与证件不一致"). */
  readonly failureReason?: string | null
}

const rule = ruleFor<IdentityEntity, IdentityStatus>()

// The user starts face verification; retrying from face_pending is allowed because a verify_id
// lapses after an hour and the client may have been closed mid-way.
const startFace = rule({
  to: 'face_pending',
  who: ['party'],
  event: 'face_started',
  set: ({ now }) => ({ faceStartedAt: new Date(now), failureReason: null }),
})

// Only the server may record the outcome: it re-checks the result with WeChat (queryverifyinfo),
// never trusting what the client says.
const facePassed = rule({
  to: 'verified',
  who: ['system'],
  event: 'verified',
  data: () => ({ method: 'face' }),
  set: ({ now }) => ({ method: 'face', verifiedAt: new Date(now), failureReason: null }),
})

const faceFailed = rule({
  to: 'unverified',
  who: ['system'],
  input: (raw) => readText(raw, 'reason', '失败原因'),
  event: 'face_failed',
  data: ({ input }) => ({ reason: input }),
  set: ({ input }) => ({ failureReason: input }),
})

// Manual review is always on offer (人脸识别技术应用安全管理办法: face must not be the only way),
// including halfway through a face attempt and after a rejection.
const submitManual = rule({
  to: 'manual_pending',
  who: ['party'],
  event: 'manual_submitted',
  set: ({ now }) => ({ manualSubmittedAt: new Date(now), rejectReason: null }),
})

const approve = rule({
  to: 'verified',
  who: ['staff'],
  event: 'verified',
  data: () => ({ method: 'manual' }),
  set: ({ now }) => ({ method: 'manual', verifiedAt: new Date(now) }),
})

const reject = rule({
  to: 'rejected',
  who: ['staff'],
  input: (raw) => readText(raw, 'reason', '驳回原因'),
  event: 'rejected',
  data: ({ input }) => ({ reason: input }),
  set: ({ input }) => ({ rejectReason: input }),
})

// Deleting returns to a clean slate so the user can verify again; whether open cases still need
// the identity is a cross-collection question the server answers before issuing this.
const remove = rule({
  to: 'unverified',
  who: ['party'],
  event: 'deleted',
  set: () => ({
    method: null,
    verifiedAt: null,
    faceStartedAt: null,
    manualSubmittedAt: null,
    rejectReason: null,
    failureReason: null,
  }),
})

/** The identity (实名认证) machine. */
export const identityMachine: Machine<IdentityEntity, IdentityStatus, IdentityCommand> = {
  name: 'identity',
  label: '实名认证',
  states: IDENTITY_STATUSES,
  commands: IDENTITY_COMMANDS,
  initial: 'unverified',
  stateLabels: IDENTITY_STATUS_LABELS,
  commandLabels: IDENTITY_COMMAND_LABELS,
  table: {
    unverified: { start_face: startFace, submit_manual: submitManual },
    face_pending: {
      start_face: startFace,
      face_passed: facePassed,
      face_failed: faceFailed,
      submit_manual: submitManual,
    },
    manual_pending: { approve, reject },
    verified: { delete: remove },
    rejected: { submit_manual: submitManual, delete: remove },
  },
}
