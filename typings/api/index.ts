// Contracts of every cloud function, one module per function. Client services and function
// handlers are both typed from this map, so a wrong name or payload fails to compile on both sides.
export type * from './envelope'

/**
 * Function name → action name → contract (`ActionContract<Req, Res, Codes>`).
 * Each function's module (`typings/api/<function>.ts`) is imported and listed here.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface FunctionContracts {}

export type FunctionName = Extract<keyof FunctionContracts, string>
export type ActionName<F extends FunctionName> = Extract<keyof FunctionContracts[F], string>
