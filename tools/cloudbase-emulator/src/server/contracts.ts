// The seams between the emulator's parts. The HTTP server (server/) owns the port and dispatches
// every /admin action and every extra HTTP route to the module that registered it; modules
// (database, storage, functions, openapi, face, client, realtime, console) never open ports of
// their own. Keep these names stable: each module is written against them.
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http'

/** The emulator's clock. Tests can run it controlled (set/advance) to fire timers and expiries. */
export interface Clock {
  now(): number
  /** True when tests may move the clock (`startEmulator({ clock: 'controlled' })`). */
  readonly controllable?: boolean
  /** Called after every set/advance of a controllable clock; returns an unsubscribe function. */
  subscribe?(listener: (now: number) => void): () => void
}

/** One decoded POST /admin call from wx-server-sdk (through @cloudbase/node-sdk). */
export interface AdminRequest {
  readonly action: string
  readonly envName: string
  /** JSON body, or for multipart bodies (wx.openApi) the text fields. */
  readonly body: Record<string, unknown>
  /** Multipart file/binary parts by field name (wx.openApi `requestData` etc.). */
  readonly parts: ReadonlyMap<string, Buffer>
  readonly headers: IncomingHttpHeaders
}

/** What an action answers: JSON (merged into `{ requestId, ... }`), raw bytes, or a TCB error. */
export type AdminReply =
  | { readonly kind: 'json'; readonly body: Record<string, unknown> }
  | { readonly kind: 'bytes'; readonly contentType: string; readonly body: Buffer }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }

export type AdminAction = (req: AdminRequest, emu: EmulatorContext) => Promise<AdminReply>

/** An extra HTTP route (e.g. `/__cos/*`, `/client/callFunction`, `/__emulator/reset`). */
export interface HttpRoute {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'OPTIONS'
  /** Exact path, or a prefix when it ends with `*`. */
  readonly path: string
  handle(req: IncomingMessage, res: ServerResponse, emu: EmulatorContext): Promise<void>
}

/** A change committed to the database, in commit order (realtime watch and triggers listen). */
export interface ChangeEvent {
  readonly envName: string
  readonly collection: string
  readonly docId: string
  readonly type: 'add' | 'update' | 'remove' | 'replace'
  /** The document after the change (undefined for remove). Canonical JS values, not EJSON. */
  readonly after: Record<string, unknown> | undefined
  readonly before: Record<string, unknown> | undefined
}

/** What every module can use. `database`/`storage`/`functions` are filled by their modules. */
export interface EmulatorContext {
  readonly envId: string
  readonly dataDir: string
  readonly clock: Clock
  /** e.g. http://127.0.0.1:8790 — the one origin everything is served from. */
  baseUrl(): string
  /** Look up another module's public API by name (e.g. 'database', 'functions'). */
  service<T>(name: string): T
  log(event: string, fields?: Record<string, unknown>): void
}

export interface EmulatorModule {
  readonly name: string
  readonly actions?: Readonly<Record<string, AdminAction>>
  readonly routes?: readonly HttpRoute[]
  /** The module's public API, reachable by other modules through `emu.service(name)`. */
  readonly api?: unknown
  start?(emu: EmulatorContext): Promise<void>
  stop?(): Promise<void>
}
