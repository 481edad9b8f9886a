// The web simulator's page is served from another loopback port, so the browser needs CORS
// headers to read replies, and a preflight answer for its JSON + Authorization requests. Only
// loopback origins are let in: the emulator is a local dev tool.
import type { IncomingMessage, ServerResponse } from 'node:http'

const LOOPBACK_ORIGIN = /^https?:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

export function allowLoopbackOrigin(req: IncomingMessage, res: ServerResponse): void {
  const origin = req.headers.origin
  if (origin === undefined || !LOOPBACK_ORIGIN.test(origin)) return
  res.setHeader('access-control-allow-origin', origin)
  res.setHeader('vary', 'Origin')
}

/** OPTIONS /client/*: the browser's preflight for a cross-origin JSON call with a bearer token. */
export function answerPreflight(req: IncomingMessage, res: ServerResponse): void {
  allowLoopbackOrigin(req, res)
  res.setHeader('access-control-allow-methods', 'POST')
  res.setHeader('access-control-allow-headers', 'authorization, content-type')
  res.setHeader('access-control-max-age', '600')
  res.writeHead(204)
  res.end()
}
