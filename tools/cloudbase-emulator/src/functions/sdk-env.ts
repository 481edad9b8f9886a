// The SCF-shaped environment one function instance runs in (research §1.3): the TCB seam that
// sends every wx-server-sdk call to the emulator, SCF markers, dummy keys (node-sdk rejects
// without them), and the caller's WX_* context that getWXContext() reads from process.env.
import { sdkEnvFor } from '../sdk-env'

export interface CallerIdentity {
  readonly openid: string
  readonly appid: string
  readonly unionid: string
  readonly clientIp: string
  readonly clientIpv6: string
  /** TCB_SOURCE, e.g. `wx_client`, or `wx_client,scf` for a call from another function. */
  readonly source: string
}

export const DEFAULT_APPID = 'wx0000000000000000'

/** The SCF environment of a function instance: the emulator's public SDK contract plus the
 * context-key lists SCF sets. */
export function scfEnv(baseUrl: string, envId: string): Record<string, string> {
  const base = sdkEnvFor(baseUrl, { envId })
  for (const key of Object.keys(base)) {
    if (key.startsWith('WX_') && key !== 'WX_CONTEXT_KEYS' && key !== 'WX_API_BASE')
      delete base[key]
  }
  delete base['TCB_SOURCE']
  return {
    ...base,
    // As in SCF: node-sdk forwards only the variables these lists name (WX_API_TOKEN identifies
    // the invocation to the emulator; getWXContext() hides it), and sends TCB_SOURCE on as the
    // x-tcb-source header of nested calls.
    WX_CONTEXT_KEYS:
      'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6,WX_API_TOKEN,WX_TRIGGER_API_TOKEN_V0',
    TCB_CONTEXT_KEYS: 'TCB_ENV,TCB_SEQID,TCB_SOURCE',
    WX_API_BASE: `${baseUrl.replace(/\/+$/, '')}/wxapi`,
  }
}

export function callerEnv(caller: CallerIdentity): Record<string, string> {
  return {
    WX_OPENID: caller.openid,
    WX_APPID: caller.appid,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: caller.clientIp,
    WX_CLIENTIPV6: caller.clientIpv6,
    TCB_SOURCE: caller.source,
  }
}
