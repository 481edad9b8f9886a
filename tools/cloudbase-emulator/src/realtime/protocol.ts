// CloudBase realtime framing, as the open-source client in @cloudbase/database 1.4.3 speaks it:
// every frame is one JSON envelope `{ requestId, msgType, msgData, watchId?, exMsgData? }`, and a
// reply carries the requestId (and watchId) of the frame it answers.

export type ClientMsgType =
  'LOGIN' | 'INIT_WATCH' | 'REBUILD_WATCH' | 'CHECK_LAST' | 'CLOSE_WATCH' | 'PING'

export type ServerMsgType =
  'LOGIN_RES' | 'INIT_EVENT' | 'NEXT_EVENT' | 'CHECK_EVENT' | 'PONG' | 'ERROR'

const CLIENT_TYPES: ReadonlySet<string> = new Set<ClientMsgType>([
  'LOGIN',
  'INIT_WATCH',
  'REBUILD_WATCH',
  'CHECK_LAST',
  'CLOSE_WATCH',
  'PING',
])

export interface ClientMessage {
  readonly requestId: string
  readonly msgType: ClientMsgType
  readonly watchId: string | undefined
  readonly msgData: Readonly<Record<string, unknown>>
  readonly exMsgData: Readonly<Record<string, unknown>>
}

export interface ServerMessage {
  readonly requestId: string
  readonly msgType: ServerMsgType
  readonly watchId?: string | undefined
  readonly msgData: unknown
}

/** One change as the client expects it on the wire (PascalCase keys, documents as JSON text). */
export interface WireEvent {
  readonly ID: number
  readonly DataType: 'init' | 'add' | 'update' | 'remove' | 'replace' | 'limit'
  readonly QueueType: 'init' | 'enqueue' | 'dequeue' | 'update'
  readonly DocID: string
  readonly Doc: string
  readonly UpdatedFields?: string
  readonly RemovedFields?: string
  /** The 1.4.3 client reads `removedFields` (lower case) when either spelling is present. */
  readonly removedFields?: string
}

/** Error codes the client knows (virtual-websocket-client.js) plus the emulator's own. */
export type RealtimeErrorCode =
  | 'CHECK_LOGIN_FAILED'
  | 'SIGN_INVALID_ERROR'
  | 'SIGN_PARAM_INVALID'
  | 'QUERYID_INVALID_ERROR'
  | 'COLLECTION_PERMISSION_DENIED'
  | 'INVALIID_ENV'
  | 'INVALID_QUERY'
  | 'WATCH_LIMIT_EXCEEDED'
  | 'INVALID_MESSAGE'
  | 'SYS_ERR'

export type ParsedFrame =
  | { readonly ok: true; readonly message: ClientMessage }
  | { readonly ok: false; readonly requestId: string; readonly message: string }

function asRecord(value: unknown): Readonly<Record<string, unknown>> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {}
}

/** Decodes one text frame; bad frames become a typed failure, never an exception. */
export function parseFrame(raw: string): ParsedFrame {
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return { ok: false, requestId: '', message: '消息不是合法的 JSON' }
  }
  const envelope = asRecord(value)
  const requestId = typeof envelope['requestId'] === 'string' ? envelope['requestId'] : ''
  const msgType = envelope['msgType']
  if (typeof msgType !== 'string' || !CLIENT_TYPES.has(msgType)) {
    return { ok: false, requestId, message: `不支持的消息类型 ${String(msgType)}` }
  }
  const watchId = envelope['watchId']
  return {
    ok: true,
    message: {
      requestId,
      msgType: msgType as ClientMsgType,
      watchId: typeof watchId === 'string' ? watchId : undefined,
      msgData: asRecord(envelope['msgData']),
      exMsgData: asRecord(envelope['exMsgData']),
    },
  }
}

export function errorFrame(
  requestId: string,
  watchId: string | undefined,
  code: RealtimeErrorCode,
  message: string,
): ServerMessage {
  return {
    requestId,
    msgType: 'ERROR',
    ...(watchId === undefined ? {} : { watchId }),
    msgData: { code, message },
  }
}
