import { agreementMachine } from './agreement'
import { documentRequestMachine } from './document-request'
import { filingMachine } from './filing'
import { identityMachine } from './identity'
import { judicialConfirmationMachine } from './judicial-confirmation'
import { mediationCaseMachine } from './mediation-case'

/**
 * Every machine by its event prefix, so a timeline can label an event (`case.submitted`) or a
 * stored status without knowing in advance which entity it came from.
 */
export const MACHINES = {
  identity: identityMachine,
  case: mediationCaseMachine,
  agreement: agreementMachine,
  confirmation: judicialConfirmationMachine,
  document_request: documentRequestMachine,
  filing: filingMachine,
} as const

/** The event prefixes (= machine names). */
export type MachineName = keyof typeof MACHINES

/** The machine an event type belongs to (`case.submitted` → the case machine), if any. */
export function machineOfEvent(type: unknown): (typeof MACHINES)[MachineName] | undefined {
  if (typeof type !== 'string') return undefined
  const prefix = type.slice(0, type.indexOf('.'))
  return Object.prototype.hasOwnProperty.call(MACHINES, prefix)
    ? MACHINES[prefix as MachineName]
    : undefined
}
