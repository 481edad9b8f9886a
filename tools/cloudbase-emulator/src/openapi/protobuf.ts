// The protobuf messages of the `wx.openApi` channel, re-declared with protobufjs. Field numbers
// are those of the generated encoders in wx-server-sdk 4.0.2 (index.js, `$root.CommApiData` etc.).
import protobuf from 'protobufjs'

const root = protobuf.Root.fromJSON({
  nested: {
    KeyValuePair: {
      fields: {
        key: { type: 'string', id: 1 },
        value: { type: 'bytes', id: 2 },
        contenttype: { type: 'string', id: 3 },
        filename: { type: 'string', id: 4 },
      },
    },
    OpenApiData: { fields: { pairs: { rule: 'repeated', type: 'KeyValuePair', id: 1 } } },
    SvrkitApiData: {
      fields: { apiName: { type: 'string', id: 1 }, reqData: { type: 'bytes', id: 2 } },
    },
    CommApiData: {
      fields: {
        apiType: { type: 'int32', id: 1 },
        openapiData: { type: 'OpenApiData', id: 2 },
        svrkitData: { type: 'SvrkitApiData', id: 4 },
        appid: { type: 'string', id: 6 },
      },
    },
    CommOpenApiResp: {
      fields: {
        respData: { type: 'bytes', id: 1 },
        contentType: { type: 'string', id: 2 },
        errorCode: { type: 'int32', id: 3 },
        httpCode: { type: 'uint32', id: 4 },
        svrkitErrorCode: { type: 'int32', id: 6 },
      },
    },
    ApiVoipSignReq: {
      fields: {
        groupId: { type: 'string', id: 2 },
        timestamp: { type: 'uint32', id: 3 },
        nonce: { type: 'string', id: 4 },
      },
    },
    ApiVoipSignResp: { fields: { signature: { type: 'string', id: 1 } } },
  },
})

const CommApiData = root.lookupType('CommApiData')
const CommOpenApiResp = root.lookupType('CommOpenApiResp')
const ApiVoipSignReq = root.lookupType('ApiVoipSignReq')
const ApiVoipSignResp = root.lookupType('ApiVoipSignResp')

export const API_TYPE = { OPEN_API: 0, INNER_API: 1, SVRKIT_API: 2, TOKEN_API: 3 } as const

export interface KeyValuePair {
  readonly key: string
  readonly value: Uint8Array
  readonly contenttype?: string
  readonly filename?: string
}

export interface DecodedCommApiData {
  readonly apiType: number
  readonly pairs: readonly KeyValuePair[]
  readonly svrkit?: { readonly apiName: string; readonly reqData: Uint8Array }
  readonly appid: string
}

export interface OpenApiResponse {
  readonly respData?: Uint8Array
  readonly contentType?: string
  readonly errorCode?: number
  readonly httpCode?: number
  readonly svrkitErrorCode?: number
}

interface RawComm {
  apiType?: number
  openapiData?: { pairs?: KeyValuePair[] }
  svrkitData?: { apiName?: string; reqData?: Uint8Array }
  appid?: string
}

/** Decodes `requestData`; undefined when it is not a CommApiData message. */
export function decodeCommApiData(buf: Uint8Array): DecodedCommApiData | undefined {
  let msg: RawComm
  try {
    msg = CommApiData.toObject(CommApiData.decode(buf), { defaults: true })
  } catch {
    return undefined
  }
  const svrkit = msg.svrkitData
  return {
    apiType: msg.apiType ?? 0,
    pairs: msg.openapiData?.pairs ?? [],
    ...(svrkit
      ? { svrkit: { apiName: svrkit.apiName ?? '', reqData: svrkit.reqData ?? new Uint8Array() } }
      : {}),
    appid: msg.appid ?? '',
  }
}

export function encodeOpenApiResponse(resp: OpenApiResponse): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject(resp)).finish())
}

export function decodeOpenApiResponse(buf: Uint8Array): OpenApiResponse {
  return CommOpenApiResp.toObject(CommOpenApiResp.decode(buf), {
    defaults: true,
  })
}

export function decodeVoipSignReq(
  buf: Uint8Array,
): { groupId: string; timestamp: number; nonce: string } | undefined {
  try {
    const o = ApiVoipSignReq.toObject(ApiVoipSignReq.decode(buf), { defaults: true }) as {
      groupId: string
      timestamp: number
      nonce: string
    }
    return o
  } catch {
    return undefined
  }
}

export function encodeVoipSignResp(signature: string): Buffer {
  return Buffer.from(ApiVoipSignResp.encode(ApiVoipSignResp.fromObject({ signature })).finish())
}

/** The value of each pair, parsed as the JSON the SDK serialised it to (raw text if it is not). */
export function pairsToParams(pairs: readonly KeyValuePair[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const p of pairs) {
    if (p.filename) {
      out[p.key] = {
        contentType: p.contenttype ?? '',
        fileName: p.filename,
        value: Buffer.from(p.value),
      }
      continue
    }
    const text = Buffer.from(p.value).toString('utf8')
    try {
      out[p.key] = JSON.parse(text) as unknown
    } catch {
      out[p.key] = text
    }
  }
  return out
}
