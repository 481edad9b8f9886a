import { describe, expect, it } from 'vitest'
import { checkActor } from '../../../../miniprogram/core/machines/actor'
import {
  identityMachine,
  type IdentityEntity,
} from '../../../../miniprogram/core/machines/identity'
import {
  allowedCommands,
  ruleFor,
  statusLabel,
  transition,
  type Machine,
  type MachineEntity,
} from '../../../../miniprogram/core/machines/machine'
import { NOW } from './exhaustive'

const user = { kind: 'party', id: 'user-1' } as const
const fresh: IdentityEntity = { status: 'unverified', version: 4 }

function code(result: { ok: boolean; error?: { code: string } }): string {
  return result.ok ? 'ok' : (result.error?.code ?? 'missing')
}

describe('transition: bad input yields typed errors, never exceptions', () => {
  it('rejects an entity that is not an object', () => {
    for (const bad of [null, undefined, 'x', 3, [], true]) {
      expect(code(transition(identityMachine, bad as never, 'start_face', user, NOW))).toBe(
        'INVALID_ENTITY',
      )
    }
  })

  it('rejects a missing or malformed version', () => {
    for (const version of [undefined, -1, 1.5, '1', NaN]) {
      const entity = { status: 'unverified', version } as never
      expect(code(transition(identityMachine, entity, 'start_face', user, NOW))).toBe(
        'INVALID_ENTITY',
      )
    }
  })

  it('rejects an unknown state with its value in the message', () => {
    const r = transition(
      identityMachine,
      { status: 'gone', version: 1 } as never,
      'start_face',
      user,
      NOW,
    )
    expect(r).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_STATE', message: '实名认证状态「gone」无法识别', field: 'status' },
    })
    expect(
      code(transition(identityMachine, { status: 7, version: 1 } as never, 'delete', user, NOW)),
    ).toBe('UNKNOWN_STATE')
  })

  it('rejects an unknown command, including prototype names', () => {
    for (const command of ['fly', '', 'toString', '__proto__', 'constructor']) {
      expect(code(transition(identityMachine, fresh, command, user, NOW))).toBe('UNKNOWN_COMMAND')
    }
    expect(code(transition(identityMachine, fresh, 5 as never, user, NOW))).toBe('UNKNOWN_COMMAND')
  })

  it('rejects a malformed actor', () => {
    for (const actor of [
      null,
      {},
      { kind: 'admin', id: 'a' },
      { kind: 'party', id: '' },
      { kind: 'party', id: 'x'.repeat(129) },
    ]) {
      expect(code(transition(identityMachine, fresh, 'start_face', actor as never, NOW))).toBe(
        'INVALID_ACTOR',
      )
    }
    expect(checkActor({ kind: 'party', id: 'u' })).toBeUndefined()
  })

  it('rejects a malformed time and accepts a Date', () => {
    for (const now of [NaN, Infinity, '2026-12-01', new Date('nope'), undefined]) {
      expect(code(transition(identityMachine, fresh, 'start_face', user, now as never))).toBe(
        'INVALID_TIME',
      )
    }
    const r = transition(identityMachine, fresh, 'start_face', user, new Date(NOW))
    expect(r.ok && r.next.faceStartedAt).toEqual(new Date(NOW))
  })

  it('names the current state in the invalid-transition message', () => {
    expect(transition(identityMachine, fresh, 'approve', { kind: 'staff', id: 's' }, NOW)).toEqual({
      ok: false,
      error: { code: 'INVALID_TRANSITION', message: '当前状态「未认证」不能「审核通过」' },
    })
  })

  it('names the actor in the forbidden-actor message', () => {
    const pending: IdentityEntity = { status: 'manual_pending', version: 1 }
    expect(transition(identityMachine, pending, 'approve', user, NOW)).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN_ACTOR', message: '当事人无权「审核通过」' },
    })
  })

  it('keeps fields it does not own and bumps the version', () => {
    const doc = { ...fresh, _id: 'id-1', userId: 'user-1' }
    const r = transition(identityMachine, doc, 'start_face', user, NOW)
    expect(r.ok && r.next).toMatchObject({ _id: 'id-1', userId: 'user-1', version: 5 })
    expect(doc.status).toBe('unverified')
  })

  it('turns a rule that trips over malformed stored data into INVALID_ENTITY', () => {
    interface Box extends MachineEntity<'a' | 'b'> {
      readonly items: readonly string[]
    }
    const rule = ruleFor<Box, 'a' | 'b'>()
    const machine: Machine<Box, 'a' | 'b', 'go'> = {
      name: 'box',
      label: '盒子',
      states: ['a', 'b'],
      commands: ['go'],
      initial: 'a',
      stateLabels: { a: '甲', b: '乙' },
      commandLabels: { go: '前进' },
      table: {
        a: {
          go: rule({
            to: 'b',
            who: ['system'],
            event: 'went',
            guard: ({ entity }) =>
              entity.items.length > 0 ? undefined : { code: 'EMPTY', message: '空' },
          }),
        },
        b: {},
      },
    }
    const broken = { status: 'a', version: 0 } as unknown as Box
    const sys = { kind: 'system', id: 'timer' } as const
    expect(code(transition(machine, broken, 'go', sys, NOW))).toBe('INVALID_ENTITY')
    expect(allowedCommands(machine, broken, sys, NOW)).toEqual([])
    expect(code(transition(machine, { status: 'a', version: 0, items: [] }, 'go', sys, NOW))).toBe(
      'EMPTY',
    )
    expect(
      code(transition(machine, { status: 'a', version: 0, items: ['x'] }, 'go', sys, NOW)),
    ).toBe('ok')
  })
})

describe('allowedCommands and statusLabel', () => {
  it('lists what the actor may do, in command order', () => {
    expect(allowedCommands(identityMachine, fresh, user, NOW)).toEqual([
      'start_face',
      'submit_manual',
    ])
    expect(allowedCommands(identityMachine, fresh, { kind: 'staff', id: 's' }, NOW)).toEqual([])
  })

  it('gives nothing for malformed input instead of throwing', () => {
    expect(allowedCommands(identityMachine, null as never, user, NOW)).toEqual([])
    expect(allowedCommands(identityMachine, fresh, null as never, NOW)).toEqual([])
    expect(allowedCommands(identityMachine, fresh, user, NaN)).toEqual([])
  })

  it('labels known states and echoes unknown ones', () => {
    expect(statusLabel(identityMachine, 'verified')).toBe('已认证')
    expect(statusLabel(identityMachine, 'nope')).toBe('nope')
  })
})
