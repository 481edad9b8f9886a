import { describe, expect, it } from 'vitest'
import {
  ACTOR_KINDS,
  type Actor,
  type ActorKind,
} from '../../../../miniprogram/core/machines/actor'
import {
  allowedCommands,
  transition,
  type Machine,
  type MachineEntity,
} from '../../../../miniprogram/core/machines/machine'

/** One allowed (state, command) pair as the test expects it. */
export interface Allowed<S extends string> {
  /** The actor who issues it in this test. */
  readonly by: Actor
  /** Further actor kinds the table also allows (every other kind must get FORBIDDEN_ACTOR). */
  readonly also?: readonly ActorKind[]
  readonly input?: unknown
  /** A cell-specific starting entity when the state's fixture does not meet this guard. */
  readonly entity?: MachineEntity<S>
  readonly to: S
  readonly events: readonly string[]
}

/** The expected outcome of every pair: listed pairs are allowed, the rest INVALID_TRANSITION. */
export type Expected<S extends string, C extends string> = {
  readonly [K in S]: { readonly [K2 in C]?: Allowed<S> }
}

/** A fixed instant for the exhaustive runs: 2026-12-01T08:00:00Z. */
export const NOW = Date.UTC(2026, 11, 1, 8, 0, 0)

/**
 * Runs every state × command pair of `machine` (pairs generated from the machine's own lists)
 * against the explicit `expected` table, starting each time from `fixtures[state]`.
 */
export function exhaustive<E extends MachineEntity<S>, S extends string, C extends string>(
  machine: Machine<E, S, C>,
  fixtures: { readonly [K in S]: E },
  expected: Expected<S, C>,
  now: number = NOW,
): void {
  describe(`${machine.name}: every state × command`, () => {
    it('the expected table covers exactly the machine states', () => {
      expect(Object.keys(expected).sort()).toEqual([...machine.states].sort())
      expect(Object.keys(fixtures).sort()).toEqual([...machine.states].sort())
    })

    for (const state of machine.states) {
      for (const command of machine.commands) {
        const cell = expected[state][command]
        if (cell) {
          it(`${state} × ${command} → ${cell.to}`, () => {
            const entity = (cell.entity ?? fixtures[state]) as E
            expect(entity.status).toBe(state)
            const result = transition(machine, entity, command, cell.by, now, cell.input)
            if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
            expect(result.next.status).toBe(cell.to)
            expect(result.next.version).toBe(entity.version + 1)
            expect(result.events.map((e) => e.type)).toEqual(cell.events)
            for (const event of result.events) {
              expect(event).toMatchObject({
                at: new Date(now),
                actorKind: cell.by.kind,
                actorId: cell.by.id,
                from: state,
                to: cell.to,
              })
            }
            expect(allowedCommands(machine, entity, cell.by, now)).toContain(command)
          })
          if (cell.also && cell.also.length > 0) {
            it(`${state} × ${command} also admits ${cell.also.join(', ')}`, () => {
              for (const kind of cell.also ?? []) {
                const entity = (cell.entity ?? fixtures[state]) as E
                const result = transition(
                  machine,
                  entity,
                  command,
                  { kind, id: cell.by.id },
                  now,
                  cell.input,
                )
                expect(result.ok ? 'ok' : result.error.code).not.toMatch(
                  /FORBIDDEN_ACTOR|INVALID_TRANSITION/,
                )
              }
            })
          }
          const allowedKinds = [cell.by.kind, ...(cell.also ?? [])]
          const forbidden = ACTOR_KINDS.filter((k) => !allowedKinds.includes(k))
          if (forbidden.length > 0) {
            it(`${state} × ${command} refuses ${forbidden.join(', ')}`, () => {
              for (const kind of forbidden) {
                const actor: Actor = { kind, id: cell.by.id }
                const entity = (cell.entity ?? fixtures[state]) as E
                const result = transition(machine, entity, command, actor, now, cell.input)
                expect(result.ok ? 'ok' : result.error.code).toBe('FORBIDDEN_ACTOR')
                expect(allowedCommands(machine, entity, actor, now)).not.toContain(command)
              }
            })
          }
        } else {
          it(`${state} × ${command} is INVALID_TRANSITION`, () => {
            for (const kind of ACTOR_KINDS) {
              const result = transition(
                machine,
                fixtures[state],
                command,
                { kind, id: 'u1' },
                now,
                {},
              )
              expect(result.ok ? 'ok' : result.error.code).toBe('INVALID_TRANSITION')
              if (!result.ok) {
                expect(result.error.message).toContain(`当前状态「${machine.stateLabels[state]}」`)
              }
            }
          })
        }
      }
      it(`${state}: allowedCommands never offers a command the table forbids`, () => {
        const listed = Object.keys(expected[state])
        for (const kind of ACTOR_KINDS) {
          const offered = allowedCommands(machine, fixtures[state], { kind, id: 'u1' }, now)
          for (const command of offered) expect(listed).toContain(command)
        }
      })
    }
  })
}
