import { translateSdkAction } from '../../../cloudbase-emulator/src/client/sdk-request'

// `Db.reqClass` for the real @cloudbase/database builder in the simulator: each SDK action goes
// to the emulator's client endpoint under the simulated user's bearer token. Unlike the
// emulator's own ClientSdkRequest it keeps `errCode`/`errMsg`, which mini-program code reads.

export interface SimDbConfig {
  readonly env: string
  readonly baseUrl: string
  readonly token: () => Promise<string>
}

type Body = Record<string, unknown>

export class SimDbRequest {
  constructor(private readonly config: SimDbConfig) {}

  async send(action: string, params: Body = {}): Promise<Body> {
    const call = translateSdkAction(action, params)
    if ('error' in call) return { ...call.error, errCode: -501001 }
    let res: Response
    try {
      res = await fetch(`${this.config.baseUrl}${call.path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${await this.config.token()}`,
        },
        body: JSON.stringify(call.body),
      })
    } catch (e) {
      return {
        code: 'NETWORK_ERROR',
        errCode: -601001,
        message: `无法连接本地云开发模拟器 ${this.config.baseUrl}（${e instanceof Error ? e.message : String(e)}）`,
      }
    }
    const reply = (await res.json().catch(() => ({}))) as Body
    const requestId = res.headers.get('x-request-id') ?? ''
    if (!res.ok) {
      return {
        requestId,
        code: reply['code'] ?? `HTTP_${res.status}`,
        errCode: reply['errCode'],
        errMsg: reply['errMsg'],
        message: reply['message'] ?? `HTTP ${res.status}`,
      }
    }
    return { requestId, ...call.reply(reply) }
  }
}
