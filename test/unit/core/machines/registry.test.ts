import { describe, expect, it } from 'vitest'
import * as machines from '../../../../miniprogram/core/machines'
import { MACHINES, machineOfEvent } from '../../../../miniprogram/core/machines/registry'

const han = /\p{Script=Han}/u

describe('every machine is complete and consistent', () => {
  for (const [name, machine] of Object.entries(MACHINES)) {
    it(`${name}: names, labels and table agree`, () => {
      expect(machine.name).toBe(name)
      expect(machine.label).toMatch(han)
      expect(machine.states).toContain(machine.initial)
      expect(new Set(machine.states).size).toBe(machine.states.length)
      expect(new Set(machine.commands).size).toBe(machine.commands.length)
      expect(Object.keys(machine.stateLabels).sort()).toEqual([...machine.states].sort())
      expect(Object.keys(machine.commandLabels).sort()).toEqual([...machine.commands].sort())
      for (const label of [
        ...Object.values(machine.stateLabels),
        ...Object.values(machine.commandLabels),
      ]) {
        expect(label).toMatch(han)
      }
      expect(Object.keys(machine.table).sort()).toEqual([...machine.states].sort())
      const used = new Set<string>()
      for (const row of Object.values(machine.table) as object[]) {
        for (const command of Object.keys(row)) {
          expect(machine.commands as readonly string[]).toContain(command)
          used.add(command)
        }
      }
      // A command no state accepts would be a dead button.
      expect([...used].sort()).toEqual([...machine.commands].sort())
    })
  }

  it('finds the machine of an event type', () => {
    expect(machineOfEvent('case.submitted')?.name).toBe('case')
    expect(machineOfEvent('document_request.issued')?.name).toBe('document_request')
    expect(machineOfEvent('constructor.x')).toBeUndefined()
    expect(machineOfEvent('nothing')).toBeUndefined()
    expect(machineOfEvent(42)).toBeUndefined()
  })

  it('the barrel exports every machine and the engine', () => {
    expect(machines.transition).toBeTypeOf('function')
    expect(machines.allowedCommands).toBeTypeOf('function')
    expect(machines.filingMachine).toBe(MACHINES.filing)
    expect(machines.CASE_STATUS_LABELS.closed_without_agreement).toBe('调解终结')
  })
})
