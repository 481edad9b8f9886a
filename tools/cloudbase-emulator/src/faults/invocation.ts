// The functions-runtime side of fault injection: an injected failure answers as SCF does for a
// function that failed (`FUNCTIONS_EXECUTE_FAIL`, -504002) without running it; an injected
// timeout lets the function run until its stall point and answers the timeout only once the
// configured timeout has passed, leaving whatever the function had written in place.
import type { DatabaseService } from '../database/index'
import type { InvokeError } from '../functions/errors'
import type { EmulatorContext } from '../server/contracts'
import type { InstanceResult } from '../functions/instance'
import type { FaultInjector } from './injector'

export function injectedFailure(functionName: string): InvokeError {
  return {
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errCode: -504002,
    message: `Error: 云函数 ${functionName} 执行失败（故障注入）\n    at faultInjection (emulator)`,
  }
}

export async function timeoutAfter(
  faults: FaultInjector,
  token: string,
  result: InstanceResult,
  deadline: number,
): Promise<InstanceResult> {
  const wait = deadline - Date.now()
  if (result.kind !== 'timeout' && wait > 0) await new Promise((r) => setTimeout(r, wait))
  faults.disarm(token)
  return { kind: 'timeout' }
}

/**
 * Rolls back what a terminated instance (timeout or crash) left open. The emulator serialises
 * transactions per environment, so an abandoned one would block every other function until its
 * 30 s idle rollback; CloudBase, with snapshot isolation, would not block them.
 */
export function rollBackAbandoned(
  faults: FaultInjector | undefined,
  emu: EmulatorContext,
  token: string,
): void {
  for (const { transactionId, env } of faults?.abandoned(token) ?? []) {
    try {
      emu.service<DatabaseService>('database').engine.abortTransaction(env, transactionId)
    } catch {
      // Already committed or rolled back.
    }
  }
}
