// Binding a mediator account: the code is one-time and expires; the transaction reads the code
// and the mediator by id, so two people redeeming the same code at once cannot both succeed.
import type { BindMediatorRequest, BindMediatorResponse } from '../../../typings/api/mediatorDesk'
import { appendAudit, COLLECTIONS, fail, obj, text, type ActionDefinition } from '../../_shared'
import {
  BIND_CODE_PATTERN,
  bindCodeHash,
  bindCodeId,
  normaliseBindCode,
  type BindCodeDoc,
} from '../../_shared/bind-codes'
import type { AuditHead } from '../../_shared/audit'

interface MediatorDoc extends AuditHead, Record<string, unknown> {
  readonly name?: string
  readonly organisationId?: string
  readonly openid?: string | null
  readonly version?: number
}

const invalid = () => fail('BIND_CODE_INVALID', '绑定码不正确，请核对后重新输入', 'payload.code')

export const bind: ActionDefinition<BindMediatorRequest, BindMediatorResponse> = {
  schema: obj({ code: text('绑定码', { max: 32 }) }),
  actors: ['user'],
  mutating: true,
  async handle({ code }, ctx) {
    const normalised = normaliseBindCode(code)
    if (!BIND_CODE_PATTERN.test(normalised)) invalid()
    if (ctx.caller.mediator) {
      fail('ALREADY_BOUND', '您的微信已绑定调解员账号，无需重复绑定')
    }
    const id = bindCodeId(normalised)
    return ctx.transact(async (tx) => {
      const bc = await tx.get<BindCodeDoc>(COLLECTIONS.bindCodes, id)
      if (!bc || bc.codeHash !== bindCodeHash(normalised)) return invalid()
      if (bc.usedAt) fail('BIND_CODE_USED', '该绑定码已被使用，请联系所在机构重新获取')
      if (new Date(bc.expiresAt).getTime() <= ctx.now.getTime()) {
        fail('BIND_CODE_EXPIRED', '该绑定码已过期，请联系所在机构重新获取')
      }
      const mediator = await tx.get<MediatorDoc>(COLLECTIONS.mediators, bc.mediatorId)
      if (!mediator) return invalid()
      if (mediator.openid && mediator.openid !== ctx.caller.openid) {
        fail('ALREADY_BOUND', '该调解员账号已绑定其他微信，如需更换请联系所在机构')
      }
      const head = await appendAudit(tx, mediator, {
        entity: COLLECTIONS.mediators,
        entityId: bc.mediatorId,
        actorRole: 'mediator',
        actorHash: ctx.caller.hash,
        action: 'mediator.bound',
        from: 'unbound',
        to: 'bound',
        at: ctx.now,
      })
      await tx.update(COLLECTIONS.bindCodes, id, {
        usedAt: ctx.now,
        usedByHash: ctx.caller.hash,
        version: bc.version + 1,
      })
      await tx.updateVersioned(COLLECTIONS.mediators, bc.mediatorId, mediator.version ?? 0, {
        openid: ctx.caller.openid,
        bindCodeHash: bc.codeHash,
        boundAt: ctx.now,
        ...head,
      })
      return {
        mediatorId: bc.mediatorId,
        organisationId: mediator.organisationId ?? bc.organisationId,
        name: mediator.name ?? '',
      }
    })
  },
}
