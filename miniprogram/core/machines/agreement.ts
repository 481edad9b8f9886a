import { failure, type CoreError, type Outcome } from '../result'
import type { Actor } from './actor'
import { readInteger, readReference } from './input'
import { ruleFor, type GuardContext, type Machine, type MachineEntity } from './machine'

/** Agreement states. */
export type AgreementStatus = 'draft' | 'signing' | 'effective'

/** Commands on an agreement. */
export type AgreementCommand = 'revise' | 'send_for_signing' | 'sign'

/** Every agreement state, in flow order. */
export const AGREEMENT_STATUSES: readonly AgreementStatus[] = ['draft', 'signing', 'effective']

/** Every agreement command. */
export const AGREEMENT_COMMANDS: readonly AgreementCommand[] = [
  'revise',
  'send_for_signing',
  'sign',
]

/** Chinese labels of the agreement states. */
export const AGREEMENT_STATUS_LABELS: Readonly<Record<AgreementStatus, string>> = {
  draft: '草拟中',
  signing: '签署中',
  effective: '已生效',
}

/** Chinese labels of the agreement commands (button texts). */
export const AGREEMENT_COMMAND_LABELS: Readonly<Record<AgreementCommand, string>> = {
  revise: '修改协议',
  send_for_signing: '发起签署',
  sign: '确认并签字',
}

/** Who must sign: every party and the mediator (人民调解法 第29条). */
export type SignerRole = 'party' | 'mediator'

/** One required signer; `id` is what the signer's `Actor.id` will be. */
export interface AgreementSigner {
  readonly id: string
  readonly role: SignerRole
}

/** One signature, bound to the revision and the content hash the signer saw. */
export interface AgreementSignature {
  readonly signerId: string
  readonly role: SignerRole
  readonly revision: number
  readonly hash: string
  readonly signedAt: Date
}

/** The fields of an `agreements` doc that the machine reads and writes. */
export interface AgreementEntity extends MachineEntity<AgreementStatus> {
  /** Content revision, 1 for the first draft; `version` is only the optimistic lock. */
  readonly revision: number
  /** Hash of the rendered agreement of this revision (电子签名法 第13条: changes detectable). */
  readonly contentHash: string
  readonly signers: readonly AgreementSigner[]
  /** Kept sorted by `signerId`, so the order in which people signed does not change the doc. */
  readonly signatures: readonly AgreementSignature[]
  readonly sentForSigningAt?: Date | null
  /** The last signature's time: the 30-day judicial-confirmation window runs from here. */
  readonly effectiveAt?: Date | null
}

/** Error codes specific to the agreement machine. */
export type AgreementErrorCode =
  | 'NOT_AGREEMENT_MEDIATOR'
  | 'INCOMPLETE_SIGNERS'
  | 'NOT_A_SIGNER'
  | 'ALREADY_SIGNED'
  | 'STALE_REVISION'
  | 'HASH_MISMATCH'

const rule = ruleFor<AgreementEntity, AgreementStatus>()
type Ctx = GuardContext<AgreementEntity>

function err(code: AgreementErrorCode, message: string, field?: string): CoreError {
  return field === undefined ? { code, message } : { code, message, field }
}

function signerRole(actor: Actor): SignerRole | undefined {
  if (actor.kind === 'mediator') return 'mediator'
  return actor.kind === 'party' || actor.kind === 'applicant' || actor.kind === 'respondent'
    ? 'party'
    : undefined
}

function currentSignatures(entity: AgreementEntity): AgreementSignature[] {
  return entity.signatures.filter((s) => s.revision === entity.revision)
}

/** Whether every required signer has signed the current revision. */
export function isFullySigned(entity: AgreementEntity): boolean {
  const signed = new Set(currentSignatures(entity).map((s) => s.signerId))
  return entity.signers.length > 0 && entity.signers.every((s) => signed.has(s.id))
}

/** The signers who have not yet signed the current revision (for "待签" lists). */
export function pendingSigners(entity: AgreementEntity): AgreementSigner[] {
  const signed = new Set(currentSignatures(entity).map((s) => s.signerId))
  return entity.signers.filter((s) => !signed.has(s.id))
}

// Only the mediator named on the agreement drafts and edits it; parties propose changes in the
// case thread, so no party can alter the text another party is about to sign.
function agreementMediator({ entity, actor }: Ctx): CoreError | undefined {
  return entity.signers.some((s) => s.role === 'mediator' && s.id === actor.id)
    ? undefined
    : err('NOT_AGREEMENT_MEDIATOR', '您不是本协议的调解员')
}

