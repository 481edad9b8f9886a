import type { IncomingMessage } from 'node:http'
import { WebSocketServer, type WebSocket } from 'ws'
import type { Page } from 'playwright-core'

// The DevTools side of the miniprogram-automator protocol: `{id, method, params}` frames in,
// `{id, result}` or `{id, error: {message}}` out, events as frames without id. Tool.* and the
// browser-level App methods are answered here; App/Page/Element methods that need the running
// mini-program are forwarded to `window.__automation` in the phone page.
//
// Each simulated user is a session of its own: `ws://host:port/?openid=<openid>` talks to that
// user's phone (opened on first connect, then kept for later connections); the bare endpoint is
// the default user, which is what `automator.launch` connects to.

export const SDK_VERSION = '3.7.12'

export interface Bridge {
  readonly port: number
  readonly url: string
  /** The ws endpoint of one simulated user. */
  endpointFor(openid: string): string
  /** Opens a user's phone ahead of the first connection. */
  open(openid: string): Promise<void>
  close(): Promise<void>
}

export interface BridgeOptions {
  port: number
  defaultOpenid: string
  /** A new, blank phone page; called once per openid. */
  newPhone(): Promise<Page>
  /** Loads the mini-program as `openid` into a phone whose event channel is already bound. */
  boot(page: Page, openid: string): Promise<void>
  /** Called after `Tool.close` has been answered. */
  onToolClose?: () => void
}

interface Frame {
  id?: string
  method?: string
  params?: Record<string, unknown>
}

type Reply = { result: unknown } | { error: { message: string } }

const UNSUPPORTED: Record<string, string> = {
  'Tool.enableRemoteDebug': '真机调试只能在微信开发者工具中使用',
  'Tool.stopAudits': '体验评分只能在微信开发者工具中使用',
  'Tool.getTicket': '登录票据只能在微信开发者工具中使用',
  'Tool.setTicket': '登录票据只能在微信开发者工具中使用',
  'Tool.refreshTicket': '登录票据只能在微信开发者工具中使用',
  'Tool.getTestAccounts': '测试账号只能在微信开发者工具中使用',
  'Page.getElementByXpath': '不支持 XPath 选择器，请使用 WXML 选择器',
  'Page.getElementsByXpath': '不支持 XPath 选择器，请使用 WXML 选择器',
  'Element.callContextMethod': '不支持 video 等上下文组件的方法',
}

const OPENID = /^[A-Za-z0-9_-]{1,64}$/

interface Session {
  readonly page: Page
  readonly clients: Set<WebSocket>
  answer(frame: Frame): Promise<Reply>
}

async function createSession(page: Page): Promise<Session> {
  const clients = new Set<WebSocket>()
  let logEnabled = false
  // Events leave in the order the page produced them: a console message needs an async read of
  // its arguments, and must not overtake an exception or a later marker (the harness flushes
  // the stream with a marker before judging a test).
  let queue: Promise<void> = Promise.resolve()
  const emitInOrder = (method: string, params: () => unknown) => {
    queue = queue
      .then(async () => {
        const text = JSON.stringify({ method, params: await params() })
        for (const c of clients) if (c.readyState === c.OPEN) c.send(text)
      })
      .catch(() => undefined)
  }
  await page.exposeFunction('__automationEmit', (method: string, params: unknown) =>
    emitInOrder(method, () => params),
  )
  page.on('console', (msg) => {
    if (!logEnabled) return
    const type = msg.type()
    const mapped = type === 'warning' ? 'warn' : type
    if (!['log', 'info', 'warn', 'error', 'debug'].includes(mapped)) return
    // Messages the browser itself writes (e.g. "Failed to load resource") carry no arguments:
    // their text is the whole message.
    const handles = msg.args()
    const args =
      handles.length === 0
        ? Promise.resolve([msg.text()])
        : Promise.all(handles.map((a) => a.jsonValue().catch(() => msg.text()))).catch(() => [
            msg.text(),
          ])
    emitInOrder('App.logAdded', async () => ({ type: mapped, args: await args }))
  })
  page.on('pageerror', (err) =>
    emitInOrder('App.exceptionThrown', () => ({
      message: err.message,
      stack: err.stack ?? err.message,
    })),
  )

  const forward = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    const reply = await page.evaluate(
      ([m, p]) =>
        (
          window as unknown as {
            __automation: { handle(m: string, p: unknown): Promise<Reply> }
          }
        ).__automation.handle(m, p),
      [method, params] as const,
    )
    if ('error' in reply) throw new Error(reply.error.message)
    return reply.result
  }

  const local = async (method: string, params: Record<string, unknown>): Promise<unknown> => {
    switch (method) {
      case 'Tool.getInfo':
        return { SDKVersion: SDK_VERSION }
      case 'Tool.close':
      case 'App.exit':
        return {}
      case 'App.enableLog':
        logEnabled = true
        return {}
      case 'App.captureScreenshot': {
        const png = await page.screenshot({ type: 'png' })
        return { data: png.toString('base64') }
      }
      default:
        return forward(method, params)
    }
  }

  return {
    page,
    clients,
    answer: async (frame) => {
      const method = String(frame.method ?? '')
      if (method in UNSUPPORTED)
        return { error: { message: `自动化桥不支持 ${method}：${UNSUPPORTED[method]}` } }
      try {
        return { result: (await local(method, frame.params ?? {})) ?? {} }
      } catch (e) {
        return { error: { message: e instanceof Error ? e.message : String(e) } }
      }
    },
  }
}

function openidOf(req: IncomingMessage, fallback: string): string | null {
  const url = new URL(req.url ?? '/', 'ws://bridge')
  const openid = url.searchParams.get('openid') ?? fallback
  return OPENID.test(openid) ? openid : null
}

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const sessions = new Map<string, Promise<Session>>()
  const sessionFor = (openid: string): Promise<Session> => {
    let s = sessions.get(openid)
    if (!s) {
      s = opts.newPhone().then(async (page) => {
        const session = await createSession(page)
        await opts.boot(page, openid)
        return session
      })
      // A phone that failed to open may be retried by the next connection.
      s.catch(() => sessions.delete(openid))
      sessions.set(openid, s)
    }
    return s
  }

  const wss = new WebSocketServer({ host: '127.0.0.1', port: opts.port })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  wss.on('connection', (ws, req) => {
    const openid = openidOf(req, opts.defaultOpenid)
    if (!openid) {
      ws.close(1008, 'openid 格式不正确')
      return
    }
    const session = sessionFor(openid)
    session.then(
      (s) => {
        s.clients.add(ws)
        ws.on('close', () => s.clients.delete(ws))
      },
      () => undefined,
    )
    ws.on('message', (data) => {
      let frame: Frame
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as Frame
      } catch {
        return
      }
      void session
        .then(
          (s) => s.answer(frame),
          (e: unknown): Reply => ({
            error: {
              message: `无法打开用户 ${openid} 的模拟器：${e instanceof Error ? e.message : String(e)}`,
            },
          }),
        )
        .then((reply) => {
          if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, ...reply }))
          if (frame.method === 'Tool.close') setTimeout(() => opts.onToolClose?.(), 50)
        })
    })
  })
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  const url = `ws://127.0.0.1:${port}`
  return {
    port,
    url,
    endpointFor: (openid) => `${url}/?openid=${encodeURIComponent(openid)}`,
    open: async (openid) => {
      await sessionFor(openid)
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate()
        wss.close(() => resolve())
      }),
  }
}
