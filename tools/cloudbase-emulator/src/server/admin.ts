import { randomBytes } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { adminFault } from '../faults/admin-gate'
import type { FaultInjector } from '../faults/injector'
import { readBody } from './body'
import type { AdminReply, AdminRequest, EmulatorContext } from './contracts'
import { ENV_NAME_RULE, isLocalEnvName } from './env-names'
import { TcbCode, toErrorReply } from './errors'
import { boundaryOf, parseMultipart } from './multipart'
import { now, profiling, recordAdmin } from './profile'
import type { ModuleRegistry } from './registry'

export function newRequestId(): string {
  return `local-${randomBytes(8).toString('hex')}`
}

type Decoded =
  | {
      readonly ok: true
      readonly body: Record<string, unknown>
      readonly parts: Map<string, Buffer>
    }
  | { readonly ok: false; readonly reply: AdminReply & { kind: 'error' } }

function invalid(code: string, message: string): Decoded {
  return { ok: false, reply: { kind: 'error', code, message } }
}

function decode(raw: Buffer, contentType: string): Decoded {
  if (contentType.toLowerCase().startsWith('multipart/form-data')) {
    const boundary = boundaryOf(contentType)
    const parts = boundary === undefined ? undefined : parseMultipart(raw, boundary)
    if (parts === undefined) return invalid(TcbCode.INVALID_PARAM, 'multipart 请求体格式错误')
    const body: Record<string, unknown> = {}
    const files = new Map<string, Buffer>()
    for (const part of parts) {
      files.set(part.name, part.data)
      if (part.filename === undefined) body[part.name] = part.data.toString('utf8')
    }
    return { ok: true, body, parts: files }
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw.toString('utf8'))
  } catch {
    return invalid(TcbCode.INVALID_PARAM, '请求体不是合法的 JSON')
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return invalid(TcbCode.INVALID_PARAM, '请求体必须是 JSON 对象')
  }
  return { ok: true, body: parsed as Record<string, unknown>, parts: new Map() }
}

function send(res: ServerResponse, requestId: string, reply: AdminReply): void {
  if (reply.kind === 'bytes') {
    res.writeHead(200, { 'content-type': reply.contentType, 'x-request-id': requestId })
    res.end(reply.body)
    return
  }
  const payload =
    reply.kind === 'json'
      ? { requestId, ...reply.body }
      : { requestId, code: reply.code, message: reply.message }
  // TCB answers errors with HTTP 200 too; node-sdk reads `code` from the JSON body.
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(payload))
}

/** POST /admin: decode, check the environment, dispatch to the module's action. */
export async function handleAdmin(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  registry: ModuleRegistry,
  emu: EmulatorContext,
): Promise<void> {
  const requestId = newRequestId()
  const read = await readBody(req)
  if (read.kind === 'too-large') {
    emu.log('admin.too-large', { bytes: read.bytes })
    send(res, requestId, {
      kind: 'error',
      code: TcbCode.EXCEED_REQUEST_LIMIT,
      message: `请求体 ${read.bytes} 字节，超过 5 MB 上限`,
    })
    return
  }
  const decoded = decode(read.body, req.headers['content-type'] ?? 'application/json')
  if (!decoded.ok) {
    send(res, requestId, decoded.reply)
    return
  }
  const action = decoded.body['action']
  const envName = url.searchParams.get('env') ?? decoded.body['envName']
  if (!isLocalEnvName(envName)) {
    send(res, requestId, {
      kind: 'error',
      code: TcbCode.INVALID_ENV,
      message: `不支持的环境 ${String(envName)}：${ENV_NAME_RULE}`,
    })
    return
  }
  const handler = typeof action === 'string' ? registry.action(action) : undefined
  if (typeof action !== 'string' || handler === undefined) {
    send(res, requestId, {
      kind: 'error',
      code: TcbCode.INVALID_ACTION,
      message: `模拟器不支持的动作 ${String(action)}`,
    })
    return
  }
  const request: AdminRequest = {
    action,
    envName,
    body: decoded.body,
    parts: decoded.parts,
    headers: req.headers,
  }
  let reply: AdminReply
  const t0 = profiling ? now() : 0
  try {
    const faults = registry.hasService('faults')
      ? registry.service<FaultInjector>('faults')
      : undefined
    const injected = faults === undefined ? undefined : await adminFault(faults, request, emu)
    reply = injected ?? (await handler(request, emu))
  } catch (err) {
    reply = toErrorReply(err)
  }
  if (profiling) {
    recordAdmin(decoded.body['wxCloudApiToken'], action, now() - t0, decoded.body, reply)
  }
  if (reply.kind === 'error') emu.log('admin.error', { action, envName, code: reply.code })
  send(res, requestId, reply)
}
