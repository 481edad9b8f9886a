/**
 * profile: who the caller is, the subscribe-message grants they gave, and their privacy consent.
 *
 * Caller: `miniprogram/services/profile.ts` (app launch, 我的 tab, after `wx.requestSubscribeMessage`).
 * Auth: any signed-in user (OPENID from the platform); roles come from `mediators` / `staff_members`.
 * Reads: `users`, `identities`, `messages` (count), `mediators`, `staff_members`.
 * Writes: `users` (privacy consent, audited), `subscribe_grants`, `audit_events`, `idempotency_keys`.
 * Errors: `UNKNOWN_TEMPLATE` (a grant for a template this account does not use) + common codes.
 */
import * as v from 'valibot'
import {
  COLLECTIONS,
  appendAudit,
  configuredTemplates,
  countWhere,
  defineFunction,
  fail,
  findById,
  findMany,
  grantId,
  identityIdFor,
  obj,
  privatePrefix,
  text,
  userIdFor,
} from '../../_shared'
import type { IdentityStatus, SubscribeChoice } from '../../../typings/api/common'

interface UserDoc extends Record<string, unknown> {
  openid: string
  version?: number
  privacyAcceptedVersion?: string | null
  auditSeq?: number
  auditHash?: string
}

interface IdentityDoc extends Record<string, unknown> {
  status: IdentityStatus
  maskedName?: string | null
}

interface GrantDoc extends Record<string, unknown> {
  remaining: number
  version: number
}

/** One-time accepts add up (each allows one send); a cap keeps a looping client harmless. */
const MAX_GRANTS_PER_TEMPLATE = 50

const CHOICES = ['accept', 'reject', 'ban', 'filter'] as const satisfies readonly SubscribeChoice[]

async function findUser(openid: string) {
  const [user] = await findMany<UserDoc>(COLLECTIONS.users, { openid }, { limit: 1 })
  return user
}

export const main = defineFunction('profile', {
  actions: {
    whoAmI: {
      schema: obj({}),
      actors: ['user'],
      mutating: false,
      async handle(_payload, { caller }) {
        const [identity, unreadCount, user] = await Promise.all([
          findById<IdentityDoc>(COLLECTIONS.identities, identityIdFor(caller.openid)),
          countWhere(COLLECTIONS.messages, { toOpenid: caller.openid, read: false }),
          findUser(caller.openid),
        ])
        return {
          roles: caller.kinds,
          mediatorId: caller.mediator?.id ?? null,
          staffOrganisationId: caller.staff?.organisationId ?? null,
          identity: {
            status: identity?.status ?? 'unverified',
            // Stored already masked: the full name is only ever kept encrypted.
            maskedName: identity?.maskedName ?? null,
          },
          unreadCount,
          privacyAcceptedVersion: user?.privacyAcceptedVersion ?? null,
          storagePrefix: privatePrefix(caller.openid),
          subscribeTemplates: configuredTemplates(),
        }
      },
    },

    recordSubscribeGrants: {
      schema: obj({
        results: v.pipe(
          v.record(
            v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{1,128}$/, '模板编号格式不正确')),
            v.picklist(CHOICES, '订阅结果取值不正确'),
            '订阅结果格式不正确',
          ),
          v.check((r) => Object.keys(r).length <= 10, '一次最多记录 10 个模板'),
        ),
      }),
      actors: ['user'],
      mutating: true,
      async handle({ results }, ctx) {
        const known = new Set(Object.values(configuredTemplates()))
        for (const templateId of Object.keys(results)) {
          if (!known.has(templateId)) {
            fail('UNKNOWN_TEMPLATE', '订阅的消息模板不存在', `payload.results.${templateId}`)
          }
        }
        return ctx.transact(async (tx) => {
          const remaining: Record<string, number> = {}
          for (const [templateId, choice] of Object.entries(results)) {
            const id = grantId(ctx.caller.openid, templateId)
            const grant = await tx.get<GrantDoc>(COLLECTIONS.subscribeGrants, id)
            const before = grant?.remaining ?? 0
            const after =
              choice === 'accept'
                ? Math.min(MAX_GRANTS_PER_TEMPLATE, before + 1)
                : choice === 'ban'
                  ? 0
                  : before
            if (!grant) {
              await tx.create(COLLECTIONS.subscribeGrants, id, {
                openid: ctx.caller.openid,
                templateId,
                remaining: after,
                updatedAt: ctx.now,
                version: 1,
              })
            } else if (after !== before) {
              await tx.updateVersioned(COLLECTIONS.subscribeGrants, id, grant.version, {
                remaining: after,
                updatedAt: ctx.now,
              })
            }
            remaining[templateId] = after
          }
          return { remaining }
        })
      },
    },

    acceptPrivacy: {
      schema: obj({
        version: text('隐私指引版本', { max: 32, pattern: /^[A-Za-z0-9._-]+$/ }),
      }),
      actors: ['user'],
      mutating: true,
      async handle({ version }, ctx) {
        const existing = await findUser(ctx.caller.openid)
        return ctx.transact(async (tx) => {
          const id = existing?._id ?? userIdFor(ctx.caller.openid)
          const current = await tx.get<UserDoc>(COLLECTIONS.users, id)
          const head = await appendAudit(tx, current ?? {}, {
            entity: COLLECTIONS.users,
            entityId: id,
            actorRole: 'party',
            actorHash: ctx.caller.hash,
            action: 'privacy.accepted',
            from: current?.privacyAcceptedVersion ?? null,
            to: version,
            at: ctx.now,
          })
          const patch = { privacyAcceptedVersion: version, privacyAcceptedAt: ctx.now, ...head }
          if (current) {
            await tx.updateVersioned(COLLECTIONS.users, id, current.version ?? 0, patch)
          } else {
            await tx.create(COLLECTIONS.users, id, {
              openid: ctx.caller.openid,
              createdAt: ctx.now,
              version: 1,
              ...patch,
            })
          }
          return { version, acceptedAt: ctx.now.toISOString() }
        })
      },
    },
  },
})
