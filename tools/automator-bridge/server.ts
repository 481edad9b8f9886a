import { WebSocketServer, type WebSocket } from 'ws'
import type { Page } from 'playwright-core'

// The DevTools side of the miniprogram-automator protocol: `{id, method, params}` frames in,
// `{id, result}` or `{id, error: {message}}` out, events as frames without id. Tool.* and the
// browser-level App methods are answered here; App/Page/Element methods that need the running
// mini-program are forwarded to `window.__automation` in the phone page.

export const SDK_VERSION = '3.7.12'

export interface Bridge {
  readonly port: number
  readonly url: string
  close(): Promise<void>
}

export interface BridgeOptions {
  port: number
  page: Page
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

export async function startBridge(opts: BridgeOptions): Promise<Bridge> {
  const { page } = opts
  const clients = new Set<WebSocket>()
  let logEnabled = false
  const broadcast = (method: string, params: unknown) => {
    const text = JSON.stringify({ method, params })
    for (const c of clients) if (c.readyState === c.OPEN) c.send(text)
  }
  await page.exposeFunction('__automationEmit', (method: string, params: unknown) =>
    broadcast(method, params),
  )
  page.on('console', (msg) => {
    if (!logEnabled) return
    const type = msg.type()
    const mapped = type === 'warning' ? 'warn' : type
    if (!['log', 'info', 'warn', 'error', 'debug'].includes(mapped)) return
    void Promise.all(msg.args().map((a) => a.jsonValue().catch(() => msg.text())))
      .catch(() => [msg.text()])
      .then((args) => broadcast('App.logAdded', { type: mapped, args }))
  })
  page.on('pageerror', (err) =>
    broadcast('App.exceptionThrown', { message: err.message, stack: err.stack ?? err.message }),
  )

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

  const answer = async (frame: Frame): Promise<Reply> => {
    const method = String(frame.method ?? '')
    if (method in UNSUPPORTED)
      return { error: { message: `自动化桥不支持 ${method}：${UNSUPPORTED[method]}` } }
    try {
      return { result: (await local(method, frame.params ?? {})) ?? {} }
    } catch (e) {
      return { error: { message: e instanceof Error ? e.message : String(e) } }
    }
  }

  const wss = new WebSocketServer({ host: '127.0.0.1', port: opts.port })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  wss.on('connection', (ws) => {
    clients.add(ws)
    ws.on('close', () => clients.delete(ws))
    ws.on('message', (data) => {
      let frame: Frame
      try {
        frame = JSON.parse((data as Buffer).toString('utf8')) as Frame
      } catch {
        return
      }
      void answer(frame).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ id: frame.id, ...reply }))
        if (frame.method === 'Tool.close') setTimeout(() => opts.onToolClose?.(), 50)
      })
    })
  })
  const address = wss.address()
  const port = typeof address === 'object' && address ? address.port : opts.port
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of clients) c.terminate()
        wss.close(() => resolve())
      }),
  }
}
