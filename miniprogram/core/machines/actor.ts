import type { CoreError } from '../result'

/**
 * The role an actor plays *for one entity*, decided by the server from its collections
 * (never sent by the client):
 * - `applicant` / `respondent`: the user is that side of this mediation case;
 * - `party`: a user acting for themselves where the two sides do not matter (their own identity,
 *   a signer of an agreement, a party to a judicial confirmation, document request or filing);
 * - `mediator`: a `mediators` doc has `openid` = the caller (and, where the entity names one,
 *   it is this entity's mediator);
 * - `staff`: a `staff_members` doc of the organisation that handles this entity;
 * - `system`: the server itself (timer function, face-verification callback).
 */
export type ActorKind = 'applicant' | 'respondent' | 'party' | 'mediator' | 'staff' | 'system'

/** Every actor kind, in a stable order (for validation and exhaustive tests). */
export const ACTOR_KINDS: readonly ActorKind[] = [
  'applicant',
  'respondent',
  'party',
  'mediator',
  'staff',
  'system',
]

/** Chinese names of the actor kinds, for timelines ("由调解员操作"). */
export const ACTOR_KIND_LABELS: Readonly<Record<ActorKind, string>> = {
  applicant: '申请人',
  respondent: '被申请人',
  party: '当事人',
  mediator: '调解员',
  staff: '机构工作人员',
  system: '系统',
}

/**
 * Who acts. `id` is the same id the entity stores for that role (e.g. the value of a case's
 * `mediatorId`, or a signer's `id` on an agreement), so guards can compare them; for `system`
 * use a fixed name such as `'deadlines'`.
 */
export interface Actor {
  readonly kind: ActorKind
  readonly id: string
}

/** Longest accepted actor id; CloudBase ids and openids are far shorter. */
export const ACTOR_ID_MAX_LENGTH = 128

/** The two sides of a mediation case (who must both consent to an extension). */
export type CaseSide = 'applicant' | 'respondent'

/** Whether a value is one of the actor kinds. */
export function isActorKind(value: unknown): value is ActorKind {
  return typeof value === 'string' && (ACTOR_KINDS as readonly string[]).includes(value)
}

/** Checks an actor from outside the core; returns the typed error instead of throwing. */
export function checkActor(actor: unknown): CoreError<'INVALID_ACTOR'> | undefined {
  if (typeof actor !== 'object' || actor === null) {
    return { code: 'INVALID_ACTOR', message: '操作人信息缺失' }
  }
  const { kind, id } = actor as { kind?: unknown; id?: unknown }
  if (!isActorKind(kind)) return { code: 'INVALID_ACTOR', message: '操作人身份不正确' }
  if (typeof id !== 'string' || id.trim() === '' || id.length > ACTOR_ID_MAX_LENGTH) {
    return { code: 'INVALID_ACTOR', message: '操作人编号不正确' }
  }
  return undefined
}
