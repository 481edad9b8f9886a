// The `console` emulator module: a small page at GET /console (collections and documents, the
// subscribe-message outbox, function logs, simulated users) and the JSON endpoints behind it.
import type { IncomingMessage, ServerResponse } from 'node:http'
import { EJSON } from 'bson'
import type { ClientService } from '../client'
import type { DatabaseApi } from '../client/database-api'
import type { EmulatorContext, EmulatorModule, HttpRoute } from '../server/contracts'
import { page, type Tab } from './html'
import {
  collectionsView,
  CONSOLE_MAX_PAGE,
  CONSOLE_PAGE_SIZE,
  logsView,
  outboxView,
  usersView,
} from './views'

export { escapeHtml } from './html'
export { OUTBOX_COLLECTION } from './views'

const TABS: readonly Tab[] = ['collections', 'outbox', 'logs', 'users']

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  })
  res.end(JSON.stringify(body))
}

function paging(url: URL): { skip: number; limit: number } {
  const skip = Number.parseInt(url.searchParams.get('skip') ?? '0', 10)
  const limit = Number.parseInt(url.searchParams.get('limit') ?? String(CONSOLE_PAGE_SIZE), 10)
  return {
    skip: Number.isFinite(skip) && skip > 0 ? skip : 0,
    limit:
      Number.isFinite(limit) && limit > 0 ? Math.min(limit, CONSOLE_MAX_PAGE) : CONSOLE_PAGE_SIZE,
  }
}

function optionalService<T>(emu: EmulatorContext, name: string): T | undefined {
  try {
    return emu.service<T>(name)
  } catch {
    return undefined
  }
}

function envOf(url: URL, emu: EmulatorContext): string {
  return url.searchParams.get('env') ?? emu.envId
}

function urlOf(req: IncomingMessage): URL {
  return new URL(req.url ?? '/', 'http://127.0.0.1')
}

/** The functions module serves its own logs; read them over loopback so the modules stay apart. */
async function fetchLogs(emu: EmulatorContext, invocationId: string | null): Promise<unknown> {
  const query = new URLSearchParams({ limit: '300' })
  if (invocationId !== null) query.set('invocationId', invocationId)
  try {
    const res = await fetch(`${emu.baseUrl()}/__emulator/logs?${query.toString()}`)
    return res.ok ? ((await res.json()) as unknown) : undefined
  } catch {
    return undefined
  }
}

export function createConsoleModule(): EmulatorModule {
  const consolePage: HttpRoute = {
    method: 'GET',
    path: '/console',
    async handle(req, res, emu) {
      const url = urlOf(req)
      const requested = url.searchParams.get('tab')
      const tab: Tab = TABS.find((t) => t === requested) ?? 'collections'
      const env = envOf(url, emu)
      const { skip, limit } = paging(url)
      const db = emu.service<DatabaseApi>('database')
      let body: string
      switch (tab) {
        case 'collections':
          body = collectionsView(db, env, url.searchParams.get('c') ?? undefined, skip, limit)
          break
        case 'outbox':
          body = outboxView(db, env, skip, limit)
          break
        case 'logs':
          body = logsView(
            (await fetchLogs(emu, url.searchParams.get('invocation'))) as Parameters<
              typeof logsView
            >[0],
          )
          break
        case 'users':
          body = usersView(optionalService<ClientService>(emu, 'client'))
          break
      }
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // The page runs only its own inline script; data can never add one.
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; connect-src 'self'",
      })
      res.end(page({ title: '控制台', tab, envId: env, body }))
    },
  }

  const collections: HttpRoute = {
    method: 'GET',
    path: '/__emulator/collections',
    handle(req, res, emu) {
      const env = envOf(urlOf(req), emu)
      const db = emu.service<DatabaseApi>('database')
      sendJson(res, 200, {
        envId: env,
        collections: db
          .listCollections(env)
          .map((name) => ({ name, count: db.collection(env, name).count() })),
      })
      return Promise.resolve()
    },
  }

  const documents: HttpRoute = {
    method: 'GET',
    path: '/__emulator/collections/*',
    handle(req, res, emu) {
      const url = urlOf(req)
      const env = envOf(url, emu)
      const name = decodeURIComponent(url.pathname.slice('/__emulator/collections/'.length))
      const db = emu.service<DatabaseApi>('database')
      if (!db.listCollections(env).includes(name)) {
        sendJson(res, 404, {
          code: 'DATABASE_COLLECTION_NOT_EXIST',
          message: `集合 ${name} 不存在`,
        })
        return Promise.resolve()
      }
      const { skip, limit } = paging(url)
      const handle = db.collection(env, name)
      sendJson(res, 200, {
        envId: env,
        name,
        total: handle.count(),
        skip,
        limit,
        documents: handle
          .find({}, { skip, limit })
          .map((doc) => EJSON.serialize(doc, { relaxed: true })),
      })
      return Promise.resolve()
    },
  }

  const sessions: HttpRoute = {
    method: 'GET',
    path: '/__emulator/sessions',
    handle(_req, res, emu) {
      const client = optionalService<ClientService>(emu, 'client')
      sendJson(res, 200, { sessions: client?.sessions.list() ?? [] })
      return Promise.resolve()
    },
  }

  return { name: 'console', routes: [consolePage, collections, documents, sessions] }
}
