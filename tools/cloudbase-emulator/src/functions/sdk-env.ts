// The SCF-shaped environment one function instance runs in (research §1.3): the TCB seam that
// sends every wx-server-sdk call to the emulator, SCF markers, dummy keys (node-sdk rejects
// without them), and the caller's WX_* context that getWXContext() reads from process.env.

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
export const DEFAULT_REGION = 'ap-shanghai'

export function scfEnv(baseUrl: string, envId: string): Record<string, string> {
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TENCENTCLOUD_REGION: DEFAULT_REGION,
    TENCENTCLOUD_SECRETID: 'AKIDlocalemulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-emulator-session-token',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
    WX_API_BASE: `${baseUrl}/wxapi`,
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
