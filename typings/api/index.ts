// Contracts of every cloud function, one module per function. Client services and function
// handlers are both typed from this map, so a wrong name or payload fails to compile on both sides.
import type { CommonErrorCode } from './envelope'
import type { MessagesContracts } from './messages'
import type { ProfileContracts } from './profile'
import type { VerifyIdentityContracts } from './verifyIdentity'
import type { MediationCaseContracts } from './mediationCase'
import type { RecommendMediatorContracts } from './recommendMediator'
import type { MediatorDeskContracts } from './mediatorDesk'
import type { VideoMediationContracts } from './videoMediation'
import type { SignAgreementContracts } from './signAgreement'
import type { JudicialConfirmationContracts } from './judicialConfirmation'
import type { MediationDocumentContracts } from './mediationDocument'
import type { FileCaseContracts } from './fileCase'
import type { WithdrawCaseContracts } from './withdrawCase'
import type { RenderDocumentContracts } from './renderDocument'
import type { DeadlinesContracts } from './deadlines'
import type { OrgDeskContracts } from './orgDesk'

// Per-function types are imported from their own module (`typings/api/<function>`): re-exporting
// them all here would make any two modules that share a type name collide.
export type * from './envelope'
export type * from './common'

/**
 * Function name → action name → contract (`ActionContract<Req, Res, Codes>`).
 * Each function's module (`typings/api/<function>.ts`) is imported and listed here.
 */
export interface FunctionContracts {
  readonly profile: ProfileContracts
  readonly messages: MessagesContracts
  readonly verifyIdentity: VerifyIdentityContracts
  readonly mediationCase: MediationCaseContracts
  readonly recommendMediator: RecommendMediatorContracts
  readonly mediatorDesk: MediatorDeskContracts
  readonly videoMediation: VideoMediationContracts
  readonly signAgreement: SignAgreementContracts
  readonly judicialConfirmation: JudicialConfirmationContracts
  readonly mediationDocument: MediationDocumentContracts
  readonly fileCase: FileCaseContracts
  readonly withdrawCase: WithdrawCaseContracts
  readonly renderDocument: RenderDocumentContracts
  readonly deadlines: DeadlinesContracts
  readonly orgDesk: OrgDeskContracts
}

export type FunctionName = Extract<keyof FunctionContracts, string>
export type ActionName<F extends FunctionName> = Extract<keyof FunctionContracts[F], string>

/** The contract of one action. */
export type ContractOf<F extends FunctionName, A extends ActionName<F>> = FunctionContracts[F][A]

export type RequestOf<F extends FunctionName, A extends ActionName<F>> =
  ContractOf<F, A> extends { readonly request: infer R } ? R : never
export type ResponseOf<F extends FunctionName, A extends ActionName<F>> =
  ContractOf<F, A> extends { readonly response: infer R } ? R : never
/** Every code the action may answer: its own plus the common ones (and `NETWORK` on the client). */
export type ErrorCodeOf<F extends FunctionName, A extends ActionName<F>> =
  | (ContractOf<F, A> extends { readonly errors: infer C extends string } ? C : never)
  | CommonErrorCode
