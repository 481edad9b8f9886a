// The error shapes CloudBase gives for failed invocations. `code` is the TCB code string the
// admin API answers with (wx-server-sdk maps it to its numeric errCode); `errCode` is the number a
// mini-program client sees, so the client endpoint can pass it on unchanged.

export interface InvokeError {
  readonly code: string
  readonly errCode: number
  readonly message: string
}

export type InvokeOutcome =
  | { readonly result: unknown; readonly invocationId: string }
  | { readonly error: InvokeError; readonly invocationId: string }

export function functionNotFound(name: string): InvokeError {
  return {
    code: 'FUNCTION_NOT_FOUND',
    errCode: -501000,
    message: `[FUNCTION_NOT_FOUND] 找不到对应的FunctionName. (functionName: ${name})`,
  }
}

export function invalidFunctionName(name: string): InvokeError {
  return {
    code: 'INVALID_PARAM',
    errCode: -501007,
    message: `函数名不合法：${JSON.stringify(name)}`,
  }
}

export function timedOut(seconds: number): InvokeError {
  return {
    code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
    errCode: -504003,
    message: `Invoking task timed out after ${seconds} seconds`,
  }
}

export function executeFail(err: { name: string; message: string; stack: string }): InvokeError {
  const head = `${err.name}: ${err.message}`
  const stack = err.stack.startsWith(head) ? err.stack : `${head}\n${err.stack}`
  return {
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errCode: -504002,
    message: stack.trim() || head,
  }
}

export function instanceCrashed(detail: string): InvokeError {
  return {
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errCode: -504002,
    message: `函数实例异常退出：${detail}`,
  }
}

export function resultNotSerialisable(detail: string): InvokeError {
  return {
    code: 'FUNCTIONS_EXECUTE_FAIL',
    errCode: -504002,
    message: `函数返回值无法序列化为 JSON：${detail}`,
  }
}
