/** The caller identity a cloud function sees through `cloud.getWXContext()`. */
export interface WxContext {
  readonly openid?: string
  readonly appid?: string
  readonly unionid?: string
  readonly clientIp?: string
  readonly clientIpv6?: string
  /** TCB_SOURCE, e.g. `wx_client`. */
  readonly source?: string
  /** The environment id the SDK uses for `cloud.DYNAMIC_CURRENT_ENV`; default `demo-local`. */
  readonly envId?: string
}

export const DEFAULT_ENV_ID = 'demo-local'

/**
 * The environment under which the real, unmodified `wx-server-sdk` works against the emulator:
 * `TCB_CONTEXT_CNFG` redirects every call (node-sdk reads it on each request), `SCF` mode skips
 * the metadata probe, dummy keys stop node-sdk's "missing secretId" rejection, and the `WX_*`
 * variables are what `getWXContext()` returns.
 */
export function sdkEnvFor(baseUrl: string, wxContext: WxContext = {}): Record<string, string> {
  const envId = wxContext.envId ?? DEFAULT_ENV_ID
  const origin = baseUrl.replace(/\/+$/, '')
  return {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${origin}/admin` }),
    TENCENTCLOUD_RUNENV: 'SCF',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    TENCENTCLOUD_REGION: 'ap-shanghai',
    TENCENTCLOUD_SECRETID: 'AKIDlocalemulator',
    TENCENTCLOUD_SECRETKEY: 'local-emulator-secret-key',
    TENCENTCLOUD_SESSIONTOKEN: 'local-emulator-session-token',
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID,WX_UNIONID,WX_CLIENTIP,WX_CLIENTIPV6',
    WX_OPENID: wxContext.openid ?? 'o_local_user_0001',
    WX_APPID: wxContext.appid ?? 'wx0000000000000000',
    WX_UNIONID: wxContext.unionid ?? '',
    WX_CLIENTIP: wxContext.clientIp ?? '127.0.0.1',
    WX_CLIENTIPV6: wxContext.clientIpv6 ?? '::1',
    TCB_SOURCE: wxContext.source ?? 'wx_client',
    WX_API_BASE: `${origin}/wxapi`,
  }
}