const revise = rule<string>({
  to: ({ entity }) => entity.status,
  who: ['mediator'],
  guard: agreementMediator,
  input: (raw) => readReference(raw, 'contentHash', '协议内容摘要'),
  event: 'revised',
  data: ({ entity, input }) => ({ revision: entity.revision + 1, contentHash: input }),
  // Any edit voids every signature: a signature vouches for one exact text (hash), and signing
  // parties must see and sign the new one.
  set: ({ entity, input }) => ({
    revision: entity.revision + 1,
    contentHash: input,
    signatures: [],
  }),
  more: ({ entity }) =>
    entity.signatures.length > 0
      ? [
          {
            type: 'signatures_voided',
            data: {
              revision: entity.revision,
              voided: entity.signatures.map((s) => s.signerId),
            },
          },
        ]
      : [],
})

// The agreement takes effect only with all parties and the mediator signing, so the list must
// hold at least two distinct parties and one mediator before anyone is asked to sign.
const sendForSigning = rule({
  to: 'signing',
  who: ['mediator'],
  guard: (ctx) => {
    const mediatorError = agreementMediator(ctx)
    if (mediatorError) return mediatorError
    const { signers } = ctx.entity
    const ids = new Set(signers.map((s) => s.id))
    const parties = signers.filter((s) => s.role === 'party').length
    return ids.size === signers.length && parties >= 2 && parties < signers.length
      ? undefined
      : err('INCOMPLETE_SIGNERS', '签署人须包括全部当事人和调解员')
  },
  event: 'signing_started',
  set: ({ now }) => ({ sentForSigningAt: new Date(now) }),
})

interface SignInput {
  readonly revision: number
  readonly hash: string
}

// Signing names the revision and hash the signer was shown: if the mediator edited the text in
// between, the signature would be for words that are no longer the agreement.
function readSign(raw: unknown, { entity }: Ctx): Outcome<SignInput> {
  const revision = readInteger(raw, 'revision', '协议版本', 1)
  if (!revision.ok) return revision
  const hash = readReference(raw, 'hash', '协议内容摘要')
  if (!hash.ok) return hash
  if (revision.value !== entity.revision) {
    return failure('STALE_REVISION', '协议已修改，请查看最新版本后再签字', 'revision')
  }
  if (hash.value !== entity.contentHash) {
    return failure('HASH_MISMATCH', '协议内容与签署版本不一致，请重新打开协议', 'hash')
  }
  return { ok: true, value: { revision: revision.value, hash: hash.value } }
}

function withSignature(entity: AgreementEntity, actor: Actor, hash: string, now: number) {
  const signature: AgreementSignature = {
    signerId: actor.id,
    role: signerRole(actor) ?? 'party',
    revision: entity.revision,
    hash,
    signedAt: new Date(now),
  }
  return [...currentSignatures(entity), signature].sort((a, b) =>
    a.signerId < b.signerId ? -1 : a.signerId > b.signerId ? 1 : 0,
  )
}

const sign = rule({
  to: ({ entity, actor, input, now }) =>
    isFullySigned({ ...entity, signatures: withSignature(entity, actor, input.hash, now) })
      ? 'effective'
      : 'signing',
  who: ['party', 'applicant', 'respondent', 'mediator'],
  guard: ({ entity, actor }) => {
    const role = signerRole(actor)
    if (!entity.signers.some((s) => s.id === actor.id && s.role === role)) {
      return err('NOT_A_SIGNER', '您不是本协议的签署人')
    }
    return currentSignatures(entity).some((s) => s.signerId === actor.id)
      ? err('ALREADY_SIGNED', '您已签署本协议')
      : undefined
  },
  input: readSign,
  event: 'signed',
  data: ({ actor, input }) => ({ signerId: actor.id, revision: input.revision, hash: input.hash }),
  set: ({ entity, actor, input, now }) => {
    const signatures = withSignature(entity, actor, input.hash, now)
    return isFullySigned({ ...entity, signatures })
      ? { signatures, effectiveAt: new Date(now) }
      : { signatures }
  },
  more: ({ entity, input }, to) =>
    to === 'effective'
      ? [{ type: 'effective', data: { revision: input.revision, hash: entity.contentHash } }]
      : [],
})

/** The agreement (调解协议) machine: versioned text, signatures bound to revision and hash. */
export const agreementMachine: Machine<AgreementEntity, AgreementStatus, AgreementCommand> = {
  name: 'agreement',
  label: '调解协议',
  states: AGREEMENT_STATUSES,
  commands: AGREEMENT_COMMANDS,
  initial: 'draft',
  stateLabels: AGREEMENT_STATUS_LABELS,
  commandLabels: AGREEMENT_COMMAND_LABELS,
  table: {
    draft: { revise, send_for_signing: sendForSigning },
    signing: { revise, sign },
    effective: {},
  },
}
