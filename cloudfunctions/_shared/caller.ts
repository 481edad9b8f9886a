// Who is calling, decided only by the platform-injected OPENID and our own collections.
import { COLLECTIONS } from './collections'
import { actorHash } from './crypto'
import { findMany } from './store'

/**
 * The kinds of caller an action may admit. Every signed-in caller is a `user`; `mediator` and
 * `staff` come from the `mediators` / `staff_members` collections. (The per-entity roles —
 * applicant, respondent, the case's mediator — are decided by each handler; see core/machines/actor.)
 */
export type CallerKind = 'user' | 'mediator' | 'staff'

export interface Caller {
  readonly openid: string
  /** Keyed pseudonym of the openid, what audit events and logs carry. */
  readonly hash: string
  readonly kinds: readonly CallerKind[]
  readonly mediator?: { readonly id: string; readonly organisationId: string | undefined }
  readonly staff?: { readonly id: string; readonly organisationId: string }
}

interface MediatorDoc extends Record<string, unknown> {
  organisationId?: string
}
interface StaffDoc extends Record<string, unknown> {
  organisationId: string
  active?: boolean
}

export async function resolveActor(openid: string): Promise<Caller> {
  const [mediators, staff] = await Promise.all([
    findMany<MediatorDoc>(COLLECTIONS.mediators, { openid }, { limit: 1 }),
    findMany<StaffDoc>(COLLECTIONS.staffMembers, { openid }, { limit: 1 }),
  ])
  const kinds: CallerKind[] = ['user']
  const mediator = mediators[0]
  const member = staff[0]
  const activeStaff = member && member.active !== false && typeof member.organisationId === 'string'
  if (mediator) kinds.push('mediator')
  if (activeStaff) kinds.push('staff')
  return {
    openid,
    hash: actorHash(openid),
    kinds,
    ...(mediator
      ? {
          mediator: {
            id: mediator._id,
            organisationId:
              typeof mediator.organisationId === 'string' ? mediator.organisationId : undefined,
          },
        }
      : {}),
    ...(activeStaff ? { staff: { id: member._id, organisationId: member.organisationId } } : {}),
  }
}
