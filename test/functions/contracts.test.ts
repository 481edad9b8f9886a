// Type-level tests of the API contracts: these lines fail to compile (npm run typecheck) and
// fail at run time (vitest's expectTypeOf) when a contract drifts.
import { describe, expectTypeOf, it } from 'vitest'
import type { CallResult, createCaller } from '../../miniprogram/services/caller'
import type {
  ActionName,
  ErrorCodeOf,
  FunctionName,
  RequestOf,
  ResponseOf,
} from '../../typings/api/index'
import type { IdType } from '../../miniprogram/core/identity/id-types'

type AnyCall = ReturnType<typeof createCaller>
const _startFace = (call: AnyCall) =>
  call('verifyIdentity', 'startFace', { name: '张伟', idNumber: '1' })

describe('FunctionContracts', () => {
  it('names the functions of this module set', () => {
    expectTypeOf<'profile'>().toExtend<FunctionName>()
    expectTypeOf<'messages'>().toExtend<FunctionName>()
    expectTypeOf<'verifyIdentity'>().toExtend<FunctionName>()
    expectTypeOf<'notAFunction'>().not.toExtend<FunctionName>()
  })

  it('lists every action', () => {
    expectTypeOf<ActionName<'profile'>>().toEqualTypeOf<
      'whoAmI' | 'recordSubscribeGrants' | 'acceptPrivacy'
    >()
    expectTypeOf<ActionName<'messages'>>().toEqualTypeOf<'list' | 'markRead' | 'markAllRead'>()
    expectTypeOf<ActionName<'verifyIdentity'>>().toEqualTypeOf<
      | 'status'
      | 'startFace'
      | 'confirmFace'
      | 'submitManual'
      | 'listPending'
      | 'claimReview'
      | 'releaseReview'
      | 'approve'
      | 'reject'
      | 'delete'
    >()
  })

  it('requests require what the server requires', () => {
    expectTypeOf<RequestOf<'verifyIdentity', 'startFace'>>().toEqualTypeOf<{
      readonly name: string
      readonly idNumber: string
    }>()
    expectTypeOf<RequestOf<'verifyIdentity', 'reject'>>()
      .toHaveProperty('reason')
      .toEqualTypeOf<string>()
    expectTypeOf<RequestOf<'verifyIdentity', 'submitManual'>['idType']>().toEqualTypeOf<IdType>()
    expectTypeOf<RequestOf<'messages', 'markRead'>['ids']>().toEqualTypeOf<readonly string[]>()
  })

  it('responses carry masked values and ISO times only', () => {
    type View = ResponseOf<'verifyIdentity', 'status'>
    expectTypeOf<View['maskedIdNumber']>().toEqualTypeOf<string | null>()
    expectTypeOf<View>().not.toHaveProperty('idNumber')
    expectTypeOf<View>().not.toHaveProperty('name')
    expectTypeOf<View['verifiedAt']>().toEqualTypeOf<string | null>()
  })

  it('error codes are the action’s own plus the common ones', () => {
    expectTypeOf<'FACE_NOT_FINISHED'>().toExtend<ErrorCodeOf<'verifyIdentity', 'confirmFace'>>()
    expectTypeOf<'INVALID_INPUT'>().toExtend<ErrorCodeOf<'messages', 'list'>>()
    expectTypeOf<'FACE_NOT_FINISHED'>().not.toExtend<ErrorCodeOf<'messages', 'list'>>()
  })

  it('the client call is typed from the contracts', () => {
    expectTypeOf<Parameters<AnyCall>>().toExtend<[FunctionName, string, unknown, ...unknown[]]>()
    type StartFace = CallResult<'verifyIdentity', 'startFace'>
    expectTypeOf<Awaited<ReturnType<typeof _startFace>>>().toEqualTypeOf<StartFace>()
    expectTypeOf<Extract<StartFace, { ok: true }>['data']['verifyId']>().toEqualTypeOf<string>()
    expectTypeOf<Extract<StartFace, { ok: false }>['error']['code']>().toExtend<
      ErrorCodeOf<'verifyIdentity', 'startFace'> | 'NETWORK'
    >()
    // @ts-expect-error — an unknown action does not compile
    void ((call: AnyCall) => call('messages', 'dropTables', {}))
    // @ts-expect-error — a missing field does not compile
    void ((call: AnyCall) => call('verifyIdentity', 'startFace', { name: '张伟' }))
  })
})
