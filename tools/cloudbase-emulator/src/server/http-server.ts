import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import { handleAdmin } from './admin'
import type { EmulatorClock } from './clock'
import type { EmulatorContext, EmulatorModule } from './contracts'
import { toErrorReply } from './errors'
import { ModuleRegistry } from './registry'
import { allowLoopbackOrigin, answerPreflight } from '../client/cors'

export interface LogEntry {
  readonly at: number
  readonly event: string
  readonly fields: Record<string, unknown>
}

export interface EmulatorServerOptions {
  readonly port: number
  readonly envId: string
  readonly dataDir: string
  readonly clock: EmulatorClock
  readonly modules: readonly EmulatorModule[]
  /** Echo log events to stderr (the CLI turns this on with EMULATOR_LOG=1). */
  readonly echoLog?: boolean
  /** Node's slow-request guards (defaults: headers 60 s, request 300 s, checked every 30 s). */
  readonly slowRequestGuard?: SlowRequestGuard
}

export interface SlowRequestGuard {
  readonly headersMs: number
  readonly requestMs: number
  readonly checkEveryMs: number
}

const LOG_CAPACITY = 2000

/** One HTTP server on 127.0.0.1 for everything; modules contribute actions and routes. */
export class EmulatorServer {
  readonly registry = new ModuleRegistry()
  readonly context: EmulatorContext
  readonly #options: EmulatorServerOptions
  readonly #server: Server
  readonly #logs: LogEntry[] = []
  #port = 0

  constructor(options: EmulatorServerOptions) {
    this.#options = options
    for (const module of options.modules) this.registry.register(module)
    this.context = {
      envId: options.envId,
      dataDir: options.dataDir,
      clock: options.clock,
      baseUrl: () => this.baseUrl,
      service: <T>(name: string): T => this.registry.service<T>(name),
      log: (event, fields = {}) => this.#log(event, fields),
    }
    const guard = options.slowRequestGuard
    this.#server = createServer(
      guard === undefined
        ? {}
        : {
            headersTimeout: guard.headersMs,
            requestTimeout: guard.requestMs,
            connectionsCheckingInterval: guard.checkEveryMs,
          },
      (req, res) => {
        void this.#handle(req, res)
      },
    )
    // Without an 'upgrade' listener Node treats a WebSocket handshake as a plain request that
    // never ends: its slow-request guard then writes `408` into the live socket after
    // headersTimeout, which the browser reads as a broken frame (`[realtime] ws event: error`).
    // Taking the upgrade here detaches Node's HTTP parser and timers from the socket.
    this.#server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.#upgrade(req, socket as Socket, head)
    })
    // Keep-alive sockets from the SDK's agent must not hold stop() open.
    this.#server.keepAliveTimeout = 5_000
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.#port}`
  }

  get port(): number {
    return this.#port
  }

  logs(): readonly LogEntry[] {
    return this.#logs
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject)
      this.#server.listen(this.#options.port, '127.0.0.1', () => {
        this.#server.off('error', reject)
        resolve()
      })
    })
    this.#port = (this.#server.address() as AddressInfo).port
    for (const module of this.registry.modules) await module.start?.(this.context)
  }

  async stop(): Promise<void> {
    for (const module of [...this.registry.modules].reverse()) await module.stop?.()
    await new Promise<void>((resolve) => {
      this.#server.close(() => resolve())
      this.#server.closeAllConnections()
    })
  }

  #log(event: string, fields: Record<string, unknown>): void {
    const entry = { at: this.#options.clock.now(), event, fields }
    this.#logs.push(entry)
    if (this.#logs.length > LOG_CAPACITY) this.#logs.splice(0, this.#logs.length - LOG_CAPACITY)
    if (this.#options.echoLog === true)
      process.stderr.write(`[emulator] ${event} ${JSON.stringify(fields)}\n`)
  }

  /** Routes see an upgrade like any request; a route that does not take the socket answers
   * through `res`, after which the socket closes (it is no longer an HTTP keep-alive socket). */
  #upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    if (head.length > 0) socket.unshift(head)
    const res = new ServerResponse(req)
    res.shouldKeepAlive = false
    res.assignSocket(socket)
    res.on('finish', () => {
      res.detachSocket(socket)
      socket.destroySoon()
    })
    void this.#handle(req, res)
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', this.baseUrl)
      const method = req.method ?? 'GET'
      if (url.pathname === '/admin' && method === 'POST') {
        await handleAdmin(req, res, url, this.registry, this.context)
        return
      }
      // The web simulator (another loopback port) drives the simulated WeChat platform through
      // these control routes: the face sheet's outcome, subscribe-prompt grants.
      if (url.pathname.startsWith('/__emulator/')) {
        if (method === 'OPTIONS') {
          answerPreflight(req, res)
          return
        }
        allowLoopbackOrigin(req, res)
      }
      const route = this.registry.route(method, url.pathname)
      if (route === undefined) {
        req.resume()
        sendJson(res, 404, {
          code: 'NOT_FOUND',
          message: `没有这个地址：${method} ${url.pathname}`,
        })
        return
      }
      await route.handle(req, res, this.context)
    } catch (err) {
      const reply = toErrorReply(err)
      this.#log('http.error', { url: req.url, message: reply.message })
      if (!res.headersSent) sendJson(res, 500, { code: reply.code, message: reply.message })
      else res.end()
    }
  }
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
  res.end(JSON.stringify(body))
}
