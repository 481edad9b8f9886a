import type { ActorKind } from './actor'
import { readReference, readText } from './input'
import { ruleFor, type Machine, type MachineEntity } from './machine'

/** Mediation document request (调解书申请) states. */
export type DocumentRequestStatus = 'applied' | 'processing' | 'issued' | 'rejected' | 'withdrawn'

/** Commands on a document request. */
export type DocumentRequestCommand = 'start_processing' | 'issue' | 'reject' | 'withdraw'

/** Every document-request state. */
export const DOCUMENT_REQUEST_STATUSES: readonly DocumentRequestStatus[] = [
  'applied',
  'processing',
  'issued',
  'rejected',
  'withdrawn',
]

/** Every document-request command. */
export const DOCUMENT_REQUEST_COMMANDS: readonly DocumentRequestCommand[] = [
  'start_processing',
  'issue',
  'reject',
  'withdraw',
]

/** Chinese labels of the document-request states. */
export const DOCUMENT_REQUEST_STATUS_LABELS: Readonly<Record<DocumentRequestStatus, string>> = {
  applied: '已申请',
  processing: '办理中',
  issued: '已出具',
  rejected: '未予出具',
  withdrawn: '已撤回',
}

/** Chinese labels of the document-request commands (button texts). */
export const DOCUMENT_REQUEST_COMMAND_LABELS: Readonly<Record<DocumentRequestCommand, string>> = {
  start_processing: '开始办理',
  issue: '出具调解书',
  reject: '不予出具',
  withdraw: '撤回申请',
}

/** The fields of a `document_requests` doc that the machine reads and writes. */
export interface DocumentRequestEntity extends MachineEntity<DocumentRequestStatus> {
  readonly processingAt?: Date | null
  /** Cloud storage file id of the issued document. */
  readonly documentFileId?: string | null
  readonly issuedAt?: Date | null
  readonly rejectReason?: string | null
  readonly rejectedAt?: Date | null
}

const PARTY: readonly ActorKind[] = ['party', 'applicant', 'respondent']
const rule = ruleFor<DocumentRequestEntity, DocumentRequestStatus>()

const startProcessing = rule({
  to: 'processing',
  who: ['staff'],
  event: 'processing_started',
  set: ({ now }) => ({ processingAt: new Date(now) }),
})

// "Issued" always carries the file, so a party is never told a document exists that they cannot open.
const issue = rule({
  to: 'issued',
  who: ['staff'],
  input: (raw) => readReference(raw, 'documentFileId', '调解书文件'),
  event: 'issued',
  data: ({ input }) => ({ documentFileId: input }),
  set: ({ input, now }) => ({ documentFileId: input, issuedAt: new Date(now) }),
})

// A refusal always says why, so the parties know whether to apply again or go to court.
const reject = rule({
  to: 'rejected',
  who: ['staff'],
  input: (raw) => readText(raw, 'reason', '不予出具的原因'),
  event: 'rejected',
  data: ({ input }) => ({ reason: input }),
  set: ({ input, now }) => ({ rejectReason: input, rejectedAt: new Date(now) }),
})

// The applicant may take the request back while nobody has started on it yet.
const withdraw = rule({ to: 'withdrawn', who: PARTY, event: 'withdrawn' })

/** The mediation document request (申请出具调解书) machine. */
export const documentRequestMachine: Machine<
  DocumentRequestEntity,
  DocumentRequestStatus,
  DocumentRequestCommand
> = {
  name: 'document_request',
  label: '调解书申请',
  states: DOCUMENT_REQUEST_STATUSES,
  commands: DOCUMENT_REQUEST_COMMANDS,
  initial: 'applied',
  stateLabels: DOCUMENT_REQUEST_STATUS_LABELS,
  commandLabels: DOCUMENT_REQUEST_COMMAND_LABELS,
  table: {
    applied: { start_processing: startProcessing, reject, withdraw },
    processing: { issue, reject },
    issued: {},
    rejected: {},
    withdrawn: {},
  },
}
