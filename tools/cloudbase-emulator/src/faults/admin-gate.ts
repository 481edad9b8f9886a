// The /admin side of fault injection: database writes and storage calls fail with the codes
// CloudBase answers (wx-server-sdk turns them into `-502001 database request fail` and
// `-503001 storage request fail`), before the handler runs, so a failed write changes nothing.
import type { AdminReply, AdminRequest, EmulatorContext } from '../server/contracts'
import type { FaultInjector } from './injector'

const DATABASE_WRITES = new Set([
  'database.insertDocument',
  'database.modifyDocument',
  'database.modifyAndReturnDoc',
  'database.removeDocument',
  'database.commitTransaction',
])

interface TokenLookup {
  runtime(): { invocationForToken(token: unknown): { function: { name: string } } | undefined }
}

/** The function whose invocation sent this admin call (by its WX_API_TOKEN), if any. */
function callingFunction(emu: EmulatorContext, token: unknown): string | undefined {
  try {
    return emu.service<TokenLookup>('functions').runtime().invocationForToken(token)?.function.name
  } catch {
    return undefined
  }
}

export async function adminFault(
  faults: FaultInjector,
  req: AdminRequest,
  emu: EmulatorContext,
): Promise<AdminReply | undefined> {
  const token = req.body['wxCloudApiToken']
  const transactionId = req.body['transactionId']
  const inTransaction = typeof transactionId === 'string' && transactionId !== ''
  if (inTransaction) {
    const ends =
      req.action === 'database.commitTransaction' || req.action === 'database.abortTransaction'
    faults.trackTransaction(token, transactionId, req.envName, ends)
  }
  const held = faults.stall(token, req.action, inTransaction)
  if (held !== undefined) {
    await held
    return {
      kind: 'error',
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      message: '所属云函数已超时被终止，本次请求未执行（故障注入）',
    }
  }
  const collection = req.body['collectionName']
  const name = typeof collection === 'string' ? collection : undefined
  if (inTransaction && req.action !== 'database.commitTransaction') {
    // A transaction is one write, failed (if at all) at its commit, where the SDK rolls it back.
    if (name !== undefined) faults.noteTransactionWrite(transactionId, name)
    if (req.action === 'database.abortTransaction') faults.endTransaction(transactionId)
  } else if (DATABASE_WRITES.has(req.action)) {
    const touched = inTransaction
      ? faults.endTransaction(transactionId)
      : name === undefined
        ? []
        : [name]
    if (faults.failDatabaseWrite(touched, callingFunction(emu, token))) {
      return {
        kind: 'error',
        code: 'DATABASE_REQUEST_FAILED',
        message: '数据库写入失败，未做任何修改（故障注入）',
      }
    }
  }
  if (req.action.startsWith('storage.') && faults.failStorage(callingFunction(emu, token))) {
    return { kind: 'error', code: 'STORAGE_REQUEST_FAIL', message: '存储请求失败（故障注入）' }
  }
  return undefined
}
