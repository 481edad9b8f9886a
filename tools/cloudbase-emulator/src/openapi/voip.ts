// getVoIPSign, both as the svrkit `ApiVoipSign` call behind cloud.getVoIPSign and as the
// `cloudbase.getVoIPSign` open API: signs for the calling user with their local session_key.
import { sessionKeyFor, voipSignature } from './voip-sign'
import { asString, wxError, wxOk, type OpenApiCall, type OpenApiResult } from './types'

export type VoipSignOutcome =
  { ok: true; signature: string } | { ok: false; errcode: number; errmsg: string }

export function signForCaller(
  call: Pick<OpenApiCall, 'caller'>,
  groupId: string,
  timestamp: number,
  nonce: string,
): VoipSignOutcome {
  const openid = call.caller?.openid
  if (!openid)
    return {
      ok: false,
      errcode: -604104,
      errmsg: 'illegal source of invocation：签名需要用户身份（OPENID）',
    }
  if (!groupId) return { ok: false, errcode: 47001, errmsg: 'data format error：groupId 不能为空' }
  if (!nonce || nonce.length >= 128)
    return { ok: false, errcode: 47001, errmsg: 'data format error：nonce 长度须在 1-127 之间' }
  if (!Number.isInteger(timestamp) || timestamp <= 0) {
    return { ok: false, errcode: 47001, errmsg: 'data format error：timestamp 必须是秒级时间戳' }
  }
  const appId = call.caller?.appid || 'wx0000000000000000'
  return {
    ok: true,
    signature: voipSignature({
      appId,
      groupId,
      nonce,
      timestamp,
      sessionKey: sessionKeyFor(openid),
    }),
  }
}

export function cloudbaseGetVoipSign(call: OpenApiCall): Promise<OpenApiResult> {
  const out = signForCaller(
    call,
    asString(call.params['group_id']) ?? '',
    Number(call.params['timestamp']),
    asString(call.params['nonce']) ?? '',
  )
  return Promise.resolve(
    out.ok ? wxOk({ signature: out.signature }) : wxError(out.errcode, out.errmsg),
  )
}
